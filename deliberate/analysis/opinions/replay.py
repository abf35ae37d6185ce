"""Replaying a finished conversation through the stateful pipeline, as Pol.is computed it live.

Pol.is refreshed its groups while votes arrived (it polls for new votes every second and recomputes),
each refresh warm-started from the last: base clusters grow by splitting off outliers, group
clusterings continue from their previous members, k changes only after 4 wins. Its final groups
therefore depend on that history, and a single batch computation on the final matrix misses them.

The refresh times themselves are not in an export, and the outcome is sensitive to them (replays with
different windows agree on ~85-95% of pairs). `replay_consensus` replays under several plausible
schedules (one refresh per window of 1 minute to ~1.5 hours of vote time) and keeps the run whose
groups agree best with all the others (the medoid under the adjusted Rand index): the most typical
outcome, rather than one arbitrary schedule.
"""
from __future__ import annotations

import datetime as dt
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np
from sklearn.metrics import adjusted_rand_score

from deliberate.analysis.opinions.model import OpinionGroups
from deliberate.analysis.opinions.state import OpinionState
from deliberate.analysis.opinions.votes import VoteTable, sort_by_time

DEFAULT_WINDOWS = (60.0, 180.0, 540.0, 1620.0, 4860.0)  # seconds: 1 min x 3^i


def _seconds(timestamp) -> float:
    if isinstance(timestamp, dt.datetime):
        return timestamp.timestamp()
    return float(timestamp)


def replay(votes: Iterable, *, window: float = 600.0, moderated_out: Iterable = (),
           model: OpinionGroups | None = None, state: OpinionState | None = None,
           progress: Callable[[str], None] | None = None) -> OpinionGroups:
    """Refresh once per `window` seconds of vote time (timestamps in seconds or datetimes), then once
    more on all votes; returns the last fitted model (with statistics and `state_`).

    Votes without timestamps are replayed in the given order, one refresh per 100 votes.
    """
    events = sort_by_time(votes)
    model = model if model is not None else OpinionGroups(random_state=0)
    excluded = set(moderated_out)
    timed = bool(events) and events[0].timestamp is not None
    table, started = VoteTable(), None
    refreshes = 0
    for index, vote in enumerate(events):
        moment = _seconds(vote.timestamp) if timed else float(index // 100)
        if started is not None and moment >= started + (window if timed else 1.0):
            model.fit(table.snapshot(excluded), state, statistics=False)
            state, started = model.state_, moment
            refreshes += 1
            if progress and refreshes % 500 == 0:
                progress(f"  {refreshes} refreshes, {index}/{len(events)} votes")
        if started is None:
            started = moment
        table.add(vote.participant, vote.comment, vote.value)
    model.fit(table.snapshot(excluded), state, statistics=True)
    model.refreshes_ = refreshes + 1
    return model


@dataclass(frozen=True)
class ReplayRun:
    window: float
    model: OpinionGroups
    agreement: float  # mean ARI with the other runs' groups


def _mean_agreement(models: list[OpinionGroups]) -> np.ndarray:
    """Mean pairwise ARI, on participants every run clustered."""
    common = None
    for m in models:
        clustered = {p for p, g in zip(m.participants_, m.labels_) if g >= 0}
        common = clustered if common is None else common & clustered
    order = sorted(common, key=str)
    labels = [dict(zip(m.participants_, m.labels_)) for m in models]
    columns = [[lab[p] for p in order] for lab in labels]
    n = len(models)
    scores = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            scores[i, j] = scores[j, i] = adjusted_rand_score(columns[i], columns[j]) if order else 1.0
    return (scores.sum(axis=1) - 1) / max(n - 1, 1)


def _replay_one(args) -> OpinionGroups:
    events, window, moderated_out, params = args
    return replay(events, window=window, moderated_out=moderated_out, model=OpinionGroups(**params))


def replay_consensus(votes: Iterable, *, windows: Iterable[float] = DEFAULT_WINDOWS,
                     moderated_out: Iterable = (), params: dict | None = None, n_jobs: int = 1,
                     progress: Callable[[str], None] | None = None) -> tuple[OpinionGroups, list[ReplayRun]]:
    """Replay once per window; return the medoid run's model and every run (for the record).

    `n_jobs` > 1 runs the replays in that many processes (they are independent).
    """
    events, windows = sort_by_time(votes), list(windows)
    params = {"random_state": 0, **(params or {})}
    jobs = [(events, window, frozenset(moderated_out), params) for window in windows]
    if progress:
        progress(f"replaying {len(events)} votes under {len(windows)} refresh schedules "
                 f"(one refresh per {', '.join(f'{w:g}' for w in windows)} s of vote time)")
    if n_jobs > 1:
        with ProcessPoolExecutor(max_workers=n_jobs) as pool:
            models = list(pool.map(_replay_one, jobs))
    else:
        models = []
        for job in jobs:
            models.append(replay(events, window=job[1], moderated_out=job[2], model=OpinionGroups(**params),
                                 progress=progress))
            if progress:
                progress(f"  window {job[1]:g} s done: {models[-1].refreshes_} refreshes, k={models[-1].k_}")
    agreement = _mean_agreement(models)
    runs = [ReplayRun(w, m, float(a)) for w, m, a in zip(windows, models, agreement)]
    best = int(np.argmax(agreement))  # ties: the first (shortest) window
    return models[best], runs


__all__ = ["DEFAULT_WINDOWS", "ReplayRun", "replay", "replay_consensus"]
