"""Shared fixtures: a real app on a fresh database migrated with Alembic, and helpers.

The database is a SQLite file by default, a copy of one migrated once per session. With DELIBERATE_TEST_DATABASE_URL set to a PostgreSQL server's URL
(e.g. the one `.ci/postgres start PORT` prints), tests run on PostgreSQL instead: the migrations run once per
session into a template database; the `app` fixture uses one copy of it (CREATE DATABASE ... TEMPLATE) that is
emptied after every test (its connections ended, every row deleted, every sequence back to 1: the state of a
freshly migrated database, in ~10 ms where a new copy costs ~0.1-0.5 s), and tests that need a database of their
own (command-line and server subprocesses, migrations) get a new one, dropped after them.
"""
import contextlib
import os
import re
import secrets

import pytest
from flask import has_app_context
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

from deliberate import create_app
from deliberate.extensions import db
from deliberate.services import conferences
from deliberate.services.members import membership
from deliberate.services.publisher import RecordingPublisher
from tests.helpers import using

# Every engine a test connects with (an app's, a command's, a script's), held until the end of the test so that
# each gives its connections back then (close_database_connections), even when the test dropped its app earlier;
# and every PostgreSQL connection opened, for the stragglers a pool no longer knows (one checked in after its
# engine was disposed).
_ENGINES: dict[int, Engine] = {}
_CONNECTIONS: list = []


@event.listens_for(Engine, "engine_connect")
def _remember_engine(connection):
    _ENGINES[id(connection.engine)] = connection.engine


@event.listens_for(Pool, "connect")
def _remember_connection(dbapi_connection, _record):
    if not type(dbapi_connection).__module__.startswith("sqlite3"):  # SQLite's never warn, and are per thread
        _CONNECTIONS.append(dbapi_connection)


TEST_DATABASE_URL = os.environ.get("DELIBERATE_TEST_DATABASE_URL") or None
ON_POSTGRES = TEST_DATABASE_URL is not None
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="SQLite behaviour (DELIBERATE_TEST_DATABASE_URL is set)")


class PostgresDatabases:
    """Fresh databases on the PostgreSQL server of DELIBERATE_TEST_DATABASE_URL, each dropped after use."""

    def __init__(self, server_url: str):
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url
        from sqlalchemy.pool import NullPool

        url = make_url(server_url)
        if url.get_backend_name() != "postgresql":
            raise pytest.UsageError(f"DELIBERATE_TEST_DATABASE_URL must name a PostgreSQL server, not {server_url!r}")
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        self.server = url
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        # Unique per session: two sessions may share a server.
        self.prefix = f"deliberate_test_{os.getpid()}_{secrets.token_hex(3)}"
        self.template = None
        self.shared_url = None
        self.count = 0
        self.alive = set()

    def url(self, name: str) -> str:
        return self.server.set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(sql)

    def _make_template(self) -> None:
        from alembic import command
        from deliberate.migrate import alembic_config

        name = f"{self.prefix}_template"
        self._execute(f'CREATE DATABASE "{name}"')
        self.alive.add(name)
        command.upgrade(alembic_config(self.url(name)), "head")  # its own engine, closed after (NullPool)
        self.template = name

    def create(self, migrated: bool = True) -> str:
        """The URL of a new database: migrated to head (a copy of the template), or empty."""
        if migrated and self.template is None:
            self._make_template()
        self.count += 1
        name = f"{self.prefix}_{self.count}"
        self._execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{self.template}"' if migrated else ""))
        self.alive.add(name)
        return self.url(name)

    def shared(self) -> str:
        """The URL of the database the `app` fixture uses, emptied by reset() after every test."""
        if self.shared_url is None:
            self.shared_url = self.create()
        return self.shared_url

    def reset(self) -> None:
        """Back to a freshly migrated state: connections ended, rows deleted, sequences restarted at 1."""
        from sqlalchemy import create_engine
        from sqlalchemy.pool import NullPool

        from deliberate.models import Base

        engine = create_engine(self.shared_url, poolclass=NullPool)
        try:
            with engine.begin() as connection:
                connection.exec_driver_sql(
                    "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                for table in reversed(Base.metadata.sorted_tables):
                    connection.exec_driver_sql(f'DELETE FROM "{table.name}"')
                connection.exec_driver_sql(
                    "SELECT setval(c.oid, 1, false) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE c.relkind = 'S' AND n.nspname = current_schema()")
        except Exception:
            url, self.shared_url = self.shared_url, None  # the next test gets a new copy
            self.drop(url)
            raise
        finally:
            engine.dispose()

    def drop(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        # FORCE ends what still holds a connection (a server subprocess, a worker thread's pool).
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.alive.discard(name)

    def close(self) -> None:
        for name in sorted(self.alive):
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.alive.clear()
        self.admin.dispose()


@pytest.fixture(autouse=True)
def close_database_connections():
    """After each test, every engine it used closes its pooled connections (the engine stays usable). A connection
    left to the garbage collector warns on PostgreSQL, an error here, in whichever later test the collector runs."""
    yield
    while _ENGINES:
        _, engine = _ENGINES.popitem()
        engine.dispose()
    while _CONNECTIONS:
        connection = _CONNECTIONS.pop()
        if not connection.closed:
            connection.close()


@pytest.fixture(scope="session")
def postgres():
    """PostgresDatabases when DELIBERATE_TEST_DATABASE_URL is set, else None (SQLite)."""
    if not ON_POSTGRES:
        yield None
        return
    databases = PostgresDatabases(TEST_DATABASE_URL)
    try:
        yield databases
    finally:
        databases.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """SQLite: one database migrated once per session; every test gets a file copy of it (a copy takes well under
    a millisecond, a migration a fifth of a second). None on PostgreSQL, which has its own template."""
    if ON_POSTGRES:
        return None
    import sqlite3

    from alembic import command
    from deliberate.migrate import alembic_config

    path = tmp_path_factory.mktemp("template") / "migrated.sqlite3"
    command.upgrade(alembic_config(f"sqlite:///{path}"), "head")
    connection = sqlite3.connect(path)  # one self-contained file: no -wal beside it to copy
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
    return path


def copy_of(template, path) -> str:
    import shutil

    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def fresh_database(postgres, tmp_path, sqlite_template):
    """fresh_database(migrated=True) -> URL of a new database for this test: a SQLite file in tmp_path, or a
    PostgreSQL database dropped after the test. Unmigrated ones are empty (for migration and CLI tests)."""
    made = []

    def make(migrated: bool = True) -> str:
        if postgres is None:
            path = tmp_path / f"db{len(made)}.sqlite3"
            made.append(path)
            return copy_of(sqlite_template, path) if migrated else f"sqlite:///{path}"
        url = postgres.create(migrated)
        made.append(url)
        return url

    yield make
    if postgres is not None:
        for url in made:
            postgres.drop(url)


@pytest.fixture
def database_url(postgres, tmp_path, sqlite_template):
    """The test app's database, migrated: a copy of the SQLite template, or the shared PostgreSQL database,
    emptied after the test."""
    if postgres is None:
        yield copy_of(sqlite_template, tmp_path / "test.sqlite3")
        return
    yield postgres.shared()
    postgres.reset()


@pytest.fixture
def app(tmp_path, database_url):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": str(tmp_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "DELIBERATE_LIMITS": "off",
        "DELIBERATE_ANALYSIS": "off",  # tests that need the worker start it themselves
        "DELIBERATE_TALLY_INTERVAL": 0,  # one tally_changed per vote; tests/web/test_tally_feed.py tests the feed
        "DELIBERATE_EMBEDDER": "toy:32",
    })  # its database is already migrated (database_url)
    yield app
    with app.app_context():
        db.engine.dispose()


@contextlib.contextmanager
def context_of(app):
    """Reuse the test's app context (service tests) or open a short one (web tests).

    Web tests must not keep an app context pushed: Flask would share it, and `g` with it, across
    every request of every test client. Objects made in a short context are detached, with their
    columns loaded.
    """
    if has_app_context():
        yield lambda obj: obj
        return
    with app.app_context():
        def detach(obj):
            db.session.refresh(obj)
            db.session.expunge(obj)
            return obj
        yield detach
        db.session.remove()


@pytest.fixture
def recorder():
    return RecordingPublisher()


def _make_conference(app, slug, title, question):
    with context_of(app) as keep:
        conf, codes = conferences.create_conference(slug, title, question)
        conf = keep(conf)
        conf.codes = codes
        return conf


@pytest.fixture
def conference(app):
    return _make_conference(app, "viande", "Conférence test", "Quelle place pour la viande ?")


@pytest.fixture
def other_conference(app):
    return _make_conference(app, "autre", "Autre conférence", "Une autre question ?")


@pytest.fixture
def join(app):
    """join(conference, role, name) -> (member, token)"""
    def _join(conf, role="panelist", name=None):
        with context_of(app) as keep:
            member, token = membership.join(conf.slug, conf.codes[role], name or f"{role}-{len(conf.codes)}", deps=using())
            return keep(member), token
    return _join


def csrf_token(client, path="/"):
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
