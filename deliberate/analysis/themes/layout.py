"""The 2-D map: a PCA plane of the embeddings, kept in the same orientation from one refresh to the next.

PCA is fast (one thin SVD), deterministic, and a linear map: a new argument is placed at once with the
stored mean and axes, without recomputing anyone else's position. Between refreshes the new plane is
rotated onto the old one (orthogonal Procrustes), so the picture does not flip or spin when the room
adds arguments.
"""
from __future__ import annotations

import numpy as np

from deliberate.analysis.themes.identity import decode_vector, encode_vector


class MapProjection:
    """fit(vectors, previous=None) learns mean_ and components_ (2 x dim); transform places vectors."""

    def __init__(self, n_components: int = 2):
        self.n_components = n_components

    def fit(self, vectors: np.ndarray, previous: dict | None = None) -> "MapProjection":
        vectors = np.asarray(vectors, dtype=np.float64)
        self.mean_ = vectors.mean(axis=0) if len(vectors) else np.zeros(vectors.shape[1])
        centred = vectors - self.mean_
        dim = vectors.shape[1]
        components = np.zeros((self.n_components, dim))
        if len(vectors) > 1:
            # Top eigenvectors of the dim x dim scatter matrix: cheaper than an SVD of n x dim when n >> dim.
            values, vectors_ = np.linalg.eigh(centred.T @ centred)
            order = np.argsort(-values, kind="stable")[: min(self.n_components, len(vectors) - 1)]
            components[: len(order)] = vectors_[:, order].T
        old = self._previous_components(previous, dim)
        if old is not None:
            # Rotation (or reflection) within the new plane that brings its axes closest to the old ones.
            u, _, v = np.linalg.svd(old @ components.T)
            components = (u @ v) @ components
        else:
            # No history: orient each axis so that its largest loading is positive (SVD signs are arbitrary).
            for row in components:
                if row[np.argmax(np.abs(row))] < 0:
                    row *= -1
        self.components_ = components
        return self

    def _previous_components(self, previous: dict | None, dim: int) -> np.ndarray | None:
        if not previous or "components" not in previous:
            return None
        old = np.vstack([decode_vector(c) for c in previous["components"]]).astype(np.float64)
        return old if old.shape == (self.n_components, dim) else None

    def transform(self, vectors: np.ndarray) -> np.ndarray:
        vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float64))
        return ((vectors - self.mean_) @ self.components_.T).astype(np.float32)

    def to_state(self) -> dict:
        return {"mean": encode_vector(self.mean_), "components": [encode_vector(c) for c in self.components_]}


def place_on_map(embedding: np.ndarray, state: dict) -> tuple[float, float]:
    """Map position of one new argument with the axes stored in an analysis state."""
    stored = state["map"]
    mean = decode_vector(stored["mean"])
    components = np.vstack([decode_vector(c) for c in stored["components"]])
    vector = np.asarray(embedding, dtype=np.float32).ravel()
    norm = np.linalg.norm(vector)
    vector = vector / norm if norm > 0 else vector  # the map was fitted on unit vectors
    x, y = (vector - mean) @ components.T
    return float(x), float(y)
