"""Which themes and which opinion groups a selection of key questions covers.

The hearing's questions should represent every sizeable part of the room (Stanford's "Question the
Questions", after the justified-representation axiom of approval-based committee voting):

- themes, by meaning: each key question belongs to the theme whose centroid is nearest to its
  embedding (cosine); a theme is covered when a selected question belongs to it;
- opinion groups, by votes: a group is covered when at least half of its members who voted on a
  selected question approved it (agree = approval);
- justified representation (JR), by votes: with n voters and k selected questions, no n/k voters who
  all approve the same unselected question may be left with none of their approved questions selected.

Pure numpy: every figure is a count of votes or a cosine, traceable to question ids.
"""
from __future__ import annotations

import numpy as np


def nearest_themes(question_vectors: np.ndarray, centroids: np.ndarray, theme_ids: list[int]
                   ) -> list[tuple[int, float]]:
    """(theme id, cosine) of the nearest theme centroid for each question; (-1, 0) without themes."""
    if len(theme_ids) == 0 or len(question_vectors) == 0:
        return [(-1, 0.0)] * len(question_vectors)
    q = np.asarray(question_vectors, dtype=np.float64)
    q = q / np.maximum(np.linalg.norm(q, axis=1, keepdims=True), 1e-12)
    c = np.asarray(centroids, dtype=np.float64)
    c = c / np.maximum(np.linalg.norm(c, axis=1, keepdims=True), 1e-12)
    similarity = q @ c.T
    best = similarity.argmax(axis=1)
    return [(int(theme_ids[b]), round(float(similarity[i, b]), 4)) for i, b in enumerate(best)]


def justified_representation(approvals: np.ndarray, selected: np.ndarray) -> list[dict]:
    """Violations of JR. approvals: voters x questions, True where the voter approves the question.

    For each unselected question, the voters who approve it and none of the selected ones; a violation
    when they are at least n/k (n voters who approved anything, k selected questions).
    """
    approvals = np.asarray(approvals, dtype=bool)
    selected = np.asarray(selected, dtype=bool)
    k = int(selected.sum())
    voters = approvals.any(axis=1)
    n = int(voters.sum())
    if k == 0 or n == 0:
        return []
    unrepresented = voters & ~approvals[:, selected].any(axis=1)
    quota = n / k
    violations = []
    for j in np.flatnonzero(~selected):
        cohesive = int((approvals[:, j] & unrepresented).sum())
        if cohesive >= quota:
            violations.append({"question": int(j), "voters": cohesive, "quota": round(quota, 2)})
    return sorted(violations, key=lambda v: (-v["voters"], v["question"]))


def group_coverage(votes: np.ndarray, selected: np.ndarray, group_of_voter: np.ndarray) -> dict[int, dict]:
    """For each opinion group: the selected questions at least half of its voters on them approved.

    votes: voters x questions, 1 / -1 / 0, NaN unseen. Returns {group: {"size", "covered_by": [question
    index], "approvals": {question index: [agree, voted]}}}.
    """
    votes = np.asarray(votes, dtype=float)
    group_of_voter = np.asarray(group_of_voter)
    result = {}
    for g in sorted(int(x) for x in np.unique(group_of_voter) if x >= 0):
        rows = votes[group_of_voter == g]
        covered, counts = [], {}
        for j in np.flatnonzero(selected):
            column = rows[:, j]
            voted = int(np.isfinite(column).sum())
            agree = int((column == 1).sum())
            counts[int(j)] = [agree, voted]
            if voted and 2 * agree >= voted:
                covered.append(int(j))
        result[g] = {"size": int((group_of_voter == g).sum()), "covered_by": covered, "approvals": counts}
    return result


def coverage_report(question_ids: list[int], question_vectors: np.ndarray, selected: np.ndarray,
                    centroids: np.ndarray, theme_ids: list[int], votes: np.ndarray,
                    groups_by_audience: dict[str, np.ndarray]) -> dict:
    """The console's coverage of a key-question selection, as JSON with question ids.

    votes: voters x questions (1 / -1 / 0, NaN unseen); groups_by_audience: audience name -> the opinion
    group of each voter row (-1: none, or not in that audience).
    """
    selected = np.asarray(selected, dtype=bool)
    votes = np.asarray(votes, dtype=float).reshape(-1, len(question_ids))
    themes_of = nearest_themes(question_vectors, centroids, theme_ids)
    approvals = votes == 1
    questions = [{"argument_id": qid, "selected": bool(selected[j]), "theme": themes_of[j][0],
                  "similarity": themes_of[j][1], "approvals": int(approvals[:, j].sum()),
                  "votes": int(np.isfinite(votes[:, j]).sum())} for j, qid in enumerate(question_ids)]
    theme_rows = []
    for theme in theme_ids:
        chosen = [question_ids[j] for j in range(len(question_ids)) if selected[j] and themes_of[j][0] == theme]
        theme_rows.append({"theme": int(theme), "covered_by": chosen})
    groups = []
    for audience, group_of_voter in groups_by_audience.items():
        for g, info in group_coverage(votes, selected, group_of_voter).items():
            groups.append({"audience": audience, "group": g, "size": info["size"],
                           "covered_by": [question_ids[j] for j in info["covered_by"]],
                           "approvals": {str(question_ids[j]): c for j, c in info["approvals"].items()}})
    violations = [{"argument_id": question_ids[v["question"]], "voters": v["voters"], "quota": v["quota"]}
                  for v in justified_representation(approvals, selected)]
    return {"questions": questions, "themes": theme_rows, "groups": groups, "unrepresented": violations,
            "selected": int(selected.sum())}
