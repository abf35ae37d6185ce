"""The abuse limits (services/limits.py) through the real interfaces: joins per invite code and per address (the
JSON API and the join page), the member cap of an invite, posts and votes per member and sockets per member over
/live; all off with DELIBERATE_LIMITS=off; shared and lasting in Redis; a bad rate refused at start-up."""
from __future__ import annotations

import time

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from deliberate import create_app
from deliberate.cli import main
from deliberate.extensions import db, socketio
from deliberate.models import Argument, Invite, Member, Vote
from tests.conftest import csrf_token
from tests.redis_server import running_redis

NS = "/live"
LIMITED = {"DELIBERATE_LIMITS": "on", "DELIBERATE_LIMIT_JOIN_CODE": "3/minute",
           "DELIBERATE_LIMIT_JOIN_ADDRESS": "1000/minute", "DELIBERATE_LIMIT_POST": "2/minute",
           "DELIBERATE_LIMIT_VOTE": "3/minute", "DELIBERATE_MAX_SOCKETS_PER_MEMBER": 2}


def app_with(tmp_path, database_url, **settings):
    """An app as tests/conftest.py's `app` fixture makes it, with these settings on top."""
    return create_app({
        "TESTING": True, "SECRET_KEY": "test-secret", "INSTANCE_PATH": str(tmp_path),
        "SQLALCHEMY_DATABASE_URI": database_url, "DELIBERATE_LIMITS": "off", "DELIBERATE_ANALYSIS": "off",
        "DELIBERATE_TALLY_INTERVAL": 0, "DELIBERATE_EMBEDDER": "toy:32", **settings})


@pytest.fixture(autouse=True)
def app_context():
    """Unlike the other service tests, these go through HTTP and the socket: no app context is held across
    requests (Flask would share `g`, and the CSRF token in it, between test clients)."""
    yield


@pytest.fixture
def settings():
    return LIMITED


@pytest.fixture
def app(tmp_path, database_url, settings):
    app = app_with(tmp_path, database_url, **settings)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def api_join(client, code, name="Zoé", address="192.0.2.1"):
    return client.post("/api/conferences/viande/join", json={"invite_code": code, "display_name": name},
                       environ_base={"REMOTE_ADDR": address})


def page_join(client, code, name="Zoé"):
    token = csrf_token(client, "/c/viande/join")
    return client.post("/c/viande/join", data={"csrf_token": token, "invite_code": code, "display_name": name})


def assert_rate_limited(response):
    assert response.status_code == 429
    error = response.get_json()["error"]
    assert error["code"] == "rate_limited" and error["message"]


def test_joins_per_invite_code_are_limited_and_refusals_write_nothing(app, client, conference):
    for n in range(3):
        assert api_join(client, conference.codes["public"], f"P{n}", address=f"192.0.2.{n}").status_code == 201
    assert_rate_limited(api_join(client, conference.codes["public"], "P3", address="192.0.2.99"))
    assert count(app, Member) == 3
    assert api_join(client, conference.codes["panelist"], "Another code").status_code == 201  # per code


@pytest.mark.parametrize("settings", [{**LIMITED, "DELIBERATE_LIMIT_JOIN_CODE": "100/minute",
                                       "DELIBERATE_LIMIT_JOIN_ADDRESS": "2/minute"}])
def test_joins_per_address_count_the_api_and_the_page_together(app, client, conference):
    assert api_join(client, conference.codes["public"], "API", address="127.0.0.1").status_code == 201
    assert page_join(client, conference.codes["public"], "Page").status_code == 302
    refused = page_join(app.test_client(), conference.codes["panelist"], "Third")
    assert refused.status_code == 429, refused.get_data(as_text=True)[-3000:]  # the join page again
    assert_rate_limited(api_join(client, conference.codes["public"], "Fourth", address="127.0.0.1"))
    assert count(app, Member) == 2
    assert api_join(client, conference.codes["public"], "Elsewhere", address="198.51.100.7").status_code == 201


def test_an_invite_admits_at_most_its_member_cap(app, client, conference):
    with app.app_context():
        db.session.execute(Invite.__table__.update().where(Invite.code == conference.codes["panelist"])
                           .values(max_members=2))
        db.session.commit()
    for n in range(2):
        assert api_join(client, conference.codes["panelist"], f"P{n}", address=f"192.0.2.{n}").status_code == 201
    refused = api_join(client, conference.codes["panelist"], "Too many", address="192.0.2.50")
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "forbidden"
    assert count(app, Member) == 2


def live(app, token):
    client = socketio.test_client(app, namespace=NS, auth={"token": token})
    assert client.is_connected(NS)
    assert client.emit("join", {"conference": "viande"}, namespace=NS, callback=True)["ok"]
    return client


def command(client, event, data):
    return client.emit(event, data, namespace=NS, callback=True)


def test_posts_and_votes_per_member_are_limited_over_the_socket(app, conference, join):
    _, token_a = join(conference, "panelist", "Alice")
    _, token_b = join(conference, "panelist", "Bruno")
    alice, bruno = live(app, token_a), live(app, token_b)
    posted = [command(alice, "post_argument", {"text": f"Argument {n}", "stance": "for"}) for n in range(2)]
    assert all(ack["ok"] for ack in posted)
    refused = command(alice, "post_argument", {"text": "One too many", "stance": "for"})
    assert refused == {"ok": False, "error": {"code": "rate_limited", "message": refused["error"]["message"]}}
    assert count(app, Argument) == 2
    assert command(bruno, "post_argument", {"text": "Bruno's own budget", "stance": "against"})["ok"]

    first = posted[0]["argument"]["id"]
    for value in (1, -1, 1):
        assert command(bruno, "cast_vote", {"argument_id": first, "value": value})["ok"]
    refused = command(bruno, "cast_vote", {"argument_id": first, "value": -1})
    assert not refused["ok"] and refused["error"]["code"] == "rate_limited" and refused["error"]["message"]
    with app.app_context():
        assert db.session.scalar(select(Vote.value).where(Vote.argument_id == first)) == 1  # the 4th changed nothing
    assert command(alice, "cast_vote", {"argument_id": first, "value": 1})["ok"]  # per member


def test_a_refusal_is_answered_before_any_context_and_a_hammering_socket_is_closed(app, conference, join,
                                                                                    monkeypatch):
    from deliberate.web.live import gate

    _, token = join(conference, "panelist", "Alice")
    alice = live(app, token)
    argument_id = command(alice, "post_argument", {"text": "Un argument", "stance": "for"})["argument"]["id"]
    for value in (1, -1, 1):  # the vote limit of LIMITED: 3 a minute
        assert command(alice, "cast_vote", {"argument_id": argument_id, "value": value})["ok"]
    handled = []
    handle_event = socketio._handle_event
    monkeypatch.setattr(socketio, "_handle_event", lambda *args: handled.append(args[1]) or handle_event(*args))
    answers = [command(alice, "cast_vote", {"argument_id": argument_id, "value": -1})
               for _ in range(gate.MAX_REFUSALS)]
    assert {a["error"]["code"] for a in answers} == {"rate_limited"} and answers[0]["error"]["message"]
    assert "cast_vote" not in handled, "a refused command went through Flask-SocketIO's context and the use-case"
    deadline = time.monotonic() + 30
    while alice.is_connected(NS) and time.monotonic() < deadline:  # the close runs in a background task
        time.sleep(0.01)
    assert not alice.is_connected(NS)
    with app.app_context():
        assert db.session.scalar(select(Vote.value).where(Vote.argument_id == argument_id)) == 1


def test_a_member_holds_at_most_the_configured_sockets(app, conference, join):
    _, token = join(conference, "public", "Many tabs")
    first, second = live(app, token), live(app, token)
    third = socketio.test_client(app, namespace=NS, auth={"token": token})
    assert not third.is_connected(NS)
    first.disconnect(NS)
    assert socketio.test_client(app, namespace=NS, auth={"token": token}).is_connected(NS)
    assert second.is_connected(NS)


def test_refusals_carry_code_and_message():
    from deliberate.web.live.namespace import refuse

    error = refuse("revoked", "Your membership was ended by the organisers.").error_args
    assert error == {"code": "revoked", "message": "Your membership was ended by the organisers.",
                     "data": {"code": "revoked", "message": "Your membership was ended by the organisers."}}


@pytest.mark.parametrize("settings", [{**LIMITED, "DELIBERATE_LIMITS": "off", "DELIBERATE_LIMIT_JOIN_CODE": "1/hour",
                                       "DELIBERATE_LIMIT_JOIN_ADDRESS": "1/hour", "DELIBERATE_LIMIT_POST": "1/hour",
                                       "DELIBERATE_LIMIT_VOTE": "1/hour", "DELIBERATE_MAX_SOCKETS_PER_MEMBER": 1}])
def test_limits_off_turns_every_limit_off(app, client, conference):
    tokens = [api_join(client, conference.codes["panelist"], f"P{n}").get_json()["token"] for n in range(5)]
    assert count(app, Member) == 5
    sockets = [live(app, tokens[0]) for _ in range(3)]
    ids = [command(sockets[0], "post_argument", {"text": f"Argument {n}", "stance": "for"})["argument"]["id"]
           for n in range(5)]
    assert all(command(sockets[1], "cast_vote", {"argument_id": i, "value": 1})["ok"] for i in ids + ids)


def test_redis_storage_shares_the_counts_between_processes_and_keeps_them_across_a_restart(
        tmp_path, database_url, conference):
    with running_redis(tmp_path) as redis_url:
        settings = {**LIMITED, "DELIBERATE_REDIS_URL": redis_url}
        first, second = app_with(tmp_path, database_url, **settings), app_with(tmp_path, database_url, **settings)
        code = conference.codes["public"]
        assert api_join(first.test_client(), code, "One").status_code == 201
        assert api_join(second.test_client(), code, "Two").status_code == 201
        assert api_join(first.test_client(), code, "Three").status_code == 201
        assert_rate_limited(api_join(second.test_client(), code, "Four"))  # the first one's joins counted
        restarted = app_with(tmp_path, database_url, **settings)
        assert_rate_limited(api_join(restarted.test_client(), code, "Five"))
        assert count(restarted, Member) == 3
    # In memory (no Redis), a restarted process starts from zero: the difference Redis makes.
    assert api_join(app_with(tmp_path, database_url, **LIMITED).test_client(), code, "Six").status_code == 201


@pytest.mark.parametrize("name, value, message", [
    ("DELIBERATE_LIMIT_POST", "ten per minute", "DELIBERATE_LIMIT_POST is not a rate such as '10/minute'"),
    ("DELIBERATE_LIMIT_VOTE", "0/second", "DELIBERATE_LIMIT_VOTE must allow at least 1 per period"),
    ("DELIBERATE_LIMITS", "sometimes", "DELIBERATE_LIMITS must be on or off"),
    ("DELIBERATE_MAX_SOCKETS_PER_MEMBER", "many", "DELIBERATE_MAX_SOCKETS_PER_MEMBER must be an integer"),
    ("DELIBERATE_MAX_SOCKETS_PER_MEMBER", "-1", "DELIBERATE_MAX_SOCKETS_PER_MEMBER must be 0 or more"),
    ("DELIBERATE_BEHIND_PROXY", "-2", "DELIBERATE_BEHIND_PROXY must be 0 or more"),
])
def test_a_bad_limit_setting_is_a_clear_start_up_error(tmp_path, monkeypatch, name, value, message):
    for other in ("DELIBERATE_SECRET_KEY", "DELIBERATE_REDIS_URL", "DELIBERATE_ENV", "DELIBERATE_ANALYSIS",
                  "DELIBERATE_LIMITS", "DELIBERATE_MAX_SOCKETS_PER_MEMBER"):
        monkeypatch.delenv(other, raising=False)
    monkeypatch.setenv("DELIBERATE_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("DELIBERATE_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 1 and message in result.output, result.output
    assert not isinstance(result.exception, (ValueError, TypeError))  # a clean exit, not a traceback
