"""Bring a database (new or old) up to the latest schema with Alembic."""
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from deliberate import ROOT

MIGRATIONS = ROOT / "migrations"


def alembic_config(database_url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return cfg


def upgrade(app) -> None:
    """Apply every pending migration to the app's database."""
    with app.app_context():
        from deliberate.extensions import db

        with db.engine.begin() as connection:
            cfg = alembic_config(app.config["SQLALCHEMY_DATABASE_URI"])
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")


def is_up_to_date(app) -> bool:
    with app.app_context():
        from deliberate.extensions import db

        with db.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_heads()
        head = ScriptDirectory.from_config(alembic_config(app.config["SQLALCHEMY_DATABASE_URI"])).get_heads()
        return set(current) == set(head)
