"""Imputation, 2-D PCA and Pol.is' sparsity-aware projection of participants.

Pol.is fills unseen votes with the comment's mean vote, takes the top principal components of that
matrix, and projects each participant from the votes they actually cast, then pushes the point out by
sqrt(n_comments / n_votes): someone who voted on 10% of the comments would otherwise sit near the
centre only because most of their row was imputed.
"""
from __future__ import annotations

import numpy as np
from scipy.sparse.linalg import LinearOperator, eigsh

# Above this many comments the comments x comments Gram matrix costs more than it saves.
GRAM_LIMIT = 3000


def centred_votes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(X - column mean) with unseen votes at 0, i.e. imputed by the mean then centred; and the means."""
    seen = ~np.isnan(values)
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
    n, m = centred.shape
    if m <= GRAM_LIMIT:
        gram = centred.T @ centred
        return lambda block: gram @ block
    return lambda block: centred.T @ (centred @ block)


def principal_components(centred: np.ndarray, n_components: int = 2, start: np.ndarray | None = None,
                         max_iter: int = 100, tol: float = 1e-9,
                         random_state: int | None = None) -> np.ndarray:
    """Top `n_components` right singular vectors of `centred`, as rows (n_components x n_comments).

    With `start` (the previous refresh's components, like Pol.is) a few block power iterations from it
    suffice and keep signs and order stable; without, Lanczos (eigsh) from a seeded start vector.
    Missing components (fewer comments than asked) come back as zero rows.
    """
    n, m = centred.shape
    rank = min(n, m, n_components)
    components = np.zeros((n_components, m))
    if rank == 0 or not np.any(centred):
        return components
    apply_gram = _gram_operator(centred)
    usable_start = start is not None and start.shape == (n_components, m) and np.linalg.matrix_rank(start) >= rank
    if usable_start:
        block = np.linalg.qr(start[:rank].T)[0]
        for _ in range(max_iter):
            product = apply_gram(block)
            # Rayleigh-Ritz inside the block, so the vectors come out ordered by variance.
            values, rotation = np.linalg.eigh(block.T @ product)
            new_block = np.linalg.qr(product @ rotation[:, ::-1])[0]
            converged = np.linalg.norm(new_block @ (new_block.T @ block) - block) < tol
            block = new_block
            if converged:
                break
        components[:rank] = block.T
        return _flip_signs(components, start)
    if rank >= m - 1 or m <= 3:  # eigsh needs k < m; tiny problems go straight to a dense solver
        gram = centred.T @ centred
        values, vectors = np.linalg.eigh(gram)
        components[:rank] = vectors[:, ::-1][:, :rank].T
        return _flip_signs(components, None)
    operator = LinearOperator((m, m), matvec=apply_gram, matmat=apply_gram, dtype=float)
    v0 = np.random.default_rng(random_state).uniform(0.5, 1.5, m)
    values, vectors = eigsh(operator, k=rank, v0=v0, which="LA")
    components[:rank] = vectors[:, np.argsort(values)[::-1]].T
    return _flip_signs(components, None)


def sparsity_aware_projection(centred: np.ndarray, components: np.ndarray, n_seen: np.ndarray,
                              n_total: int) -> np.ndarray:
    """Participants' 2-D positions: projection of their cast votes scaled by sqrt(n_total / n_seen)."""
    scale = np.sqrt(n_total / np.maximum(n_seen, 1))
    return (centred @ components.T) * scale[:, None]
