"""The /live namespace with Flask-SocketIO's test client: commands, acks, events, refusals."""
import pytest

NS = "/live"


def emit(client, event, data):
    return client.emit(event, data, namespace=NS, callback=True)


def events(client, name=None):
    received = client.get_received(NS)
    return [e["args"][0] for e in received if name is None or e["name"] == name]


@pytest.fixture
def room(app, conference, join, connect):
    """A panelist A and a panelist B, both connected and joined."""
    a, token_a = join(conference, "panelist", "Alice")
    b, token_b = join(conference, "panelist", "Bruno")
    ca, cb = connect(token_a), connect(token_b)
    assert emit(ca, "join", {"conference": "viande"})["ok"]
    assert emit(cb, "join", {"conference": "viande"})["ok"]
    ca.get_received(NS), cb.get_received(NS)
    return {"a": a, "b": b, "ca": ca, "cb": cb, "token_a": token_a, "token_b": token_b}


def test_connection_without_credentials_is_refused(app, connect):
    assert not connect(auth={}).is_connected(NS)
    assert not connect(token="not-a-token").is_connected(NS)


def test_join_returns_a_snapshot(app, conference, join, connect):
    member, token = join(conference, "expert", "Dr L")
    ack = emit(connect(token), "join", {"conference": "viande"})
    assert ack["ok"] is True
    snap = ack["snapshot"]
    assert {"conference", "phase", "me", "arguments", "tallies", "my_votes", "answers", "timer", "queue", "speaking",
            "spotlight", "agenda", "glossary"} <= set(snap)
    assert "analysis" not in snap
    assert snap["phase"] == "preparation" and snap["conference"]["question"] == "Quelle place pour la viande ?"
    assert snap["me"]["id"] == member.id and snap["me"]["role"] == "expert"
    can = snap["me"]["can"]
    assert {k: can[k] for k in ("post", "vote", "steer", "moderate")} == {"post": True, "vote": True,
                                                                         "steer": False, "moderate": False}
    # An expert answers questions, but proposes no key question and does not select them.
    assert can["answer_question"] is True and can["post_key_question"] is False
    assert can["select_key_question"] is False


def test_one_posts_the_other_receives(room):
    ack = emit(room["ca"], "post_argument", {"text": "L'élevage entretient les prairies.", "stance": "against",
                                             "kind": "argument"})
    assert ack["ok"] is True
    argument = ack["argument"]
    received = events(room["cb"], "argument_posted")
    assert received == [{"argument": argument}]
    assert argument["author"] == {"id": room["a"].id, "display_name": "Alice", "role": "panelist"}
    assert set(argument) == {"id", "text", "stance", "kind", "author", "created_at", "addressee", "follows_answer_id"}


def test_votes_update_tallies_live(room):
    arg = emit(room["ca"], "post_argument", {"text": "Un menu végétarien par semaine.", "stance": "for"})["argument"]
    room["cb"].get_received(NS)
    ack = emit(room["cb"], "cast_vote", {"argument_id": arg["id"], "value": 1})
    assert ack == {"ok": True, "tally": {"agree": 1, "disagree": 0, "pass": 0}}
    assert events(room["ca"], "tally_changed") == [{"argument_id": arg["id"], "agree": 1, "disagree": 0, "pass": 0}]
    emit(room["cb"], "cast_vote", {"argument_id": arg["id"], "value": 0})  # replaces
    assert events(room["ca"], "tally_changed")[-1] == {"argument_id": arg["id"], "agree": 0, "disagree": 0, "pass": 1}


@pytest.mark.parametrize("event,payload,code", [
    ("post_argument", {"text": ""}, "invalid"),
    ("post_argument", {"text": "x" * 1001}, "too_long"),
    ("post_argument", {"text": "ok", "stance": "maybe"}, "invalid"),
    ("post_argument", "just a string", "invalid"),
    ("post_argument", None, "invalid"),
    ("cast_vote", {"argument_id": 424242, "value": 1}, "not_found"),
    ("cast_vote", {"argument_id": "1", "value": 1}, "invalid"),
    ("cast_vote", [1, 2], "invalid"),
    ("set_phase", {"phase": "drafting"}, "forbidden"),
    ("moderate", {"argument_id": 1, "action": "hide", "reason": "x"}, "forbidden"),
    ("join", {"conference": "inconnue"}, "not_found"),
    ("join", {"conference": 5}, "not_found"),
    ("join", {}, "not_found"),
])
def test_refusals_are_acked_and_change_nothing(room, event, payload, code):
    ack = emit(room["ca"], event, payload)
    assert ack["ok"] is False and ack["error"]["code"] == code and ack["error"]["message"]
    assert events(room["cb"]) == []


def test_commands_before_join_are_refused(app, conference, join, connect):
    _, token = join(conference)
    client = connect(token)
    ack = emit(client, "post_argument", {"text": "Trop tôt"})
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"


def test_cannot_join_another_conference(app, conference, other_conference, join, connect):
    _, token = join(conference)
    ack = emit(connect(token), "join", {"conference": "autre"})
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"


def test_events_stay_inside_their_conference(app, conference, other_conference, join, connect, room):
    _, other_token = join(other_conference)
    outsider = connect(other_token)
    assert emit(outsider, "join", {"conference": "autre"})["ok"]
    outsider.get_received(NS)
    emit(room["ca"], "post_argument", {"text": "Chez nous seulement", "stance": "for"})
    assert events(outsider) == []


def test_observer_reads_but_cannot_post_or_vote(app, conference, join, connect, room):
    _, token = join(conference, "observer", "Obs")
    obs = connect(token)
    assert emit(obs, "join", {"conference": "viande"})["snapshot"]["me"]["can"]["post"] is False
    arg = emit(room["ca"], "post_argument", {"text": "Visible par l'observateur", "stance": None})["argument"]
    assert events(obs, "argument_posted") == [{"argument": arg}]
    assert emit(obs, "post_argument", {"text": "Moi aussi"})["error"]["code"] == "forbidden"
    assert emit(obs, "cast_vote", {"argument_id": arg["id"], "value": 1})["error"]["code"] == "forbidden"


def test_facilitator_steers_phase_and_drafting_closes_posting(app, conference, join, connect, room):
    _, token = join(conference, "facilitator", "Anim")
    fac = connect(token)
    snap = emit(fac, "join", {"conference": "viande"})["snapshot"]
    assert snap["me"]["can"]["steer"] is True
    assert emit(fac, "set_phase", {"phase": "drafting"}) == {"ok": True, "phase": "drafting"}
    changed = events(room["cb"], "phase_changed")
    assert [(c["phase"], c["previous"]) for c in changed] == [("drafting", "preparation")]
    ack = emit(room["ca"], "post_argument", {"text": "Trop tard"})
    assert ack["ok"] is False and ack["error"]["code"] == "wrong_phase"
    assert emit(fac, "set_phase", {"phase": "nowhere"})["error"]["code"] == "invalid"


def test_hidden_arguments_keep_their_place_and_reason_for_participants(app, conference, join, connect, room):
    arg = emit(room["ca"], "post_argument", {"text": "Hors sujet total", "stance": "for"})["argument"]
    _, token = join(conference, "facilitator", "Anim")
    fac = connect(token)
    emit(fac, "join", {"conference": "viande"})
    room["cb"].get_received(NS)
    assert emit(fac, "moderate", {"argument_id": arg["id"], "action": "hide", "reason": "Hors sujet"})["ok"]
    [moderated] = events(room["cb"], "argument_moderated")
    assert moderated["argument_id"] == arg["id"] and moderated["status"] == "hidden"
    assert moderated["reason"] == "Hors sujet"
    snap = emit(room["cb"], "join", {"conference": "viande"})["snapshot"]
    [placeholder] = [a for a in snap["arguments"] if a["id"] == arg["id"]]
    assert placeholder["text"] is None and placeholder["moderation_reason"] == "Hors sujet"
    assert "Hors sujet total" not in str(snap)
    assert str(arg["id"]) not in snap["tallies"]


def test_reconnect_snapshot_has_everything_acknowledged(app, conference, join, connect, room):
    posted = [emit(room["ca"], "post_argument", {"text": f"Argument {i}", "stance": "nuance"})["argument"]
              for i in range(5)]
    for a in posted[:3]:
        assert emit(room["cb"], "cast_vote", {"argument_id": a["id"], "value": -1})["ok"]
    room["cb"].disconnect(NS)
    assert not room["cb"].is_connected(NS)
    again = connect(room["token_b"])
    snap = emit(again, "join", {"conference": "viande"})["snapshot"]
    assert [a["id"] for a in snap["arguments"]] == [a["id"] for a in posted]
    assert snap["my_votes"] == {str(a["id"]): -1 for a in posted[:3]}
    assert snap["tallies"][str(posted[0]["id"])] == {"agree": 0, "disagree": 1, "pass": 0}
