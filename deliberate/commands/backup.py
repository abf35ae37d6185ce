"""`deliberate backup OUT` and `deliberate restore IN`: the whole database in one file, and back.

SQLite: SQLite's online backup API copies a consistent snapshot while the server keeps running (WAL: writers are
not blocked), into a single self-contained file. PostgreSQL: `pg_dump --format=custom` and `pg_restore`, found on
the PATH or in /usr/lib/postgresql/*/bin. A restore checks the file first, refuses to replace a database that holds
data unless --force, and then applies the migrations, so an older backup comes up to date. Stop the server before
a restore: it replaces the database under it.
"""
from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool, StaticPool

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


def _database_url() -> str:
    """The configured database, read as every other command reads it (config.py)."""
    from deliberate.config import ConfigError, from_environment

    try:
        return from_environment(development=True)["SQLALCHEMY_DATABASE_URI"]
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise click.ClickException("an in-memory SQLite database cannot be backed up or restored")
    return Path(database)


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


# ---- SQLite ---------------------------------------------------------------------------------------------------

def _backup_sqlite(path: Path, out: Path) -> None:
    if not path.is_file():
        raise click.ClickException(f"no database at {path}")
    part = out.with_name(out.name + ".part")
    part.unlink(missing_ok=True)
    source = sqlite3.connect(path)
    try:
        source.execute("PRAGMA busy_timeout=5000")
        target = sqlite3.connect(part)
        try:
            source.backup(target)  # all pages in one step: one consistent snapshot
            _check_sqlite_connection(target, part)
            target.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
        finally:
            target.close()
    finally:
        source.close()
    os.replace(part, out)  # never a half-written OUT


def _check_sqlite_connection(connection, name) -> str:
    """The migration revision of a sound deliberate database, else a ClickException."""
    try:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise click.ClickException(f"{name} is damaged: {verdict}")
        revision = _revision_of(connection)
    except (sqlite3.DatabaseError, DBAPIError) as exc:
        raise click.ClickException(f"{name} is not a usable deliberate backup: {exc}") from exc
    if revision is None:
        raise click.ClickException(f"{name} is not a usable deliberate backup: it has no migration revision")
    return revision


def _revision_of(connection: sqlite3.Connection) -> str | None:
    """Alembic reads the revision (its version table is its business), through the already open connection."""
    from deliberate.migrate import current_revision

    engine = create_engine("sqlite://", creator=lambda: connection, poolclass=StaticPool)
    with engine.connect() as wrapped:  # not disposed: the caller closes its own connection
        return current_revision(wrapped)


def _check_sqlite_backup(backup: Path) -> str:
    connection = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return _check_sqlite_connection(connection, backup)
    finally:
        connection.close()


def _restore_sqlite(backup: Path, path: Path) -> None:
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(path)
        try:
            target.execute("PRAGMA busy_timeout=5000")
            source.backup(target)  # replaces every page of the target, in one transaction
        finally:
            target.close()
    finally:
        source.close()


# ---- PostgreSQL -----------------------------------------------------------------------------------------------

def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True):
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise click.ClickException(f"{name} not found on the PATH or in /usr/lib/postgresql/*/bin "
                               "(install PostgreSQL's client programs, e.g. apt-get install postgresql-client)")


def _version_key(folder: str):
    version = Path(folder).parent.name
    return [int(p) if p.isdigit() else 0 for p in version.split(".")]


def _libpq(url: str) -> tuple[str, dict]:
    """A libpq URI without the password (which would show in `ps`), and an environment carrying it."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    return parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False), env


def _run(command: list[str], env: dict, what: str) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise click.ClickException(f"{what} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return done.stdout


def _backup_postgres(url: str, out: Path) -> None:
    conninfo, env = _libpq(url)
    part = out.with_name(out.name + ".part")
    part.unlink(missing_ok=True)
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-password", f"--file={part}", f"--dbname={conninfo}"],
         env, "pg_dump")
    os.replace(part, out)


def _check_postgres_backup(backup: Path) -> None:
    listing = _run([_pg_tool("pg_restore"), "--list", str(backup)], dict(os.environ), f"reading {backup}")
    if "alembic_version" not in listing:
        raise click.ClickException(f"{backup} has no migration revision: not a deliberate database")


def _empty_postgres_schema(engine) -> None:
    """Drop what a restore brings back (tables, enum types), so an archive from another revision fits."""
    from sqlalchemy import MetaData

    metadata = MetaData()
    metadata.reflect(engine)
    with engine.begin() as connection:
        metadata.drop_all(connection)
        for (name,) in connection.execute(text(
                "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                "WHERE t.typtype = 'e' AND n.nspname = current_schema()")):
            connection.execute(text(f'DROP TYPE IF EXISTS "{name}" CASCADE'))


def _restore_postgres(backup: Path, url: str, engine) -> None:
    _empty_postgres_schema(engine)
    conninfo, env = _libpq(url)
    _run([_pg_tool("pg_restore"), "--no-owner", "--no-acl", "--single-transaction", "--exit-on-error",
          "--no-password", f"--dbname={conninfo}", str(backup)], env, "pg_restore")


# ---- both -----------------------------------------------------------------------------------------------------

def rows_held(engine) -> int:
    """How many tables hold rows (the migration revision aside): 0 for a new or only migrated database."""
    names = [n for n in inspect(engine).get_table_names() if n != "alembic_version"]
    with engine.connect() as connection:
        return sum(1 for n in names if connection.execute(text(f'SELECT 1 FROM "{n}" LIMIT 1')).first())


def _kind_of(backup: Path) -> str:
    with backup.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise click.ClickException(f"{backup} is neither a SQLite database nor a pg_dump archive (custom format)")


@click.command("backup")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(out: Path) -> None:
    """Copy the configured database into OUT (SQLite: a database file; PostgreSQL: a pg_dump archive)."""
    url = _database_url()
    out.parent.mkdir(parents=True, exist_ok=True)
    if make_url(url).get_backend_name() == "sqlite":
        _backup_sqlite(_sqlite_path(url), out)
    else:
        _backup_postgres(url, out)
    click.echo(f"Backed up {_shown(url)} to {out} ({out.stat().st_size} bytes)")


@click.command("restore")
@click.argument("backup", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the configured database even if it holds data.")
def restore_command(backup: Path, force: bool) -> None:
    """Restore BACKUP (made by `deliberate backup`) into the configured database, then migrate it."""
    from deliberate import create_app
    from deliberate.migrate import upgrade

    url = _database_url()
    dialect = make_url(url).get_backend_name()
    kind = _kind_of(backup)
    if kind != dialect:
        raise click.ClickException(f"{backup} is a {kind} backup, but the configured database is {dialect}")
    if kind == "sqlite":
        revision = _check_sqlite_backup(backup)
        _sqlite_path(url).parent.mkdir(parents=True, exist_ok=True)
    else:
        _check_postgres_backup(backup)
        revision = None
    engine = create_engine(url, poolclass=NullPool)
    try:
        held = rows_held(engine)
        if held and not force:
            raise click.ClickException(f"{_shown(url)} holds data ({held} tables with rows); "
                                       "add --force to replace it with the backup")
        if kind == "sqlite":
            _restore_sqlite(backup, _sqlite_path(url))
        else:
            _restore_postgres(backup, url, engine)
    finally:
        engine.dispose()
    app = create_app({"DEVELOPMENT": True, "SQLALCHEMY_DATABASE_URI": url})
    upgrade(app)  # an older backup comes up to date
    with app.app_context():
        from deliberate.extensions import db

        from deliberate.migrate import current_revision

        with db.engine.connect() as connection:
            head = current_revision(connection)
        db.engine.dispose()
    click.echo(f"Restored {backup} into {_shown(url)}" + (f" (revision {revision} -> {head})" if revision
                                                           and revision != head else f" (revision {head})"))
