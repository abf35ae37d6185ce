"""How fast is one opinion-groups refresh? (DESIGN section 6: 2,000 participants x 900 arguments in well
under a second.)

Synthetic conversations: three camps (40/35/25%) with a stance per comment, each participant voting on a
random 10-30% of the comments (agree/disagree by camp with probability 0.75, otherwise a random vote or
a pass). For each size: a cold refresh (no previous state) and a warm refresh (state from the previous
refresh, 1% more votes since), both including repness / consensus statistics; median of --repeat runs.
Up to 2,000 participants, also `typical_groups` (what `deliberate opinions` runs: the batch clusterings
and 4 replays; votes timed one participant after the other). Then the largest real conversation
(vtaiwan.uberx): one refresh on the final matrix, one replay (x1.1 from 100 votes) and `typical_groups`.
A replay's cost is its number of refreshes, ~log(votes / start) / log(growth), each a warm refresh. Run:
    .venv/bin/python benchmarks/opinions_speed.py [--data DIR] [--out FILE] [--repeat N]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from deliberate.analysis.opinions import (OpinionGroups, VoteTable, build_vote_matrix, replay,  # noqa: E402
                                          typical_groups)
from deliberate.analysis.polis_export import read_polis_export  # noqa: E402

SIZES = [(250, 100), (500, 225), (1000, 450), (2000, 900), (4000, 1800)]


def synthetic_votes(n_participants: int, n_comments: int, seed: int = 0) -> list[tuple]:
    rng = np.random.default_rng(seed)
    camp = rng.choice(3, size=n_participants, p=[0.40, 0.35, 0.25])
    stance = rng.choice([-1, 1], size=(3, n_comments))
    votes = []
    for p in range(n_participants):
        share = rng.uniform(0.10, 0.30)
        comments = rng.choice(n_comments, size=max(1, int(share * n_comments)), replace=False)
        values = stance[camp[p], comments].copy()
        noisy = rng.random(len(comments)) > 0.75
        values[noisy] = rng.choice([-1, 0, 1], size=noisy.sum())
        votes.extend((p, int(c), int(v), float(p)) for c, v in zip(comments, values))
    return votes


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def synthetic_row(n: int, m: int, repeat: int, blas_threads) -> dict:
    votes = synthetic_votes(n, m)
    split = int(len(votes) * 0.99)
    table = VoteTable()
    table.extend(votes[:split])
    before = table.snapshot()
    table.extend(votes[split:])
    after = table.snapshot()
    model = OpinionGroups(random_state=0, blas_threads=blas_threads)
    cold, fitted = timed(lambda: OpinionGroups(random_state=0, blas_threads=blas_threads).fit(before), repeat)
    warm, _ = timed(lambda: model.fit(after, fitted.state_), repeat)
    build, _ = timed(lambda: build_vote_matrix(votes), 1)
    typical = None
    if n <= 2000 and blas_threads == 1:
        typical, _ = timed(lambda: typical_groups(votes), 1)
    return {"participants": n, "comments": m, "votes": len(votes), "k": int(fitted.k_),
            "seconds_build_matrix": round(build, 3), "seconds_cold_refresh": round(cold, 3),
            "seconds_warm_refresh": round(warm, 3), "blas_threads": blas_threads,
            "seconds_typical_groups": None if typical is None else round(typical, 2)}


def real_rows(folder: Path) -> dict:
    started = time.perf_counter()
    export = read_polis_export(folder)
    read = time.perf_counter() - started
    matrix = build_vote_matrix(export.latest_votes(), export.moderated_out)
    one, _ = timed(lambda: OpinionGroups(random_state=0).fit(matrix), 3)
    started = time.perf_counter()
    single = replay(export.votes, growth=1.1, start=100, moderated_out=export.moderated_out)
    single_time = time.perf_counter() - started
    started = time.perf_counter()
    typical_groups(export.votes, moderated_out=export.moderated_out)
    typical_time = time.perf_counter() - started
    return {"conversation": folder.name, "participants": matrix.shape[0], "comments": matrix.shape[1],
            "votes": len(export.votes), "seconds_read_export": round(read, 2),
            "seconds_one_refresh": round(one, 3),
            "seconds_replay": round(single_time, 1), "refreshes_replay": single.refreshes_,
            "seconds_typical_groups": round(typical_time, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polis")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "opinions_speed.json")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, load average {load[0]:.1f} "
          f"at start (other processes share the machine)")
    rows = [synthetic_row(n, m, args.repeat, 1) for n, m in SIZES]
    rows.append(synthetic_row(2000, 900, args.repeat, None))  # BLAS left multi-threaded, for comparison
    print(f"{'participants':>12} {'comments':>8} {'votes':>8} {'k':>2} {'build s':>8} {'cold refresh s':>14} "
          f"{'warm refresh s':>14} {'BLAS threads':>12} {'typical s':>10}")
    for r in rows:
        print(f"{r['participants']:12d} {r['comments']:8d} {r['votes']:8d} {r['k']:2d} "
              f"{r['seconds_build_matrix']:8.3f} {r['seconds_cold_refresh']:14.3f} {r['seconds_warm_refresh']:14.3f} "
              f"{str(r['blas_threads'] or 'default'):>12} {r['seconds_typical_groups'] or '-':>10}")
    real = None
    folder = args.data / "vtaiwan.uberx"
    if folder.is_dir():
        real = real_rows(folder)
        print(f"\n{real['conversation']}: {real['participants']} participants x {real['comments']} comments, "
              f"{real['votes']} vote events")
        print(f"  read export               {real['seconds_read_export']:8.2f} s")
        print(f"  one refresh (final matrix) {real['seconds_one_refresh']:7.3f} s")
        print(f"  one replay, x1.1 from 100 {real['seconds_replay']:8.1f} s ({real['refreshes_replay']} refreshes)")
        print(f"  typical_groups            {real['seconds_typical_groups']:8.1f} s (what `deliberate opinions` does)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"load_average_at_start": load, "cpu_count": os.cpu_count(),
                                    "synthetic": rows, "real": real}, indent=1) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
