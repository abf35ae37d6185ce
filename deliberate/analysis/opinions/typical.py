"""Opinion groups without a history: the most typical of several plausible clusterings.

Pol.is' groups come out of its live history (warm-started refreshes, DESIGN section 4). Where that
history is missing (a finished export, the first refresh after an import or a model change), one cold
refresh lands in whichever local optimum its deterministic start leads to: on 15-per-hour-seattle it
found another split than Pol.is (ARI 0.50) where k-means on the same positions agrees at 0.88.
So `typical_groups` computes several clusterings of the same participants, each one Pol.is could
plausibly have shown:

- the Pol.is refresh itself, cold (base clusters, then groups over them);
- k-means of the participants' positions from Pol.is' start (the first distinct points, as red-dwarf
  does), k by silhouette;
- k-means of the same positions from 10 k-means++ starts (the best optimum), k by silhouette;
- replays of the votes under the schedules of `replay.SCHEDULES` (in time order, or in join order when
  the votes have no time),

and keeps the medoid: the clustering with the highest mean adjusted Rand index with all the others.
Which of them matches Pol.is best differs from one conversation to the next (see
benchmarks/opinions_quality.py); the medoid is never the outlier among them.
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score

from deliberate.analysis.opinions.groups import max_group_count
from deliberate.analysis.opinions.kmeans import _unique_rows
from deliberate.analysis.opinions.model import OpinionGroups
from deliberate.analysis.opinions.replay import SCHEDULES, replay
from deliberate.analysis.opinions.votes import VoteMatrix, build_vote_matrix, sort_by_time
from deliberate.analysis.threads import blas_threads

SILHOUETTE_SAMPLE = 3000  # participants; above, silhouette (quadratic) is estimated on a seeded sample


@dataclass(frozen=True)
class Candidate:
    name: str
    groups: dict           # participant -> group (-1: not clustered)
    agreement: float       # mean ARI with the other candidates


def _by_silhouette(points: np.ndarray, ks: range, fit: Callable[[int], np.ndarray],
                   random_state: int | None) -> np.ndarray:
    """The labels of the k with the highest silhouette (ties: the smaller k)."""
    best_score, best = -np.inf, np.zeros(len(points), dtype=int)
    sample = SILHOUETTE_SAMPLE if len(points) > SILHOUETTE_SAMPLE else None
    for k in ks:
        labels = fit(k)
        if len(np.unique(labels)) < 2:
            continue
        score = silhouette_score(points, labels, sample_size=sample, random_state=random_state)
        if score > best_score + 1e-12:
            best_score, best = score, labels
    return best


def participant_kmeans(points: np.ndarray, init: str, max_k: int = 5, random_state: int | None = 0) -> np.ndarray:
    """k-means of participants' positions for k = 2..max_k, k by silhouette. init="polis": Pol.is' start
    (the first k distinct points in row order, one run); init="k-means++": best of 10 seeded starts."""
    distinct = len(_unique_rows(points)) if len(points) else 0
    ks = range(2, min(max_k, distinct) + 1)

    def fit(k: int) -> np.ndarray:
        if init == "polis":
            _, first = _unique_rows(points, return_index=True)
            start = points[np.sort(first)[:k]]
            return KMeans(k, init=start, n_init=1, random_state=random_state).fit_predict(points)
        return KMeans(k, init="k-means++", n_init=10, random_state=random_state).fit_predict(points)

    return _by_silhouette(points, ks, fit, random_state)


def _mean_agreement(candidates: list[dict]) -> np.ndarray:
    """Each candidate's mean ARI with the others, on the participants every candidate clustered."""
    common = set.intersection(*({p for p, g in c.items() if g >= 0} for c in candidates))
    order = sorted(common, key=str)
    columns = [[c[p] for p in order] for c in candidates]
    n = len(candidates)
    scores = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            scores[i, j] = scores[j, i] = adjusted_rand_score(columns[i], columns[j]) if order else 1.0
    return (scores.sum(axis=1) - 1) / max(n - 1, 1)


def _replay_groups(job) -> dict:
    events, growth, start, moderated_out, params = job
    model = replay(events, growth=growth, start=start, moderated_out=moderated_out,
                   model=OpinionGroups(**params), statistics=False)
    return {p: int(g) for p, g in zip(model.participants_, model.labels_)}


def typical_groups(votes: Iterable, *, moderated_out: Iterable = (), participants: Iterable | None = None,
                   params: dict | None = None, replays: bool = True, schedules=SCHEDULES, n_jobs: int = 1,
                   progress: Callable[[str], None] | None = None) -> tuple[OpinionGroups, list[Candidate]]:
    """The typical opinion groups of `votes` ((participant, comment, value[, timestamp]) events), as a
    fitted `OpinionGroups` (statistics included, `state_` ready for warm refreshes), and every candidate
    with its agreement. replays=False keeps the batch clusterings only."""
    params = {"random_state": 0, **(params or {})}
    events = sort_by_time(votes)
    excluded = frozenset(moderated_out)
    matrix: VoteMatrix = build_vote_matrix(events, excluded, participants)
    model = OpinionGroups(**params).fit(matrix, statistics=False)
    inside = model.in_conv_
    points = model.positions_[inside]
    clustered = [p for p, keep in zip(model.participants_, inside) if keep]
    max_k = max_group_count(min(model.base_k, int(inside.sum())), model.max_k)
    found = {"Pol.is refresh": {p: int(g) for p, g in zip(model.participants_, model.labels_)}}
    with blas_threads(model.blas_threads):
        for name, init in (("k-means, Pol.is start", "polis"), ("k-means++", "k-means++")):
            labels = participant_kmeans(points, init, max_k, model.random_state) if len(points) else []
            found[name] = dict(zip(clustered, (int(g) for g in labels)))
    if replays and events:
        if participants is not None:
            keep = set(participants)
            events = [v for v in events if v.participant in keep]
        jobs = [(events, growth, start, excluded, params) for growth, start in schedules]
        if progress:
            progress(f"replaying {len(events)} votes under {len(jobs)} schedules")
        if n_jobs > 1:
            with ProcessPoolExecutor(max_workers=n_jobs) as pool:
                outcomes = list(pool.map(_replay_groups, jobs))
        else:
            outcomes = [_replay_groups(job) for job in jobs]
        for (growth, start), groups in zip(schedules, outcomes):
            found[f"replay x{growth:g} from {start} votes"] = groups
    names = list(found)
    agreement = _mean_agreement([found[n] for n in names])
    candidates = [Candidate(n, found[n], float(a)) for n, a in zip(names, agreement)]
    best = candidates[int(np.argmax(agreement))]  # ties: the first listed (the Pol.is refresh)
    model.adopt_groups(matrix, best.groups)
    model.typical_ = best.name
    return model, candidates


__all__ = ["Candidate", "participant_kmeans", "typical_groups"]
