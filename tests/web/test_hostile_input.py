"""Hostile input, generated with Hypothesis, on every /live command and every JSON route.

For every command of LiveNamespace (its on_* methods: a new command is covered without touching this file) the
payloads are arbitrary JSON (lone surrogates, invisible or stacked characters, huge strings and numbers, deep
nesting, wrong types), objects with the command's own field names holding such values, and extra positional
arguments; then unknown and reserved event names, raw packets the test client cannot produce (JSON nested 1,000
deep, malformed JSON, a message that is not [name, ...]) and an unexpected exception inside a command. Each must
get an acknowledgement of the documented shape; a refusal must leave the database exactly as it was; and the same
socket must still answer a normal command afterwards. The JSON routes get the same treatment over HTTP.

Examples are derandomized (the same on every run) and bounded so that the file runs in about a minute.
"""
import inspect
import json
import re
import string
import unicodedata
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deliberate.extensions import db, socketio
from deliberate.models import Argument, Phase
from deliberate.services.room import arguments
from deliberate.services.errors import STATUS
from deliberate.services.rules import RULES
from deliberate.web.live.namespace import LiveNamespace
from tests.web import world
from tests.web.test_permission_table import DRIVERS, Socket

NS = world.NS
COMMANDS = sorted(LiveNamespace.commands())
EXAMPLES_PER_COMMAND = 40
CODES = set(STATUS) | {"internal"}
SETTINGS = dict(deadline=None, derandomize=True, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


def fields_of(command: str) -> list[str]:
    """The payload fields a command reads (`data.get("...")` in its handler)."""
    source = inspect.getsource(getattr(LiveNamespace, "on_" + command))
    return sorted(set(re.findall(r"""data\.get\(["'](\w+)["']""", source)) | {"text", "id"})


# ---- strategies ----------------------------------------------------------------------------------------------
SPECIAL_TEXTS = ["x\ud800y", "\udfff", "\u200b\u200d\ufeff", "\u00ad\u2060", "\ufe0f\ufe0f", "a" + "\u0301" * 960,
                 "", " \n\t ", "\x00", "A" * 20_000, "\u202eevil", "hors\u00a0sujet", "👩‍👩‍👧", "=cmd|' /C calc'!A0"]
texts = st.one_of(st.text(st.characters(exclude_categories=()), max_size=60), st.sampled_from(SPECIAL_TEXTS))
# Ids of the fixture's rows are small: hostile numbers stay outside them, so that a payload that happens to be
# valid cannot erase, revoke or hide the fixture's own members and arguments.
numbers = st.one_of(st.integers(max_value=0), st.integers(min_value=10_000), st.sampled_from([2**31, 2**63, -2**63]),
                    st.floats(allow_nan=False))
scalars = st.one_of(st.none(), st.booleans(), numbers, texts)
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)), max_leaves=12)


def nested(depth: int):
    value = []
    for _ in range(depth):
        value = [value]
    return value


deep = st.integers(min_value=17, max_value=300).map(nested)  # the test client itself recurses beyond ~480
hostile = st.one_of(json_values, deep)


def payloads(command: str):
    own = st.dictionaries(st.sampled_from(fields_of(command)), hostile, max_size=5)
    return st.one_of(own, own, hostile)


def extra_args():
    return st.one_of(st.just(()), st.lists(hostile, min_size=1, max_size=3).map(tuple))


# ---- the room ------------------------------------------------------------------------------------------------
def phase_for(command: str) -> str:
    """The first phase in which the command's rule opens to someone (deliberation for ungated commands)."""
    rules = {d.rule for d in DRIVERS if isinstance(d, Socket) and d.command == command}
    for phase in Phase:
        if phase is not Phase.PUBLISHED and any(phase in RULES[r].phases for r in rules):
            return phase.value
    return "deliberation"


@pytest.fixture
def room(app, conference):
    rooms = []

    def make(phase):
        w = world.build(app, conference, phase)
        w["clients"] = world.connect_all(app, w, conference.slug)
        rooms.append(w)
        return w
    yield make
    for w in rooms:
        world.disconnect_all(w["clients"])


def emit(client, event, *args):
    return client.emit(event, *args, namespace=NS, callback=True)


def assert_clean_ack(ack, context):
    assert isinstance(ack, dict) and isinstance(ack.get("ok"), bool), context
    if not ack["ok"]:
        error = ack.get("error")
        assert isinstance(error, dict) and set(error) - {"field"} == {"code", "message"}, context
        assert isinstance(error.get("field", ""), str), context
        assert error["code"] in CODES and isinstance(error["message"], str) and error["message"], context


def still_answers(w, role, refused: bool, context):
    """The same socket still answers a normal command (reading a paragraph's history, which needs the socket's
    joined member): after a refusal, as well as before it; after an accepted command (which may have ended the
    membership: `leave`), with a clean ack at least."""
    ack = emit(w["clients"][role], "paragraph_history", {"paragraph_id": w["t"]["paragraph"]})
    assert_clean_ack(ack, context)
    healthy = w.setdefault("healthy", {}).get(role, True)
    if refused and healthy:
        assert ack["ok"], context
    w["healthy"][role] = ack["ok"]


def try_hostile(app, w, role, event, args, context):
    client = w["clients"][role]
    before = world.fingerprint(app)
    ack = emit(client, event, *args)
    assert_clean_ack(ack, context + f" -> {ack!r}"[:600])
    refused = not ack["ok"]
    if refused:
        assert world.fingerprint(app) == before, context
    still_answers(w, role, refused, context)
    return ack


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_answers_hostile_payloads(app, conference, room, command):
    w = room(phase_for(command))
    seen = {"examples": 0, "refused": 0}

    @settings(max_examples=EXAMPLES_PER_COMMAND, **SETTINGS)
    @given(role=st.sampled_from(["organiser", "facilitator", "panelist", "expert"]), data=payloads(command),
           extra=extra_args())
    def run(role, data, extra):
        ack = try_hostile(app, w, role, command, (data, *extra),
                          f"{command} by {role}: {data!r:.300} + {len(extra)} extra")
        seen["examples"] += 1
        seen["refused"] += not ack["ok"]
        if extra:
            assert ack["ok"] is False and ack["error"]["code"] == "invalid"

    run()
    print(f"\n{command}: {seen['examples']} examples, {seen['refused']} refused")
    assert seen["examples"] >= EXAMPLES_PER_COMMAND // 2


def test_unknown_and_reserved_names_are_answered(app, conference, room):
    w = room("deliberation")
    names = st.one_of(texts, st.sampled_from(["connect", "disconnect", "on_join", "__init__", "trigger_event",
                                              "connect_error", "message", "*", "_dispatch", "commands",
                                              "dispatch_command"]))

    @settings(max_examples=100, **SETTINGS)
    @given(name=names.filter(lambda n: n not in COMMANDS), data=st.one_of(st.just(()), hostile.map(lambda v: (v,))))
    def run(name, data):
        ack = try_hostile(app, w, "panelist", name, data, f"event {name!r:.80}")
        assert ack["ok"] is False
        assert ack["error"]["code"] == ("invalid" if name in ("connect", "disconnect") else "not_found")

    run()


def test_disconnect_sent_as_an_event_keeps_the_socket(app, conference, room):
    w = room("deliberation")
    alice, bruno = w["clients"]["panelist"], w["clients"]["expert"]
    ack = emit(alice, "disconnect")
    assert ack["ok"] is False and ack["error"]["code"] == "invalid"
    # Still joined: it can post, and it still receives the room's events.
    assert emit(alice, "post_argument", {"text": "Toujours là.", "stance": "for"})["ok"]
    alice.get_received(NS)
    assert emit(bruno, "post_argument", {"text": "Et moi aussi.", "stance": "for"})["ok"]
    assert [e["name"] for e in alice.get_received(NS)] == ["argument_posted"]


RAW = {
    "1,000 deep": '["post_argument",{"text":"x","stance":' + "[" * 1000 + "]" * 1000 + "}]",
    "10,000 deep": '["post_argument",' + "[" * 10_000 + "]" * 10_000 + "]",
    "malformed": '["post_argument",{"text":',
    "an object": '{"text":"x"}',
    "an empty list": "[]",
    "a number for a name": '[5,{"text":"x"}]',
    "a list for a name": '[["join"],{"conference":"viande"}]',
    "surrogate escape": '["post_argument",{"text":"x\\ud800y","stance":"for"}]',
    "NaN": '["cast_vote",{"argument_id":NaN,"value":Infinity}]',
}


@pytest.mark.parametrize("name", sorted(RAW))
def test_raw_packets_the_client_library_would_not_send(app, conference, room, name):
    """Straight into the server (as a hostile client would), with an acknowledgement id."""
    w = room("deliberation")
    client = w["clients"]["panelist"]
    before = world.fingerprint(app)
    client.acks = None
    socketio.server._handle_eio_message(client.eio_sid, f"2{NS},77{RAW[name]}")
    assert client.acks is not None, "no acknowledgement"
    ack = client.acks["args"][0]
    assert_clean_ack(ack, name)
    assert ack["ok"] is False and ack["error"]["code"] == "invalid"
    assert world.fingerprint(app) == before
    still_answers(w, "panelist", True, name)


def test_an_unexpected_failure_answers_internal_and_changes_nothing(app, conference, room, monkeypatch, caplog):
    w = room("deliberation")

    def broken(actor, text, *args, **kwargs):
        db.session.add(Argument(conference_id=actor.conference_id, author_id=actor.id, text=text))
        db.session.flush()
        raise RuntimeError("a bug")

    monkeypatch.setattr(arguments, "post_argument", broken)
    before = world.fingerprint(app)
    ack = emit(w["clients"]["panelist"], "post_argument", {"text": "Un argument.", "stance": "for"})
    assert ack["ok"] is False and ack["error"]["code"] == "internal" and ack["error"]["message"]
    assert "a bug" not in ack["error"]["message"]  # no internals to the client; the log has the traceback
    assert any("RuntimeError: a bug" in (r.exc_text or "") for r in caplog.records)
    assert world.fingerprint(app) == before
    still_answers(w, "panelist", True, "after a failure")


# ---- validation keeps what people really write -----------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Une place pour la viande\u202f? Oui\u202f!",                # French narrow no-break spaces
    "« Bien\u00a0sûr », dit-elle.",                            # no-break spaces in quotes
    "Les éleveurs 👩‍🌾 et les familles 👨‍👩‍👧‍👦 🏳️‍🌈 1️⃣",        # emoji with ZWJ, variation selectors, keycaps
    "Cafe\u0301 cre\u0300me bru\u0302le\u0301e",                # accents written with combining marks (NFC)
    "Tiếng Việt có dấu",                                        # two marks on one letter
    "בְּרֵאשִׁ֖ית",                                                    # pointed Hebrew
])
def test_real_texts_still_pass(app, conference, room, text):
    w = room("deliberation")
    ack = emit(w["clients"]["panelist"], "post_argument", {"text": text, "stance": "for"})
    assert ack["ok"], ack
    assert ack["argument"]["text"] == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("field,payload", [
    ("text", {"text": "x\ud800y", "stance": "for"}),
    ("text", {"text": "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0f", "stance": "for"}),
    ("text", {"text": "\u3164\u2800", "stance": "for"}),
    ("text", {"text": "Zalgo" + "\u0301\u0302\u0303" * 320, "stance": "for"}),
])
def test_texts_the_record_cannot_hold_are_refused(app, conference, room, field, payload):
    w = room("deliberation")
    before = world.fingerprint(app)
    ack = emit(w["clients"]["panelist"], "post_argument", payload)
    assert ack["ok"] is False and ack["error"]["code"] == "invalid" and ack["error"]["field"] == field
    assert "Votre texte" in ack["error"]["message"]  # named as the page names it, not by the payload key
    assert world.fingerprint(app) == before


@pytest.mark.parametrize("name", ["x\ud800y", "\u200b\u200b", "\ufeff\u2060", "\u3164", "Zoé" + "\u0301" * 40])
def test_display_names_the_record_cannot_hold_are_refused(app, conference, name):
    before = world.fingerprint(app)
    response = app.test_client().post(f"/api/conferences/{conference.slug}/join",
                                      json={"invite_code": conference.codes["public"], "display_name": name})
    assert response.status_code == 400, response.get_data()
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and error["field"] == "display_name"
    assert "display_name" not in error["message"]  # "Your name ...", as the page calls the field
    assert world.fingerprint(app) == before


def test_surrogates_in_every_text_of_the_room_are_refused(app, conference, room):
    """The issue's crashes: a display name over HTTP, a moderation reason and an answer over the socket."""
    w = room("deliberation")
    t = w["t"]
    before = world.fingerprint(app)
    response = app.test_client().post(f"/api/conferences/{conference.slug}/join",
                                      json={"invite_code": conference.codes["public"], "display_name": "x\ud800y"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid"
    for role, command, payload in (
            ("facilitator", "moderate", {"argument_id": t["to_hide"], "action": "hide", "reason": "x\ud800y"}),
            ("expert", "answer_question", {"question_id": t["question"], "text": "\ud83d"}),
            ("organiser", "set_moderation_reasons", {"reasons": ["ok", "\udc00"]}),
            ("facilitator", "set_timer", {"seconds": 60, "label": "\ud800"})):
        ack = emit(w["clients"][role], command, payload)
        assert ack["ok"] is False and ack["error"]["code"] == "invalid", (command, ack)
    assert world.fingerprint(app) == before


# ---- JSON routes ------------------------------------------------------------------------------------------------
def api_routes(app):
    return sorted((rule.rule, method) for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")
                  for method in rule.methods - {"HEAD", "OPTIONS"})


slugs = st.one_of(st.just("viande"), st.text(string.ascii_lowercase + "-", max_size=12),
                  texts.map(lambda s: quote(s.encode("utf-8", "surrogatepass"), safe="")))
bodies = st.one_of(
    json_values.map(lambda v: json.dumps(v).encode()),
    st.dictionaries(st.sampled_from(["invite_code", "display_name", "token"]), hostile, max_size=3).map(
        lambda v: json.dumps(v).encode()),
    st.binary(max_size=200),
    st.integers(min_value=500, max_value=3000).map(lambda n: ("[" * n + "]" * n).encode()),
    st.sampled_from([b'{"display_name": "x\\ud800y", "invite_code": "\\udfff"}', b'{"a":', b"\xff\xfe", b"",
                     b'{"display_name": "Zo\\u00e9", "invite_code": "AB\\u0000CD-EFGH"}']))
auth_headers = st.one_of(st.none(), st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=80))


def test_json_routes_answer_json_errors(app, conference, room):
    w = room("deliberation")
    token = w["tokens"]["panelist"]
    client = app.test_client()
    routes = api_routes(app)
    assert routes, "no JSON route found"
    seen = {}

    @settings(max_examples=60 * len(routes), **SETTINGS)
    @given(route=st.sampled_from(routes), slug=slugs, body=bodies, auth=auth_headers,
           content_type=st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded"]))
    def run(route, slug, body, auth, content_type):
        rule, method = route
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: slug if m.group(1) == "slug" else "999999", rule)
        headers = {"Content-Type": content_type}
        if auth is not None:
            headers["Authorization"] = "Bearer " + auth
        before = world.fingerprint(app)
        response = client.open(path, method=method, data=body, headers=headers)
        context = f"{method} {path} {body[:80]!r} -> {response.status_code} {response.get_data()[:200]!r}"
        assert response.status_code < 500, context
        seen[route] = seen.get(route, 0) + 1
        if response.status_code >= 400:
            error = (response.get_json(silent=True) or {}).get("error")
            assert isinstance(error, dict) and set(error) - {"field"} == {"code", "message"}, context
            assert isinstance(error.get("field", ""), str), context
            assert error["code"] in CODES and error["message"], context
            assert STATUS.get(error["code"], response.status_code) == response.status_code, context
            assert world.fingerprint(app) == before, context
        # The server still answers a normal request.
        assert client.get(f"/api/conferences/{conference.slug}/snapshot",
                          headers={"Authorization": f"Bearer {token}"}).status_code == 200

    run()
    print(f"\nJSON routes: {seen}")


def test_an_unexpected_failure_is_a_json_500(app, conference, monkeypatch):
    from deliberate.services.members import membership
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the error handler answers

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(membership, "join", broken)
    response = app.test_client().post(f"/api/conferences/{conference.slug}/join",
                                      json={"invite_code": "x", "display_name": "y"})
    assert response.status_code == 500
    error = response.get_json()["error"]
    assert error["code"] == "internal" and "a bug" not in error["message"]


# ---- the same over a real WebSocket, against `deliberate serve` -----------------------------------------------------
class RawSocket:
    """A hand-written Engine.IO/Socket.IO client: it sends frames no client library would."""

    def __init__(self, base_url, token):
        import websocket

        self.ws = websocket.create_connection(base_url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket",
                                              timeout=30)
        assert self.ws.recv().startswith("0")  # Engine.IO open
        self.ws.send(f"40{NS}," + json.dumps({"token": token}))
        assert self._next(f"40{NS},").startswith(f"40{NS},")
        self.id = 0

    def _next(self, prefix):
        while True:
            frame = self.ws.recv()
            if frame == "2":  # Engine.IO ping
                self.ws.send("3")
            elif frame.startswith(prefix):
                return frame

    def call_raw(self, body: str):
        """Send `42/live,<id><body>` and return the acknowledgement's arguments."""
        self.id += 1
        self.ws.send(f"42{NS},{self.id}{body}")
        frame = self._next(f"43{NS},{self.id}")
        return json.loads(frame[len(f"43{NS},{self.id}"):])

    def call(self, event, *args):
        return self.call_raw(json.dumps([event, *args]))[0]

    def close(self):
        self.ws.close()


@pytest.mark.e2e
def test_hostile_frames_over_a_real_websocket(tmp_path, fresh_database):
    import os
    import subprocess

    import requests

    from tests.e2e.conftest import BIN_DIR, start_server, stop_server

    env = dict(os.environ, DELIBERATE_ENV="development", DELIBERATE_INSTANCE_PATH=str(tmp_path),
               DELIBERATE_DATABASE_URL=fresh_database(), DELIBERATE_ANALYSIS="off")
    for name in ("DELIBERATE_REDIS_URL", "DELIBERATE_SECRET_KEY"):
        env.pop(name, None)
    created = subprocess.run([str(BIN_DIR / "deliberate"), "conference", "create", "viande", "--title", "T",
                              "--question", "Q ?"], env=env, capture_output=True, text=True, timeout=120,
                             check=True)
    invites = json.loads([line for line in created.stdout.splitlines() if line.strip()][-1])["invites"]
    process, base_url, _stderr = start_server(env, tmp_path)
    try:
        joined = requests.post(f"{base_url}/api/conferences/viande/join", timeout=30,
                               json={"invite_code": invites["panelist"], "display_name": "Alice"}).json()
        deep = requests.post(f"{base_url}/api/conferences/viande/join", data="[" * 1000 + "]" * 1000, timeout=30,
                             headers={"Content-Type": "application/json"})
        assert deep.status_code == 400 and deep.json()["error"]["code"] == "invalid"
        client = RawSocket(base_url, joined["token"])
        try:
            assert client.call("join", {"conference": "viande"})["ok"]
            answers = {
                "unknown": client.call("no_such_command", {}),
                "disconnect": client.call("disconnect"),
                "connect": client.call("connect", {"token": joined["token"]}),
                "extra": client.call("post_argument", {"text": "Un.", "stance": "for"}, {"more": 1}),
                "surrogate": client.call_raw('["post_argument",{"text":"x\\ud800y","stance":"for"}]')[0],
                "1,000 deep": client.call_raw('["post_argument",{"text":' + "[" * 1000 + "]" * 1000 + "}]")[0],
                "malformed": client.call_raw('["post_argument",{"text":')[0],
                "zero-width": client.call("post_argument", {"text": "\u200b\u200d\ufeff", "stance": "for"}),
            }
            for name, ack in answers.items():
                assert ack["ok"] is False and ack["error"]["code"] in ("invalid", "not_found"), (name, ack)
            # Over 64 KB: answered too_long (the connection stays); over 1 MB the transport closes it (documented).
            huge = client.call("post_argument", {"text": "x" * (65 * 1024), "stance": "for"})
            assert huge["ok"] is False and huge["error"]["code"] == "too_long", huge
            # Nothing was posted, and the socket is still joined and answers.
            ack = client.call("post_argument", {"text": "Toujours là.", "stance": "for"})
            assert ack["ok"] and ack["argument"]["id"] == 1, ack
        finally:
            client.close()
    finally:
        stop_server(process)
