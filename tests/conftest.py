"""Shared fixtures: a real app on a fresh SQLite file (migrated with Alembic), and helpers."""
import contextlib
import re

import pytest
from flask import has_app_context

from deliberate import create_app
from deliberate.extensions import db
from deliberate.migrate import upgrade
from deliberate.services import conferences, membership
from deliberate.services.publisher import RecordingPublisher


@pytest.fixture
def app(tmp_path):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": str(tmp_path),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "DELIBERATE_POST_LIMIT": 1000,
        "DELIBERATE_ANALYSIS": "off",  # tests that need the worker start it themselves
        "DELIBERATE_TALLY_INTERVAL": 0,  # one tally_changed per vote; tests/web/test_tally_feed.py tests the feed
        "DELIBERATE_EMBEDDER": "toy:32",
    })
    upgrade(app)
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
            member, token = membership.join(conf.slug, conf.codes[role], name or f"{role}-{len(conf.codes)}")
            return keep(member), token
    return _join


def csrf_token(client, path="/"):
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
