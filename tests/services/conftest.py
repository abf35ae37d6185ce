import pytest
from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.services.errors import ServiceError
from tests.helpers import using


@pytest.fixture(autouse=True)
def app_context(app):
    """Service tests call use-cases directly, inside one app context, as the CLI does."""
    with app.app_context():
        yield
        db.session.remove()


def refused(fn, *args, **kwargs) -> str:
    """The error code of a refused use-case, after rolling back what it may have begun."""
    with pytest.raises(ServiceError) as exc:
        fn(*args, **kwargs)
    db.session.rollback()
    return exc.value.code


def row_count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def people(conference, join):
    """One member per role, named after it: fac, org, expert, holder, alice (panel), bruno (public), obs."""
    names = {"fac": "facilitator", "org": "organiser", "expert": "expert", "holder": "stakeholder",
             "alice": "panelist", "bruno": "public", "obs": "observer"}
    return {key: join(conference, role, key)[0] for key, role in names.items()}


def publish_now(organiser, publisher) -> None:
    """The shortest honest way to `published`: drafting, one paragraph, a confirmed publication."""
    from deliberate.services import conferences
    from deliberate.services.document import paragraphs, publication

    conferences.set_phase(organiser, "drafting", deps=using(publisher))
    paragraphs.add_paragraph(organiser, "Le panel recommande de servir moins de viande, mais de meilleure qualité.",
                             deps=using(publisher))
    publication.publish(organiser, True, deps=using(publisher))
