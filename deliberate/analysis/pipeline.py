"""The whole analysis of a conference in one call: arrays in, the facilitators' report and the next state out.

    from deliberate.analysis import ConferenceInput, analyse_conference
    analysis = analyse_conference(ConferenceInput(...), previous_state=last_run_state)
    analysis.report        # what `analysis_updated` carries: themes x groups, points, consensus, panel apart
    analysis.state         # JSON: give it back at the next refresh
    analysis.parameters    # every step's parameters, stored with the run

Themes and points (`themes.ThemeAnalyzer`), opinion groups for the public and, apart, for the panel
(`opinions.analyse`, warm-started from the state; `typical_groups` without one), and the report
(`report.conference_report`, verdicts carried from the last refresh). Pure: no database, no Flask; the
service reads, embeds, calls this, stores and publishes.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from deliberate.analysis.opinions import OpinionResult, OpinionState, analyse
from deliberate.analysis.report import ConferenceArrays, conference_report, verdict_sides
from deliberate.analysis.themes import ThemeAnalyzer

PANEL_ROLE = "panelist"


@dataclass(frozen=True)
class ConferenceInput:
    argument_ids: list[int]
    texts: list[str]
    stances: list[str | None]
    vectors: np.ndarray            # arguments x dimensions, from `embedder_name`
    member_ids: list[int]          # voters, in the rows' order of `votes`
    member_roles: list[str]
    votes: np.ndarray              # members x arguments: 1 / -1 / 0, NaN unseen
    vote_events: list = field(default_factory=list)  # (member, argument, value, time), for the opinion groups


@dataclass
class ConferenceAnalysis:
    report: dict
    state: dict
    parameters: dict
    timings: dict                  # milliseconds per step
    themes: ThemeAnalyzer
    audiences: dict[str, tuple[np.ndarray, OpinionResult]]  # name -> (member rows, groups)


def audiences_of(roles: list[str]) -> dict[str, np.ndarray]:
    """The public (everyone but the panel) and the panel, analysed apart; the main one first."""
    roles = np.array(roles, dtype=object)
    panel = np.flatnonzero(roles == PANEL_ROLE)
    public = np.flatnonzero(roles != PANEL_ROLE)
    audiences = {"public": public, "panel": panel} if len(public) else {"panel": panel, "public": public}
    return {name: rows for name, rows in audiences.items() if len(rows)}


def analyse_conference(data: ConferenceInput, previous_state: dict | None = None, *,
                       embedder_name: str | None = None, phrase_embedder: Callable | None = None,
                       random_state: int = 0) -> ConferenceAnalysis:
    """One refresh of everything. `previous_state`: the last `ConferenceAnalysis.state` computed with the
    same embedder (or None); `phrase_embedder`: texts -> vectors in the arguments' space, for labels."""
    state = previous_state or {}
    timings: dict[str, float] = {}
    mark = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        timings[name + "_ms"] = round(1000 * (now - mark), 1)
        mark = now

    themes = ThemeAnalyzer(embedder_name=embedder_name, random_state=random_state,
                           phrase_embedder=phrase_embedder).fit(
        data.vectors, data.texts, data.stances, previous_state=state.get("themes"))
    lap("themes")
    audiences, opinion_states, opinion_parameters = {}, {}, {}
    for name, rows in audiences_of(data.member_roles).items():
        previous = OpinionState.from_dict(state[name]) if state.get(name) else None
        result = analyse(data.vote_events, state=previous, participants=[data.member_ids[i] for i in rows],
                         random_state=random_state)
        audiences[name] = (rows, result)
        opinion_states[name] = result.state.to_dict()
        opinion_parameters[name] = json_ready(result.parameters)
    lap("opinions")
    arrays = ConferenceArrays(data.argument_ids, data.texts, data.member_ids, data.votes)
    report = conference_report(arrays, themes, audiences, previous_sides=state.get("verdict_sides"))
    lap("report")
    return ConferenceAnalysis(
        report=report,
        state={"themes": themes.state_, **opinion_states, "verdict_sides": verdict_sides(report)},
        parameters={"random_state": random_state, "themes": json_ready(themes.parameters_),
                    "opinions": opinion_parameters},
        timings=timings, themes=themes, audiences=audiences)


def json_ready(value):
    """Parameters as JSON (numpy scalars and tuples made plain)."""
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


__all__ = ["ConferenceAnalysis", "ConferenceInput", "PANEL_ROLE", "analyse_conference", "audiences_of", "json_ready"]
