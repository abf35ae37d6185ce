"""Idempotency keys over the socket: a retry gets the same ack, writes nothing and announces nothing."""
import pytest
from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.models import Argument, Vote
from tests.web.test_live import NS, emit, events, room  # noqa: F401 (room: fixture)


def count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_a_post_retried_on_another_socket_gets_the_same_ack_and_one_event(app, room, connect):  # noqa: F811
    payload = {"text": "Des protéines végétales à chaque repas.", "stance": "for", "key": "k-1"}
    first = emit(room["ca"], "post_argument", payload)
    retry_socket = connect(room["token_a"])  # the reconnected tab of the same member
    assert emit(retry_socket, "join", {"conference": "viande"})["ok"]
    again = emit(retry_socket, "post_argument", payload)
    assert first["ok"] is True and again == first
    assert len(events(room["cb"], "argument_posted")) == 1
    assert count(app, Argument) == 1


def test_a_vote_retried_gets_the_same_ack_and_no_tally_event(app, room):  # noqa: F811
    arg = emit(room["ca"], "post_argument", {"text": "Un menu végétarien par semaine.", "stance": "for"})["argument"]
    first = emit(room["cb"], "cast_vote", {"argument_id": arg["id"], "value": 1, "key": "vote-1"})
    assert first == {"ok": True, "tally": {"agree": 1, "disagree": 0, "pass": 0}}
    emit(room["ca"], "cast_vote", {"argument_id": arg["id"], "value": -1})
    room["ca"].get_received(NS)
    assert emit(room["cb"], "cast_vote", {"argument_id": arg["id"], "value": 1, "key": "vote-1"}) == first
    assert events(room["ca"], "tally_changed") == []
    assert count(app, Vote) == 2


@pytest.mark.parametrize("event", ["post_argument", "cast_vote"])
def test_a_bad_key_is_a_clean_invalid(app, room, event):  # noqa: F811
    ack = emit(room["ca"], event, {"text": "Un texte.", "argument_id": 1, "value": 1, "key": "not a key!"})
    assert ack["ok"] is False and ack["error"]["code"] == "invalid"
    assert count(app, Argument) == 0
