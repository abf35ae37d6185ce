"""How often a theme's verdict blinks as votes arrive, and how often it already says what the end will say.

Replays each Pol.is conversation's votes.csv in time order, refreshing every 1/REFRESHES of its votes. Opinion
groups are Pol.is' own final `group-id`; themes are stand-ins: the comments split at random (seeded) into themes of
about THEME_SIZE comments, and at each refresh a share CHURN of the comments sits in another theme for that
refresh only, as a live reclustering moves a few arguments (0, 0.05 and 0.1 are run). At each refresh every theme
gets its verdict from `together.theme_group_agreement`, with the sides of the previous refresh, under two rules:
`one-vote` (the side holds against any single vote), `stayed` (the same, and a side changes only if the change
also shows on the arguments that stayed in the theme since the last refresh) and `last set` (what the app does:
the same, but the change must show on all the arguments the theme had at the last refresh, with today's votes, so
an argument that leaves for one refresh and comes back changes nothing).

Printed per conversation: `final`, the share of (refresh, theme) verdicts equal to the verdict the whole
conversation reaches (raw, on its own themes); `changes`, verdict changes per theme and 10 refreshes. Neither rule
has a parameter to choose, so nothing here is tuned; with no churn the three rules give the same verdicts by construction.

    .venv/bin/python benchmarks/verdict_stability.py
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from deliberate.analysis.together import theme_group_agreement

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polis"
CONVERSATIONS = ["15-per-hour-seattle", "scoop-hivemind.biodiversity", "vtaiwan.uberx"]
RULES = ["one-vote", "stayed", "last set"]
CHURNS = [0.0, 0.05, 0.1]
REFRESHES = 40
THEME_SIZE = 8
SEED = 0
RESULTS = Path(__file__).resolve().parent / "results" / "verdict_stability.json"


def load(name: str):
    votes = pd.read_csv(DATA / name / "votes.csv").sort_values("timestamp", kind="stable")
    groups = pd.read_csv(DATA / name / "participants-votes.csv", usecols=["participant", "group-id"])
    group_of = dict(zip(groups["participant"], groups["group-id"].fillna(-1).astype(int)))
    voters = sorted(votes["voter-id"].unique())
    comments = sorted(votes["comment-id"].unique())
    row = {v: i for i, v in enumerate(voters)}
    col = {c: j for j, c in enumerate(comments)}
    return (votes["voter-id"].map(row).to_numpy(), votes["comment-id"].map(col).to_numpy(), votes["vote"].to_numpy(),
            np.array([group_of.get(v, -1) for v in voters]), len(comments))


def verdicts(theme_of, matrix, group_of, previous, previous_theme_of=None, rule="one-vote"):
    columns = None
    if previous_theme_of is not None and rule != "one-vote":
        columns = {int(t): np.flatnonzero(previous_theme_of == t) for t in np.unique(previous_theme_of)}
        if rule == "stayed":
            columns = {t: np.intersect1d(c, np.flatnonzero(theme_of == t)) for t, c in columns.items()}
    out = theme_group_agreement(theme_of, matrix, group_of, previous, columns)
    sides = {f"{t}:{g}": v["side"] for t, card in out.items() for g, v in card["groups"].items() if v["side"]}
    return {t: card["verdict"] for t, card in out.items()}, sides


def replay(name: str, churn: float) -> dict[str, dict]:
    rows, cols, values, group_of, n_comments = load(name)
    rng = np.random.default_rng(SEED)
    n_themes = max(2, round(n_comments / THEME_SIZE))
    base = rng.permutation(np.arange(n_comments) % n_themes)
    # The same churn draws for every level, so levels are compared on the same refreshes.
    cuts = np.linspace(0, len(values), REFRESHES + 1)[1:].astype(int)
    assignments = []
    for _ in cuts:
        moved = rng.random(n_comments) < churn
        theme_of = base.copy()
        theme_of[moved] = (base[moved] + rng.integers(1, n_themes, moved.sum())) % n_themes
        assignments.append(theme_of)
    full = np.full((len(group_of), n_comments), np.nan)
    full[rows, cols] = values  # in time order: the last vote of each person on a comment stands
    final, _ = verdicts(base, full, group_of, None)
    out = {}
    for rule in RULES:
        matrix = np.full_like(full, np.nan)
        previous, last, same, changes, seen = None, None, 0, 0, 0
        start, previous_theme_of = 0, None
        for cut, theme_of in zip(cuts, assignments):
            matrix[rows[start:cut], cols[start:cut]] = values[start:cut]
            start = cut
            shown, previous = verdicts(theme_of, matrix, group_of, previous, previous_theme_of, rule)
            previous_theme_of = theme_of
            same += sum(shown[t] == final[t] for t in final)
            seen += len(final)
            if last is not None:
                changes += sum(shown[t] != last[t] for t in final)
            last = shown
        out[rule] = {"final": same / seen, "changes_per_10": 10 * changes / (len(final) * (len(cuts) - 1))}
    return out


def main() -> None:
    report = {}
    for churn in CHURNS:
        figures = {name: replay(name, churn) for name in CONVERSATIONS}
        print(f"\nchurn {churn}: verdict equal to the final one / verdict changes per theme and 10 refreshes")
        print(f"{'rule':>9} " + " ".join(f"{n[:22]:>24}" for n in CONVERSATIONS))
        for rule in RULES:
            print(f"{rule:>9} " + " ".join(f"{figures[n][rule]['final']:>14.3f} / {figures[n][rule]['changes_per_10']:>5.2f}"
                                         for n in CONVERSATIONS))
        report[str(churn)] = figures
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
