"""A client worker of the live benchmarks: many Socket.IO clients in one process (python-socketio AsyncClient on
asyncio, websocket transport), driven by live_harness.ClientPool.

    python benchmarks/live_clients.py SPEC.json

SPEC: {"clients": [{"url", "token", "member_id"}], "slug", "ns", "concurrency", "lifetime"}. The worker connects
every client with auth={"token"}, sends `join`, prints one JSON line {"event": "ready", ...}, then obeys JSON
commands on stdin, one a line:

- {"cmd": "report"}: prints {"event": "report", "received": {member id: {argument id: receipt time}}}, the
  time.monotonic() at which each client first received each `argument_posted` (CLOCK_MONOTONIC is shared by
  every process of the machine, so the poster's send times compare directly);
- {"cmd": "vote", "start", "until", "arguments", "timeout", "rate"}: from `start` until `until` (monotonic),
  every client votes, sending its next vote when the previous ack arrives (or, with `rate`, at most `rate`
  votes/s each); client i's n-th vote goes to arguments[(i + n) % A] with value (-1, 0, 1)[(i + n // A) % 3], so
  every cycle through the arguments changes the value. Prints {"event": "votes", "clients": [{"member_id",
  "records": [[argument id, value, sent, acked or null, status]]}], "tally_events"};
- {"cmd": "quit"}: disconnects everyone and exits.

The worker exits by itself after `lifetime` seconds whatever happens (the harness also stops it by PID).
"""
from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import time

import socketio


def raise_nofile(want: int = 65536) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < want:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, max(want, hard)))
        except (ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))


def emit(message: dict) -> None:
    sys.stdout.write(json.dumps(message, separators=(",", ":")) + "\n")
    sys.stdout.flush()


class Member:
    def __init__(self, spec: dict, ns: str, counters: dict):
        self.url, self.token, self.member_id, self.ns = spec["url"], spec["token"], spec["member_id"], ns
        self.received: dict[int, float] = {}
        self.sio = socketio.AsyncClient(reconnection=False)
        self.counters = counters
        self.sio.on("argument_posted", self.on_posted, namespace=ns)
        self.sio.on("tallies_changed", self.on_tally, namespace=ns)
        self.sio.on("tally_changed", self.on_tally, namespace=ns)
        self.joined = False

    async def on_posted(self, payload):
        at = time.monotonic()
        argument_id = payload["argument"]["id"]
        self.received.setdefault(argument_id, at)

    async def on_tally(self, payload):
        self.counters["tally_events"] += 1

    async def start(self, slug: str) -> None:
        await self.sio.connect(self.url, namespaces=[self.ns], auth={"token": self.token},
                               transports=["websocket"], wait_timeout=60)
        ack = await self.sio.call("join", {"conference": slug}, namespace=self.ns, timeout=120)
        if not ack.get("ok"):
            raise RuntimeError(f"join refused: {ack.get('error')}")
        self.joined = True

    async def vote(self, index: int, start: float, until: float, arguments: list[int], timeout: float,
                   rate: float | None) -> list:
        records = []
        n = 0
        count = len(arguments)
        await asyncio.sleep(max(0.0, start - time.monotonic()))
        next_at = start
        while True:
            now = time.monotonic()
            if now >= until:
                break
            if rate:
                if next_at > now:
                    await asyncio.sleep(next_at - now)
                    if time.monotonic() >= until:
                        break
                next_at = max(next_at + 1.0 / rate, time.monotonic() - 1.0 / rate)
            argument_id = arguments[(index + n) % count]
            value = (-1, 0, 1)[(index + n // count) % 3]
            sent = time.monotonic()
            try:
                ack = await self.sio.call("cast_vote", {"argument_id": argument_id, "value": value},
                                          namespace=self.ns, timeout=timeout)
                acked = time.monotonic()
                status = "ok" if ack.get("ok") else (ack.get("error") or {}).get("code", "refused")
            except socketio.exceptions.TimeoutError:
                acked, status = None, "timeout"
            except Exception as exc:  # disconnected
                acked, status = None, f"error:{type(exc).__name__}"
            records.append([argument_id, value, sent, acked, status])
            n += 1
            if status.startswith("error:"):
                break
        return records


async def main(spec_path: str) -> None:
    raise_nofile()
    spec = json.loads(open(spec_path).read())
    born = time.monotonic()
    lifetime = float(spec.get("lifetime", 600))
    counters = {"tally_events": 0}
    members = [Member(c, spec["ns"], counters) for c in spec["clients"]]
    gate = asyncio.Semaphore(int(spec.get("concurrency", 25)))
    errors: list[str] = []

    async def start(member: Member) -> None:
        async with gate:
            try:
                await member.start(spec["slug"])
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}"[:200])

    began = time.monotonic()
    await asyncio.gather(*(start(m) for m in members))
    connected = sum(m.joined for m in members)
    emit({"event": "ready", "connected": connected, "failed": len(members) - connected, "errors": errors[:5],
          "seconds": round(time.monotonic() - began, 2), "pid": os.getpid()})

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        left = lifetime - (time.monotonic() - born)
        if left <= 0:
            break
        try:
            line = await asyncio.wait_for(reader.readline(), timeout=left)
        except asyncio.TimeoutError:
            break
        if not line:
            break
        command = json.loads(line)
        cmd = command.get("cmd")
        if cmd == "report":
            emit({"event": "report", "received": {m.member_id: m.received for m in members}})
        elif cmd == "vote":
            live = [m for m in members if m.joined]
            results = await asyncio.gather(*(
                m.vote(m.member_id, command["start"], command["until"], command["arguments"], command["timeout"],
                       command.get("rate"))
                for m in live))
            emit({"event": "votes", "tally_events": counters["tally_events"],
                  "clients": [{"member_id": m.member_id, "records": r} for m, r in zip(live, results)]})
        elif cmd == "quit":
            break
    try:
        await asyncio.wait_for(asyncio.gather(*(m.sio.disconnect() for m in members), return_exceptions=True), 10)
    except asyncio.TimeoutError:
        pass


if __name__ == "__main__":
    try:
        asyncio.run(main(sys.argv[1]))
    except KeyboardInterrupt:
        pass
