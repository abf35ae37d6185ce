"""Fan-out across processes: two `deliberate serve` processes sharing one database and a Redis message queue,
clients split between them, one poster on process A: how long until every client, on A or on B, gets
`argument_posted`? Against two bare Flask-SocketIO servers (benchmarks/bare_server.py) with `message_queue` on
the same Redis, on the same async mode, in the same run.

Starts redis-server on a free loopback port (`--bind 127.0.0.1 --save '' --appendonly no`), then for each
system two servers on free loopback ports (deliberate: DELIBERATE_REDIS_URL=redis://127.0.0.1:P/0, one SQLite
file in one instance folder, or --db postgresql for a throwaway PostgreSQL cluster; the bare servers use
database 1 of the same Redis); members join over HTTP on A; client i connects to A when i is even, to B when odd
(python-socketio AsyncClient in worker processes); for each --clients size the poster (on A) posts --posts
arguments every --spacing s. Delay = receipt - send, both time.monotonic() (one clock across processes).

    .venv/bin/python benchmarks/multiprocess.py [--server gevent|threading] [--clients 200,1000] [--posts 20]
        [--spacing 0.4] [--db sqlite|postgresql] [--analysis on|off] [--deadline 300]

Writes benchmarks/results/multiprocess_<server>.json.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import live_harness as h  # noqa: E402

SLUG = "multi"


def run_target(session: h.Session, args, kind: str, redis: h.Proc, redis_url: str, texts: list[str],
               done: list[dict]) -> None:
    sizes = sorted(args.clients)
    label = "bare x2" if kind == "bare" else "deliberate x2"
    print(f"\n[{label}] starting", flush=True)
    tmp = session.tmpdir(f"multi-{kind}")
    ports = [h.free_port(), h.free_port()]
    bases = [f"http://{h.HOST}:{p}" for p in ports]
    if kind == "bare":
        queue = redis_url.rsplit("/", 1)[0] + "/1"
        procs = [h.start_bare(session, ports[i], args.server, tmp, message_queue=queue, name=f"bare-{'AB'[i]}")
                 for i in range(2)]
        members = h.bare_members(sizes[-1], "member")
        poster_token = "poster"
    else:
        pg_url = h.start_postgres(session) if args.db == "postgresql" else None
        env = h.deliberate_env(tmp, args.server, redis_url=redis_url, limits="off", database_url=pg_url,
                               analysis=args.analysis_mode if args.analysis == "on" else "off")
        invites = h.create_conference(env, SLUG)
        procs = [h.start_deliberate(session, env, ports[i], name=f"deliberate-{'AB'[i]}") for i in range(2)]
        started = time.monotonic()
        poster_token = h.join_members(bases[0], SLUG, invites["facilitator"], 1, "Poster")[0]["token"]
        members = h.join_members(bases[0], SLUG, invites["public"], sizes[-1], "Member")
        print(f"[{label}] {len(members)} members joined over HTTP on A in {time.monotonic() - started:.1f} s",
              flush=True)
    for i, m in enumerate(members):
        m["url"] = bases[i % 2]
    on_b = {m["member_id"] for i, m in enumerate(members) if i % 2}
    poster = h.Poster(bases[0], poster_token, SLUG)
    pool = h.ClientPool(session, tmp, per_process=args.per_process, prefix=f"clients-{kind}-")
    rows = []
    try:
        poster.post("Warm-up: " + texts[-1])
        for size in sizes:
            session.check(margin=20)
            ready = pool.grow(members, size, SLUG, label)
            time.sleep(0.5)
            t0 = time.monotonic()
            cpu = h.CpuWindow({"A": [procs[0].pid], "B": [procs[1].pid], "redis": [redis.pid], "clients": pool.pids(),
                               "bench": [os.getpid()]})
            posts, acks = {}, []
            for k in range(args.posts):
                time.sleep(max(0.0, t0 + k * args.spacing - time.monotonic()))
                sent, acked, argument = poster.post(f"[{size}/{k}] " + texts[(size + k) % len(texts)])
                posts[argument["id"]] = sent
                acks.append(acked - sent)
            time.sleep(args.drain)
            cpu = cpu.stop()
            ids = [m["member_id"] for m in members[:size]]
            rows.append({"server": kind, "clients": size, "posts": posts, "ids": ids,
                         "post_ack_p50_ms": h.ms(h.percentile(acks, 50)),
                         "cpu_pct": [cpu["A_cpu_pct"], cpu["B_cpu_pct"]], **cpu,
                         "threads": [h.proc_status(p.pid).get("threads") for p in procs],
                         "served_mode": [p.mode for p in procs], "connect_s": ready["seconds"],
                         "connect_failed": ready["failed"]})
    finally:
        received = {}
        if rows:
            try:
                received = pool.received(timeout=10)
            except BaseException as exc:  # noqa: BLE001 - interrupted while collecting
                print(f"could not collect the receipts: {exc!r}", file=sys.stderr)
        pool.close(timeout=5)
        poster.close()
        for p in procs:
            session.stop(p)
        for row in rows:
            posts, ids = row.pop("posts"), row.pop("ids")
            row.update(h.fanout_delays(received, posts, ids))
            row["on_A"] = h.fanout_delays(received, posts, [i for i in ids if i not in on_b])
            row["on_B"] = h.fanout_delays(received, posts, [i for i in ids if i in on_b])
            print(f"[{label}] {row['clients']} clients: p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, max "
                  f"{row['max_ms']} ms, misses {row['misses']} (A p99 {row['on_A']['p99_ms']}, B p99 "
                  f"{row['on_B']['p99_ms']})", flush=True)
            done.append(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    h.common_args(parser)
    parser.add_argument("--clients", type=lambda s: [int(x) for x in s.split(",")], default=[200, 1000])
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--spacing", type=float, default=0.4)
    parser.add_argument("--drain", type=float, default=2.0)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--analysis", choices=("on", "off"), default="on",
                        help="deliberate's DELIBERATE_ANALYSIS: on = thread (the default) in both processes")
    parser.add_argument("--per-process", type=int, default=250)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    texts = h.argkp_texts(400)
    with h.Session("multiprocess", args.deadline, keep=args.keep) as session:
        info = h.header("multiprocess", args, session)
        rows = []
        try:
            redis_tmp = session.tmpdir("redis")
            redis, redis_url = h.start_redis(session, redis_tmp)
            print(f"redis-server on {redis_url}", flush=True)
            for kind in ("bare", "deliberate"):
                run_target(session, args, kind, redis, redis_url, texts, rows)
        except (KeyboardInterrupt, h.DeadlineExceeded) as exc:
            print(f"interrupted: {exc!r}; reporting what was measured", file=sys.stderr)
            info["interrupted"] = repr(exc)
        session.close()
        bare = {r["clients"]: r for r in rows if r["server"] == "bare"}
        for row in rows:
            anchor = bare.get(row["clients"])
            row["p99_vs_bare"] = (round(row["p99_ms"] / anchor["p99_ms"], 2)
                                  if anchor and row["p99_ms"] and anchor["p99_ms"] else None)
        print(f"\nFan-out across two processes through Redis ({args.posts} posts every {args.spacing} s by a poster "
              f"on A; clients alternately on A and B; server mode {args.server})")
        headers = ["server", "clients", "p50 ms", "p99 ms", "max ms", "misses", "p99/bare", "A p99 ms", "B p99 ms",
                   "B misses", "post ack p50 ms", "cpu % A/B", "redis", "clients", "others", "threads A/B"]
        print(h.table(headers, [[r["server"] + " x2", r["clients"], r["p50_ms"], r["p99_ms"], r["max_ms"],
                                 r["misses"], r["p99_vs_bare"], r["on_A"]["p99_ms"], r["on_B"]["p99_ms"],
                                 r["on_B"]["misses"], r["post_ack_p50_ms"], "/".join(map(str, r["cpu_pct"])),
                                 r["redis_cpu_pct"], r["clients_cpu_pct"], r["others_cpu_pct"],
                                 "/".join(map(str, r["threads"]))] for r in rows]))
        print("cpu %: share of one core from the first post to the end of the drain (servers A and B, client "
              f"processes, redis-server, everything else on the machine including other users); {os.cpu_count()} cores")
        settings = h.bare_settings(args.server, ", message_queue=redis://127.0.0.1:P/1")
        print(f"bare: {settings}")
        print(f"deliberate: 2 x `deliberate serve`, DELIBERATE_SERVER={args.server}, DELIBERATE_REDIS_URL="
              f"redis://127.0.0.1:P/0, one {'SQLite file' if args.db == 'sqlite' else 'PostgreSQL cluster'}, "
              f"DELIBERATE_ANALYSIS={args.analysis_mode if args.analysis == 'on' else 'off'}, DELIBERATE_LIMITS=off; "
              "redis-server --save '' --appendonly no")
        info["rows"] = rows
        info["bare_settings"] = settings
        h.footer(info, session)
        out = h.result_path("multiprocess", args)
        h.write_json(out, info)
        print(f"wrote {out}")
    if info.get("interrupted"):
        sys.exit(2)


if __name__ == "__main__":
    main()
