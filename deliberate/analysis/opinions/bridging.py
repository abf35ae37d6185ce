"""A second opinion on consensus: bridging scores in the style of Community Notes' matrix factorisation.

Each vote (agree 1, disagree 0; passes left out) is modelled as
    vote[i, j] ~ mu + b_participant[i] + c_comment[j] + f[i] * g[j]
The one-dimensional factor f * g soaks up what the opinion axis explains (people agreeing with their
own side), so the comment intercept c[j] is what is left: agreement that holds across the divide.
Community Notes calls a note helpful when its intercept is >= 0.40. Regularisation as there: 0.15 on
intercepts and mu, 0.03 on factors, which makes intercepts the costlier way to explain a vote.

Fitted by alternating least squares (every block has a closed form): deterministic given random_state,
numpy only, a few dozen passes over the vote matrix.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from deliberate.analysis.opinions.votes import VoteMatrix

HELPFUL_INTERCEPT = 0.40


@dataclass(frozen=True)
class BridgingResult:
    comments: tuple
    intercept: np.ndarray          # per comment: the bridging score
    factor: np.ndarray             # per comment: its position on the opinion axis
    participant_factor: np.ndarray
    mean: float

    def scores(self) -> dict:
        return {c: float(s) for c, s in zip(self.comments, self.intercept)}


def _solve_blocks(mask, residual, other_factor, reg_intercept, reg_factor):
    """Per row of `residual` (observed where `mask`): ridge fit of residual ~ a + b * other_factor."""
    n = mask.sum(axis=1)
    sf = mask @ other_factor
    sff = mask @ other_factor ** 2
    sy = (residual * mask).sum(axis=1)
    sfy = (residual * mask) @ other_factor
    a11, a12, a22 = n + reg_intercept, sf, sff + reg_factor
    det = a11 * a22 - a12 ** 2
    intercept = (a22 * sy - a12 * sfy) / det
    factor = (a11 * sfy - a12 * sy) / det
    return intercept, factor


def bridging_scores(matrix: VoteMatrix, n_iter: int = 40, reg_intercept: float = 0.15, reg_factor: float = 0.03,
                    random_state: int | None = 0) -> BridgingResult:
    """Community-Notes-style intercepts for the active comments of `matrix`."""
    values = matrix.active_values
    mask = (values == 1) | (values == -1)
    ratings = np.where(values == 1, 1.0, 0.0)
    n, m = values.shape
    rng = np.random.default_rng(random_state)
    f = rng.normal(0, 0.1, n)
    b, c, g = np.zeros(n), np.zeros(m), np.zeros(m)
    mu = float(ratings[mask].mean()) if mask.any() else 0.0
    for _ in range(n_iter):
        # comments given participants
        residual = ratings - mu - b[:, None]
        c, g = _solve_blocks(mask.T.astype(float), residual.T, f, reg_intercept, reg_factor)
        # participants given comments
        residual = ratings - mu - c[None, :]
        b, f = _solve_blocks(mask.astype(float), residual, g, reg_intercept, reg_factor)
        # global mean, shrunk like an intercept
        fitted = b[:, None] + c[None, :] + np.outer(f, g)
        mu = float(((ratings - fitted) * mask).sum() / (mask.sum() + reg_intercept)) if mask.any() else 0.0
    return BridgingResult(matrix.active_comments, c, g, f, mu)
