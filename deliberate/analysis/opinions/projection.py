"""Imputation, 2-D PCA and Pol.is' sparsity-aware projection of participants.

Pol.is fills unseen votes with the comment's mean vote, takes the top principal components of that
matrix, and projects each participant from the votes they actually cast, then pushes the point out by
sqrt(n_comments / n_votes): someone who voted on 10% of the comments would otherwise sit near the
centre only because most of their row was imputed.
"""
from __future__ import annotations

import numpy as np

GRAM_DENSE_LIMIT = 300   # comments: up to here a full eigendecomposition of X^T X is cheapest
GRAM_LIMIT = 4000        # beyond, X^T X (m x m floats) is too big to form: use X^T (X v) products

def centred_votes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(X - column mean) with unseen votes at 0, i.e. imputed by the mean then centred; and the means."""
    seen = values == values  # False exactly where NaN
    counts = seen.sum(axis=0)
    sums = np.where(seen, values, 0.0).sum(axis=0)
    means = np.divide(sums, counts, out=np.zeros(values.shape[1]), where=counts > 0)
    return np.where(seen, values - means, 0.0), means


def _flip_signs(components: np.ndarray, reference: np.ndarray | None) -> np.ndarray:
    """Fix each component's arbitrary sign so the map does not mirror between refreshes."""
    for c, component in enumerate(components):
        if reference is not None and c < len(reference):
            sign = np.sign(component @ reference[c])
        else:
            sign = np.sign(component[np.argmax(np.abs(component))])
        components[c] = component * (sign or 1.0)
    return components


def _gram_operator(centred: np.ndarray):
    """v -> X^T X v. Forming X^T X once (one BLAS-3 product) is cheaper than repeated memory-bound
    X^T (X v) products unless there are very many comments."""
    if centred.shape[1] <= GRAM_LIMIT:
        gram = centred.T @ centred
        return lambda block: gram @ block
    return lambda block: centred.T @ (centred @ block)


def _orthonormal(block: np.ndarray) -> np.ndarray | None:
    """Gram-Schmidt on a few columns; None when they are (nearly) dependent."""
    columns = []
    for column in block.T:
        for previous in columns:
            column = column - (previous @ column) * previous
        norm = np.linalg.norm(column)
        if norm < 1e-12:
            return None
        columns.append(column / norm)
    return np.stack(columns, axis=1)


def principal_components(centred: np.ndarray, n_components: int = 2, start: np.ndarray | None = None,
                         max_iter: int = 100, tol: float = 1e-6,
                         random_state: int | None = None) -> np.ndarray:
    """Top `n_components` right singular vectors of `centred`, as rows (n_components x n_comments).

    With `start` (the previous refresh's components, like Pol.is) a few block power iterations from it
    suffice and keep signs and order stable; without, an exact eigensolver (`_cold_components`).
    Missing components (fewer comments than asked) come back as zero rows.
    """
    n, m = centred.shape
    rank = min(n, m, n_components)
    components = np.zeros((n_components, m))
    if rank == 0 or not np.any(centred):
        return components
    apply_gram = _gram_operator(centred)
    block = _orthonormal(start[:rank].T) if start is not None and start.shape == (n_components, m) else None
    if block is not None:
        # Subspace iteration: only the 2-D subspace matters for distances between participants.
        for _ in range(max_iter):
            new_block = _orthonormal(apply_gram(block))
            if new_block is None:
                break
            converged = np.linalg.norm(block - new_block @ (new_block.T @ block)) < tol
            block = new_block
            if converged:
                break
        if block is not None:
            # Rayleigh-Ritz once at the end, so the components come out ordered by variance.
            _, rotation = np.linalg.eigh(block.T @ apply_gram(block))
            components[:rank] = (block @ rotation[:, ::-1]).T
            return _flip_signs(components, start)
    return _cold_components(centred, rank, components, random_state, apply_gram)


def _cold_components(centred, rank, components, random_state, apply_gram, max_iter=100, tol=1e-6, extra=8):
    """Top components without a previous answer: a dense eigensolver when there are few comments,
    otherwise randomised subspace iteration with a few extra vectors (converges even when the 2nd and
    3rd eigenvalues are close, and only uses matrix products, which stay fast on a busy machine)."""
    m = centred.shape[1]
    if m <= GRAM_DENSE_LIMIT or rank >= m - 1:
        _, vectors = np.linalg.eigh(centred.T @ centred)
        components[:rank] = vectors[:, ::-1][:, :rank].T
        return _flip_signs(components, None)
    width = min(m, rank + extra)
    block = np.linalg.qr(np.random.default_rng(random_state).standard_normal((m, width)))[0]
    previous = None
    for _ in range(max_iter):
        product = apply_gram(block)
        # Rayleigh-Ritz on the current block gives the best top vectors it holds.
        _, rotation = np.linalg.eigh(block.T @ product)
        top = block @ rotation[:, ::-1][:, :rank]
        if previous is not None and np.linalg.norm(previous - top @ (top.T @ previous)) < tol:
            break
        previous = top
        block = np.linalg.qr(product)[0]
    components[:rank] = top.T
    return _flip_signs(components, None)


def sparsity_aware_projection(centred: np.ndarray, components: np.ndarray, n_seen: np.ndarray,
                              n_total: int) -> np.ndarray:
    """Participants' 2-D positions: projection of their cast votes scaled by sqrt(n_total / n_seen)."""
    scale = np.sqrt(n_total / np.maximum(n_seen, 1))
    return (centred @ components.T) * scale[:, None]
