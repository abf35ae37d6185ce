"""An existing database (schema 0002) upgrades: its conferences get a stakeholder invite and their hidden
arguments the first entries of the moderation history."""
import sqlite3

from alembic import command

from deliberate.migrate import alembic_config


def test_old_database_gains_stakeholder_invites_and_history(tmp_path):
    path = tmp_path / "old.sqlite3"
    cfg = alembic_config(f"sqlite:///{path}")
    command.upgrade(cfg, "0002")
    with sqlite3.connect(path) as c:
        c.execute("INSERT INTO conference (id, slug, title, question, description, phase, created_at) "
                  "VALUES (1, 'x', 'T', 'Q', '', 'deliberation', '2026-01-01')")
        for i, role in enumerate(["organiser", "facilitator", "expert", "panelist", "public", "observer"]):
            c.execute("INSERT INTO invite (conference_id, role, code) VALUES (1, ?, ?)", (role, f"AAAA-BBB{i}"))
        c.execute("INSERT INTO member (id, conference_id, role, display_name, token_hash, created_at) "
                  "VALUES (1, 1, 'panelist', 'A', 'h', '2026-01-01')")
        c.execute("INSERT INTO argument (id, conference_id, author_id, text, stance, kind, status, moderation_reason, "
                  "moderated_by_id, moderated_at, created_at) "
                  "VALUES (1, 1, 1, 't', 'for', 'argument', 'hidden', 'Hors sujet', 1, '2026-01-02', '2026-01-01')")
    command.upgrade(cfg, "head")
    with sqlite3.connect(path) as c:
        [(code,)] = c.execute("SELECT code FROM invite WHERE role = 'stakeholder'").fetchall()
        assert len(code) == 9 and code[4] == "-"
        assert c.execute("SELECT action, reason, moderator_id FROM moderation_decision").fetchall() == [
            ("hide", "Hors sujet", 1)]
        assert c.execute("SELECT moderation_reasons FROM conference").fetchall() == [("[]",)]
