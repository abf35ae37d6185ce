"""Every migration upgrades and downgrades, with data in the tables, on SQLite and (DELIBERATE_TEST_DATABASE_URL)
on PostgreSQL: down to nothing and up again to the models' exact schema."""
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.pool import NullPool

from deliberate import create_app
from deliberate.extensions import db
from deliberate.migrate import alembic_config
from deliberate.models import Base, Conference, Invite, Member
from deliberate.services import conferences
from deliberate.services.room import arguments, moderation, votes
from deliberate.services.members import membership
from tests.helpers import using


def test_every_migration_downgrades_to_nothing_and_upgrades_again(fresh_database, tmp_path):
    url = fresh_database(migrated=False)
    cfg = alembic_config(url)
    command.upgrade(cfg, "head")
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "INSTANCE_PATH": str(tmp_path),
                      "SQLALCHEMY_DATABASE_URI": url, "DELIBERATE_ANALYSIS": "off", "DELIBERATE_EMBEDDER": "toy:32",
                      "DELIBERATE_LIMITS": "off", "DELIBERATE_TALLY_INTERVAL": 0})
    with app.app_context():
        _, codes = conferences.create_conference("viande", "T", "Q ?")
        organiser = membership.join("viande", codes["organiser"], "Orga", deps=using())[0]
        panelist = membership.join("viande", codes["panelist"], "Alice", deps=using())[0]
        conferences.set_phase(organiser, "deliberation", deps=using())
        argument = arguments.post_argument(panelist, "Moins de viande à la cantine.", "for", deps=using())
        votes.cast_vote(organiser, argument.id, 1, deps=using())
        moderation.moderate(organiser, argument.id, "hide", "Hors sujet", deps=using())
        db.session.remove()
        db.engine.dispose()

    engine = create_engine(url, poolclass=NullPool)
    for revision in ("0003", "0002", "0001"):  # each step down keeps what the older schema can hold
        command.downgrade(cfg, revision)
        with engine.connect() as c:
            assert c.execute(text("SELECT slug FROM conference")).all() == [("viande",)]
            assert c.execute(text("SELECT status FROM argument")).all() == [("hidden",)]
            assert c.execute(text("SELECT value FROM vote")).all() == [(1,)]
    command.downgrade(cfg, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

    command.upgrade(cfg, "head")
    with engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata)
        assert diff == []
        assert c.execute(select(Conference.slug)).all() == []
    with engine.begin() as c:  # ids start again from 1 and inserts work on the rebuilt tables
        c.execute(Conference.__table__.insert().values(slug="x", title="T", question="Q", description="",
                                                       phase="preparation", moderation_reasons=[]))
        c.execute(Invite.__table__.insert().values(conference_id=1, role="panelist", code="AAAA-BBBB"))
        c.execute(Member.__table__.insert().values(conference_id=1, role="panelist", display_name="A",
                                                   token_hash="h"))
    engine.dispose()
