"""Themes and points in one call: embeddings + texts + stances (+ the previous run's state) ->
themes with stable ids and labels, points inside each theme and side, map positions, near-duplicates,
and the state to pass to the next refresh.

    analyzer = ThemeAnalyzer(embedder_name=embedder.name, random_state=0)
    analyzer.fit(vectors, texts, stances, previous_state=last_run.state)
    analyzer.to_dict()      # JSON result for the facilitators' view
    analyzer.state_         # JSON state: store it, give it back next time
"""
from __future__ import annotations

import math
import time

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.base import BaseEstimator

from deliberate.analysis.themes.duplicates import duplicate_threshold, near_duplicate_pairs
from deliberate.analysis.themes.identity import (MATCH_FLOOR, decode_vector, encode_vector, member_radius,
                                                 stable_ids, unit_centroid)
from deliberate.analysis.themes.layout import MapProjection
from deliberate.analysis.themes.labels import N_PHRASES, PhraseEmbedder, PhraseLabeler
from deliberate.analysis.themes.lexical import document_terms, tfidf_rows
from deliberate.analysis.themes.partition import MIN_GRAPH_SIZE, GraphClustering, relabel_by_size
from deliberate.analysis.themes.result import STANCE_NAMES, Label, Point, Theme, parse_stance

STATE_VERSION = 1
SIMILARITY_SAMPLE = 300  # theme members used to estimate a theme's typical pairwise similarity
POINT_NULL_DRAWS = 10  # structureless clouds a theme x side is compared with before it is split into points
POINT_SIGNIFICANCE = 2.0  # standard deviations above those clouds' modularity a split must reach


class ThemeAnalyzer(BaseEstimator):
    """Parameters (all optional): n_themes (fix the number of themes; None: chosen by modularity),
    max_themes, min_theme_size / min_theme_share (a theme holds at least this many arguments / this
    share of all), max_points, min_point_size (2: a claim made once is not a point), lexical_weight
    (weight of shared words next to the embedding), n_keywords (phrases per label), match_floor (centroid
    cosine needed to keep an id), duplicate_threshold (None: calibrated for `embedder_name`), embedder_name,
    random_state, phrase_embedder (texts -> unit vectors in the arguments' space: labels are then re-ranked
    by meaning; None: by c-TF-IDF alone, see labels.py).
    """

    def __init__(self, n_themes: int | None = None, max_themes: int = 20, min_theme_size: int = 3,
                 min_theme_share: float = 0.01, max_points: int = 20, min_point_size: int = 2,
                 point_null_draws: int = POINT_NULL_DRAWS, point_significance: float = POINT_SIGNIFICANCE,
                 lexical_weight: float = 0.5, n_keywords: int = N_PHRASES, match_floor: float = MATCH_FLOOR,
                 duplicate_threshold: float | None = None, embedder_name: str | None = None,
                 random_state: int = 0, phrase_embedder: PhraseEmbedder | None = None):
        self.n_themes = n_themes
        self.max_themes = max_themes
        self.min_theme_size = min_theme_size
        self.min_theme_share = min_theme_share
        self.max_points = max_points
        self.min_point_size = min_point_size
        self.point_null_draws = point_null_draws
        self.point_significance = point_significance
        self.lexical_weight = lexical_weight
        self.n_keywords = n_keywords
        self.match_floor = match_floor
        self.duplicate_threshold = duplicate_threshold
        self.embedder_name = embedder_name
        self.random_state = random_state
        self.phrase_embedder = phrase_embedder  # a callable, not stored in parameters_: it says which ranking

    def fit(self, embeddings, texts, stances=None, previous_state: dict | None = None) -> "ThemeAnalyzer":
        clock = _Clock()
        vectors = _unit_rows(embeddings)
        texts = [str(t) for t in texts]
        n = len(texts)
        if len(vectors) != n:
            raise ValueError(f"{len(vectors)} embeddings for {n} texts")
        sides = [parse_stance(s) for s in stances] if stances is not None else [None] * n
        if len(sides) != n:
            raise ValueError(f"{len(sides)} stances for {n} texts")
        previous = self._usable_state(previous_state, vectors.shape[1])

        terms = document_terms(texts)
        lexical = tfidf_rows(terms)
        self._labeler = PhraseLabeler(texts, self.phrase_embedder, self.n_keywords)
        clock.lap("words")
        self._fit_themes(vectors, terms, lexical, sides, previous)
        clock.lap("themes")
        self._fit_points(vectors, terms, lexical, sides, previous)
        clock.lap("points")
        projection = MapProjection().fit(vectors, previous.get("map")) if n else None
        self.map_ = projection.transform(vectors) if n else np.zeros((0, 2), np.float32)
        clock.lap("map")
        threshold = self.duplicate_threshold or duplicate_threshold(self.embedder_name)
        self.duplicates_ = near_duplicate_pairs(vectors, threshold, sides if stances is not None else None)
        clock.lap("duplicates")
        self.state_ = self._state(projection)
        # scikit-learn's get_params (BaseEstimator), but the phrase embedder: a callable, stored with the run.
        settings = {k: v for k, v in self.get_params().items() if k != "phrase_embedder"}
        self.parameters_ = {**settings, "duplicate_threshold": threshold, "n_arguments": n,
                            "n_themes_found": len(self.themes_), "n_points_found": len(self.points_),
                            "theme_modularity": round(self._theme_model.modularity_, 4),
                            "theme_neighbours": self._theme_model.n_neighbors_,
                            "label_ranking": "meaning (MMR)" if self.phrase_embedder else "c-TF-IDF"}
        self.timings_ = clock.laps
        return self

    def _usable_state(self, state: dict | None, dim: int) -> dict:
        """The previous state if it describes the same embedding space, else nothing to match against."""
        if not state or state.get("version") != STATE_VERSION or state.get("dim") != dim:
            return {}
        if self.embedder_name and state.get("embedder") not in (None, self.embedder_name):
            return {}
        return state

    def _fit_themes(self, vectors, terms, lexical, sides, previous) -> None:
        n = len(vectors)
        min_size = max(self.min_theme_size, math.ceil(self.min_theme_share * n))
        self._theme_model = GraphClustering(
            n_clusters=self.n_themes, max_clusters=self.max_themes, min_cluster_size=min_size,
            lexical_weight=self.lexical_weight, random_state=self.random_state).fit(vectors, lexical)
        local = self._theme_model.labels_
        count = int(local.max() + 1) if n else 0
        centroids = np.vstack([unit_centroid(vectors[local == t]) for t in range(count)]) if count else \
            np.zeros((0, vectors.shape[1]), np.float32)
        old = previous.get("themes", [])
        ids, self._next_theme_id = stable_ids(
            centroids, [t["id"] for t in old], _decode_all(old, vectors.shape[1]),
            previous.get("next_theme_id", 0), self.match_floor)
        keywords = self._labeler.labels(np.arange(n), local, centroids)
        self.themes_, self._theme_centroids, self._theme_radii = [], centroids, []
        self.theme_of_argument_ = np.full(n, -1, dtype=np.int64)
        for t in range(count):
            members = np.flatnonzero(local == t)
            self.theme_of_argument_[members] = ids[t]
            self._theme_radii.append(member_radius(vectors[members], centroids[t]))
            by_stance = {}
            for m in members:
                key = STANCE_NAMES[sides[m]] or "none"
                by_stance[key] = by_stance.get(key, 0) + 1
            central = int(members[np.argmax(vectors[members] @ centroids[t])])
            self.themes_.append(Theme(ids[t], len(members), Label(keywords.get(t, []), central), by_stance))

    def _fit_points(self, vectors, terms, lexical, sides, previous) -> None:
        """Points inside each theme and side: claims made by at least `min_point_size` arguments."""
        n = len(vectors)
        groups = []  # (theme position, stance, member indices, local point labels)
        for position, theme in enumerate(self.themes_):
            in_theme = self.theme_of_argument_ == theme.id
            for stance in sorted({sides[i] for i in np.flatnonzero(in_theme)}, key=lambda s: (s is None, s)):
                members = np.flatnonzero(in_theme & np.array([s == stance for s in sides]))
                if len(members) < MIN_GRAPH_SIZE:
                    labels = self._few_arguments_points(vectors, members, np.flatnonzero(in_theme))
                else:
                    labels = GraphClustering(max_clusters=self.max_points, min_cluster_size=self.min_point_size,
                                             lexical_weight=self.lexical_weight, null_draws=self.point_null_draws,
                                             significance=self.point_significance, random_state=self.random_state
                                             ).fit_predict(vectors[members], lexical[members])
                groups.append((position, stance, members, labels))
        found = [(p, s, members[labels == c]) for p, s, members, labels in groups for c in range(labels.max() + 1)]
        centroids = np.vstack([unit_centroid(vectors[m]) for _, _, m in found]) if found else \
            np.zeros((0, vectors.shape[1]), np.float32)
        # A point continues a previous point of the same theme and side only: across sides, "meat is
        # healthy" and "meat is unhealthy" have near-identical centroids.
        ids, self._next_point_id = [0] * len(found), previous.get("next_point_id", 0)
        for position, stance in dict.fromkeys((p, s) for p, s, _ in found):
            rows = [k for k, (p, s, _) in enumerate(found) if (p, s) == (position, stance)]
            old = [q for q in previous.get("points", [])
                   if q["theme"] == self.themes_[position].id and q.get("stance") == stance]
            group_ids, self._next_point_id = stable_ids(
                centroids[rows], [q["id"] for q in old], _decode_all(old, vectors.shape[1]),
                self._next_point_id, self.match_floor)
            for row, point_id in zip(rows, group_ids):
                ids[row] = point_id
        keywords = {}
        for position in {p for p, _, _ in found}:
            # Phrases that set a point apart from the other points of its theme.
            in_theme = np.flatnonzero(self.theme_of_argument_ == self.themes_[position].id)
            labels = np.full(n, -1)
            for k, (p, _, members) in enumerate(found):
                if p == position:
                    labels[members] = k
            keywords.update(self._labeler.labels(in_theme, labels[in_theme], centroids))
        self.points_, self._point_centroids = [], centroids
        self.point_of_argument_ = np.full(n, -1, dtype=np.int64)
        for k, (position, stance, members) in enumerate(found):
            self.point_of_argument_[members] = ids[k]
            central = int(members[np.argmax(vectors[members] @ centroids[k])])
            theme = self.themes_[position]
            theme.point_ids.append(ids[k])
            self.points_.append(Point(ids[k], theme.id, stance, len(members),
                                      Label(keywords.get(k, []), central), [int(m) for m in members]))

    def _few_arguments_points(self, vectors, members, theme_members) -> np.ndarray:
        """Two or three arguments on one side of a theme: too few for a graph, so they make one point when
        they are closer to each other than three in four pairs of the theme's arguments are.

        A relative bar, so it needs no calibration per embedder; small panels often produce such groups.
        """
        sample = theme_members
        if len(sample) > SIMILARITY_SAMPLE:  # the bar is a quantile: a sample estimates it well enough
            sample = np.sort(np.random.RandomState(self.random_state).choice(sample, SIMILARITY_SAMPLE, replace=False))
        if len(sample) < 3 or len(members) < self.min_point_size:
            return np.full(len(members), -1)
        upper = np.triu_indices(len(sample), 1)
        bar = np.quantile((vectors[sample] @ vectors[sample].T)[upper], 0.75)
        linked = sp.csr_matrix(vectors[members] @ vectors[members].T >= bar)
        _, components = connected_components(linked, directed=False)
        return relabel_by_size(components, self.min_point_size)

    def _state(self, projection: MapProjection | None) -> dict:
        return {
            "version": STATE_VERSION, "embedder": self.embedder_name, "dim": int(self._theme_centroids.shape[1]),
            "next_theme_id": self._next_theme_id, "next_point_id": self._next_point_id,
            "themes": [{"id": t.id, "size": t.size, "radius": round(r, 6), "centroid": encode_vector(c)}
                       for t, r, c in zip(self.themes_, self._theme_radii, self._theme_centroids)],
            "points": [{"id": p.id, "theme": p.theme, "stance": p.stance, "size": p.size, "centroid": encode_vector(c)}
                       for p, c in zip(self.points_, self._point_centroids)],
            "map": projection.to_state() if projection is not None else None,
        }

    def to_dict(self) -> dict:
        """JSON-able result; argument positions refer to the order of the inputs given to fit."""
        return {
            "themes": [t.to_dict() for t in self.themes_],
            "points": [p.to_dict() for p in self.points_],
            "arguments": {"theme": self.theme_of_argument_.tolist(), "point": self.point_of_argument_.tolist(),
                          "map": np.round(self.map_.astype(np.float64), 5).tolist()},
            "duplicates": [{"a": i, "b": j, "cosine": s} for i, j, s in self.duplicates_],
            "parameters": self.parameters_, "timings": self.timings_,
        }


def _unit_rows(embeddings) -> np.ndarray:
    vectors = np.asarray(embeddings, dtype=np.float32)
    if vectors.ndim != 2:
        vectors = vectors.reshape(len(vectors), -1) if vectors.size else np.zeros((0, 1), np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def _decode_all(items: list[dict], dim: int) -> np.ndarray:
    if not items:
        return np.zeros((0, dim), np.float32)
    return np.vstack([decode_vector(item["centroid"]) for item in items])


class _Clock:
    def __init__(self):
        self.laps, self._last = {}, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 4)
        self._last = now
