"""A program that follows DESIGN.md section 5 against a real `deliberate serve`: join over HTTP, connect
to /live with the token, `join`, `post_argument`, `cast_vote`; and nothing acknowledged is lost when the
server process is killed (SIGKILL) and started again."""
import threading

import pytest
import requests
import socketio

from tests.e2e.conftest import SLUG, socket_client, start_server, stop_server

pytestmark = pytest.mark.e2e
NS = "/live"
# The ordering test sends 90 votes back to back from each program, faster than a person votes (the default vote
# limit, 5/s, is tested in tests/services/test_limits.py and tests/e2e/test_flood.py).
SERVER_ENV = {"DELIBERATE_LIMIT_VOTE": "1000/second"}


def http_join(base_url, code, name):
    r = requests.post(f"{base_url}/api/conferences/{SLUG}/join", json={"invite_code": code, "display_name": name},
                      timeout=10)
    assert r.status_code == 201, r.text
    return r.json()


class Program:
    """A socket client that records the events it receives."""

    def __init__(self, base_url, token):
        self.events: list[tuple[str, dict]] = []
        self.arrived = threading.Condition()
        self.sio = socket_client()
        for name in ("argument_posted", "tally_changed", "phase_changed", "argument_moderated",
                     "analysis_updated", "arguments_assigned", "themes_changed"):
            self.sio.on(name, self._recorder(name), namespace=NS)
        self.sio.on("tallies_changed", self._tallies, namespace=NS)
        self.sio.connect(base_url, namespaces=[NS], auth={"token": token}, transports=["websocket"], wait_timeout=10)

    def _recorder(self, name):
        def record(payload):
            with self.arrived:
                self.events.append((name, payload))
                self.arrived.notify_all()
        return record

    def _tallies(self, payload):
        """The server coalesces tallies: each item is what a `tally_changed` would have said."""
        with self.arrived:
            self.events.extend(("tally_changed", item) for item in payload["items"])
            self.arrived.notify_all()

    def call(self, event, payload):
        return self.sio.call(event, payload, namespace=NS, timeout=10)

    def wait_for(self, name, predicate=lambda p: True, timeout=10.0):
        with self.arrived:
            ok = self.arrived.wait_for(lambda: any(n == name and predicate(p) for n, p in self.events), timeout)
        assert ok, f"no {name} within {timeout}s; got {self.events}"
        return next(p for n, p in self.events if n == name and predicate(p))

    def close(self):
        self.sio.disconnect()


def test_program_sees_another_clients_argument_and_tallies_live(live_server):
    alice = http_join(live_server.base_url, live_server.invites["panelist"], "Alice (programme)")
    bruno = http_join(live_server.base_url, live_server.invites["public"], "Bruno (programme)")
    a, b = Program(live_server.base_url, alice["token"]), Program(live_server.base_url, bruno["token"])
    try:
        assert a.call("join", {"conference": SLUG})["ok"]
        snap = b.call("join", {"conference": SLUG})["snapshot"]
        assert snap["me"] == {**bruno["member"], "can": snap["me"]["can"]}
        ack = a.call("post_argument", {"text": "Les prairies stockent du carbone.", "stance": "against",
                                       "kind": "argument"})
        assert ack["ok"], ack
        seen = b.wait_for("argument_posted", lambda p: p["argument"]["id"] == ack["argument"]["id"])
        assert seen["argument"]["text"] == "Les prairies stockent du carbone."
        assert seen["argument"]["author"] == alice["member"]
        assert b.call("cast_vote", {"argument_id": ack["argument"]["id"], "value": -1})["ok"]
        tally = a.wait_for("tally_changed", lambda p: p["argument_id"] == ack["argument"]["id"])
        assert (tally["agree"], tally["disagree"], tally["pass"]) == (0, 1, 0)
    finally:
        a.close()
        b.close()


def test_a_members_votes_apply_in_the_order_sent(live_server):
    """Votes sent back to back without waiting for acks, by several members at once: every one is acked, and
    each member's last vote on each argument is the one that counts (no vote overtakes an earlier one)."""
    author = Program(live_server.base_url, http_join(live_server.base_url, live_server.invites["panelist"],
                                                     "Autrice")["token"])
    assert author.call("join", {"conference": SLUG})["ok"]
    argument_ids = [author.call("post_argument", {"text": f"Ordre des votes {i}", "stance": "for"})["argument"]["id"]
                    for i in range(3)]
    voters = [Program(live_server.base_url, http_join(live_server.base_url, live_server.invites["public"],
                                                      f"Votant {i}")["token"]) for i in range(4)]
    acks, done = [], threading.Condition()

    def on_ack(ack):
        with done:
            acks.append(ack)
            done.notify_all()

    sequence = [1, -1, 0] * 10  # 30 values; each voter's last one is shifted by its index
    try:
        for voter in voters:
            assert voter.call("join", {"conference": SLUG})["ok"]
        for i, voter in enumerate(voters):
            for n, value in enumerate(sequence):
                for argument_id in argument_ids:
                    voter.sio.emit("cast_vote", {"argument_id": argument_id, "value": sequence[(n + i) % 3] if
                                                 n == len(sequence) - 1 else value}, namespace=NS, callback=on_ack)
        total = len(voters) * len(sequence) * len(argument_ids)
        with done:
            assert done.wait_for(lambda: len(acks) == total, timeout=60), f"{len(acks)} of {total} acks"
        assert all(ack["ok"] for ack in acks)
        last = {i: sequence[(len(sequence) - 1 + i) % 3] for i in range(len(voters))}
        for i, voter in enumerate(voters):
            snap = voter.call("join", {"conference": SLUG})["snapshot"]
            assert snap["my_votes"] == {str(a): last[i] for a in argument_ids}
        names = {1: "agree", -1: "disagree", 0: "pass"}
        expected = {name: sum(1 for v in last.values() if names[v] == name) for name in names.values()}
        snap = author.call("join", {"conference": SLUG})["snapshot"]
        assert all(snap["tallies"][str(a)] == expected for a in argument_ids)
    finally:
        author.close()
        for voter in voters:
            voter.close()


def test_the_server_runs_on_gevent(live_server):
    out = live_server.instance / f"server-{live_server.base_url.rsplit(':', 1)[1]}.stdout.log"
    assert "with gevent" in out.read_text()


def test_connection_without_token_is_refused(live_server):
    client = socket_client()
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(live_server.base_url, namespaces=[NS], auth={"token": "forged"}, transports=["websocket"],
                       wait_timeout=5)
    client.disconnect()  # the refused client still holds its WebSocket until told


def test_acknowledged_writes_survive_a_killed_server(live_server):
    member = http_join(live_server.base_url, live_server.invites["panelist"], "Durable")
    writer = Program(live_server.base_url, member["token"])
    assert writer.call("join", {"conference": SLUG})["ok"]
    acked = []
    for i in range(5):
        ack = writer.call("post_argument", {"text": f"Argument durable {i}", "stance": "nuance"})
        assert ack["ok"], ack
        acked.append(ack["argument"]["id"])
    assert writer.call("cast_vote", {"argument_id": acked[0], "value": 1})["ok"]
    writer.sio.disconnect()

    live_server.process.kill()  # SIGKILL: no clean shutdown, no chance to flush anything late
    live_server.process.wait(timeout=10)
    process, base_url, _ = start_server(live_server.env, live_server.instance)
    try:
        again = Program(base_url, member["token"])
        snap = again.call("join", {"conference": SLUG})["snapshot"]
        ids = [a["id"] for a in snap["arguments"]]
        assert all(i in ids for i in acked)
        assert snap["my_votes"][str(acked[0])] == 1
        again.close()
    finally:
        stop_server(process)
