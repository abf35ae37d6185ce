"""How long after a burst of posts does the facilitators' desk get the analysis? (issue 3: within 2 s)

Starts `deliberate demo` (the French demo conference, SQLite, real embedder) on a free loopback port in a
temporary instance folder, joins one facilitator and --people participants over HTTP, connects them to
/live, waits for the start-up analysis, then runs --bursts bursts: every participant posts one argument
(all at once, one thread each) and votes on a few others. Lag = from the last acknowledgement of the burst
to the first `analysis_updated` whose map holds every argument of the burst. Stops the server it started.

    .venv/bin/python benchmarks/live_analysis_lag.py [--people 20] [--bursts 5] [--out FILE]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import socketio

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
NS, HOST, SLUG = "/live", "127.0.0.1", "viande"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_demo(instance: Path, port: int) -> tuple[subprocess.Popen, dict]:
    env = {**os.environ, "DELIBERATE_ENV": "development", "DELIBERATE_INSTANCE_PATH": str(instance)}
    for name in ("DELIBERATE_DATABASE_URL", "DELIBERATE_REDIS_URL", "DELIBERATE_ANALYSIS"):
        env.pop(name, None)
    process = subprocess.Popen([str(Path(sys.executable).parent / "deliberate"), "demo", "--host", HOST,
                                "--port", str(port)], env=env, stdout=subprocess.PIPE,
                               stderr=open(instance / "server.log", "wb"), text=True)
    codes = {}
    for line in process.stdout:
        found = re.match(r"\s+(\w+)\s+([A-Z0-9]{4}-[A-Z0-9]{4})\s", line)
        if found:
            codes[found.group(1)] = found.group(2)
        if line.startswith("Serving on"):
            break
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=2)
            return process, codes
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the demo server did not start; see " + str(instance / "server.log"))


def join(base: str, code: str, name: str) -> str:
    request = urllib.request.Request(f"{base}/api/conferences/{SLUG}/join", method="POST",
                                     data=json.dumps({"invite_code": code, "display_name": name}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["token"]


def client(base: str, token: str, on_event=None) -> socketio.Client:
    sio = socketio.Client(reconnection=False)
    if on_event:
        for name in ("analysis_updated", "arguments_assigned"):
            sio.on(name, (lambda n: lambda payload: on_event(n, payload))(name), namespace=NS)
    sio.connect(base, namespaces=[NS], auth={"token": token}, transports=["websocket"], wait_timeout=10)
    assert sio.call("join", {"conference": SLUG}, namespace=NS, timeout=10)["ok"]
    return sio


class Desk:
    """The facilitator's socket: every analysis event with its arrival time."""

    def __init__(self):
        self.events: list[tuple[float, str, dict]] = []
        self.changed = threading.Condition()

    def on_event(self, name: str, payload: dict) -> None:
        with self.changed:
            self.events.append((time.monotonic(), name, payload))
            self.changed.notify_all()

    def wait_for(self, name: str, covers: set[int], after: float, timeout: float = 60) -> tuple[float, dict] | None:
        deadline = time.monotonic() + timeout
        with self.changed:
            while time.monotonic() < deadline:
                for at, event, payload in self.events:
                    if event == name and at >= after and covers <= _ids(event, payload):
                        return at, payload
                self.changed.wait(timeout=0.1)
        return None


def _ids(event: str, payload: dict) -> set[int]:
    if event == "analysis_updated":
        return {m["argument_id"] for m in payload["map"]}
    return {a["argument_id"] for a in payload["assignments"]}


def burst_texts() -> list[str]:
    with open(DATA / "fr_ccc_proposals" / "ccc_proposals.csv", newline="", encoding="utf-8") as handle:
        return [row["proposal"][:1000] for row in csv.DictReader(handle)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--bursts", type=int, default=5)
    parser.add_argument("--votes", type=int, default=5, help="votes per participant per burst")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "live_analysis_lag.json")
    args = parser.parse_args()
    texts, rng = burst_texts(), random.Random(0)
    instance = Path(tempfile.mkdtemp(prefix="deliberate-lag-"))
    port = free_port()
    base = f"http://{HOST}:{port}"
    process, codes = start_demo(instance, port)
    rows, sockets = [], []
    try:
        desk = Desk()
        started = time.monotonic()
        sockets.append(client(base, join(base, codes["facilitator"], "Animation"), desk.on_event))
        first = desk.wait_for("analysis_updated", set(), started, timeout=120)
        print(f"start-up analysis after {first[0] - started:.1f} s (model load included)" if first
              else "no start-up analysis")
        people = [client(base, join(base, codes["public"], f"Public {i}")) for i in range(args.people)]
        sockets += people
        known = [m["argument_id"] for m in first[1]["map"]] if first else []
        for burst in range(args.bursts):
            batch = texts[burst * args.people:(burst + 1) * args.people]

            def act(pair):
                sio, text = pair
                ack = sio.call("post_argument", {"text": text}, namespace=NS, timeout=30)
                for argument_id in rng.sample(known, min(args.votes, len(known))):
                    sio.call("cast_vote", {"argument_id": argument_id, "value": rng.choice((1, -1, 0))},
                             namespace=NS, timeout=30)
                return ack["argument"]["id"]

            began = time.monotonic()
            with ThreadPoolExecutor(len(people)) as pool:
                posted = set(pool.map(act, zip(people, batch)))
            acked = time.monotonic()
            assigned = desk.wait_for("arguments_assigned", posted, began, timeout=60)
            updated = desk.wait_for("analysis_updated", posted, began, timeout=60)
            row = {"burst": burst + 1, "posts": len(posted), "votes": len(posted) * args.votes,
                   "burst_s": round(acked - began, 3),
                   "lag_ms": round(1000 * (updated[0] - acked)) if updated else None,
                   "assigned_lag_ms": round(1000 * (assigned[0] - acked)) if assigned else None,
                   "server_total_ms": updated[1]["timings"]["total_ms"] if updated else None,
                   "arguments": len(updated[1]["map"]) if updated else None}
            rows.append(row)
            print(f"burst {row['burst']}: {row['posts']} posts + {row['votes']} votes in {row['burst_s']} s; "
                  f"analysis_updated {row['lag_ms']} ms after the last ack (refresh {row['server_total_ms']} ms, "
                  f"{row['arguments']} arguments); arguments_assigned {row['assigned_lag_ms']} ms")
            known += sorted(posted)
            time.sleep(2)
    finally:
        for sio in sockets:
            sio.disconnect()
        process.terminate()
        process.wait(timeout=10)
    lags = [r["lag_ms"] for r in rows if r["lag_ms"] is not None]
    summary = {"median": statistics.median(lags) if lags else None, "max": max(lags) if lags else None,
               "missing": len(rows) - len(lags), "goal_ms": 2000,
               "met": bool(lags) and len(lags) == len(rows) and max(lags) <= 2000}
    print(f"lag to analysis_updated: median {summary['median']} ms, max {summary['max']} ms, "
          f"{summary['missing']} bursts without one; goal <= 2000 ms: {'met' if summary['met'] else 'NOT met'}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                                    "people": args.people, "bursts": rows, "lag_ms": summary}, indent=1))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
