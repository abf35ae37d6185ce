"""From base clusters to opinion groups: k-means over base-cluster centres for each k, silhouette to
pick the best k, and a smoother so the number of groups does not flicker between refreshes."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from deliberate.analysis.opinions.kmeans import Clustering, weighted_kmeans


def max_group_count(n_base_clusters: int, ceiling: int = 5) -> int:
    """Pol.is: try k = 2 .. min(5, 2 + n_base / 12), so few base clusters allow few groups."""
    return min(ceiling, 2 + n_base_clusters // 12)


def pairwise_distances(points: np.ndarray) -> np.ndarray:
    return np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))


def silhouette(points: np.ndarray, labels: np.ndarray, distances: np.ndarray | None = None) -> float:
    """Mean silhouette over points (here: base-cluster centres, unweighted, as Pol.is does).

    A point alone in its cluster scores 0; a clustering with fewer than two clusters scores -1 so that it
    is never preferred to a real split.
    """
    clusters = np.unique(labels)
    if len(clusters) < 2:
        return -1.0
    distances = pairwise_distances(points) if distances is None else distances
    member = labels[None, :] == clusters[:, None]          # (c, n)
    sizes = member.sum(axis=1)
    sums = distances @ member.T                             # (n, c): total distance to each cluster
    own = np.searchsorted(clusters, labels)
    own_size = sizes[own] - 1
    a = np.divide(sums[np.arange(len(points)), own], own_size, out=np.zeros(len(points)), where=own_size > 0)
    mean_to = sums / sizes[None, :]
    mean_to[np.arange(len(points)), own] = np.inf
    b = mean_to.min(axis=1)
    score = np.divide(b - a, np.maximum(a, b), out=np.zeros(len(points)), where=np.maximum(a, b) > 0)
    score[own_size == 0] = 0.0
    return float(score.mean())


@dataclass
class KSmoother:
    """The number of groups changes only after a new best k has won `buffer` refreshes in a row."""

    buffer: int = 4
    last_k: int | None = None
    last_k_count: int = 0
    smoothed_k: int | None = None

    def update(self, best_k: int) -> int:
        self.last_k_count = self.last_k_count + 1 if best_k == self.last_k else 1
        self.last_k = best_k
        if self.smoothed_k is None or self.last_k_count >= self.buffer:
            self.smoothed_k = best_k
        return self.smoothed_k


def cluster_groups(centers: np.ndarray, weights: np.ndarray, base_ids: np.ndarray,
                   previous: dict[int, dict[int, int]], max_k: int = 5,
                   max_iter: int = 20) -> tuple[dict[int, Clustering], dict[int, float]]:
    """Group clusterings of the base clusters for every k in 2..max_group_count, and their silhouettes.

    `previous[k]` maps base-cluster id -> group id from the last refresh's k-clustering (warm start).
    """
    clusterings, scores = {}, {}
    distances = pairwise_distances(centers)
    for k in range(2, max_group_count(len(centers), max_k) + 1):
        last = previous.get(k)
        labels = None if last is None else np.array([last.get(int(b), -1) for b in base_ids])
        clustering = weighted_kmeans(centers, k, previous_labels=labels, weights=weights, max_iter=max_iter)
        clusterings[k] = clustering
        scores[k] = silhouette(centers, clustering.labels, distances)
    return clusterings, scores


def best_k(scores: dict[int, float]) -> int:
    """Highest silhouette; ties go to the smaller k (fewer groups is the simpler story)."""
    return max(sorted(scores), key=lambda k: scores[k])
