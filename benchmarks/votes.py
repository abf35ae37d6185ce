"""Votes: how many acknowledged votes per second do 200 clients get, and is every acknowledged vote stored?
deliberate (SQLite and/or PostgreSQL) vs a bare Flask-SocketIO server (benchmarks/bare_server.py: in-memory
dict, ack, `tally_changed` to the room on every vote) on the same async mode, in the same run.

For each server: start it on a free loopback port in a temporary folder (PostgreSQL: a throwaway cluster started
with initdb/pg_ctl as the postgres user, trust auth, on a free loopback port), create a conference
(`deliberate conference create`), --clients members (POST /api/conferences/<slug>/join) and a poster, who posts
--arguments arguments (DELIBERATE_LIMITS=off so seeding is not limited). Every client (python-socketio
AsyncClient in worker processes, --per-process each) then votes for --seconds, sending its next `cast_vote` when
the previous ack arrives (ack timeout --timeout s), cycling through the arguments with values -1/0/1 (each cycle
changes the value). Afterwards the server is stopped and its database opened directly: every acknowledged vote's
(member, argument) must hold the value of the LAST acknowledged vote for that pair, with no duplicate rows (the
bare server's votes are read from its GET /votes before it stops).

    .venv/bin/python benchmarks/votes.py [--server gevent|threading] [--db sqlite|postgresql|both]
        [--clients 200] [--seconds 20] [--arguments 50] [--deadline 300]

Goal: >= 2,000 acknowledged votes/s from 200 clients with nothing lost. Writes benchmarks/results/votes_<server>.json.
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import live_harness as h  # noqa: E402

SLUG = "votes"
GOAL_RATE = 2000


def expected_votes(clients: list[dict]) -> tuple[dict, set, Counter]:
    """(member, argument) -> last acknowledged value; the pairs whose last attempt was not acknowledged (a
    timeout or an error after the last ack: the database may hold either value); statuses counted."""
    last: dict[tuple[int, int], int] = {}
    uncertain: set[tuple[int, int]] = set()
    statuses: Counter = Counter()
    for client in clients:
        member = client["member_id"]
        for argument_id, value, _sent, _acked, status in client["records"]:
            statuses[status] += 1
            pair = (member, argument_id)
            if status == "ok":
                last[pair] = value
                uncertain.discard(pair)
            else:
                uncertain.add(pair)
    return last, uncertain, statuses


def check_rows(rows: list[tuple[int, int, int]], last: dict, uncertain: set) -> dict:
    """rows: (member, argument, value) as stored."""
    counts = Counter((m, a) for m, a, _ in rows)
    stored = {(m, a): v for m, a, v in rows}
    missing = [p for p in last if p not in stored]
    wrong = [p for p, v in last.items() if p in stored and stored[p] != v and p not in uncertain]
    wrong_uncertain = [p for p, v in last.items() if p in stored and stored[p] != v and p in uncertain]
    extra = [p for p in stored if p not in last and p not in uncertain]
    return {"acked_pairs": len(last), "stored_rows": len(rows), "missing": len(missing), "wrong_value": len(wrong),
            "differs_after_timeout": len(wrong_uncertain), "duplicates": sum(c - 1 for c in counts.values() if c > 1),
            "unexpected_rows": len(extra), "examples": [list(p) for p in (missing + wrong)[:5]],
            "ok": not missing and not wrong and not any(c > 1 for c in counts.values())}


def db_rows(database: str, instance: Path, pg_url: str | None) -> list[tuple[int, int, int]]:
    query = "SELECT member_id, argument_id, value FROM vote"
    if database == "sqlite":
        with sqlite3.connect(instance / "deliberate.sqlite3") as conn:
            return [tuple(r) for r in conn.execute(query)]
    import psycopg
    with psycopg.connect(pg_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        return [tuple(r) for r in conn.execute(query)]


def run_target(session: h.Session, args, kind: str, database: str | None, texts: list[str]) -> dict:
    label = "bare" if kind == "bare" else f"deliberate, {database}"
    print(f"\n[{label}] starting", flush=True)
    tmp = session.tmpdir(f"votes-{database or 'bare'}")
    port = h.free_port()
    base = f"http://{h.HOST}:{port}"
    pg_url = None
    if kind == "bare":
        proc = h.start_bare(session, port, args.server, tmp)
        members = h.bare_members(args.clients, "member")
        poster_token = "poster"
    else:
        if database == "postgresql":
            pg_url = h.start_postgres(session)
        env = h.deliberate_env(tmp, args.server, limits="off", database_url=pg_url, analysis=args.analysis_mode)
        invites = h.create_conference(env, SLUG)
        proc = h.start_deliberate(session, env, port, name=f"deliberate-{database}")
        poster_token = h.join_members(base, SLUG, invites["facilitator"], 1, "Poster")[0]["token"]
        members = h.join_members(base, SLUG, invites["public"], args.clients, "Voter")
    for m in members:
        m["url"] = base
    poster = h.Poster(base, poster_token, SLUG)
    pool = h.ClientPool(session, tmp, per_process=args.per_process, prefix=f"voters-{database or 'bare'}-")
    try:
        ids = [poster.post(f"[seed {i}] " + texts[i % len(texts)])[2]["id"] for i in range(args.arguments)]
        ready = pool.add(members, SLUG)
        print(f"[{label}] {args.arguments} arguments posted; {ready['connected']} clients connected in "
              f"{ready['seconds']} s" + (f", {ready['failed']} failed {ready['errors'][:1]}" if ready["failed"] else ""),
              flush=True)
        session.check(margin=args.seconds + 30)
        start = time.monotonic() + 1.0
        until = start + args.seconds
        spy = h.profile(session, proc.pid, args.seconds, tmp / "pyspy.raw") if args.profile else None
        sampler = h.StatusSampler(proc.pid, start, until)
        time.sleep(max(0.0, start - time.monotonic() - 0.5))
        cpu = h.CpuWindow({"server": [proc.pid], "clients": pool.pids(), "bench": [os.getpid()]})
        results = pool.vote(start, until, ids, timeout=args.timeout)
        cpu = cpu.stop()
        status = sampler.result()
        bare_votes = None
        if kind == "bare":
            with urllib.request.urlopen(f"{base}/votes", timeout=30) as response:
                bare_votes = json.load(response)
    finally:
        pool.close()
        poster.close()
    session.stop(proc)
    if spy:
        try:
            spy.popen.wait(timeout=15)
        except Exception:
            session.stop(spy)
    clients = [c for message in results for c in message["clients"]]
    tally_events = sum(message["tally_events"] for message in results)
    records = [r for c in clients for r in c["records"]]
    acked = [r for r in records if r[4] == "ok"]
    latencies = [r[3] - r[2] for r in acked]
    last_ack = max((r[3] for r in acked), default=start)
    window = max(args.seconds, last_ack - start)
    last, uncertain, statuses = expected_votes(clients)
    if kind == "bare":
        by_token = {m["token"]: m["member_id"] for m in members}
        rows = [(by_token[token], int(a), v) for token, votes in bare_votes.items() for a, v in votes.items()
                if token in by_token]
    else:
        rows = db_rows(database, tmp, pg_url)
    check = check_rows(rows, last, uncertain)
    row = {"server": kind, "database": database or "memory", "clients": len(clients), "seconds": args.seconds,
           "sent": len(records), "acked": len(acked), "acked_per_s": round(len(acked) / window, 1),
           "window_s": round(window, 2),
           "ack_p50_ms": h.ms(h.percentile(latencies, 50)), "ack_p99_ms": h.ms(h.percentile(latencies, 99)),
           "ack_max_ms": h.ms(max(latencies) if latencies else None),
           "timeouts": statuses.get("timeout", 0),
           "errors": {k: v for k, v in statuses.items() if k not in ("ok", "timeout")},
           "tally_events_received": tally_events, "check": check,
           **cpu,
           "timeout_examples": [[c["member_id"], r[0], r[1], round(r[2] - start, 2)] for c in clients
                                for r in c["records"] if r[4] == "timeout"][:10],
           "server_threads_max": status.get("threads_max"), "server_rss_kb_max": status.get("rss_kb_max"),
           "served_mode": proc.mode, "connect_s": ready["seconds"], "connect_failed": ready["failed"]}
    if spy:
        row["profile_top"] = {"inclusive": h.top_frames(tmp / "pyspy.raw", 25),
                              "own": h.top_frames(tmp / "pyspy.raw", 25, own=True)}
    print(f"[{label}] {row['acked']} acked in {row['window_s']} s = {row['acked_per_s']}/s, ack p50 "
          f"{row['ack_p50_ms']} ms p99 {row['ack_p99_ms']} ms, {row['timeouts']} timeouts, errors {row['errors']}; "
          f"check: {'ok' if check['ok'] else 'FAILED'} ({check['missing']} missing, {check['wrong_value']} wrong, "
          f"{check['duplicates']} duplicates)", flush=True)
    hint = h.threads_hint(args.server, status.get("threads_max"), len(clients))
    if hint:
        print(hint)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    h.common_args(parser)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--arguments", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=10, help="client ack timeout in seconds")
    parser.add_argument("--per-process", type=int, default=50, help="clients per client process")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    databases = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    targets = [("bare", None)] + [("deliberate", d) for d in databases]
    texts = h.argkp_texts(200)
    with h.Session("votes", args.deadline, keep=args.keep) as session:
        info = h.header("votes", args, session)
        rows = []
        try:
            for kind, database in targets:
                rows.append(run_target(session, args, kind, database, texts))
        except (KeyboardInterrupt, h.DeadlineExceeded) as exc:
            print(f"interrupted: {exc!r}; reporting what was measured", file=sys.stderr)
            info["interrupted"] = repr(exc)
        session.close()
        bare = next((r for r in rows if r["server"] == "bare"), None)
        for row in rows:
            row["rate_vs_bare"] = round(row["acked_per_s"] / bare["acked_per_s"], 2) if bare and bare["acked_per_s"] else None
        report(info, rows, args)
        info["rows"] = rows
        info["bare_settings"] = h.bare_settings(args.server, ", votes in a dict, tally_changed to the room per vote")
        h.footer(info, session)
        out = h.result_path("votes", args)
        h.write_json(out, info)
        print(f"wrote {out}")
    if info.get("interrupted"):
        sys.exit(2)


def report(info: dict, rows: list[dict], args) -> None:
    print(f"\nVotes: {args.clients} clients, each sending its next vote when the previous ack arrives, for "
          f"{args.seconds:.0f} s over {args.arguments} arguments (ack timeout {args.timeout:.0f} s); server mode "
          f"{args.server}")
    headers = ["server", "database", "acked", "acked/s", "vs bare", "ack p50 ms", "ack p99 ms", "ack max ms",
               "timeouts", "errors", "lost", "wrong", "dupes", "tally events", "cpu % server", "clients", "others",
               "threads"]
    print(h.table(headers, [[r["server"], r["database"], r["acked"], r["acked_per_s"], r["rate_vs_bare"],
                             r["ack_p50_ms"], r["ack_p99_ms"], r["ack_max_ms"], r["timeouts"],
                             sum(r["errors"].values()), r["check"]["missing"], r["check"]["wrong_value"],
                             r["check"]["duplicates"], r["tally_events_received"], r["server_cpu_pct"],
                             r["clients_cpu_pct"], r["others_cpu_pct"], r["server_threads_max"]] for r in rows]))
    print("cpu %: share of one core during the votes (server process, client processes, everything else on the "
          f"machine including other users); {os.cpu_count()} cores")
    print(f"bare: {h.bare_settings(args.server, ', votes in a dict, tally_changed to the room per vote')}")
    print(f"deliberate: `deliberate serve`, DELIBERATE_SERVER={args.server}, DELIBERATE_LIMITS=off, "
          f"DELIBERATE_ANALYSIS={args.analysis_mode}, tallies coalesced (DELIBERATE_TALLY_INTERVAL default 0.25 s); PostgreSQL 15 "
          "throwaway cluster (fsync on)")
    goals = {}
    for r in rows:
        if r["server"] != "deliberate":
            continue
        met = (r["acked_per_s"] >= GOAL_RATE and r["check"]["ok"] and r["timeouts"] == 0 and not r["errors"]
               and r["clients"] >= 200)
        goals[r["database"]] = met
        print(f"goal ({r['database']}): >= {GOAL_RATE:,} acked votes/s from 200 clients with nothing lost: "
              f"{'met' if met else 'NOT met'} ({r['acked_per_s']}/s from {r['clients']} clients, "
              f"{r['check']['missing']} lost, {r['check']['wrong_value']} wrong, {r['timeouts']} timeouts)")
    info["goal"] = {"rate_min": GOAL_RATE, "met": goals}


if __name__ == "__main__":
    main()
