import pytest

from deliberate.extensions import db


@pytest.fixture(autouse=True)
def app_context(app):
    """Service tests call use-cases directly, inside one app context, as the CLI does."""
    with app.app_context():
        yield
        db.session.remove()
