"""Durability under fire: clients post and vote with idempotency keys against a real `deliberate serve`, the
server is killed with SIGKILL mid-load and started again on the same database, the clients reconnect and retry
every command whose ack they did not get (same key), and the database is checked: every acknowledged write is
there exactly once, every retried key was applied at most once, and no argument is duplicated."""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import threading
from dataclasses import dataclass, field

import pytest
import requests
import socketio
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

import tests.e2e.conftest as e2e
from tests.e2e.conftest import BIN_DIR, QUESTION, SLUG, TITLE, socket_client, start_server, stop_server

pytestmark = pytest.mark.e2e
NS = "/live"
CLIENTS = 6
ACKS_BEFORE_KILL = 150   # the kill comes once this many commands were acknowledged: mid-load
CALL_TIMEOUT = 10.0      # an ack that does not come in this time is a lost ack
WINDOW = 8               # commands in flight per client
WAIT = 60.0              # start-ups and hand-overs on a busy machine


@dataclass
class Command:
    event: str
    payload: dict

    @property
    def key(self) -> str:
        return self.payload["key"]


@dataclass
class Client:
    """One member: sends its commands one after another (in order, as a tab does) until the server dies."""
    name: str
    token: str
    member_id: int
    shared: "Shared"
    acked: list = field(default_factory=list)       # (Command, ack)
    unacked: list = field(default_factory=list)     # Command sent, no ack: retried after the restart
    retried: list = field(default_factory=list)     # (Command, ack) of the retries
    replays: list = field(default_factory=list)     # (first ack, ack of an acknowledged command sent again)
    errors: list = field(default_factory=list)
    sent: int = 0

    def connect(self, base_url: str) -> socketio.Client:
        sio = socket_client()
        sio.connect(base_url, namespaces=[NS], auth={"token": self.token}, transports=["websocket"],
                    wait_timeout=WAIT)
        ack = sio.call("join", {"conference": SLUG}, namespace=NS, timeout=WAIT)
        assert ack["ok"], ack
        return sio

    def next_command(self) -> Command:
        self.sent += 1
        ids = self.shared.argument_ids()
        if self.sent % 3 == 1 or not ids:
            return Command("post_argument", {"text": f"{self.name}, argument {self.sent} : moins de viande.",
                                             "stance": "for", "key": f"{self.name}-p{self.sent}"})
        return Command("cast_vote", {"argument_id": random.choice(ids), "value": random.choice((1, -1, 0)),
                                     "key": f"{self.name}-v{self.sent}"})

    def load(self, base_url: str) -> None:
        """Up to WINDOW commands in flight (the server applies a connection's commands in order), until the
        connection drops; then every command sent without an ack is kept, in order, for the retry."""
        try:
            sio = self.connect(base_url)
        except Exception as exc:  # reported by the test
            self.errors.append(f"connect: {exc!r}")
            return
        gone, slots, lock = threading.Event(), threading.Semaphore(WINDOW), threading.Lock()
        sio.on("disconnect", lambda *args: gone.set(), namespace=NS)
        sent: list[Command] = []
        acks: dict[int, dict] = {}

        def answered(index, ack):
            with lock:
                acks[index] = ack
            if ack.get("ok"):
                self.shared.acknowledged(sent[index], ack)
            else:
                self.errors.append(f"{sent[index]}: {ack}")
            slots.release()

        while not gone.is_set():
            if not slots.acquire(timeout=0.2):
                continue
            command = self.next_command()
            with lock:
                sent.append(command)
                index = len(sent) - 1
            try:
                sio.emit(command.event, command.payload, namespace=NS,
                         callback=lambda ack, index=index: answered(index, ack))
            except Exception:  # the server died under it
                break
        gone.wait(WAIT)
        with lock:
            self.acked = [(c, acks[i]) for i, c in enumerate(sent) if i in acks]
            self.unacked = [c for i, c in enumerate(sent) if i not in acks]
            # Acks come in the order commands were sent: the acknowledged ones are a prefix.
            if not all(i in acks for i in range(len(self.acked))):
                self.errors.append("acks out of order")
        try:
            sio.disconnect()
        except Exception:
            pass

    def retry(self, base_url: str) -> None:
        sio = self.connect(base_url)
        try:
            for command in self.unacked:
                ack = sio.call(command.event, command.payload, namespace=NS, timeout=WAIT)
                assert ack.get("ok"), (command, ack)
                self.retried.append((command, ack))
            for command, first in self.acked[-2:]:  # an acknowledged command sent again: the same ack
                self.replays.append((first, sio.call(command.event, command.payload, namespace=NS, timeout=WAIT)))
        finally:
            sio.disconnect()


class Shared:
    def __init__(self):
        self.lock = threading.Condition()
        self.ids: list[int] = []
        self.acks = 0

    def argument_ids(self) -> list[int]:
        with self.lock:
            return list(self.ids)

    def acknowledged(self, command: Command, ack: dict) -> None:
        with self.lock:
            self.acks += 1
            if command.event == "post_argument":
                self.ids.append(ack["argument"]["id"])
            self.lock.notify_all()


@pytest.fixture
def server(tmp_path, server_database, monkeypatch):
    monkeypatch.setattr(e2e, "STARTUP_TIMEOUT", WAIT)
    instance = tmp_path / "instance"
    instance.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("DELIBERATE_")}
    env.update({"DELIBERATE_ENV": "development", "DELIBERATE_INSTANCE_PATH": str(instance),
                "DELIBERATE_LIMITS": "off", "DELIBERATE_ANALYSIS": "off"})
    if server_database:
        env["DELIBERATE_DATABASE_URL"] = server_database
    created = subprocess.run([str(BIN_DIR / "deliberate"), "conference", "create", SLUG, "--title", TITLE,
                              "--question", QUESTION], env=env, capture_output=True, text=True, timeout=120)
    assert created.returncode == 0, f"conference create failed:\n{created.stdout}\n{created.stderr}"
    invites = json.loads([line for line in created.stdout.splitlines() if line.strip()][-1])["invites"]
    database_url = server_database or f"sqlite:///{instance / 'deliberate.sqlite3'}"
    return env, instance, invites, database_url


def test_every_acknowledged_write_survives_a_sigkill_exactly_once(server):
    env, instance, invites, database_url = server
    process, base_url, _ = start_server(env, instance)
    shared, clients = Shared(), []
    try:
        for i in range(CLIENTS):
            role = "panelist" if i % 2 == 0 else "public"
            joined = requests.post(f"{base_url}/api/conferences/{SLUG}/join", timeout=WAIT,
                                   json={"invite_code": invites[role], "display_name": f"Durable {i}"})
            assert joined.status_code == 201, joined.text
            body = joined.json()
            clients.append(Client(f"c{i}", body["token"], body["member"]["id"], shared))
        threads = [threading.Thread(target=c.load, args=(base_url,), daemon=True) for c in clients]
        for t in threads:
            t.start()
        with shared.lock:
            assert shared.lock.wait_for(lambda: shared.acks >= ACKS_BEFORE_KILL, WAIT), shared.acks
        process.kill()  # SIGKILL to the server's own PID, mid-load
        killed_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        process.wait(timeout=WAIT)
        for t in threads:
            t.join(timeout=WAIT + CALL_TIMEOUT)
            assert not t.is_alive(), "a client did not notice the kill"
        assert [e for c in clients for e in c.errors] == []

        process, base_url, _ = start_server(env, instance)  # the same database
        retries = [threading.Thread(target=c.retry, args=(base_url,), daemon=True) for c in clients]
        for t in retries:
            t.start()
        for t in retries:
            t.join(timeout=3 * WAIT)
            assert not t.is_alive(), "a retry did not finish"
    finally:
        stop_server(process)

    acked = [(c, cmd, ack) for c in clients for cmd, ack in c.acked]
    retried = [(c, cmd, ack) for c in clients for cmd, ack in c.retried]
    assert sum(len(c.unacked) for c in clients) == len(retried)
    for first, again in (pair for c in clients for pair in c.replays):
        assert again == first  # the same argument id, the same tally: nothing applied twice

    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with engine.connect() as db:
            texts = dict(db.execute(text("SELECT id, text FROM argument")).all())
            duplicated = db.execute(text("SELECT text, COUNT(*) FROM argument GROUP BY text HAVING COUNT(*) > 1")).all()
            keys = {(m, k): (command, json.loads(r) if isinstance(r, str) else r,
                             dt.datetime.fromisoformat(at) if isinstance(at, str) else at) for m, k, command, r, at in
                    db.execute(text("SELECT member_id, key, command, result, created_at FROM command_key")).all()}
            final_votes = {(m, a): v for m, a, v in db.execute(text("SELECT member_id, argument_id, value FROM vote"))}
    finally:
        engine.dispose()

    assert duplicated == []
    found = 0
    for client, command, ack in acked + retried:
        kind, result, _ = keys[(client.member_id, command.key)]  # the key is stored: applied once, with its write
        assert kind == command.event
        if command.event == "post_argument":
            assert result == {"argument_id": ack["argument"]["id"]}
            assert texts[ack["argument"]["id"]] == command.payload["text"]
        else:
            assert result["tally"] == ack["tally"]
            assert (client.member_id, command.payload["argument_id"]) in final_votes
        found += 1
    # Every member's vote on an argument is the value of its last command on it (a retry replayed changes nothing).
    last = {}
    for client in clients:
        for command, _ in client.acked + client.retried:
            if command.event == "cast_vote":
                last[(client.member_id, command.payload["argument_id"])] = command.payload["value"]
    assert final_votes == last
    posts = [cmd for _, cmd, _ in acked + retried if cmd.event == "post_argument"]
    assert len(texts) == len(posts) == len({cmd.key for cmd in posts})
    assert len(keys) == len(acked) + len(retried)
    committed_before_kill = sum(1 for c, cmd, _ in retried if keys[(c.member_id, cmd.key)][2] <= killed_at)
    print(f"\ndurability: {len(acked)} acknowledged before the kill, {len(retried)} retried after it "
          f"({committed_before_kill} of them had been committed before the kill, answered from their key), "
          f"{found} found exactly once, {sum(len(c.replays) for c in clients)} acknowledged commands re-sent "
          f"with the same ack, {len(texts)} arguments, {len(final_votes)} votes, 0 duplicates")
