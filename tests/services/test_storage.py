"""Storage: the migrations build exactly the models' schema; SQLite runs in WAL mode."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from deliberate.extensions import db
from deliberate.migrate import is_up_to_date, upgrade
from deliberate.models import Base


def test_migrations_match_the_models(app):
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_upgrade_is_idempotent_and_reports_up_to_date(app):
    assert is_up_to_date(app)
    upgrade(app)  # a second run changes nothing and does not fail
    assert is_up_to_date(app)


def test_sqlite_uses_wal_and_foreign_keys(app):
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
