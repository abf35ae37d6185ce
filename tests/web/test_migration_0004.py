"""An existing database (schema 0003) upgrades to the document's tables: its conferences get their current
phase dated from their creation (the report's method statement lists the phases), its members stay named."""
import sqlite3

from alembic import command

from deliberate.migrate import alembic_config


def test_old_database_gains_a_phase_history_and_the_document_tables(tmp_path):
    path = tmp_path / "old.sqlite3"
    cfg = alembic_config(f"sqlite:///{path}")
    command.upgrade(cfg, "0003")
    with sqlite3.connect(path) as c:
        c.execute("INSERT INTO conference (id, slug, title, question, description, phase, created_at, "
                  "moderation_reasons) VALUES (1, 'x', 'T', 'Q', '', 'drafting', '2026-01-01 10:00:00', '[]')")
        c.execute("INSERT INTO member (id, conference_id, role, display_name, token_hash, created_at) "
                  "VALUES (1, 1, 'panelist', 'Alice', 'h', '2026-01-01')")
    command.upgrade(cfg, "head")
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT conference_id, phase, at, by_id FROM phase_change").fetchall() == [
            (1, "drafting", "2026-01-01 10:00:00", None)]
        assert c.execute("SELECT display_name, erased_at FROM member").fetchall() == [("Alice", None)]
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"paragraph", "paragraph_version", "consent", "minority_statement", "statement_signature",
                "correction", "publication"} <= tables
    command.downgrade(cfg, "0003")  # and back: the migration is reversible
    with sqlite3.connect(path) as c:
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "paragraph" not in tables and "phase_change" not in tables
