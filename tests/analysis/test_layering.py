"""Dependency direction (DESIGN.md section 2): web -> services -> (models, analysis), never back."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "deliberate"


def imports_of(folder: str) -> dict[str, set[str]]:
    result = {}
    for path in (PACKAGE / folder).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        result[str(path.relative_to(PACKAGE))] = names
    return result


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    return [f"{file}: {name}" for file, names in imports_of(folder).items() for name in names
            if name.split(".")[0] in forbidden or name.startswith(forbidden)]


def test_analysis_imports_neither_flask_nor_sqlalchemy():
    assert (PACKAGE / "analysis" / "__init__.py").exists()
    assert offenders("analysis", ("flask", "flask_socketio", "flask_sqlalchemy", "sqlalchemy", "deliberate.web",
                                  "deliberate.services", "deliberate.models")) == []


def test_models_know_nothing_about_requests_or_services():
    assert offenders("models", ("flask", "deliberate.web", "deliberate.services")) == []


def test_services_never_import_the_web_layer():
    assert offenders("services", ("deliberate.web",)) == []


def test_importing_the_analysis_loads_neither_flask_nor_sqlalchemy():
    import subprocess
    import sys

    code = ("import sys, pkgutil, importlib, deliberate.analysis as a\n"
            "for m in pkgutil.walk_packages(a.__path__, 'deliberate.analysis.'): importlib.import_module(m.name)\n"
            "print(sorted(n for n in sys.modules if n.split('.')[0] in ('flask', 'sqlalchemy', 'flask_sqlalchemy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_services_reach_no_flask_global():
    """Collaborators are handed in (services/collaborators.py): no `current_app`, `request`, `g` or `session`,
    so nothing under services/ imports Flask itself (Flask-Babel's translations are allowed)."""
    found = [f"{file}: {name}" for file, names in imports_of("services").items() for name in names
             if name == "flask" or name.startswith(("flask.", "flask_socketio"))]
    assert found == []
