"""`deliberate backup` / `deliberate restore` on SQLite (online backup API) and PostgreSQL (pg_dump/pg_restore)."""
import glob
import os
import shutil
import socket
import sqlite3
import subprocess
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from deliberate.cli import main
from deliberate.migrate import alembic_config
from deliberate.extensions import db
from deliberate.models import Member
from deliberate.services.room import arguments, moderation, votes
from tests.conftest import ON_POSTGRES, sqlite_only
from tests.helpers import using

# The latest migration: a restored backup is brought up to it, whatever it is today.
HEAD = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()

ROOT = Path(__file__).resolve().parents[2]


def run(monkeypatch, url, *args):
    monkeypatch.setenv("DELIBERATE_DATABASE_URL", url)
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("DELIBERATE_INSTANCE_PATH", str(tmp_path / "instance"))
    for name in ("DELIBERATE_SECRET_KEY", "DELIBERATE_REDIS_URL", "DELIBERATE_ENV", "DELIBERATE_ANALYSIS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DELIBERATE_EMBEDDER", "toy:32")
    return tmp_path


def contents(url) -> dict:
    """Every row of every table, in a comparable form."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return {name: sorted(tuple(map(repr, row)) for row in connection.execute(text(f'SELECT * FROM "{name}"')))
                    for name in inspect(engine).get_table_names()}
    finally:
        engine.dispose()


def populate(app, conference, join, recorder):
    author, _ = join(conference, "panelist", "Autrice")
    voter, _ = join(conference, "public", "Votant")
    fac, _ = join(conference, "facilitator", "Fanny")
    with app.app_context():
        author, voter, fac = (db.session.get(Member, m.id) for m in (author, voter, fac))
        posted = [arguments.post_argument(author, f"Argument numéro {i} sur la viande.", "for", deps=using(recorder),
                                          key=f"k{i}") for i in range(5)]
        for i, argument in enumerate(posted):
            votes.cast_vote(voter, argument.id, (-1, 0, 1)[i % 3], deps=using(recorder), key=f"v{i}")
        moderation.moderate(fac, posted[0].id, "hide", "Hors sujet", deps=using(recorder))
        db.session.remove()


@sqlite_only
def test_a_live_sqlite_database_is_backed_up_consistently_and_restored_row_for_row(
        app, conference, join, recorder, env, monkeypatch):
    populate(app, conference, join, recorder)
    source = app.config["SQLALCHEMY_DATABASE_URI"]
    expected = contents(source)
    # The server keeps writing: a transaction open during the backup is not in it (WAL: it is not blocked either).
    writer = sqlite3.connect(make_url(source).database, isolation_level=None)
    writer.execute("PRAGMA busy_timeout=5000")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE conference SET title = 'pas encore validé'")
    out = env / "backups" / "viande.sqlite3"
    result = run(monkeypatch, source, "backup", str(out))
    writer.execute("ROLLBACK")
    writer.close()
    assert result.exit_code == 0, result.output
    assert not Path(str(out) + "-wal").exists() and not Path(str(out) + ".part").exists()

    target = f"sqlite:///{env / 'restored' / 'deliberate.sqlite3'}"
    result = run(monkeypatch, target, "restore", str(out))
    assert result.exit_code == 0, result.output
    restored = contents(target)
    assert restored == expected
    assert [len(restored[t]) for t in ("argument", "vote", "command_key", "moderation_decision")] == [5, 5, 10, 1]
    assert "pas encore validé" not in repr(restored)


@sqlite_only
def test_restore_refuses_a_database_with_data_unless_forced(app, conference, join, recorder, env, monkeypatch):
    populate(app, conference, join, recorder)
    source = app.config["SQLALCHEMY_DATABASE_URI"]
    out = env / "b.sqlite3"
    assert run(monkeypatch, source, "backup", str(out)).exit_code == 0
    target = f"sqlite:///{env / 'other.sqlite3'}"
    assert run(monkeypatch, target, "conference", "create", "autre", "--title", "T", "--question", "Q").exit_code == 0
    before = contents(target)
    refused = run(monkeypatch, target, "restore", str(out))
    assert refused.exit_code == 1 and "holds data" in refused.output and "--force" in refused.output
    assert contents(target) == before
    forced = run(monkeypatch, target, "restore", "--force", str(out))
    assert forced.exit_code == 0, forced.output
    assert contents(target) == contents(source)


@sqlite_only
def test_restore_checks_the_file_before_touching_the_database(env, monkeypatch, tmp_path):
    target = f"sqlite:///{env / 'target.sqlite3'}"
    assert run(monkeypatch, target, "db", "upgrade").exit_code == 0
    before = contents(target)
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(b"=cmd|' /C calc'!A0\n" * 100)
    stranger = tmp_path / "stranger.sqlite3"
    with sqlite3.connect(stranger) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    good = tmp_path / "good.sqlite3"
    assert run(monkeypatch, target, "backup", str(good)).exit_code == 0
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(good.read_bytes()[:3 * 4096])
    for bad, message in [(garbage, "neither a SQLite database nor a pg_dump archive"),
                         (stranger, "not a usable deliberate backup"), (truncated, "")]:
        # A clean message (Click's "Error: ..."), not a traceback.
        result = run(monkeypatch, target, "restore", "--force", str(bad))
        assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
        assert result.output.startswith("Error: ") and message in result.output, result.output
    assert contents(target) == before


@sqlite_only
def test_an_old_backup_comes_up_to_date(env, monkeypatch, tmp_path):
    from alembic import command
    from deliberate.migrate import alembic_config

    old = tmp_path / "old.sqlite3"
    command.upgrade(alembic_config(f"sqlite:///{old}"), "0004")
    with sqlite3.connect(old) as connection:
        connection.execute("INSERT INTO conference (slug, title, question, description, phase, created_at, "
                           "moderation_reasons) VALUES ('ancienne', 'Ancienne', 'Q ?', '', 'preparation', "
                           "'2026-01-01 00:00:00', '[]')")
    connection.close()
    target = f"sqlite:///{env / 'new.sqlite3'}"
    result = run(monkeypatch, target, "restore", str(old))
    assert result.exit_code == 0, result.output
    assert f"0004 -> {HEAD}" in result.output
    restored = contents(target)
    assert restored["alembic_version"] == [(f"'{HEAD}'",)] and "command_key" in restored
    assert [row[1] for row in restored["conference"]] == ["'ancienne'"]


# ---- PostgreSQL ------------------------------------------------------------------------------------------------

def _pg_binaries() -> bool:
    return bool(shutil.which("pg_dump") or glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))


@pytest.fixture(scope="module")
def pg_server():
    """A PostgreSQL server: DELIBERATE_TEST_DATABASE_URL's, else a throwaway cluster (.ci/postgres) when the
    binaries are installed; skipped otherwise."""
    if ON_POSTGRES:
        yield os.environ["DELIBERATE_TEST_DATABASE_URL"]
        return
    if not (_pg_binaries() and glob.glob("/usr/lib/postgresql/*/bin/initdb") or shutil.which("initdb")):
        pytest.skip("PostgreSQL binaries not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    script = str(ROOT / ".ci" / "postgres")
    started = subprocess.run([script, "start", port], capture_output=True, text=True, timeout=120)
    if started.returncode != 0:
        pytest.skip(f"could not start PostgreSQL: {started.stderr[-500:]}")
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([script, "stop", port], capture_output=True, timeout=120)


@pytest.fixture
def pg_database(pg_server):
    """pg_database() -> URL of a new empty database on the server, dropped after the test."""
    url = make_url(pg_server)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    made = []

    def make() -> str:
        name = f"deliberate_backup_{os.getpid()}_{len(made)}"
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        made.append(name)
        return url.set(database=name).render_as_string(hide_password=False)

    yield make
    with admin.connect() as connection:
        for name in made:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.mark.skipif(not _pg_binaries(), reason="pg_dump not installed")
def test_postgresql_backup_and_restore_with_pg_dump(env, monkeypatch, pg_database):
    from alembic import command
    from deliberate.migrate import alembic_config

    source, target, old = pg_database(), pg_database(), pg_database()
    assert run(monkeypatch, source, "conference", "create", "viande", "--title", "T", "--question", "Q").exit_code == 0
    out = env / "viande.dump"
    result = run(monkeypatch, source, "backup", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PGDMP")
    result = run(monkeypatch, target, "restore", str(out))
    assert result.exit_code == 0, result.output
    assert contents(target) == contents(source)
    # Refused over data, then forced.
    assert run(monkeypatch, target, "conference", "create", "autre", "--title", "T", "--question", "Q").exit_code == 0
    refused = run(monkeypatch, target, "restore", str(out))
    assert refused.exit_code == 1 and "holds data" in refused.output
    assert run(monkeypatch, target, "restore", "--force", str(out)).exit_code == 0
    assert contents(target) == contents(source)
    # An archive from an older revision comes up to date, even over a newer schema.
    command.upgrade(alembic_config(old), "0004")
    old_dump = env / "old.dump"
    assert run(monkeypatch, old, "backup", str(old_dump)).exit_code == 0
    result = run(monkeypatch, target, "restore", "--force", str(old_dump))
    assert result.exit_code == 0, result.output
    restored = contents(target)
    assert restored["alembic_version"] == [(f"'{HEAD}'",)] and restored["conference"] == []
    # A SQLite file is not restored into PostgreSQL.
    sqlite_file = env / "x.sqlite3"
    sqlite3.connect(sqlite_file).execute("CREATE TABLE t (x)").connection.close()
    wrong = run(monkeypatch, target, "restore", str(sqlite_file))
    assert wrong.exit_code == 1 and "is a sqlite backup" in wrong.output
