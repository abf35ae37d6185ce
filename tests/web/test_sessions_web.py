"""Sessions that end, through the real interfaces: bearer tokens and cookies expire, tokens renew, members leave
(page, API, socket), organisers revoke (page, socket) and manage invite codes (page); refusals change nothing."""
import functools
from datetime import timedelta

import pytest
from itsdangerous import TimestampSigner
from socketio import packet

from deliberate.extensions import db, socketio
from deliberate.models import Argument, Invite, Member, Vote
from deliberate.models.base import utcnow
from deliberate.services.members import sessions
from tests.conftest import csrf_token
from tests.web.test_cli import env  # noqa: F401 (fixture)
from tests.web.test_http import browser_join
from tests.helpers import using

NS = "/live"
MEMBERS = "/c/viande/members"
EN = {"Accept-Language": "en"}


@pytest.fixture
def connect(connect):
    """The shared /live client (tests/web/conftest.py), asking for English messages."""
    return functools.partial(connect, headers=EN)


@pytest.fixture
def refusals(app, monkeypatch):
    """The payloads of the connect_error packets the server sends (the test client does not keep them)."""
    seen = []
    base = socketio.server.packet_class

    class Recording(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.packet_type == packet.CONNECT_ERROR:
                seen.append(self.data)
    monkeypatch.setattr(socketio.server, "packet_class", Recording)
    return seen


def emit(client, event, data=None):
    return client.emit(event, data if data is not None else {}, namespace=NS, callback=True)


def received(client, name):
    """Events received, even after the server closed the socket (get_received() refuses then)."""
    return [e["args"][0] for e in client.queue if e["namespace"] == NS and e["name"] == name]


def auth(token):
    return {"Authorization": f"Bearer {token}", **EN}


def member_row(app, member_id):
    with app.app_context():
        m = db.session.get(Member, member_id)
        return m.ended_how, m.ended_by_id


def backdate_token(app, member_id, days):
    with app.app_context():
        db.session.get(Member, member_id).token_issued_at = utcnow() - timedelta(days=days)
        db.session.commit()


def counts(app):
    with app.app_context():
        return (db.session.query(Argument).count(), db.session.query(Vote).count(),
                db.session.query(Member).filter(Member.ended_at.isnot(None)).count(),
                [(i.code, i.closed_at, i.max_members) for i in db.session.query(Invite).order_by(Invite.id)])


@pytest.fixture
def organiser(app, conference):
    client = app.test_client()
    browser_join(client, conference, "organiser", "Orga")
    return client


# ---- expiry and renewal ---------------------------------------------------------------------------

def test_an_expired_token_is_refused_over_http_and_the_socket(app, conference, join, connect, refusals):
    member, token = join(conference, "panelist", "Ana")
    client = app.test_client()
    assert client.get("/api/conferences/viande/snapshot", headers=auth(token)).status_code == 200
    backdate_token(app, member.id, app.config["DELIBERATE_SESSION_DAYS"] + 1)
    r = client.get("/api/conferences/viande/snapshot", headers=auth(token))
    assert r.status_code == 401 and r.json["error"]["code"] == "unauthenticated"
    assert "expired" in r.json["error"]["message"]
    assert client.post("/api/conferences/viande/token", headers=auth(token)).status_code == 401  # too late to renew
    sock = connect(token)
    assert not sock.is_connected(NS)
    assert refusals[-1]["code"] == "unauthenticated" and "expired" in refusals[-1]["message"]


def test_renewing_a_token_gives_a_new_one_and_ends_the_old(app, conference, join, connect):
    member, token = join(conference, "panelist", "Ana")
    backdate_token(app, member.id, app.config["DELIBERATE_SESSION_DAYS"] - 1)  # about to expire
    client = app.test_client()
    r = client.post("/api/conferences/viande/token", headers=auth(token))
    assert r.status_code == 201 and r.json["member"]["id"] == member.id and r.json["expires_at"]
    new = r.json["token"]
    assert client.get("/api/conferences/viande/snapshot", headers=auth(token)).status_code == 401
    assert client.get("/api/conferences/viande/snapshot", headers=auth(new)).status_code == 200
    assert connect(new).is_connected(NS) and not connect(token).is_connected(NS)
    # Another conference's route with this token: forbidden, and no new token.
    with app.app_context():
        from deliberate.services import conferences
        conferences.create_conference("autre", "Autre", "Une autre question ?")
    assert client.post("/api/conferences/autre/token", headers=auth(new)).status_code == 403
    assert client.get("/api/conferences/viande/snapshot", headers=auth(new)).status_code == 200


def test_renewing_a_token_closes_the_sockets_opened_with_the_old_one(app, conference, join, connect):
    member, token = join(conference, "panelist", "Ana")
    old_socket = connect(token)
    assert emit(old_socket, "join", {"conference": "viande"})["ok"]
    client = app.test_client()
    new = client.post("/api/conferences/viande/token", headers=auth(token)).json["token"]
    new_socket = connect(new)
    assert emit(new_socket, "join", {"conference": "viande"})["ok"]
    assert not old_socket.is_connected(NS), "a socket of the old token stayed open"
    assert new_socket.is_connected(NS)
    # Renewing again closes the socket of the token just replaced, not anyone else's.
    other, other_token = join(conference, "panelist", "Bruno")
    bystander = connect(other_token)
    client.post("/api/conferences/viande/token", headers=auth(new))
    assert not new_socket.is_connected(NS) and bystander.is_connected(NS)


def test_a_socket_whose_session_expired_is_closed_by_the_sweep_or_at_its_next_command(app, conference, join,
                                                                                        connect, monkeypatch):
    import time

    from deliberate.web.live import evictions

    _, token = join(conference, "panelist", "Ana")
    swept, hasty = connect(token), connect(token)
    for sock in (swept, hasty):
        assert emit(sock, "join", {"conference": "viande"})["ok"]
    days = app.config["DELIBERATE_SESSION_DAYS"]
    assert evictions.sweep_expired(socketio, now=time.time() + (days - 1) * 86400) == 0
    later = time.time() + days * 86400 + 60
    assert evictions.sweep_expired(socketio, now=later) == 2
    assert not swept.is_connected(NS) and not hasty.is_connected(NS)

    hasty = connect(token)
    assert emit(hasty, "join", {"conference": "viande"})["ok"]
    monkeypatch.setattr(time, "time", lambda: later)  # its next command, a session length later
    refused = emit(hasty, "post_argument", {"text": "Encore là ?", "stance": "for"})
    monkeypatch.undo()
    assert refused["ok"] is False and refused["error"]["code"] == "unauthenticated"
    assert "expired" in refused["error"]["message"]
    deadline = time.monotonic() + 30
    while hasty.is_connected(NS) and time.monotonic() < deadline:  # closed by a background task
        time.sleep(0.01)
    assert not hasty.is_connected(NS)
    assert counts(app)[0] == 0


def _old_cookie(app, client, monkeypatch, age_seconds):
    """The client's session cookie re-signed as if issued `age_seconds` ago (what a stolen old cookie is)."""
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    serializer = app.session_interface.get_signing_serializer(app)
    data = serializer.loads(cookie.value)
    then = int(utcnow().timestamp()) - age_seconds
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: then)
    value = serializer.dumps(data)
    monkeypatch.undo()
    return value


def test_a_session_cookie_older_than_the_lifetime_is_refused_on_pages_and_socket(app, conference, monkeypatch,
                                                                                    connect):
    client = app.test_client()
    browser_join(client, conference, "panelist", "Cookie")
    lifetime = int(app.permanent_session_lifetime.total_seconds())
    name = app.config["SESSION_COOKIE_NAME"]
    young, old = _old_cookie(app, client, monkeypatch, lifetime - 3600), _old_cookie(app, client, monkeypatch,
                                                                                    lifetime + 60)
    client.set_cookie(name, young)
    assert client.get("/c/viande").status_code == 200
    assert connect(flask_client=client).is_connected(NS)
    client.set_cookie(name, old)
    r = client.get("/c/viande")
    assert r.status_code == 302 and "/join" in r.location
    assert not connect(flask_client=client).is_connected(NS)  # socket_session.py reads it with the same max age


# ---- leaving ----------------------------------------------------------------------------------------

def test_leaving_from_the_room_page(app, conference, join, connect):
    client = app.test_client()
    browser_join(client, conference, "panelist", "Zoé")
    page = client.get("/c/viande", headers=EN).get_data(as_text=True)
    assert 'id="leave-form"' in page
    sock = connect(flask_client=client)
    assert emit(sock, "join", {"conference": "viande"})["ok"]
    before = counts(app)
    assert client.post("/c/viande/leave").status_code == 400  # no CSRF token: refused, nothing changes
    assert counts(app) == before
    r = client.post("/c/viande/leave", data={"csrf_token": csrf_token(client, "/c/viande")})
    assert r.status_code == 302
    assert not sock.is_connected(NS)
    assert client.get("/c/viande").status_code == 302  # the browser forgot the conference
    assert "Conférence test" not in client.get("/").get_data(as_text=True)
    assert client.get("/c/viande/join").status_code == 200
    with app.app_context():
        zoe = db.session.query(Member).filter_by(display_name="Zoé").one()
        assert (zoe.ended_how, zoe.ended_by_id) == ("left", zoe.id)


def test_leaving_through_the_api(app, conference, join, connect):
    member, token = join(conference, "panelist", "Ana")
    sock = connect(token)
    assert emit(sock, "join", {"conference": "viande"})["ok"]
    arg = emit(sock, "post_argument", {"text": "Des protéines végétales à la cantine.", "stance": "for"})["argument"]
    client = app.test_client()
    assert client.delete("/api/conferences/viande/membership").status_code == 401  # no token
    r = client.delete("/api/conferences/viande/membership", headers=auth(token))
    assert r.status_code == 200 and r.json["ended_how"] == "left"
    assert not sock.is_connected(NS)
    r = client.get("/api/conferences/viande/snapshot", headers=auth(token))
    assert r.status_code == 401 and "left" in r.json["error"]["message"]
    assert client.delete("/api/conferences/viande/membership", headers=auth(token)).status_code == 401
    with app.app_context():
        assert db.session.get(Argument, arg["id"]) is not None  # the record stays


def test_leaving_over_the_socket(app, conference, join, connect, refusals):
    ana, token = join(conference, "panelist", "Ana")
    bruno, token_b = join(conference, "panelist", "Bruno")
    here, elsewhere, other = connect(token), connect(token), connect(token_b)
    for c in (here, elsewhere, other):
        assert emit(c, "join", {"conference": "viande"})["ok"]
    assert emit(here, "leave", {})["ok"] is True
    assert not elsewhere.is_connected(NS)  # the member's other sockets close
    assert received(elsewhere, "membership_ended")[0]["how"] == "left"
    here.queue.clear()
    emit(other, "post_argument", {"text": "Le bio coûte plus cher.", "stance": "against"})
    assert received(here, "argument_posted") == []  # out of the conference's room
    refusal = emit(here, "post_argument", {"text": "Encore moi.", "stance": "for"})
    assert refusal["ok"] is False and refusal["error"]["code"] in ("unauthenticated", "forbidden")
    assert emit(here, "join", {"conference": "viande"})["error"] == {
        "code": "forbidden", "message": "You are not a member of this conference."}  # (in English: EN headers)
    assert not connect(token).is_connected(NS)
    assert refusals[-1]["code"] == "unauthenticated" and "left" in refusals[-1]["message"]


# ---- revoking ---------------------------------------------------------------------------------------

def test_an_organiser_revokes_from_the_members_page(app, conference, join, connect, organiser, refusals):
    zoe_client = app.test_client()
    browser_join(zoe_client, conference, "panelist", "Zoé")
    sock = connect(flask_client=zoe_client)
    assert emit(sock, "join", {"conference": "viande"})["ok"]
    zoe_id = emit(sock, "join", {"conference": "viande"})["snapshot"]["me"]["id"]
    page = organiser.get(MEMBERS, headers=EN).get_data(as_text=True)
    assert "Revoke" in page
    token = csrf_token(organiser, MEMBERS)
    unconfirmed = organiser.post(f"{MEMBERS}/{zoe_id}/revoke", data={"csrf_token": token}, follow_redirects=True,
                                 headers=EN)
    assert "Tick the box" in unconfirmed.get_data(as_text=True) and member_row(app, zoe_id) == (None, None)
    done = organiser.post(f"{MEMBERS}/{zoe_id}/revoke", data={"csrf_token": token, "confirm": "yes"},
                          follow_redirects=True, headers=EN)
    assert "has ended" in done.get_data(as_text=True)
    with app.app_context():
        org_id = db.session.query(Member).filter_by(display_name="Orga").one().id
    assert member_row(app, zoe_id) == ("revoked", org_id)
    assert not sock.is_connected(NS)
    ended = received(sock, "membership_ended")
    assert ended[0]["how"] == "revoked" and "organiser ended" in ended[0]["message"].lower()
    # The revoked browser is told once, then is an ordinary visitor.
    told = zoe_client.get("/c/viande", headers=EN)
    assert told.status_code == 401 and "organiser ended your membership" in told.get_data(as_text=True)
    assert zoe_client.get("/c/viande").status_code == 302
    # With a new code from the organisers, they join again like anyone (the join page does not stop them).
    browser_join(zoe_client, conference, "panelist", "Zoé again")
    assert zoe_client.get("/c/viande").status_code == 200
    # An organiser does not revoke themselves (they leave).
    own = organiser.post(f"{MEMBERS}/{org_id}/revoke", data={"csrf_token": token, "confirm": "yes"},
                         follow_redirects=True, headers=EN)
    assert "leave the conference instead" in own.get_data(as_text=True) and member_row(app, org_id) == (None, None)


def test_a_revoked_cookie_cannot_open_a_socket(app, conference, connect, organiser, refusals):
    zoe_client = app.test_client()
    browser_join(zoe_client, conference, "panelist", "Zoé")
    with app.app_context():
        zoe = db.session.query(Member).filter_by(display_name="Zoé").one()
        org = db.session.query(Member).filter_by(display_name="Orga").one()
        sessions.revoke(org, zoe.id, deps=using())
    assert not connect(flask_client=zoe_client).is_connected(NS)
    assert refusals[-1]["code"] == "unauthenticated" and "organiser ended" in refusals[-1]["message"].lower()
    assert zoe_client.get("/c/viande/join").status_code == 200  # the join page lets them join again
    assert zoe_client.get("/c/viande").status_code == 302


def test_an_open_socket_of_an_ended_member_is_refused_every_command(app, conference, join, connect):
    """With several processes, a socket in another process stays open: every command is still refused."""
    org, _ = join(conference, "organiser", "Orga")
    ana, token = join(conference, "panelist", "Ana")
    sock = connect(token)
    assert emit(sock, "join", {"conference": "viande"})["ok"]
    arg = emit(sock, "post_argument", {"text": "Moins mais mieux.", "stance": "for"})["argument"]
    with app.app_context():  # as another process would: the database changes, this process's sockets do not close
        sessions.revoke(db.session.get(Member, org.id), ana.id, deps=using())
    before = counts(app)
    vote = emit(sock, "cast_vote", {"argument_id": arg["id"], "value": 1})  # the hot path
    post = emit(sock, "post_argument", {"text": "Encore.", "stance": "for"})
    hand = emit(sock, "raise_hand", {})
    assert [r["error"]["code"] for r in (vote, post, hand)] == ["unauthenticated"] * 3
    assert counts(app) == before


def test_an_organiser_revokes_over_the_socket(app, conference, join, connect):
    org, token_org = join(conference, "organiser", "Orga")
    fac, token_fac = join(conference, "facilitator", "Fac")
    ana, token = join(conference, "panelist", "Ana")
    desk, steer, sock = connect(token_org), connect(token_fac), connect(token)
    for c in (desk, steer, sock):
        assert emit(c, "join", {"conference": "viande"})["ok"]
    before = counts(app)
    assert emit(steer, "revoke_member", {"member_id": ana.id})["error"]["code"] == "forbidden"
    assert emit(desk, "revoke_member", {"member_id": org.id})["error"]["code"] == "invalid"
    assert emit(desk, "revoke_member", {"member_id": "x"})["error"]["code"] == "invalid"
    assert emit(desk, "revoke_member", {})["error"]["code"] == "invalid"
    assert counts(app) == before and sock.is_connected(NS)
    ack = emit(desk, "revoke_member", {"member_id": ana.id})
    assert ack == {"ok": True, "member_id": ana.id}
    assert not sock.is_connected(NS) and member_row(app, ana.id) == ("revoked", org.id)
    assert emit(desk, "revoke_member", {"member_id": ana.id})["error"]["code"] == "conflict"


# ---- invite codes -----------------------------------------------------------------------------------

def test_organisers_rotate_close_reopen_and_cap_codes(app, conference, organiser):
    page = organiser.get(MEMBERS, headers=EN).get_data(as_text=True)
    assert 'id="invites"' in page and conference.codes["public"] in page
    token = csrf_token(organiser, MEMBERS)

    def act(role, action, **form):
        r = organiser.post(f"/c/viande/invites/{role}/{action}", data={"csrf_token": token, **form},
                           follow_redirects=True, headers=EN)
        assert r.status_code == 200
        return r.get_data(as_text=True)

    def join_with(code, name):
        client = app.test_client()
        t = csrf_token(client, "/c/viande/join")
        return client.post("/c/viande/join", data={"csrf_token": t, "invite_code": code, "display_name": name},
                           headers=EN)

    old = conference.codes["public"]
    rotated = act("public", "rotate")
    assert "no longer admits anyone" in rotated
    with app.app_context():
        new = db.session.query(Invite).filter_by(code=old).one_or_none(), None
    assert new[0] is None and old not in rotated
    assert join_with(old, "Old code").status_code == 403
    with app.app_context():
        code = next(i.code for i in db.session.query(Invite) if i.role.value == "public")
    assert code in rotated and join_with(code, "New code").status_code == 302

    closed = act("public", "close")
    assert "is closed" in closed
    refused = join_with(code, "Too late")
    assert refused.status_code == 403 and "closed" in refused.get_data(as_text=True)
    assert "is open again" in act("public", "open")
    assert join_with(code, "Back").status_code == 302

    assert "At most 3 members" in act("public", "cap", max_members="3")  # 2 joined already
    assert join_with(code, "Third").status_code == 302
    assert join_with(code, "Fourth").status_code == 403
    page = organiser.get(MEMBERS, headers=EN).get_data(as_text=True)
    assert "3 / 3" in page
    for bad in ("0", "-2", "abc", "1.5", "9999999999", "²", "٣"):  # a superscript two, an Arabic-Indic three
        assert "whole number" in act("public", "cap", max_members=bad)
    assert "no cap any more" in act("public", "cap", max_members="")
    assert join_with(code, "Fourth").status_code == 302


@pytest.mark.parametrize("role", ["facilitator", "panelist", "observer"])
def test_non_organisers_get_403_on_every_management_route(app, conference, join, role):
    zoe, _ = join(conference, "panelist", "Zoé Lambert")
    client = app.test_client()
    browser_join(client, conference, role, "Someone")
    token = csrf_token(client, "/c/viande")
    before = counts(app)
    assert client.get(MEMBERS).status_code == 403
    assert client.post(f"{MEMBERS}/{zoe.id}/revoke", data={"csrf_token": token, "confirm": "yes"}).status_code == 403
    assert client.post(f"{MEMBERS}/{zoe.id}/revoke", data={"csrf_token": token}).status_code == 403
    for action, form in (("rotate", {}), ("close", {}), ("open", {}), ("cap", {"max_members": "2"})):
        r = client.post(f"/c/viande/invites/panelist/{action}", data={"csrf_token": token, **form})
        assert r.status_code == 403, action
    assert counts(app) == before
    assert app.test_client().post("/c/viande/invites/panelist/rotate").status_code == 400  # no CSRF token
    assert counts(app) == before


def test_the_command_line_rotates_closes_reopens_and_caps_codes(env):  # noqa: F811 (the imported fixture)
    import json

    from click.testing import CliRunner

    from deliberate.cli import main

    runner = CliRunner()
    created = runner.invoke(main, ["conference", "create", "climat", "--title", "Climat", "--question", "Que faire ?"])
    codes = json.loads(created.output.strip().splitlines()[-1])["invites"]

    def invites(*args):
        result = runner.invoke(main, ["conference", "invites", "climat", *args])
        return result.exit_code, result

    code, result = invites("--rotate", "public", "--close", "observer", "--cap", "panelist", "12")
    assert code == 0, result.output
    state = {i["role"]: i for i in json.loads(result.output.strip().splitlines()[-1])["invites"]}
    assert state["public"]["code"] != codes["public"] and state["public"]["rotated_at"]
    assert state["observer"]["open"] is False and state["panelist"]["max_members"] == 12
    assert state["organiser"] == {"role": "organiser", "code": codes["organiser"], "open": True, "joined": 0,
                                  "max_members": None, "rotated_at": None, "closed_at": None}
    code, result = invites("--open", "observer", "--cap", "panelist", "none")
    state = {i["role"]: i for i in json.loads(result.output.strip().splitlines()[-1])["invites"]}
    assert code == 0 and state["observer"]["open"] is True and state["panelist"]["max_members"] is None
    for bad in (["--cap", "panelist", "0"], ["--cap", "panelist", "x"], ["--cap", "panelist", "²"], ["--close", "king"]):
        code, result = invites(*bad)
        assert code == 1 and '"invalid"' in result.output
    assert invites()[0] == 0 and runner.invoke(main, ["conference", "invites", "nope"]).exit_code == 1
