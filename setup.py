"""Only one thing pyproject.toml cannot say: a wheel must carry templates/, static/ and migrations/, which the
project keeps at the top of the repository. They are copied into the package as deliberate/_assets/ at build
time, where deliberate.ROOT finds them when no checkout is around."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ASSETS = ("templates", "static", "migrations")


class build_py_with_assets(build_py):
    def run(self):
        super().run()
        if self.editable_mode:  # an editable install reads the folders in place
            return
        here = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "deliberate" / "_assets"
        for name in ASSETS:
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(here / name, target / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": build_py_with_assets})
