"""Abuse at the connection level against a real `deliberate serve` (gevent, limits on, as deployed):
refused and silent connections are closed by the server, `connect_error` has its documented shape, one member
cannot hold more than DELIBERATE_MAX_SOCKETS_PER_MEMBER sockets, and a flood (one token's many sockets spamming
votes and posts, many unauthenticated WebSockets) is refused while another member's commands are answered
(benchmarks/flood.py measures that member's latency against the stated margin).
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
import socketio
import websocket

from tests.e2e.conftest import (BIN_DIR, QUESTION, SLUG, TITLE, LiveServer, socket_client, start_server,
                                stop_server)
from tests.e2e.test_protocol_client import http_join

pytestmark = pytest.mark.e2e
NS = "/live"
MAX_SOCKETS = 3
CLOSE_TIMEOUT = 30.0  # the server's connect timeout is 10 s; generous for a busy machine


@pytest.fixture(scope="module")
def guarded_server(tmp_path_factory, server_database) -> LiveServer:
    """A server with the abuse limits on (their defaults, but MAX_SOCKETS sockets per member) and no analysis."""
    instance = tmp_path_factory.mktemp("flood")
    env = {key: value for key, value in os.environ.items() if not key.startswith("DELIBERATE_")}
    env.update({"DELIBERATE_ENV": "development", "DELIBERATE_INSTANCE_PATH": str(instance),
                "DELIBERATE_LIMITS": "on", "DELIBERATE_MAX_SOCKETS_PER_MEMBER": str(MAX_SOCKETS),
                "DELIBERATE_ANALYSIS": "off"})
    if server_database:
        env["DELIBERATE_DATABASE_URL"] = server_database
    created = subprocess.run(
        [str(BIN_DIR / "deliberate"), "conference", "create", SLUG, "--title", TITLE, "--question", QUESTION],
        env=env, capture_output=True, text=True, timeout=120)
    assert created.returncode == 0, f"conference create failed:\n{created.stdout}\n{created.stderr}"
    invites = json.loads([line for line in created.stdout.splitlines() if line.strip()][-1])["invites"]
    process, base_url, stderr_path = start_server(env, instance)
    try:
        yield LiveServer(base_url=base_url, invites=invites, process=process, stderr_path=stderr_path, env=env,
                         instance=instance)
    finally:
        stop_server(process)


def client_connections(pid: int, port: int) -> int:
    """The server's open connections on its own port (the client connections it holds). Not every descriptor:
    on PostgreSQL the server's connection pool opens database connections during the test."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                local_port, state, inode = int(fields[1].rsplit(":", 1)[1], 16), fields[3], fields[9]
                if local_port == port and state != "0A":  # 0A: the listening socket itself
                    inodes.add(f"socket:[{inode}]")
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            count += os.readlink(f"/proc/{pid}/fd/{fd}") in inodes
        except OSError:  # closed meanwhile
            pass
    return count


def wait_until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        assert time.monotonic() < deadline, f"{what}: not within {timeout:.0f} s"
        time.sleep(0.1)
    return value


def raw_websocket(base_url: str) -> websocket.WebSocket:
    """An Engine.IO WebSocket, handshake read, no namespace asked for yet."""
    ws = websocket.create_connection(base_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket",
                                     timeout=CLOSE_TIMEOUT)
    opening = ws.recv()
    assert opening.startswith("0{"), opening
    return ws


def read_until_closed(ws: websocket.WebSocket) -> list[str]:
    """Every frame the server sends until it closes the connection (a timeout fails the test)."""
    frames = []
    while True:
        try:
            frame = ws.recv()
        except websocket.WebSocketConnectionClosedException:
            return frames
        except websocket.WebSocketTimeoutException:
            pytest.fail(f"the server kept the connection open for {CLOSE_TIMEOUT:.0f} s; received {frames}")
        if not frame:
            return frames
        frames.append(frame)


def refusal(base_url: str, auth) -> dict:
    """Connect a real python-socketio client to /live with `auth`; return what its connect_error handler got."""
    received = []
    client = socket_client()
    client.on("connect_error", lambda data: received.append(data), namespace=NS)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(base_url, namespaces=[NS], auth=auth, transports=["websocket"], wait_timeout=15)
    client.disconnect()
    assert len(received) == 1, received
    return received[0]


def connected_client(base_url: str, token: str) -> socketio.Client:
    client = socket_client()
    client.connect(base_url, namespaces=[NS], auth={"token": token}, transports=["websocket"], wait_timeout=15)
    return client


def test_connect_error_has_the_documented_shape(guarded_server):
    data = refusal(guarded_server.base_url, {"token": "not-a-token"})
    assert data["code"] == "unauthenticated"
    assert data["message"] and "{" not in data["message"]  # a sentence, not a Python repr
    assert data["data"] == {"code": "unauthenticated", "message": data["message"]}  # what socket.io-client reads
    assert refusal(guarded_server.base_url, None)["code"] == "unauthenticated"


def test_refused_and_silent_connections_are_closed_by_the_server(guarded_server):
    pid, base = guarded_server.process.pid, guarded_server.base_url
    port = int(base.rsplit(":", 1)[1].strip("/"))
    before = client_connections(pid, port)
    refused = [raw_websocket(base) for _ in range(40)]
    silent = [raw_websocket(base) for _ in range(40)]
    held = wait_until(lambda: client_connections(pid, port) >= before + 80 and client_connections(pid, port), 30,
                      "the server accepted 80 sockets")
    for ws in refused:
        ws.send('40/live,{"token": "forged"}')  # Socket.IO CONNECT to /live with a wrong token
    try:
        for ws in refused:
            frames = read_until_closed(ws)
            assert frames[0].startswith("44/live,"), frames  # CONNECT_ERROR, then the server closes
            assert json.loads(frames[0][len("44/live,"):])["code"] == "unauthenticated"
        for ws in silent:  # never asked for a namespace: closed after the connect timeout
            assert all(not frame.startswith("4") for frame in read_until_closed(ws))
        # The clients still hold their ends open: the server must not (no descriptor, no greenlet left).
        # (a one-element tuple: wait_until waits for a true value, and 0 connections is the goal)
        after = wait_until(lambda: client_connections(pid, port) <= before + 2 and (client_connections(pid, port),), 30,
                           "the server released the connections")
    finally:
        for ws in refused + silent:
            ws.shutdown()
    print(f"\nserver descriptors of client connections: {before} before, {held} with 80 unauthenticated "
          f"WebSockets, {after[0]} after")


def test_one_member_holds_at_most_the_configured_sockets(guarded_server):
    member = http_join(guarded_server.base_url, guarded_server.invites["public"], "Many tabs")
    clients = [connected_client(guarded_server.base_url, member["token"]) for _ in range(MAX_SOCKETS)]
    try:
        data = refusal(guarded_server.base_url, {"token": member["token"]})
        assert data["code"] == "rate_limited"
        clients.pop().disconnect()
        # One closed: the next one is accepted (the count follows disconnects).
        clients.append(wait_until(lambda: _try_connect(guarded_server.base_url, member["token"]), 30,
                                  "a socket accepted after one was closed"))
    finally:
        for client in clients:
            client.disconnect()


def _try_connect(base_url: str, token: str):
    try:
        return connected_client(base_url, token)
    except socketio.exceptions.ConnectionError:
        return None


class Flooder:
    """One member's sockets sending votes and posts as fast as the acks come back (at most `window` unanswered per
    socket), counting the acks by outcome."""

    def __init__(self, clients: list[socketio.Client], argument_id: int, window: int = 20):
        self.clients, self.argument_id, self.window = clients, argument_id, window
        self.outcomes: dict[str, int] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._spam, args=(client,), daemon=True) for client in clients]

    def _count(self, ack, slots: threading.Semaphore):
        outcome = "ok" if ack.get("ok") else ack["error"]["code"]
        with self.lock:
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        slots.release()

    def _spam(self, client: socketio.Client):
        slots = threading.Semaphore(self.window)
        n = 0
        while not self.stop.is_set():
            if not slots.acquire(timeout=0.5):
                continue
            n += 1
            if n % 5:
                event, payload = "cast_vote", {"argument_id": self.argument_id, "value": (1, -1, 0)[n % 3]}
            else:
                event, payload = "post_argument", {"text": f"Spam {n} {id(client)}", "stance": "for"}
            try:
                client.emit(event, payload, namespace=NS, callback=lambda ack: self._count(ack, slots))
            except socketio.exceptions.SocketIOError:
                return

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=10)


def unauthenticated_storm(base_url: str, stop: threading.Event, counts: dict) -> None:
    """Raw WebSockets asking for /live with a forged token, 20 at a time, until stopped."""
    while not stop.is_set():
        batch = []
        for _ in range(20):
            ws = raw_websocket(base_url)
            ws.send('40/live,{"token": "forged"}')
            batch.append(ws)
        for ws in batch:
            frames = read_until_closed(ws)
            counts["refused"] += bool(frames and frames[0].startswith("44/live,"))
            counts["opened"] += 1
            ws.shutdown()


def ack_latencies(client: socketio.Client, argument_id: int, count: int) -> list[float]:
    """`count` votes, 4 a second (under the default vote limit), each timed from emit to ack."""
    latencies = []
    for n in range(count):
        started = time.perf_counter()
        ack = client.call("cast_vote", {"argument_id": argument_id, "value": (1, -1)[n % 2]}, namespace=NS,
                          timeout=30)
        latencies.append(time.perf_counter() - started)
        assert ack["ok"], ack
        time.sleep(max(0.0, 0.25 - latencies[-1]))
    return latencies


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def flood(base_url: str, token: str) -> None:
    """The flooder, run in its own process (its client threads must not share the measuring process's GIL): ten
    sockets of one token, the accepted ones spamming, and a storm of unauthenticated WebSockets. Prints "started"
    once the flood is under way, stops when its stdin closes, then prints what it saw as JSON."""
    import sys

    trolls, refused = [], 0
    for _ in range(10):  # MAX_SOCKETS accepted, the others refused
        try:
            trolls.append(connected_client(base_url, token))
        except socketio.exceptions.ConnectionError:
            refused += 1
    argument_id = None
    for troll in trolls:
        snapshot = troll.call("join", {"conference": SLUG}, namespace=NS, timeout=30)["snapshot"]
        argument_id = snapshot["arguments"][0]["id"]
    storm_stop, storm = threading.Event(), {"opened": 0, "refused": 0}
    storm_thread = threading.Thread(target=unauthenticated_storm, args=(base_url, storm_stop, storm), daemon=True)
    with Flooder(trolls, argument_id) as flooder:
        storm_thread.start()
        wait_until(lambda: sum(flooder.outcomes.values()) > 100 and storm["opened"] >= 20, 30, "the flood started")
        print("started", flush=True)
        sys.stdin.read()
        storm_stop.set()
    storm_thread.join(timeout=60)
    for troll in trolls:
        troll.disconnect()
    print(json.dumps({"accepted": len(trolls), "refused": refused, "acks": flooder.outcomes, "opened": storm["opened"],
                      "storm_refused": storm["refused"]}), flush=True)


def test_a_flood_is_refused_while_another_member_is_answered(guarded_server):
    """The flood's extra sockets, spam and unauthenticated WebSockets are refused while another member's votes are
    all answered. Its latency before and during is printed here and measured against the stated margin by
    benchmarks/flood.py (a timing figure: not asserted in a test)."""
    base = guarded_server.base_url
    victim_token = http_join(base, guarded_server.invites["public"], "Victime")["token"]
    troll_token = http_join(base, guarded_server.invites["public"], "Troll")["token"]
    victim = connected_client(base, victim_token)
    flooder = None
    try:
        assert victim.call("join", {"conference": SLUG}, namespace=NS, timeout=30)["ok"]
        argument_id = victim.call("post_argument", {"text": "Mesurer la latence des autres.", "stance": "for"},
                                  namespace=NS, timeout=30)["argument"]["id"]
        baseline = ack_latencies(victim, argument_id, 30)
        flooder = subprocess.Popen(
            [sys.executable, "-c", f"from tests.e2e.test_flood import flood; flood({base!r}, {troll_token!r})"],
            cwd=Path(__file__).resolve().parents[2], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert flooder.stdout.readline().strip() == "started"
        during = ack_latencies(victim, argument_id, 30)
        output, _ = flooder.communicate(input="", timeout=120)
        seen = json.loads(output.strip().splitlines()[-1])
    finally:
        victim.disconnect()
        if flooder is not None:
            stop_server(flooder)

    b95, d95 = p95(baseline), p95(during)
    print(f"\nvictim's vote ack latency, 30 votes each: baseline median {statistics.median(baseline) * 1000:.1f} ms, "
          f"p95 {b95 * 1000:.1f} ms; during the flood median {statistics.median(during) * 1000:.1f} ms, "
          f"p95 {d95 * 1000:.1f} ms, max {max(during) * 1000:.1f} ms")
    print(f"flood: {seen['accepted']} sockets of one token accepted, {seen['refused']} refused; their acks "
          f"{seen['acks']}; {seen['opened']} unauthenticated WebSockets, {seen['storm_refused']} refused and closed")
    assert seen["accepted"] == MAX_SOCKETS and seen["refused"] == 10 - MAX_SOCKETS
    assert seen["acks"].get("rate_limited", 0) > seen["acks"].get("ok", 0)
    assert seen["storm_refused"] == seen["opened"] >= 20
    assert len(during) == 30  # every vote of the other member acknowledged ok during the flood (ack_latencies)
