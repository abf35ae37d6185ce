"""deliberate: live consensus conferences. create_app reads like a table of contents."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from deliberate import config as config_module

if TYPE_CHECKING:
    from flask import Flask

SOURCE_ROOT = Path(__file__).resolve().parent.parent
# templates/, static/ and migrations/ sit at the top of the repository (a checkout or an editable install); a
# wheel carries copies of them inside the package, in _assets/ (see setup.py).
ROOT = SOURCE_ROOT if (SOURCE_ROOT / "migrations" / "env.py").is_file() else Path(__file__).resolve().parent / "_assets"


def create_app(config: dict | None = None) -> "Flask":
    # Flask is imported here, not at the top: `deliberate.analysis` (pure) must import without it.
    from flask import Flask

    config = dict(config or {})
    settings = dict(config_module.DEFAULTS)
    if not config.get("TESTING"):  # tests give every setting themselves and never read the environment
        settings.update(config_module.from_environment(development=config.pop("DEVELOPMENT", None)))
    settings.update(config)
    app = Flask(__name__, instance_path=settings["INSTANCE_PATH"],
                template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    app.config.update(settings)
    # Session cookies expire DELIBERATE_SESSION_DAYS after the last visit (Flask checks the signed timestamp).
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=app.config["DELIBERATE_SESSION_DAYS"])
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from deliberate import extensions, i18n, live_setup
    from deliberate.web import init_app as init_web

    extensions.db.init_app(app)
    extensions.csrf.init_app(app)
    i18n.init_app(app)
    live_setup.init_app(app)  # Socket.IO server, publisher, rate limiter
    init_web(app)  # blueprints and the /live namespace
    return app
