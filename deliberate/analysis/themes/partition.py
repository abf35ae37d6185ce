"""Clustering with the number of clusters chosen by the data: spectral partitions of a neighbour graph,
scored by modularity.

For every candidate k, cut the graph's spectral embedding into k parts (k-means on the first k
eigenvectors, Ng-Jordan-Weiss) and keep the k whose partition has the highest modularity. Modularity
rewards clusters with many more internal links than chance, whatever their sizes, so it needs no
target size and no distance threshold, which differ from one embedder to another.

But a neighbour graph of structureless data also has a high best modularity (any cloud can be cut in
parts with few links between them), so modularity alone always splits. With `null_draws`, a split into
k parts is kept only if its modularity beats, by `significance` standard deviations, the modularity of the
same k-part cut of clouds without clusters: Gaussian draws with the set's own mean and spread along every
principal axis (the reference distribution of Tibshirani's gap statistic). Otherwise the set stays whole.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from deliberate.analysis.themes.graph import (
    DENSE_EIGEN_MAX,
    knn_graph,
    modularity,
    similarity_blocks,
    spectral_embedding,
)
from deliberate.analysis.threads import blas_threads

MIN_GRAPH_SIZE = 4  # below this there is nothing to compare partitions with


def default_neighbours(n: int) -> int:
    """Neighbourhood size: 15 (UMAP's and BERTopic's default), or sqrt(n) (the classic k-NN rule) once
    that is larger, but never more than a quarter of the set (and at least 3).

    A cluster smaller than the neighbourhood cannot stand out in the graph, hence the quarter on small
    sets; on large sets a fixed 15 would cut subjects into sub-subjects, hence the growth with sqrt(n).
    """
    return int(max(3, min(n // 4, max(15, round(np.sqrt(n))))))


def kmeans(points: np.ndarray, k: int, random_state: int = 0, n_init: int = 3, max_iter: int = 100) -> np.ndarray:
    """Plain k-means (k-means++ seeding, Lloyd steps), best of `n_init`.

    Small and dependency-free because the model selection calls it hundreds of times on tiny inputs,
    where scikit-learn's per-call overhead (~10 ms) would dominate.
    """
    rng = np.random.RandomState(random_state)
    n = len(points)
    k = min(k, n)
    squared = np.einsum("ij,ij->i", points, points)
    best_labels, best_inertia = None, np.inf
    for _ in range(n_init):
        centres = [points[rng.randint(n)]]
        closest = squared - 2 * points @ centres[0] + centres[0] @ centres[0]
        for _ in range(1, k):
            cumulative = np.cumsum(np.maximum(closest, 0))
            pick = min(int(np.searchsorted(cumulative, rng.uniform() * cumulative[-1], side="right")), n - 1) \
                if cumulative[-1] > 0 else rng.randint(n)
            centres.append(points[pick])
            closest = np.minimum(closest, squared - 2 * points @ points[pick] + points[pick] @ points[pick])
        centres = np.array(centres)
        labels = None
        for _ in range(max_iter):
            distances = squared[:, None] - 2 * points @ centres.T + np.einsum("ij,ij->i", centres, centres)[None, :]
            new_labels = distances.argmin(axis=1)
            if labels is not None and np.array_equal(new_labels, labels):
                break
            labels = new_labels
            counts = np.bincount(labels, minlength=k)
            membership = np.zeros((k, n))
            membership[labels, np.arange(n)] = 1.0
            sums = membership @ points
            filled = counts > 0  # an emptied cluster keeps its old centre
            centres[filled] = sums[filled] / counts[filled, None]
        inertia = distances[np.arange(n), labels].sum()
        if inertia < best_inertia - 1e-12:
            best_labels, best_inertia = labels, inertia
    return best_labels


def null_clouds(vectors: np.ndarray, lexical: sp.csr_matrix | None, lexical_weight: float, draws: int,
                random_state: int = 0):
    """Yield `draws` Gaussian clouds with the set's mean and principal spreads, as unit rows.

    Built from the Gram matrix of the similarity the graph uses (embedding plus shared words), so the
    null sees the same geometry as the data without forming the long TF-IDF vectors.
    """
    gram = np.vstack([block for _, block in similarity_blocks(vectors, lexical, lexical_weight)]).astype(np.float64)
    values, axes = np.linalg.eigh((gram + gram.T) / 2)
    coordinates = axes * np.sqrt(np.maximum(values, 0))  # rows: the set in an n-dimensional basis
    centre = coordinates.mean(axis=0)
    _, spread, directions = np.linalg.svd(coordinates - centre, full_matrices=False)
    scale = spread / np.sqrt(max(len(vectors) - 1, 1))
    rng = np.random.RandomState(random_state)
    for _ in range(draws):
        cloud = centre + (rng.standard_normal((len(vectors), len(scale))) * scale) @ directions
        yield (cloud / np.maximum(np.linalg.norm(cloud, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def relabel_by_size(labels: np.ndarray, min_size: int) -> np.ndarray:
    """Clusters smaller than `min_size` become -1; the rest are numbered 0.. by decreasing size."""
    labels = np.asarray(labels)
    found = [c for c in np.unique(labels) if c >= 0 and (labels == c).sum() >= min_size]
    # Biggest first; ties by first member, so the numbering depends on the data only.
    found.sort(key=lambda c: (-(labels == c).sum(), np.flatnonzero(labels == c)[0]))
    result = np.full(len(labels), -1, dtype=np.int64)
    for new, old in enumerate(found):
        result[labels == old] = new
    return result


class GraphClustering:
    """Spectral clustering of a k-nearest-neighbour graph, k chosen by modularity unless given.

    Parameters: n_clusters (fixed k, or None to choose), min_clusters / max_clusters (range searched),
    min_cluster_size (smaller clusters become -1), n_neighbors (None: `default_neighbours`),
    lexical_weight (weight of shared content words in the similarity), patience (stop the search after
    this many k without a better modularity), n_init (k-means restarts per k), null_draws (0: keep the
    best split always; else test it against this many structureless clouds, see the module's docstring),
    significance (standard deviations above the null's mean the split's modularity must reach), random_state.
    """

    def __init__(self, n_clusters: int | None = None, min_clusters: int = 2, max_clusters: int = 20,
                 min_cluster_size: int = 2, n_neighbors: int | None = None, lexical_weight: float = 0.5,
                 patience: int = 5, n_init: int = 3, null_draws: int = 0, significance: float = 2.0,
                 random_state: int = 0):
        self.n_clusters = n_clusters
        self.min_clusters = min_clusters
        self.max_clusters = max_clusters
        self.min_cluster_size = min_cluster_size
        self.n_neighbors = n_neighbors
        self.lexical_weight = lexical_weight
        self.patience = patience
        self.n_init = n_init
        self.null_draws = null_draws
        self.significance = significance
        self.random_state = random_state

    def fit(self, vectors: np.ndarray, lexical: sp.csr_matrix | None = None) -> "GraphClustering":
        vectors = np.asarray(vectors, dtype=np.float32)
        # On small inputs, multi-threaded BLAS spends far longer waking threads than computing.
        with blas_threads(1 if len(vectors) <= DENSE_EIGEN_MAX else None):
            return self._fit(vectors, lexical)

    def _fit(self, vectors: np.ndarray, lexical: sp.csr_matrix | None) -> "GraphClustering":
        n = len(vectors)
        self.n_neighbors_ = self.n_neighbors or default_neighbours(n)
        self.modularity_by_k_ = {}
        if self.n_clusters is not None:
            candidates = [min(self.n_clusters, n)]
        else:
            upper = min(self.max_clusters, n // max(self.min_cluster_size, 1))
            candidates = list(range(self.min_clusters, upper + 1))
        if n < MIN_GRAPH_SIZE or not candidates or max(candidates) < 2:
            raw = np.zeros(n, dtype=np.int64)  # one cluster, if it is big enough to count
            self.modularity_ = 0.0
        else:
            graph = knn_graph(vectors, self.n_neighbors_, lexical, self.lexical_weight)
            self.modularity_, raw, self.modularity_by_k_ = self._best_partition(graph, candidates)
            if self.n_clusters is None and self.null_draws:
                # The clouds are cut into as many parts as the data: ten times cheaper than searching k again.
                chosen = [int(raw.max()) + 1]
                self.null_modularity_ = [
                    self._best_partition(knn_graph(cloud, self.n_neighbors_), chosen)[0]
                    for cloud in null_clouds(vectors, lexical, self.lexical_weight, self.null_draws, self.random_state)]
                bar = np.mean(self.null_modularity_) + self.significance * np.std(self.null_modularity_)
                if self.modularity_ <= bar:  # no more structure than a cloud without clusters: keep it whole
                    raw = np.zeros(n, dtype=np.int64)
        self.labels_ = relabel_by_size(raw, self.min_cluster_size)
        self.n_clusters_ = int(self.labels_.max() + 1) if n else 0
        return self

    def _best_partition(self, graph: sp.csr_matrix, candidates: list[int]) -> tuple[float, np.ndarray, dict]:
        """(modularity, labels, modularity per k tried) of the best spectral cut into k parts."""
        edges = graph.tocoo()
        embedding = spectral_embedding(graph, max(candidates), self.random_state)
        best, best_k, by_k = None, None, {}
        for k in candidates:
            if best_k is not None and k - best_k > self.patience:
                break  # modularity has stopped improving: larger k only cuts real clusters apart
            part = embedding[:, :k]
            part = part / np.maximum(np.linalg.norm(part, axis=1, keepdims=True), 1e-12)
            labels = kmeans(part, k, self.random_state, self.n_init)
            by_k[k] = modularity(edges, labels)
            if best is None or by_k[k] > best[0] + 1e-9:  # ties keep the smaller k
                best, best_k = (by_k[k], labels), k
        return best[0], best[1], by_k

    def fit_predict(self, vectors: np.ndarray, lexical: sp.csr_matrix | None = None) -> np.ndarray:
        return self.fit(vectors, lexical).labels_
