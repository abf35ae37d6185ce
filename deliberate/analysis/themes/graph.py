"""A k-nearest-neighbour graph over arguments, its modularity, and its spectral embedding.

Why a graph: subjects and claims come in very unequal sizes (one key point often holds half of a
side's arguments). Centroid methods like k-means split big clusters to even out sizes; a neighbour
graph keeps a big cluster whole and lets modularity say how many clusters the data holds.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.linalg import eigh
from scipy.sparse.linalg import eigsh

BLOCK_ROWS = 1024   # similarity rows computed at once: 1024 x 5,000 floats stays small
DENSE_EIGEN_MAX = 1500  # below this, a dense eigensolver is fast and exactly reproducible


def similarity_blocks(vectors: np.ndarray, lexical: sp.csr_matrix | None = None, lexical_weight: float = 0.0):
    """Yield (first row, block of cosine similarities) for the rows of `vectors` against all rows.

    With `lexical` (unit TF-IDF rows, or zero rows), the similarity is the cosine of the concatenated
    vectors [embedding, lexical_weight * tfidf]: shared content words add to semantic closeness.
    """
    n = len(vectors)
    use_words = lexical is not None and lexical_weight > 0
    if use_words:
        w2 = lexical_weight ** 2
        word_norm2 = np.asarray(lexical.multiply(lexical).sum(axis=1)).ravel()  # 1, or 0 for no known word
        scale = 1.0 / np.sqrt(1.0 + w2 * word_norm2)
    for start in range(0, n, BLOCK_ROWS):
        stop = min(start + BLOCK_ROWS, n)
        block = vectors[start:stop] @ vectors.T
        if use_words:
            block = block + w2 * (lexical[start:stop] @ lexical.T).toarray()
            block *= scale[start:stop, None] * scale[None, :]
        yield start, np.asarray(block, dtype=np.float32)


def knn_graph(vectors: np.ndarray, n_neighbors: int, lexical: sp.csr_matrix | None = None,
              lexical_weight: float = 0.0) -> sp.csr_matrix:
    """Symmetric weighted adjacency: each argument linked to its `n_neighbors` most similar ones.

    Edges weigh their cosine (floored just above 0): with unweighted edges, the far neighbours of a
    small cluster would count as much as its members and modularity would merge it into the next one.
    A link found from both ends counts fully, from one end half.
    """
    n = len(vectors)
    k = min(n_neighbors, n - 1)
    rows, cols, weights = [], [], []
    for start, block in similarity_blocks(vectors, lexical, lexical_weight):
        block[np.arange(len(block)), np.arange(start, start + len(block))] = -np.inf  # never your own neighbour
        nearest = np.argpartition(-block, k - 1, axis=1)[:, :k]
        rows.append(np.repeat(np.arange(start, start + len(block)), k))
        cols.append(nearest.ravel())
        weights.append(np.take_along_axis(block, nearest, axis=1).ravel())
    weights = np.maximum(np.concatenate(weights).astype(np.float64), 1e-6)
    directed = sp.csr_matrix((weights, (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    return ((directed + directed.T) * 0.5).tocsr()


def modularity(adjacency: sp.spmatrix, labels: np.ndarray) -> float:
    """Newman's modularity: share of edge weight inside clusters minus what random wiring would put there.

    Pass a COO matrix when scoring many partitions of one graph: the conversion is then done once.
    Arguments labelled -1 belong to no cluster.
    """
    edges = adjacency if sp.isspmatrix_coo(adjacency) else sp.coo_matrix(adjacency)
    labels = np.asarray(labels)
    total = edges.data.sum()
    if total == 0 or not (labels >= 0).any():
        return 0.0
    same = (labels[edges.row] == labels[edges.col]) & (labels[edges.row] >= 0)
    degree = np.bincount(edges.row, weights=edges.data, minlength=len(labels))
    clustered = labels >= 0
    degree_per_cluster = np.bincount(labels[clustered], weights=degree[clustered])
    return float(edges.data[same].sum() / total - np.sum((degree_per_cluster / total) ** 2))


def spectral_embedding(adjacency: sp.csr_matrix, n_components: int, random_state: int = 0) -> np.ndarray:
    """Leading eigenvectors of the normalised adjacency D^-1/2 A D^-1/2 (Ng, Jordan and Weiss)."""
    n = adjacency.shape[0]
    n_components = min(n_components, n)
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    inv_sqrt = 1.0 / np.sqrt(np.maximum(degree, 1e-12))
    normalised = sp.diags(inv_sqrt) @ adjacency @ sp.diags(inv_sqrt)
    if n <= DENSE_EIGEN_MAX or n_components >= n - 1:
        values, vectors = eigh(normalised.toarray(), subset_by_index=[n - n_components, n - 1])
    else:
        start = np.random.RandomState(random_state).uniform(-1, 1, n)  # fixed start: same input, same result
        values, vectors = eigsh(normalised.tocsc(), k=n_components, which="LA", v0=start, tol=1e-6)
    return vectors[:, np.argsort(-values, kind="stable")]  # largest eigenvalue first
