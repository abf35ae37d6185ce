"""Warm-started, weighted k-means with persistent cluster ids (the Pol.is way).

Pol.is never re-clusters from scratch once a conversation runs: each refresh starts from the previous
clusters' members (re-centred on their new positions), merges clusters whose centres coincide, then
opens new clusters at the point farthest from every centre until there are k (or as many as distinct
points), and finally runs Lloyd iterations. Cluster ids survive refreshes, which is what keeps opinion
groups recognisable while votes stream in. A cold start takes the first k distinct points in row order,
so the result never depends on a random seed.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NO_CLUSTER = -1


@dataclass(frozen=True)
class Clustering:
    ids: np.ndarray      # (c,) cluster ids, ascending
    centers: np.ndarray  # (c, d)
    labels: np.ndarray   # (n,) cluster id of each point

    def sizes(self, weights: np.ndarray | None = None) -> np.ndarray:
        position = np.searchsorted(self.ids, self.labels)
        return np.bincount(position, weights=weights, minlength=len(self.ids))


def _centers_of(points, labels, ids, weights):
    """Weighted mean position of each id's points; ids without points are dropped."""
    position = np.searchsorted(ids, labels)
    totals = np.bincount(position, weights=weights, minlength=len(ids))
    sums = np.stack([np.bincount(position, weights=weights * points[:, d], minlength=len(ids))
                     for d in range(points.shape[1])], axis=1)
    keep = totals > 0
    return ids[keep], sums[keep] / totals[keep, None]


def _unique_rows(points, **kwargs):
    """np.unique(points, axis=0, ...); 2-D points go through a complex view, ~5x faster."""
    if points.shape[1] == 2:
        return np.unique(points[:, 0] + 1j * points[:, 1], **kwargs)
    return np.unique(points, axis=0, **kwargs)


def _squared_distances(points, centers):
    """(n, c) exact squared distances, one dimension at a time (d is 2: cheaper than a 3-D array)."""
    total = np.zeros((len(points), len(centers)))
    for d in range(points.shape[1]):
        total += (points[:, d, None] - centers[None, :, d]) ** 2
    return total


def _open_clusters_at_outliers(points, weights, ids, labels, target):
    """Add clusters at the farthest point from all centres until `target` clusters exist."""
    labels = labels.copy()
    while len(ids) < target:
        assigned = labels != NO_CLUSTER
        ids, centers = _centers_of(points[assigned], labels[assigned], ids, weights[assigned])
        nearest = np.sqrt(_squared_distances(points, centers).min(axis=1))
        outlier = int(np.argmax(nearest))
        if nearest[outlier] <= 0:
            break
        new_id = int(ids.max()) + 1 if len(ids) else 0
        labels[outlier] = new_id
        ids = np.append(ids, new_id)
    return ids, labels


def _warm_start(points, weights, previous_labels, k):
    """Initial (ids, centres) from last refresh's membership, topped up to k clusters at outliers."""
    assigned = previous_labels != NO_CLUSTER
    if not assigned.any():  # nobody left from the last clustering: one cluster, then split outward
        labels = np.zeros(len(points), dtype=int)
        ids = np.array([0])
    else:
        labels = np.where(assigned, previous_labels, NO_CLUSTER)
        ids, centers = _centers_of(points[assigned], labels[assigned], np.unique(labels[assigned]),
                                   weights[assigned])
        ids, labels = _merge_identical_clusters(weights, ids, centers, labels)
    if len(ids) < k:  # counting distinct points is costly; only needed when clusters must be added
        ids, labels = _open_clusters_at_outliers(points, weights, ids, labels,
                                                 min(k, len(_unique_rows(points))))
    assigned = labels != NO_CLUSTER
    return _centers_of(points[assigned], labels[assigned], ids, weights[assigned])


def _merge_identical_clusters(weights, ids, centers, labels):
    """Clusters whose centres coincide become one, keeping the id of the heaviest."""
    unique, inverse = _unique_rows(centers, return_inverse=True)
    inverse = inverse.ravel()
    if len(unique) == len(ids):
        return ids, labels
    assigned = labels != NO_CLUSTER
    mass = np.bincount(np.searchsorted(ids, labels[assigned]), weights=weights[assigned], minlength=len(ids))
    rename = {}
    for group in range(len(unique)):
        members = np.flatnonzero(inverse == group)
        keep = ids[members[np.argmax(mass[members])]]
        rename.update({ids[m]: keep for m in members})
    labels = np.array([rename.get(label, NO_CLUSTER) for label in labels], dtype=int)
    return np.unique(list(rename.values())), labels


def _cold_start(points, k):
    """Pol.is' deterministic start: the first k distinct points, in row order, as centres."""
    _, first_rows = _unique_rows(points, return_index=True)
    chosen = np.sort(first_rows)[:k]  # the first k distinct points in row order
    return np.arange(len(chosen)), points[chosen]


def weighted_kmeans(points: np.ndarray, k: int, previous_labels: np.ndarray | None = None,
                    weights: np.ndarray | None = None, max_iter: int = 100, tol: float = 0.01) -> Clustering:
    """k-means on `points` (n x d), optionally warm-started.

    `previous_labels[i]` is the id of the cluster point i belonged to at the last refresh, or -1 for a
    point new since then; None means a cold start. Iteration stops when no centre moves more than `tol`.
    """
    points = np.asarray(points, dtype=float)
    n = len(points)
    weights = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    if n == 0:
        return Clustering(np.zeros(0, int), np.zeros((0, points.shape[1])), np.zeros(0, int))
    if previous_labels is None:
        ids, centers = _cold_start(points, k)
    else:
        ids, centers = _warm_start(points, weights, np.asarray(previous_labels, dtype=int), k)
    for _ in range(max(max_iter, 1)):
        # Labels and the centres computed from them are returned together, so no cluster is empty.
        labels = ids[_squared_distances(points, centers).argmin(axis=1)]
        new_ids, new_centers = _centers_of(points, labels, ids, weights)
        moved = len(new_ids) != len(ids) or np.any(
            np.sqrt(((new_centers - centers) ** 2).sum(axis=1)) >= tol)
        ids, centers = new_ids, new_centers
        if not moved:
            break
    return Clustering(ids, centers, labels)
