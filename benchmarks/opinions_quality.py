"""How close are our opinion groups to Pol.is' own? (DESIGN section 6, "Agreement with reference results")

For every Pol.is export folder under --data (default ../shared/data/polis), compares with Pol.is'
`group-id` (participants-votes.csv), on the participants Pol.is clustered:

- ours: `replay_consensus` (votes.csv replayed in time order under several refresh schedules, medoid run)
- ours, one refresh: the same pipeline run once on the final matrix (no history)
- red-dwarf: `reddwarf.implementations.base.run_pipeline` with its defaults (moderation passed in)
- baseline: mean-imputed PCA to 2-D + k-means (k = 2..5 by silhouette) on participants with >= 7 votes

A participant a method leaves unclustered counts as one more label for it. Run:
    .venv/bin/python benchmarks/opinions_quality.py [--data DIR] [--out FILE]
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

from deliberate.analysis.opinions import OpinionGroups, build_vote_matrix, replay_consensus  # noqa: E402
from deliberate.analysis.polis_export import read_polis_export  # noqa: E402

ATTRIBUTION = ("Pol.is data: gathered using the Polis software (compdemocracy.org/polis) and sub-licensed under "
               "CC BY 4.0 with Attribution to The Computational Democracy Project "
               "(https://github.com/compdemocracy/openData, commit 0bc2ce0f).")


def ours_replayed(export, n_jobs):
    model, runs = replay_consensus(export.votes, moderated_out=export.moderated_out, n_jobs=n_jobs)
    labels = dict(zip(model.participants_, model.labels_.tolist()))
    per_window = {f"{r.window:g}": dict(zip(r.model.participants_, r.model.labels_.tolist())) for r in runs}
    return labels, int(model.k_), per_window


def ours_one_refresh(export):
    model = OpinionGroups(random_state=0).fit(build_vote_matrix(export.latest_votes(), export.moderated_out),
                                              statistics=False)
    return dict(zip(model.participants_, model.labels_.tolist())), int(model.k_)


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
    labels, row["our_k"], per_window = ours_replayed(export, n_jobs)
    row["seconds_ours"] = round(time.perf_counter() - started, 1)
    row["ari_ours"], row["nmi_ours"] = agreement(truth, labels)
    window_aris = {w: agreement(truth, lab)[0] for w, lab in per_window.items()}
    row["ari_ours_each_window"] = window_aris
    one, row["k_one_refresh"] = ours_one_refresh(export)
    row["ari_one_refresh"] = agreement(truth, one)[0]
    started = time.perf_counter()
    rd = red_dwarf(export)
    row["seconds_red_dwarf"] = round(time.perf_counter() - started, 1)
    row["ari_red_dwarf"], row["nmi_red_dwarf"] = agreement(truth, rd)
    row["ari_baseline"], row["nmi_baseline"] = agreement(truth, baseline(export))
    return row


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
    header = (f"{'conversation':30} {'ptpts':>6} {'clust':>6} {'polis k':>7} {'our k':>5} {'ARI ours':>8} "
              f"{'ARI 1-refresh':>13} {'ARI red-dwarf':>13} {'ARI PCA+km':>10} {'NMI ours':>8} "
              f"{'NMI red-dwarf':>13} {'ours s':>6}")
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{r['conversation']:30} {r['participants']:6d} {r['clustered_by_polis']:6d} {r['polis_k']:7d} "
              f"{r['our_k']:5d} {r['ari_ours']:8.3f} {r['ari_one_refresh']:13.3f} {r['ari_red_dwarf']:13.3f} "
              f"{r['ari_baseline']:10.3f} {r['nmi_ours']:8.3f} {r['nmi_red_dwarf']:13.3f} {r['seconds_ours']:6.1f}")
    aris = [r["ari_ours"] for r in rows]
    print(f"median ARI ours {np.median(aris):.3f}, red-dwarf {np.median([r['ari_red_dwarf'] for r in rows]):.3f}; "
          "ARI of each single replay window:")
    for r in rows:
        print(f"  {r['conversation']:30} " + "  ".join(f"{w}s {a:.3f}" for w, a in r["ari_ours_each_window"].items()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    summary = {"attribution": ATTRIBUTION, "data": str(args.data), "median_ari_ours": float(np.median(aris)),
               "median_ari_red_dwarf": float(np.median([r["ari_red_dwarf"] for r in rows])),
               "conversations": rows}
    args.out.write_text(json.dumps(summary, indent=1) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
