"""Fan-out: how long after a post does every connected client get `argument_posted`? deliberate vs a bare
Flask-SocketIO server (benchmarks/bare_server.py) on the same async mode, in the same run.

For each server (bare; deliberate with the analysis on, DELIBERATE_ANALYSIS=thread; deliberate with it off):
start it on a free loopback port in a temporary folder, create a conference (`deliberate conference create`) and
its members (POST /api/conferences/<slug>/join), warm up (one post; with the analysis on, wait for its first
`analysis_updated`, which loads the embedder), then for each --clients size connect and join clients up to that
size (python-socketio AsyncClient in worker processes, --per-process clients each) and let one separate poster
(a facilitator, in this process) post --posts arguments every --spacing s. Delay = time.monotonic() at the
client's receipt - time.monotonic() just before the poster sent `post_argument` (one clock: CLOCK_MONOTONIC is
shared by all processes). Misses: (client, post) pairs never received within --drain s after the last post.

    .venv/bin/python benchmarks/fanout.py [--server gevent|threading] [--clients 100,500,1000] [--posts 20]
        [--spacing 0.4] [--analysis on|off|both] [--deadline 300]

Goal: p99 at 1,000 clients <= 1.5 x the bare server's p99, analysis on. Writes benchmarks/results/fanout_<server>.json.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import live_harness as h  # noqa: E402

SLUG = "fanout"
GOAL_RATIO = 1.5


def run_target(session: h.Session, args, kind: str, analysis: str | None, texts: list[str], shared: dict,
               done: list[dict]) -> None:
    """One server, every --clients size in turn (clients added to those already connected); each measured
    size is appended to `done`, also when the run is interrupted."""
    sizes = sorted(args.clients)
    port = h.free_port()
    base = f"http://{h.HOST}:{port}"
    label = "bare" if kind == "bare" else f"deliberate, analysis {analysis}"
    print(f"\n[{label}] starting", flush=True)
    if kind == "bare":
        tmp = session.tmpdir("fanout-bare")
        proc = h.start_bare(session, port, args.server, tmp)
        members = h.bare_members(sizes[-1], "member")
        poster_token = "poster"
    else:
        # One instance (SQLite database, conference, members) for both analysis settings, served in turn.
        if "instance" not in shared:
            shared["instance"] = session.tmpdir("fanout-deliberate")
        tmp = shared["instance"]
        env = h.deliberate_env(tmp, args.server, analysis=args.analysis_mode if analysis == "on" else "off",
                               limits="off")
        if "invites" not in shared:
            shared["invites"] = h.create_conference(env, SLUG)
        proc = h.start_deliberate(session, env, port, name=f"deliberate-analysis-{analysis}")
        if "members" not in shared:
            started = time.monotonic()
            shared["poster"] = h.join_members(base, SLUG, shared["invites"]["facilitator"], 1, "Poster")[0]["token"]
            shared["members"] = h.join_members(base, SLUG, shared["invites"]["public"], sizes[-1], "Member")
            print(f"[{label}] {sizes[-1]} members joined over HTTP in {time.monotonic() - started:.1f} s",
                  flush=True)
        members = [dict(m) for m in shared["members"]]
        poster_token = shared["poster"]
    for m in members:
        m["url"] = base
    poster = h.Poster(base, poster_token, SLUG, listen_analysis=analysis == "on")
    pool = h.ClientPool(session, tmp, per_process=args.per_process, prefix=f"clients-{analysis or 'bare'}-")
    rows = []
    try:
        warm = time.monotonic()
        poster.post("Warm-up: " + texts[-1])
        if analysis == "on":
            got = poster.wait_analysis(warm, timeout=min(120, session.remaining() - 60))
            print(f"[{label}] warm-up analysis {'after %.1f s' % (time.monotonic() - warm) if got else 'NOT received'}",
                  flush=True)
        for size in sizes:
            session.check(margin=20)
            ready = pool.grow(members, size, SLUG, label)
            time.sleep(0.5)
            t0 = time.monotonic()
            cpu = h.CpuWindow({"server": [proc.pid], "clients": pool.pids(), "bench": [os.getpid()]})
            spy = h.profile(session, proc.pid, args.posts * args.spacing + 2, tmp / f"pyspy-{size}.raw") \
                if args.profile and size == sizes[-1] else None
            posts, acks = {}, []
            for k in range(args.posts):
                slot = t0 + k * args.spacing
                time.sleep(max(0.0, slot - time.monotonic()))
                sent, acked, argument = poster.post(f"[{size}/{k}] " + texts[(size + k) % len(texts)])
                posts[argument["id"]] = sent
                acks.append(acked - sent)
            time.sleep(args.drain)
            t1, cpu = time.monotonic(), cpu.stop()
            status = h.proc_status(proc.pid)
            refreshes = [info for at, info in poster.analysis if t0 <= at <= t1]
            refresh_at = [[round(at - t0, 2), (info.get("timings") or {}).get("total_ms")]
                          for at, info in poster.analysis if t0 <= at <= t1]
            rows.append({"server": kind, "analysis": analysis, "clients": size, "posts": posts,
                         "member_ids": [m["member_id"] for m in members[:size]],
                         "post_ack_p50_ms": h.ms(h.percentile(acks, 50)),
                         "post_ack_max_ms": h.ms(max(acks)),
                         **cpu,
                         "server_threads": status.get("threads"), "server_rss_kb": status.get("rss_kb"),
                         "served_mode": proc.mode,
                         "refreshes": len(refreshes) if analysis == "on" else None,
                         "refresh_total_ms": [r["timings"].get("total_ms") for r in refreshes if r.get("timings")],
                         # analysis_updated receipts: [s after the first post, the refresh's total_ms]
                         "refresh_at": refresh_at,
                         "connect_s": ready["seconds"], "connect_failed": ready["failed"]})
            if spy:
                spy.popen.wait(timeout=30)
                rows[-1]["profile_top"] = {"inclusive": h.top_frames(tmp / f"pyspy-{size}.raw", 25),
                                          "own": h.top_frames(tmp / f"pyspy-{size}.raw", 25, own=True)}
            hint = h.threads_hint(args.server, status.get("threads"), size)
            if hint:
                print(hint, flush=True)
    finally:
        received = collect(pool, rows)
        pool.close(timeout=5)
        poster.close()
        session.stop(proc)
        for row in rows:
            row.update(h.fanout_delays(received, row.pop("posts"), row.pop("member_ids")))
            print(f"[{label}] {row['clients']} clients: p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, "
                  f"max {row['max_ms']} ms, misses {row['misses']}", flush=True)
            done.append(row)


def collect(pool: h.ClientPool, rows: list[dict]) -> dict:
    """The clients' receipts (also after an interruption, briefly: the deadline's grace period is short)."""
    if not rows:
        return {}
    try:
        return pool.received(timeout=10)
    except BaseException as exc:  # noqa: BLE001 - interrupted while collecting: report without receipts
        print(f"could not collect the receipts: {exc!r}", file=sys.stderr)
        for row in rows:
            row["incomplete"] = True
        return {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    h.common_args(parser)
    parser.add_argument("--clients", type=lambda s: [int(x) for x in s.split(",")], default=[100, 500, 1000])
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--spacing", type=float, default=0.4, help="seconds between two posts")
    parser.add_argument("--drain", type=float, default=2.0, help="seconds to wait after the last post")
    parser.add_argument("--analysis", choices=("on", "off", "both"), default="both")
    parser.add_argument("--per-process", type=int, default=250, help="clients per client process")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    targets = [("bare", None)] + [("deliberate", a) for a in (("on", "off") if args.analysis == "both"
                                                               else (args.analysis,))]
    texts = h.argkp_texts(400)
    with h.Session("fanout", args.deadline, keep=args.keep) as session:
        info = h.header("fanout", args, session)
        rows, shared = [], {}
        try:
            for kind, analysis in targets:
                run_target(session, args, kind, analysis, texts, shared, rows)
        except (KeyboardInterrupt, h.DeadlineExceeded) as exc:
            print(f"interrupted: {exc!r}; reporting what was measured", file=sys.stderr)
            info["interrupted"] = repr(exc)
        bare = {r["clients"]: r for r in rows if r["server"] == "bare"}
        for row in rows:
            anchor = bare.get(row["clients"])
            row["p99_vs_bare"] = (round(row["p99_ms"] / anchor["p99_ms"], 2)
                                  if anchor and row["p99_ms"] and anchor["p99_ms"] else None)
        session.close()
        footer(info, rows, args)
        info["rows"] = rows
        info["bare_settings"] = h.bare_settings(args.server)
        out = h.result_path("fanout", args)
        h.footer(info, session)
        h.write_json(out, info)
        print(f"wrote {out}")
    if info.get("interrupted"):
        sys.exit(2)


def footer(info: dict, rows: list[dict], args) -> None:
    print(f"\nFan-out of argument_posted ({args.posts} posts every {args.spacing} s, one poster; server mode "
          f"{args.server})")
    headers = ["server", "analysis", "clients", "p50 ms", "p99 ms", "max ms", "misses", "p99/bare",
               "post ack p50 ms", "refreshes", "cpu % server", "clients", "others", "threads", "RSS MB"]
    print(h.table(headers, [[r["server"], r["analysis"] or "-", r["clients"], r["p50_ms"], r["p99_ms"], r["max_ms"],
                             r["misses"], r["p99_vs_bare"], r["post_ack_p50_ms"], r["refreshes"],
                             r["server_cpu_pct"], r["clients_cpu_pct"], r["others_cpu_pct"], r["server_threads"],
                             round(r["server_rss_kb"] / 1024) if r.get("server_rss_kb") else None] for r in rows],
                  digits=1))
    print("cpu %: share of one core from the first post to the end of the drain (server process, client processes, "
          f"everything else on the machine including other users); {os.cpu_count()} cores")
    print(f"bare: {h.bare_settings(args.server)}")
    print(f"deliberate: `deliberate serve`, DELIBERATE_SERVER={args.server}, SQLite, DELIBERATE_LIMITS=off, "
          f"analysis on = DELIBERATE_ANALYSIS={args.analysis_mode}, default tally interval and embedder")
    big = max((r["clients"] for r in rows), default=None)
    target = [r for r in rows if r["server"] == "deliberate" and r["analysis"] == "on" and r["clients"] == big]
    if target and big == 1000:
        ratio = target[0]["p99_vs_bare"]
        met = ratio is not None and ratio <= GOAL_RATIO and target[0]["misses"] == 0
        print(f"goal: fan-out p99 at 1,000 clients <= {GOAL_RATIO}x the bare server, analysis on: "
              f"{'met' if met else 'NOT met'} ({ratio}x, {target[0]['misses']} misses)")
        info["goal"] = {"ratio_max": GOAL_RATIO, "ratio": ratio, "met": met}
    else:
        print(f"goal: fan-out p99 at 1,000 clients <= {GOAL_RATIO}x the bare server, analysis on: not measured "
              "(needs --clients with 1000 and --analysis on|both)")


if __name__ == "__main__":
    main()
