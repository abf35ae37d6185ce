"""The privacy page (public, both languages), a participant's data download (cookie or bearer token), erasing
one's own name (CSRF form, confirmation), and the organisers' purge (typed slug, page and command line)."""
import json

import pytest
from click.testing import CliRunner

from deliberate.cli import main
from deliberate.extensions import db
from deliberate.models import Conference, Member
from tests.conftest import csrf_token
from tests.web.test_http import browser_join
from tests.helpers import using

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


@pytest.fixture
def client(app):
    return app.test_client()


def member_row(app, member_id):
    with app.app_context():
        member = db.session.get(Member, member_id)
        return (member.display_name, member.erased_at) if member else None


def conference_exists(app, slug) -> bool:
    with app.app_context():
        return db.session.query(Conference).filter_by(slug=slug).count() == 1


@pytest.fixture
def zoe(app, conference):
    client = app.test_client()
    browser_join(client, conference, "panelist", "Zoé Lambert")
    return client


def test_the_privacy_page_is_public_and_linked_from_every_page(app):
    client = app.test_client()
    page = client.get("/privacy", headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for anchor in ("stored", "how-long", "who-sees", "rights", "your-data"):
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    assert "No e-mail address" in html and "30 days" in html
    assert "This browser has not joined any conference." in html
    assert "GET /c/SLUG/my-data.json" in html and "<slug>" not in html
    home = client.get("/", headers=EN).get_data(as_text=True)
    assert 'href="/privacy"' in home  # the footer of base.html


def test_the_privacy_page_speaks_french(app):
    html = app.test_client().get("/privacy", headers=FR).get_data(as_text=True)
    assert '<html lang="fr">' in html and 'id="your-data"' in html and 'href="/privacy"' in html
    # The catalogue translates the page (test_i18n.py checks every string has a French translation).
    assert "No e-mail address" not in html and "Your rights" not in html and "Download my data" not in html


def test_the_privacy_page_lists_this_browsers_conferences(app, conference, zoe):
    html = zoe.get("/privacy", headers=EN).get_data(as_text=True)
    assert "Conférence test" in html and "Zoé Lambert" in html
    assert 'href="/c/viande/my-data.json"' in html and 'action="/c/viande/erase-my-name"' in html
    assert "/c/viande/purge" not in html  # organisers only


def test_my_data_by_cookie_is_mine_only(app, conference, join, zoe):
    other, _ = join(conference, "panelist", "Bruno Autre")
    r = zoe.get("/c/viande/my-data.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert "attachment" in r.headers["Content-Disposition"] and r.headers["Cache-Control"] == "no-store"
    data = r.get_json()
    assert data["membership"]["display_name"] == "Zoé Lambert" and data["conference"]["slug"] == "viande"
    assert "Bruno Autre" not in r.get_data(as_text=True)


def test_my_data_by_bearer_token_posts_and_votes_included(app, conference, join, client):
    from deliberate.services.room import arguments
    from deliberate.services.room import votes

    author, token = join(conference, "panelist", "Ana")
    with app.app_context():
        me = db.session.get(Member, author.id)
        posted = arguments.post_argument(me, "Moins de viande, mieux de viande.", "for", deps=using())
        votes.cast_vote(me, posted.id, 1, deps=using())
        argument_id = posted.id
    r = client.get("/c/viande/my-data.json", headers={"Authorization": f"Bearer {token}"})
    data = r.get_json()
    assert r.status_code == 200
    assert [a["text"] for a in data["arguments"]] == ["Moins de viande, mieux de viande."]
    assert [(v["argument_id"], v["value"]) for v in data["votes"]] == [(argument_id, 1)]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-token"}])
def test_my_data_without_credentials_is_a_json_401(app, conference, client, headers):
    r = client.get("/c/viande/my-data.json", headers=headers)
    assert r.status_code == 401 and r.get_json()["error"]["code"] == "unauthenticated"


def test_my_data_of_another_conference_is_refused(app, conference, other_conference, join, client):
    _member, token = join(conference, "panelist", "Ana")
    r = client.get("/c/autre/my-data.json", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401
    assert client.get("/c/nope/my-data.json").status_code == 404


def test_erasing_my_name_needs_csrf_and_the_box_ticked(app, conference, zoe):
    with app.app_context():
        me = db.session.query(Member).filter_by(display_name="Zoé Lambert").one().id
    assert zoe.post("/c/viande/erase-my-name", data={"confirm": "yes"}).status_code == 400  # no CSRF token
    token = csrf_token(zoe, "/privacy")
    refused = zoe.post("/c/viande/erase-my-name", data={"csrf_token": token}, follow_redirects=True, headers=EN)
    assert member_row(app, me)[0] == "Zoé Lambert" and "Tick the box" in refused.get_data(as_text=True)
    done = zoe.post("/c/viande/erase-my-name", data={"csrf_token": token, "confirm": "yes"},
                    follow_redirects=True, headers=EN)
    name, erased_at = member_row(app, me)
    assert name == "" and erased_at is not None
    html = done.get_data(as_text=True)
    assert "Your name is erased" in html and "Zoé Lambert" not in html and "participant erased" in html
    assert 'action="/c/viande/erase-my-name"' not in html  # nothing left to erase
    assert zoe.get("/c/viande/my-data.json").get_json()["membership"]["name_erased"]


def test_a_stranger_cannot_erase_anyones_name(app, conference, zoe):
    stranger = app.test_client()
    token = csrf_token(stranger, "/privacy")
    r = stranger.post("/c/viande/erase-my-name", data={"csrf_token": token, "confirm": "yes"})
    assert r.status_code == 302 and "/join" in r.location
    with app.app_context():
        assert db.session.query(Member).filter(Member.erased_at.is_not(None)).count() == 0


@pytest.fixture
def organiser(app, conference):
    client = app.test_client()
    browser_join(client, conference, "organiser", "Orga")
    return client


def test_only_organisers_reach_the_purge_page(app, conference, organiser, zoe):
    page = organiser.get("/c/viande/purge", headers=EN)
    assert page.status_code == 200 and 'name="confirm_slug"' in page.get_data(as_text=True)
    assert 'href="/c/viande/purge"' in organiser.get("/privacy").get_data(as_text=True)
    assert zoe.get("/c/viande/purge").status_code == 403
    token = csrf_token(zoe, "/privacy")
    assert zoe.post("/c/viande/purge", data={"csrf_token": token, "confirm_slug": "viande"}).status_code == 403
    assert app.test_client().get("/c/viande/purge").status_code == 302  # not a member: to the join page
    assert conference_exists(app, "viande")


def test_purge_from_the_page_needs_the_typed_slug_then_everything_answers_404(app, conference, organiser, zoe):
    token = csrf_token(organiser, "/c/viande/purge")
    wrong = organiser.post("/c/viande/purge", data={"csrf_token": token, "confirm_slug": "viand"}, headers=EN)
    assert wrong.status_code == 400 and "to confirm the purge" in wrong.get_data(as_text=True)
    assert conference_exists(app, "viande")
    assert organiser.post("/c/viande/purge", data={"confirm_slug": "viande"}).status_code == 400  # no CSRF
    assert conference_exists(app, "viande")
    done = organiser.post("/c/viande/purge", data={"csrf_token": token, "confirm_slug": "viande"},
                          follow_redirects=True, headers=EN)
    assert done.status_code == 200 and "are deleted" in done.get_data(as_text=True)
    assert not conference_exists(app, "viande")
    assert "Conférence test" not in done.get_data(as_text=True)  # forgotten by this browser
    for path in ("/c/viande", "/c/viande/join", "/c/viande/report", "/c/viande/purge", "/c/viande/my-data.json"):
        assert zoe.get(path).status_code == 404, path


def test_purge_from_the_command_line(app, conference, join, monkeypatch):
    join(conference, "panelist", "Ana")
    monkeypatch.setenv("DELIBERATE_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("DELIBERATE_INSTANCE_PATH", app.instance_path)
    runner = CliRunner()
    unconfirmed = runner.invoke(main, ["conference", "purge", "viande"])
    assert unconfirmed.exit_code == 2 and "--yes" in unconfirmed.output and conference_exists(app, "viande")
    missing = runner.invoke(main, ["conference", "purge", "nope", "--yes"])
    assert missing.exit_code == 1 and '"not_found"' in missing.output
    done = runner.invoke(main, ["conference", "purge", "viande", "--yes"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.output.strip().splitlines()[-1])
    assert data["purged"] is True and data["deleted"]["members"] == 1
    assert not conference_exists(app, "viande")


def test_purge_closes_the_rooms_sockets_and_refuses_what_others_send(app, conference, join, organiser):
    from deliberate.extensions import socketio

    _member, token = join(conference, "panelist", "Ana")
    joined = socketio.test_client(app, namespace="/live", auth={"token": token})
    waiting = socketio.test_client(app, namespace="/live", auth={"token": token})  # connected, not in the room
    ack = joined.emit("join", {"conference": "viande"}, namespace="/live", callback=True)
    assert ack["ok"]
    argument_id = joined.emit("post_argument", {"text": "Un argument.", "stance": "for"}, namespace="/live",
                              callback=True)["argument"]["id"]
    token_form = csrf_token(organiser, "/c/viande/purge")
    assert organiser.post("/c/viande/purge", data={"csrf_token": token_form, "confirm_slug": "viande"}).status_code == 302
    assert not joined.is_connected("/live")
    refused = waiting.emit("join", {"conference": "viande"}, namespace="/live", callback=True)
    assert refused["ok"] is False and refused["error"]["code"] == "not_found"
    vote = waiting.emit("cast_vote", {"argument_id": argument_id, "value": 1}, namespace="/live", callback=True)
    assert vote["ok"] is False and vote["error"]["code"] in ("forbidden", "unauthenticated", "not_found")
    assert waiting.is_connected("/live")  # the server still answers
    waiting.disconnect("/live")


def test_after_leaving_the_token_no_longer_downloads(app, conference, join, client):
    from deliberate.services.members import sessions

    member, token = join(conference, "panelist", "Ana")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/c/viande/my-data.json", headers=headers).status_code == 200
    with app.app_context():
        sessions.leave(db.session.get(Member, member.id), deps=using())
    assert client.get("/c/viande/my-data.json", headers=headers).status_code == 401
