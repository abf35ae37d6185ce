"""Quality of the analysis, side by side, in one run (opinion groups, points, themes).

Runs benchmarks/opinions_quality.py, then benchmarks/themes_quality.py (each prints its detailed tables and
writes its JSON into benchmarks/results/), then prints one combined summary, with the goals checked from the
figures:
- opinion groups: adjusted Rand index (ARI) with the `group-id` Pol.is computed, per conversation: ours,
  red-dwarf (run_pipeline defaults), PCA + k-means; goals: median ARI >= 0.8, and >= red-dwarf on every
  conversation over 100 participants;
- points vs ArgKP-2021 key points (per topic x stance), themes vs ArgKP topics, themes and points vs the CCC
  proposals' themes and objectives: ARI and NMI of ours, BERTopic and k-means given the true k, on the same
  embeddings, per embedder; goal: at least as close to gold as BERTopic.
Writes benchmarks/results/analysis_quality.json: the summary and the paths of the two detailed JSONs.

    .venv/bin/python benchmarks/analysis_quality.py [--data POLIS_DIR] [--jobs N]
                                                    [--embedders usem3,minilm] [--no-bertopic] [--summary-only]

--summary-only re-reads the detailed JSONs of an earlier run instead of running the benchmarks (10-30 min).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DETAILS = {"opinion groups": RESULTS / "opinions_quality.json", "themes and points": RESULTS / "themes_quality.json"}
OPINION_METHODS = {"ours": "ari_ours", "ours, join order": "ari_join_order", "red-dwarf": "ari_red_dwarf",
                   "PCA + k-means": "ari_baseline"}
OPINION_SETTINGS = ("ours = typical_groups (what `deliberate opinions` runs); join order = the same without vote "
                    "times (participants-votes.csv only); red-dwarf 0.4.0 run_pipeline defaults; PCA + k-means = "
                    "mean-imputed PCA 2-D, k-means 10 starts, k 2..5 by silhouette")
THEME_METHODS = ("ours", "BERTopic", "k-means, true k")
THEME_TABLES = {  # short name: (title, keys of themes_quality.json)
    "ArgKP points": ("Points vs ArgKP key points, per topic via `deliberate cluster` (train: leave-one-topic-out held-out)",
                     ("points, ArgKP train", "points, ArgKP dev")),
    "ArgKP themes": ("Themes vs ArgKP topics (batches of 4 topics)", ("themes, ArgKP train", "themes, ArgKP dev")),
    "CCC": ("CCC proposals: themes vs theme, points vs objective",
            ("CCC themes vs theme (6)", "CCC points vs objective (44)")),
}


def run_benchmarks(args: argparse.Namespace) -> None:
    opinions = ["--data", str(args.data)] if args.data else []
    themes = ["--embedders", args.embedders] + (["--no-bertopic"] if args.no_bertopic else [])
    for script, options in (("opinions_quality.py", opinions + ["--jobs", str(args.jobs)]),
                            ("themes_quality.py", themes)):
        subprocess.run([sys.executable, str(HERE / script), *options], check=True)


def goal(text: str, met: bool | None, figure: str) -> dict:
    verdict = {True: "yes", False: "no", None: "n/a"}[met]
    print(f"{text}: {verdict} ({figure})")
    return {"goal": text, "met": met, "figure": figure}


def opinion_groups(report: dict) -> dict:
    rows = [{"conversation": r["conversation"], "participants": r["participants"]}
            | {name: r[key] for name, key in OPINION_METHODS.items()} for r in report["conversations"]]
    median = {name: float(np.median([r[name] for r in rows])) for name in OPINION_METHODS}
    print("\nOpinion groups: ARI with Pol.is' group-id")
    print(OPINION_SETTINGS)
    print(f"{'conversation':30} {'participants':>12} " + " ".join(f"{name:>13}" for name in OPINION_METHODS))
    for r in rows + [{"conversation": "median", "participants": ""} | median]:
        print(f"{r['conversation']:30} {r['participants']:>12} " + " ".join(f"{r[n]:13.3f}" for n in OPINION_METHODS))
    large = [r for r in rows if r["participants"] > 100]
    margin = min(large, key=lambda r: r["ours"] - r["red-dwarf"]) if large else None
    goals = [goal("median ARI >= 0.8", median["ours"] >= 0.8, f"median {median['ours']:.3f}"),
             goal(">= red-dwarf on every conversation > 100 participants",
                  all(r["ours"] >= r["red-dwarf"] for r in large) if large else None,
                  f"{len(large)} conversations; smallest margin {margin['ours'] - margin['red-dwarf']:+.3f} on "
                  f"{margin['conversation']}" if margin else "no conversation over 100 participants")]
    folds = report.get("leave_one_out", [])
    if folds:
        print("Leave-one-out over the conversations (one method chosen on the others, scored on the held-out one):")
        for f in folds:
            print(f"  {f['held_out']:30} chose {f['chosen']:30} in-sample {f['in_sample']:.3f} held-out "
                  f"{f['held_out_ari']:.3f} (gap {f['in_sample'] - f['held_out_ari']:+.3f})")
    goals.append(goal("join order (no vote times) >= PCA + k-means on every conversation",
                      all(r["ours, join order"] >= r["PCA + k-means"] for r in rows),
                      "; ".join(f"{r['conversation']} {r['ours, join order']:.3f} vs {r['PCA + k-means']:.3f}"
                                for r in rows)))
    return {"conversations": rows, "median": median, "goals": goals, "leave_one_out": folds}


def cell(row: dict | None) -> str:
    return f"{row['ari']:6.3f} {row['nmi']:6.3f} {row['clusters']:5.1f}" if row else f"{'-':>6} {'-':>6} {'-':>5}"


def theme_table(name: str, results: dict) -> dict:
    title, keys = THEME_TABLES[name]
    print(f"\n{title}: ARI, NMI, clusters")
    print(f"{'embedder':8} {'data':30} " + " ".join(f"{name:^19}" for name in THEME_METHODS).rstrip())
    print(" " * 40 + " ".join(f"{'ARI':>6} {'NMI':>6} {'k':>5}" for _ in THEME_METHODS))
    rows = []
    for embedder, result in results.items():
        for key in keys:
            row = {"embedder": embedder, "data": key} | {name: result[key].get(name) for name in THEME_METHODS}
            rows.append(row)
            print(f"{embedder:8} {key:30} " + " ".join(cell(row[name]) for name in THEME_METHODS).rstrip())
    compared = [r for r in rows if r["BERTopic"]]
    goals = []
    for metric in ("ari", "nmi"):
        behind = [f"{r['embedder']} {r['data']} {r['ours'][metric]:.3f} < {r['BERTopic'][metric]:.3f}"
                  for r in compared if r["ours"][metric] < r["BERTopic"][metric]]
        figure = "; ".join(behind) or f"{len(compared)} rows"
        goals.append(goal(f"{name}: ours >= BERTopic in {metric.upper()} on every row",
                          not behind if compared else None, figure if compared else "BERTopic not run"))
    return {"rows": rows, "goals": goals}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="Pol.is export folders (opinions_quality.py's default otherwise)")
    parser.add_argument("--jobs", type=int, default=1, help="processes for the opinion-group replays")
    parser.add_argument("--embedders", default="usem3,minilm")
    parser.add_argument("--no-bertopic", action="store_true")
    parser.add_argument("--summary-only", action="store_true", help="summarise the JSONs of an earlier run")
    parser.add_argument("--out", type=Path, default=RESULTS / "analysis_quality.json")
    args = parser.parse_args()
    if not args.summary_only:
        run_benchmarks(args)
    details = {name: json.loads(path.read_text()) for name, path in DETAILS.items()}
    print("\n" + "=" * 30 + " Combined summary " + "=" * 30)
    summary = {"opinion groups": opinion_groups(details["opinion groups"]), "themes and points": {}}
    for name in THEME_TABLES:
        summary["themes and points"][name] = theme_table(name, details["themes and points"]["results"])
    summary["details"] = {name: str(path) for name, path in DETAILS.items()}
    summary["attribution"] = [report["attribution"] for report in details.values()]
    args.out.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
