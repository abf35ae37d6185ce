"""HTTP: the join API for programs, the pages for browsers, CSRF, escaping, roles."""
import pytest
from sqlalchemy import func, select

from deliberate.extensions import db, socketio
from deliberate.models import Member
from deliberate.services.room import arguments, moderation
from tests.conftest import csrf_token
from tests.helpers import using


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def members(app):
    def count():
        with app.app_context():
            return db.session.scalar(select(func.count(Member.id)))
    return count


def test_api_join_answers_201_with_token_and_member(client, conference):
    r = client.post("/api/conferences/viande/join", json={"invite_code": conference.codes["panelist"],
                                                          "display_name": "Zoé"})
    assert r.status_code == 201
    body = r.get_json()
    assert set(body) == {"token", "member"}
    assert body["member"]["role"] == "panelist" and body["member"]["display_name"] == "Zoé"
    assert isinstance(body["member"]["id"], int)
    snap = client.get("/api/conferences/viande/snapshot", headers={"Authorization": f"Bearer {body['token']}"})
    assert snap.status_code == 200 and snap.get_json()["me"]["id"] == body["member"]["id"]


@pytest.mark.parametrize("slug,payload,status,code", [
    ("viande", {"invite_code": "ZZZZ-ZZZZ", "display_name": "Zoé"}, 403, "forbidden"),
    ("viande", {"invite_code": "CODE", "display_name": ""}, 400, "invalid"),
    ("viande", {"invite_code": "CODE", "display_name": "x" * 61}, 413, "too_long"),
    ("viande", {"display_name": "Zoé"}, 400, "invalid"),
    ("viande", ["not", "an", "object"], 400, "invalid"),
    ("inconnue", {"invite_code": "CODE", "display_name": "Zoé"}, 404, "not_found"),
])
def test_api_join_errors_are_json_and_change_nothing(client, conference, members, slug, payload, status, code):
    if isinstance(payload, dict) and payload.get("invite_code") == "CODE":
        payload["invite_code"] = conference.codes["panelist"]
    r = client.post(f"/api/conferences/{slug}/join", json=payload)
    assert r.status_code == status
    assert r.get_json()["error"]["code"] == code and r.get_json()["error"]["message"]
    assert members() == 0


def test_api_join_with_non_json_body(client, conference):
    r = client.post("/api/conferences/viande/join", data="invite_code=x", content_type="text/plain")
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "invalid"


def test_api_snapshot_needs_a_valid_token_of_that_conference(client, conference, other_conference, join):
    _, other_token = join(other_conference)
    assert client.get("/api/conferences/viande/snapshot").status_code == 401
    r = client.get("/api/conferences/viande/snapshot", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401 and r.get_json()["error"]["code"] == "unauthenticated"
    r = client.get("/api/conferences/viande/snapshot", headers={"Authorization": f"Bearer {other_token}"})
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "forbidden"


def test_unknown_api_route_is_json_404(client):
    r = client.get("/api/nothing")
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"


def test_browser_join_needs_csrf_token(client, conference, members):
    r = client.post("/c/viande/join", data={"invite_code": conference.codes["panelist"], "display_name": "Zoé"})
    assert r.status_code == 400
    assert members() == 0


def browser_join(client, conference, role="panelist", name="Zoé"):
    token = csrf_token(client, "/c/viande/join")
    return client.post("/c/viande/join", data={"csrf_token": token, "invite_code": conference.codes[role],
                                               "display_name": name})


def test_browser_join_then_room(client, conference):
    assert client.get("/c/viande").status_code == 302  # not a member yet
    r = browser_join(client, conference)
    assert r.status_code == 302 and r.location.endswith("/c/viande")
    page = client.get("/c/viande").get_data(as_text=True)
    assert "Quelle place pour la viande ?" in page and 'id="post-form"' in page
    home = client.get("/").get_data(as_text=True)
    assert "Conférence test" in home  # listed among "your conferences"


def test_join_by_code_on_the_home_page(client, conference):
    token = csrf_token(client, "/")
    r = client.post("/", data={"csrf_token": token, "invite_code": conference.codes["expert"].lower(),
                               "display_name": "Dr X"})
    assert r.status_code == 302 and r.location.endswith("/c/viande")
    r = client.post("/", data={"csrf_token": token, "invite_code": "NOPE-NOPE", "display_name": "Dr X"})
    assert r.status_code == 403 and "invite_code" in r.get_data(as_text=True)


def test_wrong_code_on_join_page_shows_error_and_keeps_name(client, conference):
    token = csrf_token(client, "/c/viande/join")
    r = client.post("/c/viande/join", data={"csrf_token": token, "invite_code": "AAAA-BBBB", "display_name": "Zoé"})
    assert r.status_code == 403
    html = r.get_data(as_text=True)
    assert 'role="alert"' in html and 'value="Zoé"' in html


def test_facilitator_page_needs_a_steering_role(client, app, conference):
    browser_join(client, conference, "panelist")
    assert client.get("/c/viande/facilitate").status_code == 403
    other = app.test_client()
    browser_join(other, conference, "facilitator", "Anim")
    page = other.get("/c/viande/facilitate")
    assert page.status_code == 200 and 'id="next-phase"' in page.get_data(as_text=True)


def test_text_is_escaped_on_pages(client, app):
    from deliberate.services import conferences
    with app.app_context():
        _, codes = conferences.create_conference("xss", "<script>alert('t')</script>", "<img src=x onerror=alert(1)>")
    token = csrf_token(client, "/c/xss/join")
    client.post("/c/xss/join", data={"csrf_token": token, "invite_code": codes["panelist"],
                                     "display_name": "<b>bold</b>"})
    page = client.get("/c/xss").get_data(as_text=True)
    assert "<script>alert('t')</script>" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page and "<b>bold</b>" not in page


def test_browser_session_authenticates_the_socket(client, app, conference):
    browser_join(client, conference, "panelist", "Cookie")
    sock = socketio.test_client(app, namespace="/live", flask_test_client=client)
    assert sock.is_connected("/live")
    ack = sock.emit("join", {"conference": "viande"}, namespace="/live", callback=True)
    assert ack["ok"] and ack["snapshot"]["me"]["display_name"] == "Cookie"
    sock.disconnect("/live")


def test_socket_refused_for_a_browser_that_never_joined(client, app, conference):
    sock = socketio.test_client(app, namespace="/live", flask_test_client=client)
    assert not sock.is_connected("/live")


def test_default_language_is_french_and_english_follows_the_browser(client, conference):
    fr = client.get("/").get_data(as_text=True)
    assert 'lang="fr"' in fr and "Rejoindre" in fr
    en = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert 'lang="en"' in en and "Join a consensus conference" in en


def test_language_switch_wins_and_refuses_open_redirects(client):
    token = csrf_token(client, "/")
    r = client.post("/lang", data={"csrf_token": token, "lang": "en", "next": "https://evil.example/"})
    assert r.status_code == 302 and r.location == "/"
    assert 'lang="en"' in client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    r = client.post("/lang", data={"csrf_token": token, "lang": "fr", "next": "//evil.example"})
    assert r.location == "/"


def test_hidden_argument_absent_from_api_snapshot(app, client, conference, join, recorder):
    author, token = join(conference, "panelist", "A")
    facilitator, _ = join(conference, "facilitator", "F")
    with app.app_context():
        arg = arguments.post_argument(db.session.get(Member, author.id), "à cacher", "for", deps=using(recorder))
        moderation.moderate(db.session.get(Member, facilitator.id), arg.id, "hide", "raison", deps=using(recorder))
    snap = client.get("/api/conferences/viande/snapshot", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert snap["arguments"] == [{"id": arg.id, "status": "hidden", "moderation_reason": "raison", "duplicate_of": None,
                                  "kind": "argument", "text": None, "created_at": snap["arguments"][0]["created_at"]}]
    assert "à cacher" not in str(snap)


def test_observer_room_has_no_post_form(client, conference):
    browser_join(client, conference, "observer", "Obs")
    page = client.get("/c/viande").get_data(as_text=True)
    assert 'id="post-form"' not in page and "ni publier ni voter" in page


def test_join_page_tells_a_returning_member(client, conference):
    browser_join(client, conference, "panelist", "Déjà là")
    page = client.get("/c/viande/join").get_data(as_text=True)
    assert "Déjà là" in page and 'href="/c/viande"' in page
