"""Group the panel's "what I still don't understand" notes by meaning.

The notes are short texts like arguments, so the themes' clustering serves as it is (number of groups
chosen by modularity, no threshold to tune); a note that joins no group stays a group of its own, since
one person's confusion is still a candidate question. Each group's most central note is its candidate.
"""
from __future__ import annotations

import numpy as np

from deliberate.analysis.themes import ThemeAnalyzer


def group_notes(vectors: np.ndarray, texts: list[str], embedder_name: str | None = None,
                random_state: int = 0) -> list[dict]:
    """[{"members": [note index], "central": note index, "keywords": [...]}], largest group first."""
    n = len(texts)
    if n == 0:
        return []
    analyzer = ThemeAnalyzer(embedder_name=embedder_name, min_theme_size=2, random_state=random_state)
    analyzer.fit(vectors, texts)
    groups = []
    for theme in analyzer.themes_:
        members = [int(i) for i in np.flatnonzero(analyzer.theme_of_argument_ == theme.id)]
        groups.append({"members": members, "central": int(theme.label.central_argument_index),
                       "keywords": list(theme.label.keywords)})
    for i in np.flatnonzero(analyzer.theme_of_argument_ < 0):
        groups.append({"members": [int(i)], "central": int(i), "keywords": []})
    return sorted(groups, key=lambda g: (-len(g["members"]), g["members"][0]))
