"""Vote events -> participants x comments matrix (agree 1, disagree -1, pass 0, unseen NaN).

`VoteTable` grows as events arrive (a later vote replaces an earlier one), so a replay can take a
snapshot after every batch without rebuilding from all events; `build_vote_matrix` does it in one
vectorised go (0.2 s for 357k votes). Rows and columns keep the order in which participants and
comments first appear, which makes every later step deterministic.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
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

    @cached_property
    def n_votes(self) -> np.ndarray:
        """Votes per participant on every comment, moderated or not (Pol.is' in-conv count)."""
        return np.count_nonzero(~np.isnan(self.values), axis=1)

    @cached_property
    def active_values(self) -> np.ndarray:
        """Votes on the comments not moderated out (computed once: several steps read it)."""
        return self.values[:, self.active]

    @cached_property
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


def _timestamps(votes: list) -> list | None:
    stamps = [vote[3] if len(vote) > 3 else None for vote in votes]
    present = sum(stamp is not None for stamp in stamps)
    if present and present < len(stamps):
        raise ValueError("either every vote has a timestamp or none has")
    return stamps if present else None


def sort_by_time(votes: Iterable) -> list[Vote]:
    """Votes as `Vote`s in time order; ties and missing timestamps keep the given order."""
    events = [Vote(*vote) for vote in votes]
    if _timestamps(events) is not None:
        events.sort(key=lambda v: v.timestamp)  # stable sort: same-time votes stay in given order
    return events


def _codes(keys: list) -> tuple[tuple, np.ndarray]:
    """Distinct keys in order of first appearance, and each key's position among them."""
    distinct = tuple(dict.fromkeys(keys))  # C-speed, keeps first-appearance order
    position = {key: i for i, key in enumerate(distinct)}
    return distinct, np.fromiter(map(position.__getitem__, keys), dtype=np.int64, count=len(keys))


def build_vote_matrix(votes: Iterable, moderated_out: Iterable[Hashable] = (),
                      participants: Iterable[Hashable] | None = None) -> VoteMatrix:
    """The matrix after all `votes` ((participant, comment, value[, timestamp]) tuples); with
    timestamps the latest vote per (participant, comment) wins, without them the last one given.

    `participants`, when given, keeps only their votes (a role filter: panel or public), so comments
    only others voted on are left out too. Vectorised: ~10x faster than feeding a `VoteTable`.
    """
    events = list(votes)
    if participants is not None:
        wanted = set(participants)
        events = [vote for vote in events if vote[0] in wanted]
    stamps = _timestamps(events)
    if stamps is not None:
        order = sorted(range(len(events)), key=stamps.__getitem__)  # stable
        events = [events[i] for i in order]
    try:
        values = np.array([vote[2] for vote in events], dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is None or not np.isin(values, VALID_VALUES).all():
        bad = next(vote[2] for vote in events if not _is_valid(vote[2]))
        raise ValueError(f"vote value must be 1, -1 or 0, not {bad!r}")
    rows, row_codes = _codes([vote[0] for vote in events])
    cols, col_codes = _codes([vote[1] for vote in events])
    matrix = np.full((len(rows), len(cols)), np.nan)
    cells = row_codes * max(len(cols), 1) + col_codes
    _, last_from_end = np.unique(cells[::-1], return_index=True)  # the last vote per cell wins
    keep = len(cells) - 1 - last_from_end
    matrix.flat[cells[keep]] = values[keep]
    excluded = set(moderated_out)
    active = np.array([c not in excluded for c in cols], dtype=bool)
    return VoteMatrix(rows, cols, matrix, active)


def _is_valid(value) -> bool:
    try:
        _check_value(value)
    except ValueError:
        return False
    return True
