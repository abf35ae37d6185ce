"""Per-group and per-comment statistics once groups are known.

Counts come from clustered participants' votes on comments not moderated out. Per comment:

- consensus (group-aware, Pol.is): product over groups of (agree_g + 1) / (seen_g + 2), high only when
  every group agrees; `consensus_disagree` is the same with disagrees.
- divisiveness: half the spread between the most and least favourable group, where a group's stance is
  (agree_g - disagree_g) / (seen_g + 2) in (-1, 1). 0: all groups stand alike; near 1: one group agrees
  and another disagrees, both unanimously and with many votes (the +2 shrinks small groups to neutral).
- agree_by_group: (agree_g + 1) / (seen_g + 2), the factors of consensus.

Representative comments per group follow Pol.is' repness (see `repness.py`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Hashable

import numpy as np

from deliberate.analysis.opinions.repness import RepresentativeComment, representative_comments
from deliberate.analysis.rates import smoothed_rate
from deliberate.analysis.opinions.votes import VoteMatrix


@dataclass(frozen=True)
class GroupCounts:
    """Exact vote counts per group (rows, in `groups` order) and comment (columns, active comments)."""

    groups: tuple
    comments: tuple
    agree: np.ndarray
    disagree: np.ndarray
    passes: np.ndarray

    @property
    def seen(self) -> np.ndarray:
        return self.agree + self.disagree + self.passes


@dataclass(frozen=True)
class CommentSummary:
    comment: Hashable
    consensus: float
    consensus_disagree: float
    divisiveness: float
    agree_by_group: dict          # group id -> (agree + 1) / (seen + 2)
    counts_by_group: dict         # group id -> {"agree", "disagree", "pass", "seen"}
    bridging: float | None = None  # filled in when a bridging model was run


@dataclass(frozen=True)
class OpinionStatistics:
    exact: bool                   # True: small-panel mode (binomial tests), False: Pol.is z-tests
    counts: GroupCounts
    sizes: dict                   # group id -> clustered participants
    representative: dict          # group id -> [RepresentativeComment]
    comments: dict = field(default_factory=dict)  # comment id -> CommentSummary


def count_votes(matrix: VoteMatrix, labels: np.ndarray) -> GroupCounts:
    """Agree / disagree / pass counts per group on the active comments; label -1 is left out."""
    groups = tuple(int(g) for g in np.unique(labels[labels >= 0]))
    values = matrix.active_values
    shape = (len(groups), values.shape[1])
    agree, disagree, passes = np.zeros(shape, int), np.zeros(shape, int), np.zeros(shape, int)
    for row, group in enumerate(groups):
        votes = values[labels == group]
        agree[row] = (votes == 1).sum(axis=0)
        disagree[row] = (votes == -1).sum(axis=0)
        passes[row] = (votes == 0).sum(axis=0)
    return GroupCounts(groups, matrix.active_comments, agree, disagree, passes)


def group_aware_consensus(counts: GroupCounts) -> tuple[np.ndarray, np.ndarray]:
    seen = counts.seen
    agree = np.prod(smoothed_rate(counts.agree, seen), axis=0)
    disagree = np.prod(smoothed_rate(counts.disagree, seen), axis=0)
    return agree, disagree


def divisiveness(counts: GroupCounts) -> np.ndarray:
    if len(counts.groups) < 2:
        return np.zeros(len(counts.comments))
    stance = (counts.agree - counts.disagree) / (counts.seen + 2)
    return (stance.max(axis=0) - stance.min(axis=0)) / 2


def summarise_comments(counts: GroupCounts) -> dict:
    consensus, consensus_disagree = group_aware_consensus(counts)
    spread = divisiveness(counts)
    agree_rate = smoothed_rate(counts.agree, counts.seen)
    summaries = {}
    for j, comment in enumerate(counts.comments):
        summaries[comment] = CommentSummary(
            comment=comment,
            consensus=float(consensus[j]),
            consensus_disagree=float(consensus_disagree[j]),
            divisiveness=float(spread[j]),
            agree_by_group={g: float(agree_rate[i, j]) for i, g in enumerate(counts.groups)},
            counts_by_group={g: {"agree": int(counts.agree[i, j]), "disagree": int(counts.disagree[i, j]),
                                 "pass": int(counts.passes[i, j]), "seen": int(counts.seen[i, j])}
                             for i, g in enumerate(counts.groups)},
        )
    return summaries


def compute_statistics(matrix: VoteMatrix, labels: np.ndarray, *, confidence: float = 0.90,
                       max_representative: int = 5, exact: bool = False) -> OpinionStatistics:
    """Everything a facilitator's view shows about groups and comments, from votes and group labels.

    Before anyone is clustered, consensus and divisiveness are computed over all voters taken as one
    crowd (so they still mean something in the first minutes), with no groups reported.
    """
    labels = np.asarray(labels)
    counts = count_votes(matrix, labels)
    if not counts.groups:
        crowd = count_votes(matrix, np.where(matrix.n_votes > 0, 0, -1))
        comments = summarise_comments(crowd)
        comments = {c: CommentSummary(c, s.consensus, s.consensus_disagree, 0.0, {}, {})
                    for c, s in comments.items()}
        return OpinionStatistics(exact, counts, {}, {}, comments)
    representative = representative_comments(counts, confidence=confidence, limit=max_representative,
                                             exact=exact)
    sizes = {g: int((labels == g).sum()) for g in counts.groups}
    return OpinionStatistics(exact, counts, sizes, representative, summarise_comments(counts))


def with_bridging(stats: OpinionStatistics, scores: dict) -> OpinionStatistics:
    """The same statistics with each comment's bridging score (bridging.py) filled in."""
    comments = {c: replace(s, bridging=scores.get(c)) for c, s in stats.comments.items()}
    return replace(stats, comments=comments)


__all__ = ["CommentSummary", "GroupCounts", "OpinionStatistics", "RepresentativeComment",
           "compute_statistics", "count_votes", "divisiveness", "group_aware_consensus"]
