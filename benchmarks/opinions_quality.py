"""How close are our opinion groups to Pol.is' own? (DESIGN section 6, "Agreement with reference results")

For every Pol.is export folder under --data (default ../shared/data/polis), compares with Pol.is'
`group-id` (participants-votes.csv), on the participants Pol.is clustered, all in the same run:

- ours: `typical_groups`, what `deliberate opinions` runs (the medoid of the batch clusterings and of
  replays under `SCHEDULES`, votes in time order); each of its candidates is scored too;
- ours, join order: the same on the votes without their times, in participant order, as with an export
  that has only participants-votes.csv;
- red-dwarf 0.4.0: `reddwarf.implementations.base.run_pipeline(votes, mod_out_statement_ids)`, its
  defaults (PCA, k-means with Pol.is' start, k = 2..5 by silhouette, min_user_vote_threshold 7);
- PCA + k-means: mean-imputed votes, PCA to 2-D, k-means (10 k-means++ starts, k = 2..5 by silhouette)
  on participants with >= 7 votes.

Leave-one-out: for each conversation, the method (ours or one of its candidates) with the best mean ARI
on the other conversations is chosen and scored on the held-out one; the gap between the two is printed.
A participant a method leaves unclustered counts as one more label for it. Run:
    .venv/bin/python benchmarks/opinions_quality.py [--data DIR] [--out FILE] [--jobs N]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, silhouette_score

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from deliberate.analysis.opinions import build_vote_matrix, typical_groups  # noqa: E402
from deliberate.analysis.polis_export import read_polis_export  # noqa: E402

ATTRIBUTION = ("Pol.is data: gathered using the Polis software (compdemocracy.org/polis) and sub-licensed under "
               "CC BY 4.0 with Attribution to The Computational Democracy Project "
               "(https://github.com/compdemocracy/openData, commit 0bc2ce0f).")
OURS = "ours (typical)"


def ours(votes, export, n_jobs):
    model, candidates = typical_groups(votes, moderated_out=export.moderated_out, n_jobs=n_jobs)
    labels = {p: int(g) for p, g in zip(model.participants_, model.labels_)}
    return labels, int(model.k_), model.typical_, {c.name: c.groups for c in candidates}


def join_order(export):
    """The final votes without times, participant by participant (as participants-votes.csv lists them)."""
    return [(v.participant, v.comment, v.value) for v in export.latest_votes()]


def red_dwarf(export):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from reddwarf.implementations.base import run_pipeline

    votes = [{"participant_id": v.participant, "statement_id": v.comment, "vote": v.value,
              "modified": v.timestamp} for v in export.latest_votes()]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_pipeline(votes=votes, mod_out_statement_ids=sorted(export.moderated_out))
    labels = result.participants_df["cluster_id"].astype("Int64").fillna(-1)
    return {p: int(g) for p, g in labels.items()}


def baseline(export, random_state=0):
    matrix = build_vote_matrix(export.latest_votes(), export.moderated_out)
    values = matrix.active_values
    keep = matrix.n_votes >= min(7, matrix.shape[1])
    means = np.nan_to_num(np.nanmean(np.where(np.isnan(values), np.nan, values), axis=0))
    imputed = np.where(np.isnan(values), means, values)[keep]
    points = PCA(n_components=2, random_state=random_state).fit_transform(imputed)
    best = None
    for k in range(2, 6):
        labels = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit_predict(points)
        score = silhouette_score(points, labels)
        if best is None or score > best[0]:
            best = (score, labels)
    chosen = dict(zip([p for p, inside in zip(matrix.participants, keep) if inside], best[1].tolist()))
    return {p: chosen.get(p, -1) for p in matrix.participants}


def agreement(truth: dict, labels: dict) -> tuple[float, float]:
    pids = [p for p, g in truth.items() if g is not None]
    reference = [truth[p] for p in pids]
    ours = [labels.get(p, -1) if labels.get(p, -1) is not None else -1 for p in pids]
    return adjusted_rand_score(reference, ours), normalized_mutual_info_score(reference, ours)


def evaluate(folder: Path, n_jobs: int) -> dict:
    export = read_polis_export(folder)
    truth = export.polis_groups
    row = {"conversation": folder.name, "participants": len({v.participant for v in export.votes}),
           "clustered_by_polis": sum(g is not None for g in truth.values()),
           "polis_k": len({g for g in truth.values() if g is not None})}
    started = time.perf_counter()
    labels, row["our_k"], row["kept"], candidates = ours(export.votes, export, n_jobs)
    row["seconds_ours"] = round(time.perf_counter() - started, 1)
    row["ari_ours"], row["nmi_ours"] = agreement(truth, labels)
    row["ari_candidates"] = {name: agreement(truth, lab)[0] for name, lab in candidates.items()}
    joined, _, row["kept_join_order"], _ = ours(join_order(export), export, n_jobs)
    row["ari_join_order"] = agreement(truth, joined)[0]
    started = time.perf_counter()
    rd = red_dwarf(export)
    row["seconds_red_dwarf"] = round(time.perf_counter() - started, 1)
    row["ari_red_dwarf"], row["nmi_red_dwarf"] = agreement(truth, rd)
    row["ari_baseline"], row["nmi_baseline"] = agreement(truth, baseline(export))
    return row


def leave_one_out(rows: list[dict]) -> list[dict]:
    """Per held-out conversation: the method best on the others, its mean there and its held-out ARI."""
    methods = {OURS: lambda r: r["ari_ours"]} | {
        name: (lambda r, n=name: r["ari_candidates"][n]) for name in rows[0]["ari_candidates"]}
    folds = []
    for held in rows:
        others = [r for r in rows if r is not held]
        if not others:
            break
        chosen = max(methods, key=lambda m: np.mean([methods[m](r) for r in others]))
        folds.append({"held_out": held["conversation"], "chosen": chosen,
                      "in_sample": float(np.mean([methods[chosen](r) for r in others])),
                      "held_out_ari": float(methods[chosen](held))})
    return folds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "polis")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "opinions_quality.json")
    parser.add_argument("--jobs", type=int, default=1, help="processes for the replays")
    args = parser.parse_args()
    folders = sorted(p.parent for p in args.data.glob("*/participants-votes.csv"))
    if not folders:
        sys.exit(f"no Pol.is export folders under {args.data}")
    print(ATTRIBUTION)
    rows = []
    for folder in folders:
        print(f"... {folder.name}", file=sys.stderr, flush=True)
        rows.append(evaluate(folder, args.jobs))
    header = (f"{'conversation':28} {'ptpts':>6} {'clust':>6} {'polis k':>7} {'our k':>5} {'ours':>6} "
              f"{'join order':>10} {'red-dwarf':>9} {'PCA+km':>7} {'NMI ours':>8} {'NMI r-d':>7} {'ours s':>6}")
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{r['conversation']:28} {r['participants']:6d} {r['clustered_by_polis']:6d} {r['polis_k']:7d} "
              f"{r['our_k']:5d} {r['ari_ours']:6.3f} {r['ari_join_order']:10.3f} {r['ari_red_dwarf']:9.3f} "
              f"{r['ari_baseline']:7.3f} {r['nmi_ours']:8.3f} {r['nmi_red_dwarf']:7.3f} {r['seconds_ours']:6.1f}")
    aris = [r["ari_ours"] for r in rows]
    print(f"median ARI: ours {np.median(aris):.3f}, join order {np.median([r['ari_join_order'] for r in rows]):.3f}, "
          f"red-dwarf {np.median([r['ari_red_dwarf'] for r in rows]):.3f}, "
          f"PCA + k-means {np.median([r['ari_baseline'] for r in rows]):.3f}")
    print("ARI of each candidate (ours keeps the medoid, marked *):")
    for r in rows:
        print(f"  {r['conversation']:28} " + "; ".join(
            f"{name}{'*' if name == r['kept'] else ''} {a:.3f}" for name, a in r["ari_candidates"].items()))
    folds = leave_one_out(rows)
    print("leave-one-out (method chosen on the other conversations):")
    for f in folds:
        print(f"  held out {f['held_out']:28} chose {f['chosen']:28} in-sample {f['in_sample']:.3f}  "
              f"held-out {f['held_out_ari']:.3f}  gap {f['in_sample'] - f['held_out_ari']:+.3f}")
    if folds:
        print(f"  mean: in-sample {np.mean([f['in_sample'] for f in folds]):.3f}, held-out "
              f"{np.mean([f['held_out_ari'] for f in folds]):.3f}; ours without choosing "
              f"{np.mean(aris):.3f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    summary = {"attribution": ATTRIBUTION, "data": str(args.data), "median_ari_ours": float(np.median(aris)),
               "median_ari_red_dwarf": float(np.median([r["ari_red_dwarf"] for r in rows])),
               "conversations": rows, "leave_one_out": folds}
    args.out.write_text(json.dumps(summary, indent=1) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
