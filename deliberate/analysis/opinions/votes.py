"""Vote events -> participants x comments matrix (agree 1, disagree -1, pass 0, unseen NaN).

`VoteTable` grows as events arrive (a later vote replaces an earlier one), so a live service or a replay
can take a snapshot after every batch without rebuilding from all events; `build_vote_matrix` does it in
one go. Rows and columns keep the order in which participants and comments first appear, which makes
every later step deterministic.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterable, NamedTuple

import numpy as np

VALID_VALUES = (-1, 0, 1)


class Vote(NamedTuple):
    participant: Hashable
    comment: Hashable
    value: int  # 1 agree, -1 disagree, 0 pass
    timestamp: float | None = None


@dataclass(frozen=True)
class VoteMatrix:
    """A snapshot: `values[i, j]` is participant i's vote on comment j, NaN when unseen.

    `active[j]` is False for comments moderated out: they stay in the matrix (they were shown and voted
    on, which Pol.is counts towards taking part) but no statistic or projection reads them.
    """

    participants: tuple
    comments: tuple
    values: np.ndarray
    active: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return self.values.shape

    @property
    def n_votes(self) -> np.ndarray:
        """Votes per participant on every comment, moderated or not (Pol.is' in-conv count)."""
        return np.count_nonzero(~np.isnan(self.values), axis=1)

    @property
    def active_values(self) -> np.ndarray:
        return self.values[:, self.active]

    @property
    def active_comments(self) -> tuple:
        return tuple(c for c, keep in zip(self.comments, self.active) if keep)

    def subset(self, participants: Iterable[Hashable]) -> "VoteMatrix":
        """Only these participants (e.g. the panel, or the public), in this matrix's row order."""
        wanted = set(participants)
        rows = [i for i, p in enumerate(self.participants) if p in wanted]
        return VoteMatrix(tuple(self.participants[i] for i in rows), self.comments,
                          self.values[rows], self.active)


def _check_value(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"vote value must be 1, -1 or 0, not {value!r}") from None
    if number != value or number not in VALID_VALUES:
        raise ValueError(f"vote value must be 1, -1 or 0, not {value!r}")
    return number


class VoteTable:
    """Incremental vote matrix: `add` events in time order, `snapshot` whenever a refresh is due."""

    def __init__(self, initial_capacity: tuple[int, int] = (64, 64)):
        self._rows: dict = {}
        self._cols: dict = {}
        self._values = np.full(initial_capacity, np.nan)

    def __len__(self) -> int:
        return len(self._rows)

    def _index(self, mapping: dict, key, axis: int) -> int:
        index = mapping.get(key)
        if index is None:
            index = mapping[key] = len(mapping)
            if index >= self._values.shape[axis]:  # grow by doubling: amortised O(1) per new id
                grow = [(0, 0), (0, 0)]
                grow[axis] = (0, self._values.shape[axis])
                self._values = np.pad(self._values, grow, constant_values=np.nan)
        return index

    def add(self, participant: Hashable, comment: Hashable, value) -> None:
        value = _check_value(value)
        i = self._index(self._rows, participant, 0)
        j = self._index(self._cols, comment, 1)
        self._values[i, j] = value

    def extend(self, votes: Iterable) -> None:
        for vote in votes:
            self.add(vote[0], vote[1], vote[2])

    def snapshot(self, moderated_out: Iterable[Hashable] = ()) -> VoteMatrix:
        excluded = set(moderated_out)
        comments = tuple(self._cols)
        active = np.array([c not in excluded for c in comments], dtype=bool)
        values = self._values[:len(self._rows), :len(comments)].copy()
        return VoteMatrix(tuple(self._rows), comments, values, active)


def sort_by_time(votes: Iterable) -> list[Vote]:
    """Votes as `Vote`s in time order; ties and missing timestamps keep the given order."""
    events = [Vote(*vote) for vote in votes]
    if any(v.timestamp is not None for v in events):
        if any(v.timestamp is None for v in events):
            raise ValueError("either every vote has a timestamp or none has")
        events.sort(key=lambda v: v.timestamp)  # stable sort: same-time votes stay in given order
    return events


def build_vote_matrix(votes: Iterable, moderated_out: Iterable[Hashable] = (),
                      participants: Iterable[Hashable] | None = None) -> VoteMatrix:
    """The matrix after all `votes` ((participant, comment, value[, timestamp]) tuples).

    `participants`, when given, keeps only those rows (a role filter: panel or public).
    """
    table = VoteTable()
    table.extend(sort_by_time(votes))
    matrix = table.snapshot(moderated_out)
    return matrix if participants is None else matrix.subset(participants)
