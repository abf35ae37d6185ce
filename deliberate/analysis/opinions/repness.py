"""Representative comments per group: Pol.is' "repness", with exact tests for small panels.

For group g and comment c, with n_a agrees, n_d disagrees and n_s votes seen in g (and the same summed
over the other groups, "rest"):

- probability  p_a = (n_a + 1) / (n_s + 2)                          (Laplace pseudocounts)
- ratio        r_a = p_a / ((rest_a + 1) / (rest_s + 2))            (how much more than the others)
- majority test: does g agree more often than not?   Pol.is: a one-proportion z with +1 pseudocounts
- vs-rest test:  does g agree more often than the rest? Pol.is: a two-proportion z with +1 pseudocounts
and the same for disagree. A comment is representative when both tests pass at `confidence` (90%:
z > 1.2816) in one direction; candidates are ranked by ratio x z_rest x probability x z_majority.

Small panels (`exact=True`): the z approximations mean little with 5 people in a group, so both tests
are exact one-sided binomial tests (scipy.stats.binomtest): against 1/2 for the majority, against the
rest's smoothed rate for the comparison. Their p-values are turned into the equivalent z
(norm.isf(p)) so that one selection rule serves both modes.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Hashable

import numpy as np
from scipy.stats import binomtest, norm

from deliberate.analysis.rates import smoothed_rate

Z_FLOOR = -10.0  # the z of a p-value of 1, so rankings stay finite


@dataclass(frozen=True)
class RepresentativeComment:
    comment: Hashable
    direction: str        # "agree" or "disagree": what the group does more than the others
    n_success: int        # agrees (or disagrees) in the group
    n_trials: int         # votes seen in the group, passes included
    probability: float    # (n_success + 1) / (n_trials + 2)
    ratio: float          # probability / the rest's smoothed probability
    z_majority: float
    z_vs_rest: float
    p_majority: float     # one-sided p-values (exact in small-panel mode, normal tail otherwise)
    p_vs_rest: float
    significant: bool     # both tests pass at the chosen confidence
    best_agree: bool = False  # the group's most agreed comment, shown first even if not significant


def proportion_z(successes, trials):
    """Pol.is' one-proportion z against 1/2, with +1 pseudocounts."""
    successes, trials = np.asarray(successes) + 1.0, np.asarray(trials) + 1.0
    return 2.0 * np.sqrt(trials) * (successes / trials - 0.5)


def two_proportion_z(successes_in, successes_out, trials_in, trials_out):
    """Pol.is' two-proportion z (group vs rest), with +1 pseudocounts; 0 when the pooled rate is 1."""
    s_in, s_out = np.asarray(successes_in) + 1.0, np.asarray(successes_out) + 1.0
    n_in, n_out = np.asarray(trials_in) + 1.0, np.asarray(trials_out) + 1.0
    pooled = (s_in + s_out) / (n_in + n_out)
    spread = np.sqrt(pooled * (1 - pooled) * (1 / n_in + 1 / n_out))
    return np.divide(s_in / n_in - s_out / n_out, spread, out=np.zeros(np.broadcast(s_in, n_in).shape),
                     where=spread > 0)


@lru_cache(maxsize=65536)
def _binomial_p(successes: int, trials: int, null: float) -> float:
    if trials == 0:
        return 1.0
    return float(binomtest(successes, trials, null, alternative="greater").pvalue)


def exact_p_values(successes, trials, null) -> np.ndarray:
    """One-sided exact binomial p-values P(X >= successes), element-wise."""
    successes, trials = np.broadcast_arrays(np.asarray(successes, int), np.asarray(trials, int))
    null = np.broadcast_to(np.asarray(null, float), successes.shape)
    flat = [_binomial_p(int(k), int(n), round(float(p), 12))
            for k, n, p in zip(successes.ravel(), trials.ravel(), null.ravel())]
    return np.array(flat).reshape(successes.shape)


def _z_from_p(p):
    return np.maximum(norm.isf(np.clip(p, 1e-300, 1.0)), Z_FLOOR)


def _direction_stats(success, seen, exact):
    """(probability, ratio, z_majority, z_rest, p_majority, p_rest) arrays (groups x comments)."""
    rest_success = success.sum(axis=0) - success
    rest_seen = seen.sum(axis=0) - seen
    probability = smoothed_rate(success, seen)
    rest_rate = smoothed_rate(rest_success, rest_seen)
    ratio = probability / rest_rate
    if exact:
        p_majority = exact_p_values(success, seen, 0.5)
        p_rest = exact_p_values(success, seen, rest_rate)
        return probability, ratio, _z_from_p(p_majority), _z_from_p(p_rest), p_majority, p_rest
    z_majority = proportion_z(success, seen)
    z_rest = two_proportion_z(success, rest_success, seen, rest_seen)
    return probability, ratio, z_majority, z_rest, norm.sf(z_majority), norm.sf(z_rest)


def _comment(side, direction, comment, j, success, seen, significant, best_agree=False):
    """One RepresentativeComment from a direction's stats arrays (see `_direction_stats`)."""
    probability, ratio, z_majority, z_rest, p_majority, p_rest = (float(x[j]) for x in side)
    return RepresentativeComment(comment, direction, int(success[j]), int(seen[j]), probability, ratio,
                                 z_majority, z_rest, p_majority, p_rest, significant, best_agree)


def _stronger_side(a, d, counts, comment, j, significant):
    """Pol.is keeps the direction whose vs-rest test is stronger."""
    if a[3][j] > d[3][j]:
        return _comment(a, "agree", comment, j, counts[0], counts[2], significant)
    return _comment(d, "disagree", comment, j, counts[1], counts[2], significant)


def _beats_best_agree(agree, n_agree, n_disagree, j, best, z_cut):
    """Pol.is' running choice of the group's best "agree" comment (order-dependent, as there)."""
    probability, ratio, z_majority, z_rest = agree[0][j], agree[1][j], agree[2][j], agree[3][j]
    if n_agree[j] == 0 and n_disagree[j] == 0:
        return False
    if best is not None:
        b = best
        if agree[1][b] > 1.0:
            return ratio * z_rest * probability * z_majority > agree[1][b] * agree[3][b] * agree[0][b] * agree[2][b]
        return probability * z_majority > agree[0][b] * agree[2][b]
    return z_majority > z_cut or (ratio > 1.0 and probability > 0.5)


def _metric(c: RepresentativeComment) -> float:
    return c.ratio * c.z_vs_rest * c.probability * c.z_majority


def representative_comments(counts, confidence: float = 0.90, limit: int = 5, exact: bool = False) -> dict:
    """group id -> up to `limit` RepresentativeComment, agrees first (Pol.is' selection rule)."""
    z_cut = float(norm.isf(1 - confidence))
    seen = counts.seen
    agree = _direction_stats(counts.agree, seen, exact)
    disagree = _direction_stats(counts.disagree, seen, exact)
    result = {}
    for g, group in enumerate(counts.groups):
        a = tuple(x[g] for x in agree)
        d = tuple(x[g] for x in disagree)
        group_counts = (counts.agree[g], counts.disagree[g], seen[g])
        sufficient, best, best_agree = [], None, None
        for j, comment in enumerate(counts.comments):
            passes = bool((a[3][j] > z_cut and a[2][j] > z_cut) or (d[3][j] > z_cut and d[2][j] > z_cut))
            if passes:
                sufficient.append(_stronger_side(a, d, group_counts, comment, j, True))
            # Without any significant comment, the group still gets its strongest one.
            if not sufficient and (best is None or max(a[3][j], d[3][j]) > best.z_vs_rest):
                best = _stronger_side(a, d, group_counts, comment, j, False)
            if _beats_best_agree(a, counts.agree[g], counts.disagree[g], j, best_agree, z_cut):
                best_agree = j
        head = []
        if best_agree is not None:
            j = best_agree
            head = [_comment(a, "agree", counts.comments[j], j, counts.agree[g], seen[g],
                             bool(a[3][j] > z_cut and a[2][j] > z_cut), best_agree=True)]
        if not sufficient:
            chosen = head or ([best] if best is not None else [])
        else:
            rest = sorted((c for c in sufficient if not head or c.comment != head[0].comment),
                          key=_metric, reverse=True)
            chosen = (head + rest)[:limit]
            chosen = [c for c in chosen if c.direction == "agree"] + [c for c in chosen if c.direction != "agree"]
        result[group] = chosen
    return result
