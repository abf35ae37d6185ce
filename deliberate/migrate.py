"""Bring a database (new or old) up to the latest schema with Alembic."""
import contextlib

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

        with db.engine.connect() as connection, sqlite_foreign_keys_off(connection):
            with connection.begin():
                cfg = alembic_config(app.config["SQLALCHEMY_DATABASE_URI"])
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")  # migrations/env.py checks the foreign keys before the commit


@contextlib.contextmanager
def sqlite_foreign_keys_off(connection):
    """SQLite: foreign keys off while migrating, back on after.

    Batch migrations rebuild a SQLite table (copy it, drop the old one, rename the copy); with foreign keys on,
    dropping the old table deletes, by ON DELETE CASCADE, every row of other tables that points at it (votes,
    arguments...). The pragma only takes effect outside a transaction, hence a connection of its own. PostgreSQL
    alters tables in place and needs nothing.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()
    try:
        yield
    finally:
        connection.rollback()  # nothing pending: the migrations committed or rolled back
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


def check_foreign_keys(connection) -> None:
    """SQLite: refuse to commit migrations that left rows pointing at nothing (foreign keys were off)."""
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"the migration left rows without their parent: {broken[:10]}")


def current_revision(connection) -> str | None:
    """The revision a database is at (None: never migrated), read by Alembic from its own version table."""
    return MigrationContext.configure(connection).get_current_revision()


def is_up_to_date(app) -> bool:
    with app.app_context():
        from deliberate.extensions import db

        with db.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_heads()
        head = ScriptDirectory.from_config(alembic_config(app.config["SQLALCHEMY_DATABASE_URI"])).get_heads()
        return set(current) == set(head)
