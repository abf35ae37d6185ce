"""Speed of the analysis, side by side, in one run (opinion groups, themes, embeddings, live lag).

Runs benchmarks/opinions_speed.py, benchmarks/themes_speed.py and benchmarks/embedding_speed.py, one after the
other (each prints its detailed tables and writes its JSON into benchmarks/results/), then prints one combined
summary: time against size for each (with the exponent b of a log-log fit, time ~ size^b, so the growth shows),
the largest real conversation, and the goals checked from the figures:
- an opinion-groups refresh for 2,000 participants x 900 arguments < 1 s (matrix build + slowest cold refresh);
- themes for 5,000 arguments < 10 s (embeddings excluded).
The live lag (benchmarks/results/live_analysis_lag.json, from benchmarks/live_analysis_lag.py) is shown when that
file exists. Writes benchmarks/results/analysis_speed.json: the summary, the load average at start and end, and
the paths of the detailed JSONs.

    .venv/bin/python benchmarks/analysis_speed.py [--data POLIS_DIR] [--repeat N] [--summary-only]

--summary-only re-reads the detailed JSONs of an earlier run instead of running the benchmarks. Timings share
the machine with whatever else runs: check the load average printed at start and end.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DETAILS = {"opinion groups": RESULTS / "opinions_speed.json", "themes": RESULTS / "themes_speed.json",
           "embeddings": RESULTS / "embedding_speed.json"}
LIVE = RESULTS / "live_analysis_lag.json"


def run_benchmarks(args: argparse.Namespace) -> None:
    opinions = ["--data", str(args.data)] if args.data else []
    for script, options in (("opinions_speed.py", opinions + ["--repeat", str(args.repeat)]),
                            ("themes_speed.py", ["--repeat", str(args.repeat)]),
                            ("embedding_speed.py", [])):
        subprocess.run([sys.executable, str(HERE / script), *options], check=True)


def goal(text: str, met: bool, figure: str) -> dict:
    print(f"{text}: {'yes' if met else 'no'} ({figure})")
    return {"goal": text, "met": met, "figure": figure}


def growth(sizes: list, seconds: list) -> float | None:
    """Exponent b of seconds ~ size^b, least squares on logs (timings rounded to 0 left out)."""
    points = [(n, s) for n, s in zip(sizes, seconds) if s > 0]
    return float(np.polyfit(*np.log(points).T, 1)[0]) if len(points) > 1 else None


def show_growth(what: str, sizes: list, seconds: list) -> float | None:
    exponent = growth(sizes, seconds)
    print(f"  {what} grows as size^{exponent:.2f}" if exponent is not None else f"  {what}: too few sizes to fit")
    return exponent


def opinion_groups(report: dict) -> dict:
    synthetic = report["synthetic"]
    print("\nOpinion groups, one refresh (synthetic, 3 camps; statistics included; median of runs)")
    print(f"{'participants':>12} {'arguments':>9} {'votes':>9} {'build s':>8} {'cold s':>7} {'warm s':>7} "
          f"{'BLAS threads':>12}")
    for r in synthetic:
        print(f"{r['participants']:12d} {r['comments']:9d} {r['votes']:9d} {r['seconds_build_matrix']:8.3f} "
              f"{r['seconds_cold_refresh']:7.3f} {r['seconds_warm_refresh']:7.3f} "
              f"{str(r['blas_threads'] or 'default'):>12}")
    single = [r for r in synthetic if r["blas_threads"] == 1]
    votes = [r["votes"] for r in single]
    growth_rows = {what: show_growth(f"{what} (1 BLAS thread, size = votes)", votes, [r[key] for r in single])
                   for what, key in (("cold refresh", "seconds_cold_refresh"), ("warm refresh", "seconds_warm_refresh"),
                                     ("matrix build", "seconds_build_matrix"))}
    real = report.get("real")
    if real:
        print(f"\n{real['conversation']} (largest real conversation): {real['participants']} participants x "
              f"{real['comments']} arguments, {real['votes']} vote events")
        print(f"  one refresh on the final matrix {real['seconds_one_refresh']:.3f} s; one replay (x1.1 from 100 "
              f"votes) {real['seconds_replay']} s ({real['refreshes_replay']} refreshes); typical_groups "
              f"(`deliberate opinions`) {real['seconds_typical_groups']} s")
    target = [r for r in synthetic if (r["participants"], r["comments"]) == (2000, 900)]
    if target:
        build = max(r["seconds_build_matrix"] for r in target)
        cold = max(r["seconds_cold_refresh"] for r in target)
        warm = max(r["seconds_warm_refresh"] for r in target)
        checked = goal("2000x900 refresh < 1 s", build + cold < 1,
                       f"{build + cold:.3f} s = matrix build {build:.3f} s + slowest cold refresh {cold:.3f} s; "
                       f"slowest warm refresh {warm:.3f} s")
    else:
        checked = goal("2000x900 refresh < 1 s", False, "no 2000 x 900 row measured")
    typical = [r for r in single if r.get("seconds_typical_groups") is not None]
    slowest = max(typical, key=lambda r: r["seconds_typical_groups"]) if typical else None
    opinions_goal = goal("`deliberate opinions` < 30 s up to 2,000 participants (typical_groups)",
                         slowest["seconds_typical_groups"] < 30 if slowest else None,
                         f"slowest {slowest['seconds_typical_groups']} s at {slowest['participants']} x "
                         f"{slowest['comments']}" if slowest else "not measured")
    return {"synthetic": synthetic, "growth_exponents": growth_rows, "real": real, "goals": [checked, opinions_goal]}


def themes(report: dict) -> dict:
    rows = report["fit"]
    print(f"\nThemes + points + labels + map + duplicates, one ThemeAnalyzer.fit ({report['embedder']}, "
          "embeddings excluded; median of runs)")
    print(f"{'arguments':>9} {'seconds':>8} {'themes':>6} {'points':>6}")
    for r in rows:
        print(f"{r['arguments']:9d} {r['seconds']:8.3f} {r['themes']:6d} {r['points']:6d}")
    exponent = show_growth("fit time (size = arguments)", [r["arguments"] for r in rows], [r["seconds"] for r in rows])
    embedding = report["embedding"]
    print(f"  apart: embedding the {embedding['texts']} texts {embedding['seconds']} s; assigning one new argument "
          f"{report['assign_one_ms']} ms; state carried to the next refresh {report['state_kib']} KiB")
    five = [r["seconds"] for r in rows if r["arguments"] == 5000]
    checked = goal("5000 arguments themes < 10 s", bool(five) and five[0] < 10,
                   f"{five[0]:.2f} s" if five else "5000 not among the sizes measured")
    return {"fit": rows, "growth_exponent": exponent, "embedding": embedding, "goals": [checked]}


def embeddings(report: dict) -> dict:
    print("\nEmbedding throughput (fresh texts each size, model load apart)")
    print(f"{'embedder':42} {'load s':>6} {'texts':>6} {'seconds':>8} {'texts/s':>8}")
    exponents = {}
    for r in report["results"]:
        if "error" in r:
            print(f"{r['embedder']:42} unavailable: {r['error']}")
            continue
        for i, run in enumerate(r["runs"]):
            print(f"{r['embedder'] if i == 0 else '':42} {r['load_seconds'] if i == 0 else '':>6} {run['n']:6d} "
                  f"{run['seconds']:8.2f} {run['per_second']:8.1f}")
        exponents[r["embedder"]] = show_growth(f"{r['embedder']} time (size = texts)", [x["n"] for x in r["runs"]],
                                               [x["seconds"] for x in r["runs"]])
    return {"results": report["results"], "growth_exponents": exponents}


def scalars(data: dict, prefix: str = "") -> dict:
    """Every number and short string of a nested dict, under dotted keys; lists (raw samples) left out."""
    found = {}
    for key, value in data.items():
        if isinstance(value, dict):
            found |= scalars(value, f"{prefix}{key}.")
        elif isinstance(value, (int, float, str, bool)) or value is None:
            found[f"{prefix}{key}"] = value
    return found


def live_lag() -> dict | None:
    if not LIVE.exists():
        print(f"\nLive lag: {LIVE.name} not found (run benchmarks/live_analysis_lag.py)")
        return None
    summary = scalars(json.loads(LIVE.read_text()))
    print(f"\nLive lag ({LIVE.name}): " + ", ".join(f"{k} {v}" for k, v in summary.items()))
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="Pol.is export folders (opinions_speed.py's default otherwise)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (the median is kept)")
    parser.add_argument("--summary-only", action="store_true", help="summarise the JSONs of an earlier run")
    parser.add_argument("--out", type=Path, default=RESULTS / "analysis_speed.json")
    args = parser.parse_args()
    load_at_start = os.getloadavg()
    print(f"{os.cpu_count()} cores; load average at start {load_at_start[0]:.2f} {load_at_start[1]:.2f} "
          f"{load_at_start[2]:.2f}", flush=True)
    if not args.summary_only:
        run_benchmarks(args)
    details = {name: json.loads(path.read_text()) for name, path in DETAILS.items()}
    print("\n" + "=" * 30 + " Combined summary " + "=" * 30)
    summary = {"cpu_count": os.cpu_count(), "load_average_at_start": load_at_start,
               "opinion groups": opinion_groups(details["opinion groups"]), "themes": themes(details["themes"]),
               "embeddings": embeddings(details["embeddings"]), "live lag": live_lag(),
               "load_average_at_end": os.getloadavg(),
               "details": {name: str(path) for name, path in DETAILS.items()} | {"live lag": str(LIVE)}}
    end = summary["load_average_at_end"]
    print(f"\nload average at end {end[0]:.2f} {end[1]:.2f} {end[2]:.2f}")
    args.out.write_text(json.dumps(summary, indent=1) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
