"""`OpinionGroups`: one refresh of the Pol.is pipeline, as a scikit-learn style estimator.

    model = OpinionGroups(random_state=0).fit(matrix, state=previous_state)
    model.labels_        # published group id per participant (-1: not clustered)
    model.state_         # keep it for the next refresh

Steps (DESIGN section 4): admit participants who voted enough (in-conv), centre the mean-imputed vote
matrix, 2-D PCA, sparsity-aware projection, up to 100 base clusters, groups over base-cluster centres
for k = 2..min(5, 2 + n_base/12) by silhouette, k smoothed over refreshes, then per-group statistics.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from deliberate.analysis.opinions.bridging import bridging_scores
from deliberate.analysis.opinions.groups import KSmoother, best_k, cluster_groups
from deliberate.analysis.opinions.kmeans import Clustering, weighted_kmeans
from deliberate.analysis.opinions.projection import (centred_votes, principal_components,
                                                     sparsity_aware_projection)
from deliberate.analysis.opinions.state import OpinionState
from deliberate.analysis.opinions.statistics import OpinionStatistics, compute_statistics, with_bridging
from deliberate.analysis.threads import blas_threads
from deliberate.analysis.opinions.votes import VoteMatrix


def admit_participants(n_votes: np.ndarray, participants: tuple, previous: list, n_comments: int,
                       min_votes: int = 7, greedy_n: int = 15) -> list:
    """Pol.is' in-conv set: once someone has voted on min(7, n_comments) comments they stay in; while
    fewer than `greedy_n` are in, the most active voters are let in so that something shows early on."""
    admitted = list(previous)
    known = set(admitted)
    threshold = min(min_votes, n_comments)
    for participant, count in zip(participants, n_votes):
        if count >= threshold and count > 0 and participant not in known:
            admitted.append(participant)
            known.add(participant)
    if len(admitted) < greedy_n:
        order = np.argsort(-np.asarray(n_votes), kind="stable")
        for i in order:
            if len(admitted) >= greedy_n or n_votes[i] == 0:
                break
            if participants[i] not in known:
                admitted.append(participants[i])
                known.add(participants[i])
    return admitted


def stable_public_ids(labels: np.ndarray, participants: tuple, previous: dict, next_id: int):
    """Rename this refresh's groups so each keeps the published id of the old group it overlaps most.

    Returns the renamed labels (-1 stays -1) and the next unused id.
    """
    old = np.array([previous.get(p, -1) for p in participants], dtype=int)
    groups = np.unique(labels[labels >= 0])
    old_ids = np.unique(old[old >= 0])
    both = (labels >= 0) & (old >= 0)
    overlap = np.zeros((len(groups), len(old_ids)))
    np.add.at(overlap, (np.searchsorted(groups, labels[both]), np.searchsorted(old_ids, old[both])), 1)
    rename = {}
    if overlap.size:
        for r, c in zip(*linear_sum_assignment(-overlap)):
            if overlap[r, c] > 0:
                rename[int(groups[r])] = int(old_ids[c])
    next_id = max(next_id, int(old_ids.max()) + 1 if len(old_ids) else 0)
    for group in groups:
        if int(group) not in rename:
            rename[int(group)] = next_id
            next_id += 1
    public = np.array([rename.get(int(label), -1) for label in labels], dtype=int)
    return public, next_id


class OpinionGroups:
    """Opinion groups from a vote matrix, optionally continuing from a previous `OpinionState`."""

    def __init__(self, *, min_votes: int = 7, greedy_n: int = 15, base_k: int = 100, max_k: int = 5,
                 k_buffer: int = 4, base_iter: int = 100, group_iter: int = 20, pca_iter: int = 100,
                 confidence: float = 0.90, max_representative: int = 5, small_panel: bool | None = None,
                 small_panel_size: int = 30, moderated_as_seen: bool = True, bridging: bool = False,
                 blas_threads: int | None = 1, random_state: int | None = None):
        self.min_votes = min_votes
        self.greedy_n = greedy_n
        self.base_k = base_k
        self.max_k = max_k
        self.k_buffer = k_buffer
        self.base_iter = base_iter
        self.group_iter = group_iter
        self.pca_iter = pca_iter
        self.confidence = confidence
        self.max_representative = max_representative
        self.small_panel = small_panel
        self.small_panel_size = small_panel_size
        self.moderated_as_seen = moderated_as_seen
        self.bridging = bridging
        self.blas_threads = blas_threads
        self.random_state = random_state

    def _project(self, matrix: VoteMatrix, state: OpinionState):
        """PCA of the active comments (warm-started from the state) and sparsity-aware positions."""
        comments = matrix.active_comments
        centred, _ = centred_votes(matrix.active_values)
        components = principal_components(centred, start=state.components_for(comments),
                                           max_iter=self.pca_iter, random_state=self.random_state)
        n_seen = np.count_nonzero(~np.isnan(matrix.active_values), axis=1)
        n_total = len(comments)
        if self.moderated_as_seen:
            # Pol.is zeroes moderated-out columns rather than dropping them, so they count as seen by
            # everyone in the sqrt(n_comments / n_seen) factor. Matching this matters for agreement with
            # Pol.is' groups (scoop-hivemind: ARI 0.80 without, 0.96 with).
            n_moderated = int((~matrix.active).sum())
            n_seen, n_total = n_seen + n_moderated, n_total + n_moderated
        positions = sparsity_aware_projection(centred, components, n_seen, n_total)
        state.component_comments, state.components = comments, components
        return components, positions

    def _base_clusters(self, positions: np.ndarray, in_conv: np.ndarray, state: OpinionState) -> Clustering:
        members = [p for p, inside in zip(self.participants_, in_conv) if inside]
        previous = None
        if state.base_labels:
            previous = np.array([state.base_labels.get(p, -1) for p in members])
        clustering = weighted_kmeans(positions[in_conv], self.base_k, previous_labels=previous,
                                     max_iter=self.base_iter)
        # Members who left this matrix (e.g. filtered out) keep their base cluster for later refreshes.
        state.base_labels.update({p: int(b) for p, b in zip(members, clustering.labels)})
        return clustering

    def _groups(self, base: Clustering, state: OpinionState) -> dict:
        """Group id of each base cluster, for the smoothed k."""
        if len(base.ids) < 2:  # one base cluster (everyone voted alike so far): one group
            self.k_, self.silhouettes_ = (1 if len(base.ids) else 0), {}
            return {int(b): 0 for b in base.ids}
        weights = base.sizes()
        clusterings, scores = cluster_groups(base.centers, weights, base.ids, state.group_labels,
                                             max_k=self.max_k, max_iter=self.group_iter)
        state.group_labels = {k: {int(b): int(g) for b, g in zip(base.ids, c.labels)}
                              for k, c in clusterings.items()}
        k = state.smoother.update(best_k(scores))
        if k not in clusterings:  # the smoothed k is no longer possible (fewer base clusters): restart
            state.smoother = KSmoother(buffer=self.k_buffer)
            k = state.smoother.update(best_k(scores))
        self.k_, self.silhouettes_ = k, scores
        return state.group_labels[k]

    def fit(self, matrix: VoteMatrix, state: OpinionState | None = None, statistics: bool = True):
        """One refresh. `state` is not modified; the continued state is `self.state_`."""
        with blas_threads(self.blas_threads):
            return self._fit(matrix, state, statistics)

    def _fit(self, matrix: VoteMatrix, state: OpinionState | None, statistics: bool):
        state = OpinionState(smoother=KSmoother(buffer=self.k_buffer)) if state is None else state.copy()
        self.participants_, self.comments_ = matrix.participants, matrix.comments
        n = len(matrix.participants)
        state.in_conv = admit_participants(matrix.n_votes, matrix.participants, state.in_conv,
                                           matrix.shape[1], self.min_votes, self.greedy_n)
        admitted = set(state.in_conv)
        self.in_conv_ = np.array([p in admitted for p in matrix.participants], dtype=bool)
        self.components_, self.positions_ = self._project(matrix, state)
        self.base_labels_ = np.full(n, -1)
        self.k_, self.silhouettes_ = 0, {}
        group_of_participant = np.full(n, -1)
        if self.in_conv_.any():
            base = self._base_clusters(self.positions_, self.in_conv_, state)
            self.base_labels_[self.in_conv_] = base.labels
            group_of_base = self._groups(base, state)
            group_of_participant[self.in_conv_] = [group_of_base[int(b)] for b in base.labels]
        self.labels_, state.next_public_id = stable_public_ids(
            group_of_participant, matrix.participants, state.public_labels, state.next_public_id)
        state.public_labels.update({p: int(g) for p, g in zip(matrix.participants, self.labels_) if g >= 0})
        state.refreshes += 1
        self.state_ = state
        self.statistics_: OpinionStatistics | None = None
        if statistics:
            self.statistics_ = self._statistics(matrix)
        return self

    def _statistics(self, matrix: VoteMatrix) -> OpinionStatistics:
        stats = compute_statistics(matrix, self.labels_, confidence=self.confidence,
                                   max_representative=self.max_representative, exact=self.uses_exact_tests(matrix))
        if self.bridging:
            stats = with_bridging(stats, bridging_scores(matrix, random_state=self.random_state).scores())
        return stats

    def adopt_groups(self, matrix: VoteMatrix, groups: dict, statistics: bool = True) -> "OpinionGroups":
        """Replace this fit's groups by `groups` (participant -> group, -1 or absent: none), e.g. the
        typical outcome of several clusterings, and make the state continue from them: each base
        cluster joins the group most of its members are in, and k is settled (no smoothing pending).
        `matrix` is the one this model was fitted on."""
        state = self.state_
        raw = np.array([groups.get(p, -1) for p in self.participants_], dtype=int)
        self.labels_, state.next_public_id = stable_public_ids(raw, self.participants_, {}, 0)
        state.public_labels = {p: int(g) for p, g in zip(self.participants_, self.labels_) if g >= 0}
        self.k_ = int(len(np.unique(self.labels_[self.labels_ >= 0])))
        base_groups: dict[int, dict[int, int]] = {}
        for base, group in zip(self.base_labels_, self.labels_):
            if base >= 0 and group >= 0:
                votes = base_groups.setdefault(int(base), {})
                votes[int(group)] = votes.get(int(group), 0) + 1
        if self.k_ >= 2:
            state.group_labels[self.k_] = {b: max(v, key=v.get) for b, v in base_groups.items()}
            state.smoother = KSmoother(buffer=self.k_buffer, last_k=self.k_, last_k_count=self.k_buffer,
                                       smoothed_k=self.k_)
        self.statistics_ = self._statistics(matrix) if statistics else None
        return self

    def uses_exact_tests(self, matrix: VoteMatrix) -> bool:
        """Small panels (fewer than `small_panel_size` participants) get exact counts and binomial tests."""
        if self.small_panel is not None:
            return bool(self.small_panel)
        return len(matrix.participants) < self.small_panel_size
