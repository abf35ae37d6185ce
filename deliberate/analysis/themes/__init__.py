"""Themes (what subjects the room talks about) and points (claims several arguments make).

Public API:
    ThemeAnalyzer(...).fit(embeddings, texts, stances, previous_state)  -> themes_, points_, map_,
        duplicates_, theme_of_argument_, point_of_argument_, state_, to_dict()
    assign_argument(embedding, state)          -> {"theme", "similarity", "map"} for one new argument
    GraphClustering(...)                       -> the clustering itself, number of clusters by modularity
    class_keywords(document_terms(texts), labels) -> c-TF-IDF keywords per cluster
    near_duplicate_pairs(vectors, duplicate_threshold(embedder_name), stances)
    parse_stance(value)                        -> 1 / -1 / 0 / None
"""
from __future__ import annotations

import numpy as np

from deliberate.analysis.themes.analyzer import ThemeAnalyzer
from deliberate.analysis.themes.duplicates import DUPLICATE_THRESHOLDS, duplicate_threshold, near_duplicate_pairs
from deliberate.analysis.themes.identity import MATCH_FLOOR, assign_to_theme, match_previous
from deliberate.analysis.themes.layout import MapProjection, place_on_map
from deliberate.analysis.themes.lexical import class_keywords, document_terms
from deliberate.analysis.themes.partition import GraphClustering
from deliberate.analysis.themes.result import STANCE_NAMES, Label, Point, Theme, parse_stance


def assign_argument(embedding: np.ndarray, state: dict) -> dict:
    """Where a new argument goes before the next refresh: its theme (or -1) and its map position."""
    theme, similarity = assign_to_theme(embedding, state)
    position = place_on_map(embedding, state) if state.get("map") else None
    return {"theme": theme, "similarity": round(similarity, 4), "map": position}


__all__ = [
    "ThemeAnalyzer", "assign_argument", "assign_to_theme", "place_on_map", "GraphClustering", "MapProjection",
    "class_keywords", "document_terms", "near_duplicate_pairs", "duplicate_threshold", "DUPLICATE_THRESHOLDS",
    "match_previous", "MATCH_FLOOR", "parse_stance", "STANCE_NAMES", "Theme", "Point", "Label",
]
