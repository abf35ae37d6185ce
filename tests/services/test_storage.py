"""Storage: the migrations build exactly the models' schema; SQLite runs in WAL mode; the suite runs on the
database it was given (PostgreSQL when DELIBERATE_TEST_DATABASE_URL is set)."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from deliberate.extensions import db
from deliberate.migrate import is_up_to_date, upgrade
from deliberate.models import Base
from tests.conftest import ON_POSTGRES, sqlite_only


def test_migrations_match_the_models(app):
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_upgrade_is_idempotent_and_reports_up_to_date(app):
    assert is_up_to_date(app)
    upgrade(app)  # a second run changes nothing and does not fail
    assert is_up_to_date(app)


def test_the_suite_runs_on_the_database_it_was_given(app):
    assert db.engine.dialect.name == ("postgresql" if ON_POSTGRES else "sqlite")


@sqlite_only
def test_sqlite_uses_wal_and_foreign_keys(app):
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
