"""Themes x opinion groups: for each theme, how each group votes on its arguments.

Gives the facilitator's headline per theme: "consensus", "split" (groups on opposite sides),
"minority" (one smaller group stands apart), "mixed", or "insufficient" (too few votes to say).
Every figure is a count of votes, so it can be traced back to arguments and voters.
"""
from __future__ import annotations

import numpy as np

from deliberate.analysis.rates import smoothed_rate

AGREE = 0.6          # a group agrees with a theme when its smoothed agree share is at least this
DISAGREE = 0.4       # ... and disagrees at or below this
MIN_VOTES = 3        # agree + disagree votes a group needs on a theme before we say anything about it


def _share(agree: int, disagree: int) -> float:
    # Passes are abstentions; one pseudo-vote each way keeps 1-0 from reading as 100 %.
    return smoothed_rate(agree, agree + disagree)


def side_of(agree: int, disagree: int) -> str | None:
    """A group's side on a theme, or None while it has fewer than MIN_VOTES agree/disagree votes."""
    if agree + disagree < MIN_VOTES:
        return None
    share = _share(agree, disagree)
    return "agree" if share >= AGREE else "disagree" if share <= DISAGREE else "divided"


def stable_side(agree: int, disagree: int, previous: str | None) -> str | None:
    """The side, with hysteresis: it leaves the previous side only if the new one would hold whatever
    single vote is taken back, added or changed. So one new vote never flips a verdict shown to the room
    (a verdict that blinks on every vote teaches facilitators to ignore it)."""
    new = side_of(agree, disagree)
    if previous is None or new == previous:
        return new
    neighbours = [(agree - 1, disagree), (agree, disagree - 1), (agree + 1, disagree - 1), (agree - 1, disagree + 1)]
    if all(side_of(a, d) == new for a, d in neighbours if a >= 0 and d >= 0):
        return new
    return previous


def _counts(rows: np.ndarray) -> tuple[int, int, int]:
    return int((rows == 1).sum()), int((rows == -1).sum()), int((rows == 0).sum())


def theme_group_agreement(theme_of_argument: np.ndarray, votes: np.ndarray, group_of_participant: np.ndarray,
                          previous_sides: dict[str, str] | None = None,
                          previous_columns: dict[int, np.ndarray] | None = None) -> dict[int, dict]:
    """votes: participants x arguments, 1 / -1 / 0, NaN unseen. Groups -1 = not in any group.
    previous_sides: {"<theme>:<group>": side} of the last refresh, for the hysteresis of `stable_side`.
    previous_columns: {theme: column indices} of the arguments the theme had at the last refresh. A refresh
    re-clusters, and an argument moving between themes moves its whole column of votes at once: a side then
    changes only if the change also shows, with today's votes, on the arguments the theme had at the last
    refresh (`_kept_side`). So a verdict changes with the votes, not with the reshuffling of arguments: an
    argument that leaves for one refresh and comes back changes nothing, and a lasting move shows one refresh
    later, once the last refresh's arguments are the new ones.

    Returns {theme id: {"verdict", "groups": {gid: {agree, disagree, pass, share, side}}, "minority_group",
    "split_groups", "votes", "arguments"}}.
    """
    theme_of_argument = np.asarray(theme_of_argument)
    group_of_participant = np.asarray(group_of_participant)
    votes = np.asarray(votes, dtype=float)
    groups = sorted(int(g) for g in np.unique(group_of_participant) if g >= 0)
    sizes = {g: int((group_of_participant == g).sum()) for g in groups}
    result = {}
    for theme in sorted(int(t) for t in np.unique(theme_of_argument) if t >= 0):
        columns = theme_of_argument == theme
        block = votes[:, columns]
        kept = None if previous_columns is None else previous_columns.get(theme)
        per_group = {}
        for g in groups:
            rows = block[group_of_participant == g]
            agree, disagree, passes = _counts(rows)
            share = _share(agree, disagree)
            previous = (previous_sides or {}).get(f"{theme}:{g}")
            side = stable_side(agree, disagree, previous)
            if kept is not None and side != previous and previous is not None and side is not None:
                side = _kept_side(side, previous, votes[group_of_participant == g][:, kept])
            per_group[g] = {"agree": agree, "disagree": disagree, "pass": passes, "share": round(share, 4),
                            "side": side, "size": sizes[g]}
        verdict, minority, split = classify(per_group)
        result[theme] = {
            "verdict": verdict, "groups": per_group, "minority_group": minority, "split_groups": split,
            "arguments": int(columns.sum()), "votes": int(np.isfinite(block).sum()),
        }
    return result


def _kept_side(side: str, previous: str, kept_votes: np.ndarray) -> str:
    """A new side stands only if the theme's arguments of the last refresh show it too (when it had any)."""
    if kept_votes.shape[1] == 0:
        return side
    agree, disagree, _ = _counts(kept_votes)
    return side if stable_side(agree, disagree, previous) == side else previous


def classify(per_group: dict[int, dict]) -> tuple[str, int | None, list[int]]:
    """(verdict, minority group or None, groups on opposite sides)."""
    sides = {g: v["side"] for g, v in per_group.items() if v["side"] is not None}
    if len(sides) < 2 or len(sides) < len(per_group) / 2:
        return "insufficient", None, []
    agreeing = [g for g, s in sides.items() if s == "agree"]
    disagreeing = [g for g, s in sides.items() if s == "disagree"]
    if len(agreeing) == len(sides) or len(disagreeing) == len(sides):
        return "consensus", None, []
    if agreeing and disagreeing:
        total = sum(v["size"] for v in per_group.values())
        for lone, others in ((agreeing, disagreeing), (disagreeing, agreeing)):
            # One smaller group against all the others: a minority view, not a split of the room.
            if len(lone) == 1 and len(others) == len(sides) - 1 and per_group[lone[0]]["size"] < total / 2:
                return "minority", lone[0], sorted(agreeing + disagreeing)
        return "split", None, sorted(agreeing + disagreeing)
    return "mixed", None, []
