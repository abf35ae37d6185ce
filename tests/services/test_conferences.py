import pytest
from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.models import Conference, Phase, Role
from deliberate.services import conferences
from deliberate.services.document import paragraphs
from deliberate.services.errors import ServiceError
from tests.helpers import using


def test_new_conference_starts_in_preparation_with_one_code_per_role(app):
    conf, codes = conferences.create_conference("climat", "Titre", "Question ?")
    assert conf.phase is Phase.PREPARATION
    assert set(codes) == {r.value for r in Role}
    assert len(set(codes.values())) == 7
    assert all(len(c) == 9 and c[4] == "-" for c in codes.values())


@pytest.mark.parametrize("slug", ["", "UPPER", "with space", "-dash", "a" * 61, "é", None, 3])
def test_bad_slug_is_refused_and_creates_nothing(app, slug):
    with pytest.raises(ServiceError) as err:
        conferences.create_conference(slug, "Titre", "Question ?")
    assert err.value.code == "invalid"
    assert db.session.scalar(select(func.count(Conference.id))) == 0


def test_duplicate_slug_is_a_conflict(app, conference):
    with pytest.raises(ServiceError) as err:
        conferences.create_conference(conference.slug, "Autre", "Autre ?")
    assert err.value.code == "conflict"


def test_empty_title_or_question_refused(app):
    for title, question in (("", "Q ?"), ("T", "   ")):
        with pytest.raises(ServiceError) as err:
            conferences.create_conference("x", title, question)
        assert err.value.code == "invalid"


def test_facilitator_moves_phase_and_everyone_is_told(app, conference, join, recorder):
    facilitator, _ = join(conference, "facilitator", "Anne")
    conferences.set_phase(facilitator, "hearing", deps=using(recorder))
    db.session.expire_all()
    assert db.session.get(Conference, conference.id).phase is Phase.HEARING
    assert recorder.events == [("phase_changed", {"phase": "hearing", "previous": "preparation",
                                                  "by": {"id": facilitator.id, "display_name": "Anne",
                                                         "role": "facilitator"}}, conference.id, "all")]


@pytest.mark.parametrize("role", ["panelist", "expert", "public", "observer"])
def test_participants_cannot_change_the_phase(app, conference, join, recorder, role):
    member, _ = join(conference, role)
    with pytest.raises(ServiceError) as err:
        conferences.set_phase(member, "deliberation", deps=using(recorder))
    assert err.value.code == "forbidden"
    db.session.expire_all()
    assert db.session.get(Conference, conference.id).phase is Phase.PREPARATION
    assert recorder.events == []


@pytest.mark.parametrize("phase", ["", "Hearing", "voting", None, 2, ["hearing"]])
def test_unknown_phase_is_invalid(app, conference, join, recorder, phase):
    organiser, _ = join(conference, "organiser")
    with pytest.raises(ServiceError) as err:
        conferences.set_phase(organiser, phase, deps=using(recorder))
    assert err.value.code == "invalid"
    assert recorder.events == []


def test_published_is_final(app, conference, join, recorder):
    organiser, _ = join(conference, "organiser")
    facilitator, _ = join(conference, "facilitator")
    conferences.set_phase(organiser, "drafting", deps=using(recorder))
    paragraphs.add_paragraph(organiser, "Le panel recommande la transparence.", deps=using(recorder))
    recorder.clear()
    # Publishing is the organisers' and must be confirmed; moving to `published` is publishing.
    for actor, confirm, expected in ((facilitator, True, "forbidden"), (organiser, False, "invalid")):
        with pytest.raises(ServiceError) as err:
            conferences.set_phase(actor, "published", deps=using(recorder), confirm=confirm)
        assert err.value.code == expected
        db.session.rollback()
    assert recorder.events == [] and conference_phase(conference) == "drafting"
    conferences.set_phase(organiser, "published", deps=using(recorder), confirm=True)
    with pytest.raises(ServiceError) as err:
        conferences.set_phase(organiser, "drafting", deps=using(recorder))
    assert err.value.code == "wrong_phase"
    assert recorder.names() == ["phase_changed", "document_changed"]


def test_phase_order_is_the_method(app):
    assert [p.value for p in Phase] == ["preparation", "hearing", "deliberation", "drafting", "review", "published"]
    assert [p.open_for_contributions for p in Phase] == [True, True, True, False, False, False]


def conference_phase(conference) -> str:
    return db.session.scalar(select(Conference.phase).where(Conference.id == conference.id)).value
