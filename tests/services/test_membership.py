import pytest
from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.models import Member, Role
from deliberate.services.members import membership
from deliberate.services.errors import ServiceError
from tests.helpers import using


def test_join_gives_the_role_of_the_code_and_a_token(app, conference):
    member, token = membership.join("viande", conference.codes["expert"], "Dr Lemaire", deps=using())
    assert member.role is Role.EXPERT and member.display_name == "Dr Lemaire"
    assert membership.member_by_token(token, deps=using()).id == member.id
    assert token not in (member.token_hash,)  # only the hash is stored
    assert len(token) >= 40


def test_codes_are_forgiving_about_case_dashes_and_spaces(app, conference):
    code = conference.codes["public"]
    member, _ = membership.join("viande", " " + code.lower().replace("-", " ") + " ", "Zoé", deps=using())
    assert member.role is Role.PUBLIC


@pytest.mark.parametrize("code", ["", "nope", "AAAA-AAAA", None, 12])
def test_wrong_code_is_refused(app, conference, code):
    with pytest.raises(ServiceError) as err:
        membership.join("viande", code, "Zoé", deps=using())
    assert err.value.code in ("invalid", "forbidden")
    assert db.session.scalar(select(func.count(Member.id))) == 0


def test_another_conferences_code_does_not_open_this_one(app, conference, other_conference):
    with pytest.raises(ServiceError) as err:
        membership.join("viande", other_conference.codes["organiser"], "Intrus", deps=using())
    assert err.value.code == "forbidden"


@pytest.mark.parametrize("name,code", [("", "invalid"), ("   ", "invalid"), ("x" * 61, "too_long"), (42, "invalid")])
def test_bad_display_name(app, conference, name, code):
    with pytest.raises(ServiceError) as err:
        membership.join("viande", conference.codes["panelist"], name, deps=using())
    assert err.value.code == code
    assert db.session.scalar(select(func.count(Member.id))) == 0


def test_unknown_conference(app):
    with pytest.raises(ServiceError) as err:
        membership.join("inconnue", "ABCD-EFGH", "Zoé", deps=using())
    assert err.value.code == "not_found"


@pytest.mark.parametrize("token", [None, "", "x", "y" * 500, 5])
def test_bad_tokens_identify_nobody(app, conference, token):
    assert membership.member_by_token(token, deps=using()) is None
