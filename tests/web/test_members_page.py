"""The organisers' member list: erase a participant's personal data (with a confirmation), never anyone else."""
import pytest

from deliberate.extensions import db
from deliberate.models import Member
from tests.conftest import csrf_token
from tests.web.test_http import browser_join

MEMBERS = "/c/viande/members"


@pytest.fixture
def organiser(app, conference):
    client = app.test_client()
    browser_join(client, conference, "organiser", "Orga")
    return client


def name_of(app, member_id):
    with app.app_context():
        member = db.session.get(Member, member_id)
        return member.display_name, member.erased_at


def test_only_organisers_see_the_member_list(app, conference, join, organiser):
    zoe, _ = join(conference, "panelist", "Zoé Lambert")
    page = organiser.get(MEMBERS, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Zoé Lambert" in page and "Erase the name" in page
    facilitator = app.test_client()
    browser_join(facilitator, conference, "facilitator", "Anim")
    assert facilitator.get(MEMBERS).status_code == 403
    assert app.test_client().get(MEMBERS).status_code == 302  # not a member: to the join page


def test_erasing_needs_the_box_ticked_then_blanks_the_name(app, conference, join, organiser):
    zoe, _ = join(conference, "panelist", "Zoé Lambert")
    token = csrf_token(organiser, MEMBERS)
    refused = organiser.post(f"{MEMBERS}/{zoe.id}/erase", data={"csrf_token": token}, follow_redirects=True)
    assert name_of(app, zoe.id) == ("Zoé Lambert", None)
    assert "confirm" in refused.get_data(as_text=True).lower() or "confirmer" in refused.get_data(as_text=True)
    done = organiser.post(f"{MEMBERS}/{zoe.id}/erase", data={"csrf_token": token, "confirm": "yes"},
                          follow_redirects=True, headers={"Accept-Language": "en"})
    name, erased_at = name_of(app, zoe.id)
    assert name == "" and erased_at is not None
    assert "Zoé Lambert" not in done.get_data(as_text=True) and "participant erased" in done.get_data(as_text=True)


def test_a_facilitator_cannot_erase_and_nothing_changes(app, conference, join):
    zoe, _ = join(conference, "panelist", "Zoé Lambert")
    facilitator = app.test_client()
    browser_join(facilitator, conference, "facilitator", "Anim")
    token = csrf_token(facilitator, "/c/viande/dossier")
    r = facilitator.post(f"{MEMBERS}/{zoe.id}/erase", data={"csrf_token": token, "confirm": "yes"})
    assert r.status_code == 403 and name_of(app, zoe.id) == ("Zoé Lambert", None)
