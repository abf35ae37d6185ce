"""Shared fixtures: a real app on a fresh SQLite file (migrated with Alembic), and helpers."""
import re

import pytest

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
    })
    upgrade(app)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def recorder():
    return RecordingPublisher()


@pytest.fixture
def conference(app):
    conf, codes = conferences.create_conference("viande", "Conférence test", "Quelle place pour la viande ?")
    conf.codes = codes
    return conf


@pytest.fixture
def other_conference(app):
    conf, codes = conferences.create_conference("autre", "Autre conférence", "Une autre question ?")
    conf.codes = codes
    return conf


@pytest.fixture
def join(app):
    """join(conference, role, name) -> (member, token)"""
    def _join(conf, role="panelist", name=None):
        return membership.join(conf.slug, conf.codes[role], name or f"{role}-{len(conf.codes)}")
    return _join


def csrf_token(client, path="/"):
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
