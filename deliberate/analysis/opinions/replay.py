"""Replaying a finished conversation through the stateful pipeline, as Pol.is computed it live.

Pol.is refreshed its groups while votes arrived, each refresh warm-started from the last: base clusters
grow by splitting off outliers, group clusterings continue from their previous members, k changes only
after 4 wins. Its final groups therefore depend on a history that an export does not record (when each
refresh ran). A replay refreshes on a schedule counted in votes read: at `start` votes, then each time
the count has grown by `growth`. The cost is the number of refreshes, about log(votes) / log(growth),
whatever the conversation's duration: an earlier schedule counted in minutes of vote time needed
thousands of refreshes on conversations that lasted weeks (234 s on one of 900 participants).

Votes are replayed in time order when they have timestamps, else in the order given (a
`participants-votes.csv` export lists participants in the order they joined).
"""
from __future__ import annotations

from typing import Callable, Iterable

import numpy as np

from deliberate.analysis.opinions.model import OpinionGroups
from deliberate.analysis.opinions.state import OpinionState
from deliberate.analysis.opinions.votes import VoteTable, sort_by_time

# (growth, start): from one refresh every 5 % more votes, starting at 50, to one every 30 %, starting at
# 400. Not tuned to a conversation: they span the plausible range, and `typical_groups` keeps the outcome
# they (and the batch clusterings) agree on most.
SCHEDULES = ((1.05, 50), (1.1, 100), (1.2, 200), (1.3, 400))
# Refresh sizes grow geometrically, so a replay costs about 1 / (1 - 1/growth) refreshes of the whole
# matrix. Past this many refreshes the growth is raised to fit: a replay then costs at most ~7 full
# refreshes (356,000 votes, 2,000 x 900: from 182 refreshes to 60).
MAX_REFRESHES = 60


def replay(votes: Iterable, *, growth: float = 1.1, start: int = 100, moderated_out: Iterable = (),
           model: OpinionGroups | None = None, state: OpinionState | None = None, statistics: bool = True,
           max_refreshes: int | None = MAX_REFRESHES,
           progress: Callable[[str], None] | None = None) -> OpinionGroups:
    """Refresh at `start` votes read, then each time the count has grown by `growth` (raised if needed to
    stay within `max_refreshes`), then once more on all votes; returns the last fitted model (`state_`,
    and statistics unless statistics=False)."""
    if growth <= 1.0 or start < 1:
        raise ValueError("growth must be above 1 and start at least 1")
    events = sort_by_time(votes)
    if max_refreshes and len(events) > start:
        growth = max(growth, (len(events) / start) ** (1.0 / max_refreshes))
    model = model if model is not None else OpinionGroups(random_state=0)
    excluded = set(moderated_out)
    table, next_refresh, refreshes = VoteTable(), start, 0
    for read, vote in enumerate(events, 1):
        table.add(vote.participant, vote.comment, vote.value)
        if read >= next_refresh and read < len(events):
            model.fit(table.snapshot(excluded), state, statistics=False)
            state, refreshes = model.state_, refreshes + 1
            next_refresh = max(read + 1, int(np.ceil(next_refresh * growth)))
            if progress and refreshes % 100 == 0:
                progress(f"  {refreshes} refreshes, {read}/{len(events)} votes")
    model.fit(table.snapshot(excluded), state, statistics=statistics)
    model.refreshes_ = refreshes + 1
    return model


__all__ = ["SCHEDULES", "replay"]
