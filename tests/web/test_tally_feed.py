"""Tallies are coalesced: a burst of votes becomes one `tallies_changed` per conference and interval, holding
the absolute, committed tallies of exactly the arguments whose votes changed; the voter's ack is immediate."""
import time

import pytest

from deliberate import create_app
from deliberate.services.collaborators import of
from deliberate.extensions import db, socketio
from deliberate.services.room.tally_feed import TallyFeed
from tests.helpers import using

NS = "/live"


def test_a_burst_is_one_broadcast_per_conference_with_absolute_counts(app):
    sent = []
    counts = {1: {"agree": 4, "disagree": 1, "pass": 0}, 2: {"agree": 0, "disagree": 0, "pass": 2},
              7: {"agree": 1, "disagree": 0, "pass": 0}}
    feed = TallyFeed(app, lambda conference, ids: [{"argument_id": a, **counts[a]} for a in ids],
                     lambda event, payload, conference: sent.append((event, payload, conference)), interval=3600)
    for _ in range(50):  # 150 votes in one burst, in two conferences
        feed.mark(10, 1)
        feed.mark(10, 2)
        feed.mark(20, 7)
    feed.stop(wait=True)  # sends what is pending, then ends
    assert sorted(sent, key=lambda e: e[2]) == [
        ("tallies_changed", {"items": [{"argument_id": 1, **counts[1]}, {"argument_id": 2, **counts[2]}]}, 10),
        ("tallies_changed", {"items": [{"argument_id": 7, **counts[7]}]}, 20),
    ]
    assert feed.broadcasts == 2


@pytest.fixture
def feed_app(tmp_path, fresh_database):
    app = create_app({
        "TESTING": True, "SECRET_KEY": "t", "INSTANCE_PATH": str(tmp_path),
        "SQLALCHEMY_DATABASE_URI": fresh_database(), "DELIBERATE_LIMITS": "off",
        "DELIBERATE_ANALYSIS": "off", "DELIBERATE_EMBEDDER": "toy:32", "DELIBERATE_TALLY_INTERVAL": 0.1,
    })
    yield app
    of(app).tally_feed.stop(wait=True)
    with app.app_context():
        db.engine.dispose()


def test_voters_get_their_tally_at_once_and_the_room_the_coalesced_counts(feed_app):
    from deliberate.services import conferences
    from deliberate.services.members import membership

    with feed_app.app_context():
        conf, codes = conferences.create_conference("viande", "T", "Q ?")
        tokens = [membership.join("viande", codes["panelist"], f"P{i}", deps=using())[1] for i in range(4)]
    clients = [socketio.test_client(feed_app, namespace=NS, auth={"token": t}) for t in tokens]
    try:
        for c in clients:
            assert c.emit("join", {"conference": "viande"}, namespace=NS, callback=True)["ok"]
        posted = [clients[0].emit("post_argument", {"text": f"Argument {i}", "stance": "for"}, namespace=NS,
                                  callback=True)["argument"]["id"] for i in range(2)]
        expected = {a: {"agree": 0, "disagree": 0, "pass": 0} for a in posted}
        for n, c in enumerate(clients):
            for a in posted:
                value = 1 if (n + a) % 2 else -1
                ack = c.emit("cast_vote", {"argument_id": a, "value": value}, namespace=NS, callback=True)
                expected[a]["agree" if value == 1 else "disagree"] += 1
                assert ack["ok"] and ack["tally"] == expected[a]  # the voter's own count, at once
        watcher, seen, deadline = clients[-1], {}, time.monotonic() + 30  # generous on a busy machine
        while seen != expected and time.monotonic() < deadline:
            for event in watcher.get_received(NS):
                assert event["name"] != "tally_changed"  # never one message per vote
                if event["name"] == "tallies_changed":
                    for item in event["args"][0]["items"]:
                        seen[item["argument_id"]] = {k: item[k] for k in ("agree", "disagree", "pass")}
            socketio.sleep(0.05)
        assert seen == expected
    finally:
        for c in clients:
            c.disconnect(NS)
