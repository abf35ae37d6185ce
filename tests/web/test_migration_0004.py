"""An existing database (schema 0003) upgrades to the document's tables: its conferences get their current
phase dated from their creation (the report's method statement lists the phases), its members stay named. On
SQLite, or on PostgreSQL when DELIBERATE_TEST_DATABASE_URL is set."""
from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from deliberate.migrate import alembic_config


def test_old_database_gains_a_phase_history_and_the_document_tables(fresh_database):
    url = fresh_database(migrated=False)
    cfg = alembic_config(url)
    command.upgrade(cfg, "0003")
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as c:
        c.execute(text("INSERT INTO conference (id, slug, title, question, description, phase, created_at, "
                       "moderation_reasons) VALUES (1, 'x', 'T', 'Q', '', 'drafting', '2026-01-01 10:00:00', '[]')"))
        c.execute(text("INSERT INTO member (id, conference_id, role, display_name, token_hash, created_at) "
                       "VALUES (1, 1, 'panelist', 'Alice', 'h', '2026-01-01')"))
    command.upgrade(cfg, "head")
    with engine.connect() as c:
        assert c.execute(text("SELECT conference_id, phase, CAST(at AS VARCHAR), by_id FROM phase_change")).all() == [
            (1, "drafting", "2026-01-01 10:00:00", None)]
        assert c.execute(text("SELECT display_name, erased_at FROM member")).all() == [("Alice", None)]
    tables = set(inspect(engine).get_table_names())
    assert {"paragraph", "paragraph_version", "consent", "minority_statement", "statement_signature",
            "correction", "publication"} <= tables
    command.downgrade(cfg, "0003")  # and back: the migration is reversible
    tables = set(inspect(engine).get_table_names())
    assert "paragraph" not in tables and "phase_change" not in tables
    engine.dispose()
