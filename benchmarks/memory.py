"""Memory per connected client, and vote latency while the analysis refreshes.

Part 1, memory: the server's resident memory (VmRSS in /proc/PID/status) and thread count idle (after one
warm-up post; for deliberate, once its first analysis has run, so the embedder is loaded), then with --clients
(100, 500, 1000) clients connected and joined (python-socketio AsyncClient in worker processes); kB per client
= least-squares slope of RSS over the number of clients, idle included. deliberate (`deliberate serve`, default
settings: SQLite, DELIBERATE_ANALYSIS=thread) and the bare Flask-SocketIO server (benchmarks/bare_server.py) on
the same async mode, in the same run.

Part 2, votes during analysis refreshes: on the same conference, seeded with --seed arguments (real ArgKP-2021
texts) and about 3 s of votes by 40 members (with the analysis off, to seed quickly), --voters clients vote at
--rate votes/s in all (each sends its next vote on schedule, or when its previous ack arrives if that is
later) for --seconds s, while a facilitator posts a burst of --burst arguments every --every s to trigger
refreshes (debounced by the server: DELIBERATE_ANALYSIS_QUIET 0.4 s, MAX_WAIT 1.2 s). Once with
DELIBERATE_ANALYSIS=off, then with DELIBERATE_ANALYSIS=thread and the default (real) embedder, as users run it.
Ack p50/p99/max over all votes, and over the votes in flight while a refresh ran (a refresh's span is taken
from its `analysis_updated` receipt minus its reported total_ms).

    .venv/bin/python benchmarks/memory.py [--server gevent|threading] [--clients 100,500,1000] [--seed 300]
        [--voters 4] [--rate 20] [--seconds 20] [--deadline 300]

Goal: < 100 kB per connected client. Writes benchmarks/results/memory_<server>.json.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import live_harness as h  # noqa: E402

SLUG = "memory"
GOAL_KB = 100


def settle_status(pid: int, seconds: float = 3.0) -> dict:
    """RSS and threads after `seconds`, the last of 3 samples a second apart (connections settle)."""
    time.sleep(max(0.0, seconds - 2))
    status = {}
    for _ in range(3):
        status = h.proc_status(pid)
        time.sleep(1.0)
    return status


def memory_target(session: h.Session, args, kind: str, shared: dict) -> dict:
    sizes = sorted(args.clients)
    label = "bare" if kind == "bare" else "deliberate"
    print(f"\n[{label}] memory: starting", flush=True)
    port = h.free_port()
    base = f"http://{h.HOST}:{port}"
    if kind == "bare":
        tmp = session.tmpdir("memory-bare")
        proc = h.start_bare(session, port, args.server, tmp)
        members = h.bare_members(sizes[-1], "member")
        poster_token = "poster"
    else:
        tmp = shared["instance"]
        env = h.deliberate_env(tmp, args.server, limits="off", analysis=args.analysis_mode)
        shared["invites"] = h.create_conference(env, SLUG)
        proc = h.start_deliberate(session, env, port, name="deliberate-memory")
        poster_token = h.join_members(base, SLUG, shared["invites"]["facilitator"], 1, "Poster")[0]["token"]
        members = h.join_members(base, SLUG, shared["invites"]["public"], max(sizes[-1], 50), "Member")
        shared.update(poster=poster_token, members=members)
    members = [dict(m, url=base) for m in members]
    poster = h.Poster(base, poster_token, SLUG, listen_analysis=kind != "bare")
    pool = h.ClientPool(session, tmp, per_process=args.per_process, prefix=f"mem-{kind}-")
    points = []
    try:
        warm = time.monotonic()
        poster.post("Warm-up: the first argument of the conference.")
        if kind != "bare":
            got = poster.wait_analysis(warm, timeout=min(90, session.remaining() - 60))
            print(f"[{label}] warm-up analysis {'after %.1f s' % (time.monotonic() - warm) if got else 'NOT received'}",
                  flush=True)
        status = settle_status(proc.pid)
        points.append({"clients": 0, **status})
        print(f"[{label}] idle: RSS {status.get('rss_kb')} kB, {status.get('threads')} threads", flush=True)
        connected = 0
        for size in sizes:
            session.check(margin=30)
            ready = pool.add(members[connected:size], SLUG)
            connected = size
            status = settle_status(proc.pid)
            points.append({"clients": size, **status, "connect_s": ready["seconds"], "failed": ready["failed"]})
            print(f"[{label}] {size} clients (+{ready['connected']} in {ready['seconds']} s"
                  + (f", {ready['failed']} failed" if ready["failed"] else "")
                  + f"): RSS {status.get('rss_kb')} kB, {status.get('threads')} threads", flush=True)
            hint = h.threads_hint(args.server, status.get("threads"), size)
            if hint:
                print(hint, flush=True)
    finally:
        pool.close()
        poster.close()
        session.stop(proc)
    xs = [p["clients"] for p in points if "rss_kb" in p]
    ys = [p["rss_kb"] for p in points if "rss_kb" in p]
    per_client = h.slope(xs, ys)
    threads_per_client = h.slope(xs, [p["threads"] for p in points if "threads" in p])
    return {"server": kind, "points": points, "kb_per_client": round(per_client, 1) + 0.0 if per_client is not None else None,
            "threads_per_client": round(threads_per_client, 2) + 0.0 if threads_per_client is not None else None,
            "served_mode": proc.mode}


def latency_run(session: h.Session, args, analysis: str, shared: dict, texts: list[str], seed: bool) -> dict:
    label = f"deliberate, analysis {analysis}"
    tmp = shared["instance"]
    port = h.free_port()
    base = f"http://{h.HOST}:{port}"
    env = h.deliberate_env(tmp, args.server, limits="off", analysis=args.analysis_mode if analysis == "on" else "off")
    print(f"\n[{label}] votes during refreshes: starting", flush=True)
    if "invites" not in shared:  # --skip-memory
        shared["invites"] = h.create_conference(env, SLUG)
    proc = h.start_deliberate(session, env, port, name=f"deliberate-latency-{analysis}")
    if "members" not in shared:
        shared["poster"] = h.join_members(base, SLUG, shared["invites"]["facilitator"], 1, "Poster")[0]["token"]
        shared["members"] = h.join_members(base, SLUG, shared["invites"]["public"], 40 + args.voters, "Member")
    members = [dict(m, url=base) for m in shared["members"]]
    poster = h.Poster(base, shared["poster"], SLUG, listen_analysis=analysis == "on")
    seeders = h.ClientPool(session, tmp, per_process=40, prefix=f"seed-{analysis}-")
    voters = h.ClientPool(session, tmp, per_process=args.voters, prefix=f"voters-{analysis}-")
    try:
        if seed:
            began = time.monotonic()
            ids = [poster.post(f"[seed {i}] " + texts[i % len(texts)])[2]["id"] for i in range(args.seed)]
            seeders.add(members[:40], SLUG)
            start = time.monotonic() + 0.5
            seeded = seeders.vote(start, start + 3.0, ids, timeout=10)
            votes = sum(1 for m in seeded for c in m["clients"] for r in c["records"] if r[4] == "ok")
            seeders.close()
            shared["seed_ids"] = ids
            print(f"[{label}] seeded {len(ids)} arguments and {votes} votes by 40 members in "
                  f"{time.monotonic() - began:.1f} s", flush=True)
        ids = shared["seed_ids"]
        if analysis == "on":
            warm = time.monotonic()
            poster.post("Warm-up before measuring: " + texts[-1])
            got = poster.wait_analysis(warm, timeout=min(120, session.remaining() - 40))
            print(f"[{label}] warm-up analysis {'after %.1f s, %s' % (time.monotonic() - warm, got['timings']) if got else 'NOT received'}",
                  flush=True)
            time.sleep(1.0)
        ready = voters.add(members[40:40 + args.voters], SLUG)
        session.check(margin=args.seconds + 20)
        start = time.monotonic() + 0.5
        until = start + args.seconds
        cpu = h.CpuWindow({"server": [proc.pid], "clients": voters.pids(), "bench": [os.getpid()]})
        voters.broadcast({"cmd": "vote", "start": start, "until": until, "arguments": ids, "timeout": 10,
                          "rate": args.rate / args.voters})
        bursts = 0
        next_burst = start + 1.0
        while next_burst + 1.0 < until:
            time.sleep(max(0.0, next_burst - time.monotonic()))
            for k in range(args.burst):
                poster.post(f"[burst {bursts}/{k}] " + texts[(args.seed + bursts * args.burst + k) % len(texts)])
            bursts += 1
            next_burst += args.every
        results = voters.gather("votes", timeout=max(30.0, until - time.monotonic() + 40))
        cpu = cpu.stop()
    finally:
        voters.close()
        seeders.close()
        poster.close()
        session.stop(proc)
    records = [r for m in results for c in m["clients"] for r in c["records"]]
    acked = [r for r in records if r[4] == "ok"]
    latencies = [r[3] - r[2] for r in acked]
    refreshes = [(at - (info["timings"] or {}).get("total_ms", 0) / 1000, at, info) for at, info in poster.analysis
                 if start <= at <= until + 2]
    during = [r[3] - r[2] for r in acked if any(r[2] < end and r[3] > begin for begin, end, _ in refreshes)]
    row = {"analysis": analysis, "voters": ready["connected"], "rate": args.rate, "seconds": args.seconds,
           "bursts": bursts, "burst": args.burst, "sent": len(records), "acked": len(acked),
           "timeouts": sum(1 for r in records if r[4] == "timeout"),
           "errors": sum(1 for r in records if r[4] not in ("ok", "timeout")),
           "ack_p50_ms": h.ms(h.percentile(latencies, 50)), "ack_p99_ms": h.ms(h.percentile(latencies, 99)),
           "ack_max_ms": h.ms(max(latencies) if latencies else None),
           "refreshes": len(refreshes) if analysis == "on" else None,
           "refresh_ms": [info["timings"].get("total_ms") for _, _, info in refreshes if info.get("timings")],
           "refresh_arguments": max((info["arguments"] for _, _, info in refreshes), default=None),
           "during_refresh": {"votes": len(during), "p50_ms": h.ms(h.percentile(during, 50)),
                              "p99_ms": h.ms(h.percentile(during, 99)),
                              "max_ms": h.ms(max(during) if during else None)},
           **cpu,
           "served_mode": proc.mode}
    print(f"[{label}] {row['acked']} acked votes: p50 {row['ack_p50_ms']} ms, p99 {row['ack_p99_ms']} ms, max "
          f"{row['ack_max_ms']} ms; refreshes {row['refreshes']} {row['refresh_ms']}", flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    h.common_args(parser)
    parser.add_argument("--clients", type=lambda s: [int(x) for x in s.split(",")], default=[100, 500, 1000])
    parser.add_argument("--per-process", type=int, default=250)
    parser.add_argument("--seed", type=int, default=300, help="arguments seeded before part 2")
    parser.add_argument("--voters", type=int, default=4)
    parser.add_argument("--rate", type=float, default=20, help="votes per second, all voters together")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--burst", type=int, default=10, help="posts per burst")
    parser.add_argument("--every", type=float, default=4.0, help="seconds between bursts")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    texts = h.argkp_texts(args.seed + 400)
    with h.Session("memory", args.deadline, keep=args.keep) as session:
        info = h.header("memory", args, session)
        memory, latency = [], []
        shared = {"instance": session.tmpdir("memory-deliberate")}
        try:
            for kind in () if args.skip_memory else ("bare", "deliberate"):
                memory.append(memory_target(session, args, kind, shared))
            if not args.skip_latency:
                latency.append(latency_run(session, args, "off", shared, texts, seed=True))
                latency.append(latency_run(session, args, "on", shared, texts, seed=False))
        except (KeyboardInterrupt, h.DeadlineExceeded) as exc:
            print(f"interrupted: {exc!r}; reporting what was measured", file=sys.stderr)
            info["interrupted"] = repr(exc)
        session.close()
        report(info, memory, latency, args)
        info["memory"], info["latency"] = memory, latency
        info["bare_settings"] = h.bare_settings(args.server)
        h.footer(info, session)
        out = h.result_path("memory", args)
        h.write_json(out, info)
        print(f"wrote {out}")
    if info.get("interrupted"):
        sys.exit(2)


def report(info: dict, memory: list[dict], latency: list[dict], args) -> None:
    if memory:
        sizes = [0] + sorted(args.clients)
        print(f"\nServer memory (VmRSS) with clients connected and joined; server mode {args.server}")
        headers = ["server"] + [f"RSS MB @{n}" for n in sizes] + [f"threads @{n}" for n in sizes[1:]] + \
                  ["kB/client", "threads/client"]
        rows = []
        for m in memory:
            by = {p["clients"]: p for p in m["points"]}
            rows.append([m["server"]] + [round(by[n]["rss_kb"] / 1024, 1) if n in by and "rss_kb" in by[n] else None
                                         for n in sizes]
                        + [by.get(n, {}).get("threads") for n in sizes[1:]]
                        + [m["kb_per_client"], m["threads_per_client"]])
        print(h.table(headers, rows))
        for m in memory:
            last = m["points"][-1] if m["points"] else {}
            if last.get("children"):
                print(f"{m['server']}: {last['children']} child process(es) of the server, "
                      f"{round(last['children_rss_kb'] / 1024, 1)} MB RSS (not in the figures above)")
        print(f"bare: {h.bare_settings(args.server)}")
        print(f"deliberate: `deliberate serve`, DELIBERATE_SERVER={args.server}, SQLite, DELIBERATE_ANALYSIS={args.analysis_mode}, "
              "default embedder; idle = after its first analysis (the embedder is loaded in the server with thread, "
              "in its child with process)")
        mine = next((m for m in memory if m["server"] == "deliberate"), None)
        if mine and mine["kb_per_client"] is not None:
            met = mine["kb_per_client"] < GOAL_KB
            print(f"goal: < {GOAL_KB} kB per connected client: {'met' if met else 'NOT met'} "
                  f"({mine['kb_per_client']} kB per client)")
            info["goal"] = {"kb_per_client_max": GOAL_KB, "kb_per_client": mine["kb_per_client"], "met": met}
    if latency:
        print(f"\nVote acks while the analysis refreshes: {args.voters} voters, {args.rate:.0f} votes/s in all, "
              f"{args.seconds:.0f} s; a burst of {args.burst} posts every {args.every:.0f} s; {args.seed} seeded "
              f"arguments; server mode {args.server}")
        headers = ["analysis", "acked", "p50 ms", "p99 ms", "max ms", "timeouts", "refreshes", "refresh ms (median)",
                   "votes in refresh", "p99 in refresh ms", "max in refresh ms", "cpu % server", "others"]
        print(h.table(headers, [[r["analysis"], r["acked"], r["ack_p50_ms"], r["ack_p99_ms"], r["ack_max_ms"],
                                 r["timeouts"], r["refreshes"],
                                 h.percentile(r["refresh_ms"], 50) if r["refresh_ms"] else None,
                                 r["during_refresh"]["votes"], r["during_refresh"]["p99_ms"],
                                 r["during_refresh"]["max_ms"], r["server_cpu_pct"], r["others_cpu_pct"]]
                                for r in latency]))


if __name__ == "__main__":
    main()
