"""An existing database (schema 0002) upgrades: its conferences get a stakeholder invite and their hidden
arguments the first entries of the moderation history; its votes stay (SQLite rebuilds the argument table). On
SQLite, or on PostgreSQL when DELIBERATE_TEST_DATABASE_URL is set."""
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from deliberate import create_app
from deliberate.extensions import db
from deliberate.migrate import alembic_config, upgrade


def test_old_database_gains_stakeholder_invites_and_history(fresh_database, tmp_path):
    url = fresh_database(migrated=False)
    cfg = alembic_config(url)
    command.upgrade(cfg, "0002")
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as c:
        c.execute(text("INSERT INTO conference (id, slug, title, question, description, phase, created_at) "
                       "VALUES (1, 'x', 'T', 'Q', '', 'deliberation', '2026-01-01')"))
        for i, role in enumerate(["organiser", "facilitator", "expert", "panelist", "public", "observer"]):
            c.execute(text("INSERT INTO invite (conference_id, role, code) VALUES (1, :role, :code)"),
                      {"role": role, "code": f"AAAA-BBB{i}"})
        c.execute(text("INSERT INTO member (id, conference_id, role, display_name, token_hash, created_at) "
                       "VALUES (1, 1, 'panelist', 'A', 'h', '2026-01-01')"))
        c.execute(text("INSERT INTO argument (id, conference_id, author_id, text, stance, kind, status, "
                       "moderation_reason, moderated_by_id, moderated_at, created_at) VALUES (1, 1, 1, 't', 'for', "
                       "'argument', 'hidden', 'Hors sujet', 1, '2026-01-02', '2026-01-01')"))
        c.execute(text("INSERT INTO vote (conference_id, argument_id, member_id, value, created_at, updated_at) "
                       "VALUES (1, 1, 1, -1, '2026-01-01', '2026-01-01')"))
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "INSTANCE_PATH": str(tmp_path),
                      "SQLALCHEMY_DATABASE_URI": url, "DELIBERATE_ANALYSIS": "off"})
    upgrade(app)  # as `deliberate db upgrade` does: on the app's engine, foreign keys on (SQLite)
    with app.app_context():
        db.engine.dispose()
    with engine.connect() as c:
        [(code,)] = c.execute(text("SELECT code FROM invite WHERE role = 'stakeholder'")).all()
        assert len(code) == 9 and code[4] == "-"
        assert c.execute(text("SELECT action, reason, moderator_id FROM moderation_decision")).all() == [
            ("hide", "Hors sujet", 1)]
        assert c.execute(text("SELECT CAST(moderation_reasons AS TEXT) FROM conference")).all() == [("[]",)]
        assert c.execute(text("SELECT argument_id, member_id, value FROM vote")).all() == [(1, 1, -1)]
    engine.dispose()
