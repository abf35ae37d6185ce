"""Use-cases of the live analysis: refresh a conference's analysis, read the latest one, ask for one.

A refresh (run by the background worker, never in a request): read arguments and votes, embed the
new texts (cached), assign new arguments to the last run's themes at once (`arguments_assigned`), run
the whole analysis (`deliberate.analysis.analyse_conference`: themes and points, opinion groups for the
public and, apart, for the panel, the report), store the run with its inputs, parameters, model and
timings, then tell facilitators (`analysis_updated`) and, when the themes moved, every member
(`themes_changed`: keywords and arguments only, to filter the list by subject).
"""
from __future__ import annotations

import logging
import time
from typing import Callable

import numpy as np
from sqlalchemy import select

from deliberate.analysis.coverage import coverage_report
from deliberate.analysis.pipeline import ConferenceInput, analyse_conference
from deliberate.analysis.themes import ThemeAnalyzer, assign_argument
from deliberate.analysis.themes.identity import decode_vector
from deliberate.extensions import db
from deliberate.models import AnalysisRun, Conference, Phase
from deliberate.services.analysis.data import ConferenceData, gather
from deliberate.services.analysis.embeddings import embed_cached
from deliberate.services.room.participation import participation
from deliberate.services import collaborators
from deliberate.services.collaborators import Collaborators
from deliberate.services.publisher import Publisher

log = logging.getLogger(__name__)

RANDOM_STATE = 0


def refresher(app) -> Callable[[int], AnalysisRun | None]:
    """What a scheduler runs: a refresh with the app's collaborators as they are when it runs (the worker
    command replaces the publisher after the app is built)."""
    return lambda conference_id: refresh(conference_id, deps=collaborators.of(app))


def refresh_open_conferences(deps: Collaborators) -> None:
    """At start-up: ask for a refresh of every conference not yet published (no-op when analysis is off)."""
    ids = db.session.scalars(select(Conference.id).where(Conference.phase != Phase.PUBLISHED)).all()
    for conference_id in ids:
        deps.request_refresh(conference_id)


def latest_run(conference_id: int) -> AnalysisRun | None:
    return db.session.scalars(select(AnalysisRun).where(AnalysisRun.conference_id == conference_id)
                              .order_by(AnalysisRun.id.desc()).limit(1)).first()


def latest_report(conference_id: int) -> dict | None:
    """What `analysis_updated` last carried, for a facilitator's snapshot."""
    run = latest_run(conference_id)
    return _published(run) if run is not None else None


def public_themes(report: dict | None) -> list[dict]:
    """What every member sees of the themes, to filter the room's list by subject: the machine-written
    keywords and which arguments each theme holds. No agreement figures: a lay panel shown where the room
    leans before voting follows it (the same reason counts wait for one's own vote)."""
    return [{"id": t["id"], "keywords": list(t.get("keywords", [])), "argument_ids": list(t.get("argument_ids", []))}
            for t in (report or {}).get("themes", [])]


def latest_public_themes(conference_id: int) -> list[dict]:
    """For every member's snapshot (every join): the last result alone, not the run's state and parameters."""
    result = db.session.scalars(select(AnalysisRun.result).where(AnalysisRun.conference_id == conference_id)
                                .order_by(AnalysisRun.id.desc()).limit(1)).first()
    return public_themes(result)


def _published(run: AnalysisRun) -> dict:
    return {**run.result, "run_id": run.id, "model": run.model, "timings": run.timings,
            "created_at": run.created_at.isoformat()}


def _assign_new(conference_id: int, data: ConferenceData, vectors: np.ndarray, previous: AnalysisRun | None,
                publisher: Publisher) -> None:
    """New arguments go to their nearest existing theme now, before the full reclustering."""
    theme_state = (previous.state or {}).get("themes") if previous else None
    if not theme_state:
        return
    known = previous.inputs.get("max_argument_id", 0)
    assignments = []
    for j, argument_id in enumerate(data.argument_ids):
        if argument_id > known:
            placed = assign_argument(vectors[j], theme_state)
            assignments.append({"argument_id": argument_id, "theme": placed["theme"],
                                "similarity": placed["similarity"]})
    if assignments:
        publisher.publish("arguments_assigned", {"assignments": assignments}, conference_id, "facilitators")


def refresh(conference_id: int, *, deps: Collaborators, force: bool = False) -> AnalysisRun | None:
    """Recompute and store the analysis; None when nothing changed since the last run."""
    publisher = deps.publisher
    embedder = deps.embedder()  # loaded once per process; its load time is not the refresh's
    started = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name + "_ms"] = round(1000 * (now - since), 1)
        return now

    data = gather(conference_id)
    previous = latest_run(conference_id)
    if not force and previous is not None and previous.inputs == data.version and previous.model == embedder.name:
        return None
    mark = lap("read", started)
    vectors = embed_cached(embedder, data.texts)
    mark = lap("embed", mark)
    same_model = previous is not None and previous.model == embedder.name
    if same_model:  # a state from another model's vector space would place arguments at random
        _assign_new(conference_id, data, vectors, previous, deps.publisher)
    old_state = (previous.state or {}) if same_model else {}

    inputs = ConferenceInput(data.argument_ids, data.texts, data.stances, vectors, data.member_ids,
                             data.member_roles, data.votes, data.vote_times)
    analysis = analyse_conference(inputs, old_state, embedder_name=embedder.name, random_state=RANDOM_STATE,
                                  phrase_embedder=lambda phrases: embed_cached(embedder, phrases))
    timings.update(analysis.timings)
    mark = time.perf_counter()
    report = analysis.report
    report["participation"] = participation(conference_id)
    if data.key_questions.ids:
        report["key_questions"] = _key_question_coverage(embedder, data, analysis.themes, analysis.audiences)
    lap("report_extras", mark)
    timings["total_ms"] = round(1000 * (time.perf_counter() - started), 1)
    run = AnalysisRun(conference_id=conference_id, inputs=data.version, model=embedder.name, timings=timings,
                      result=report, parameters=analysis.parameters, state=analysis.state)
    db.session.add(run)
    db.session.commit()
    publisher.publish("analysis_updated", _published(run), conference_id, "facilitators")
    themes = public_themes(report)
    if previous is None or themes != public_themes(previous.result):
        publisher.publish("themes_changed", {"themes": themes}, conference_id)
    log.info("analysis of conference %s: %d arguments, %d voters, %.0f ms", conference_id,
             len(data.argument_ids), len(data.member_ids), timings["total_ms"])
    return run


def _key_question_coverage(embedder, data: ConferenceData, themes: ThemeAnalyzer, results: dict) -> dict:
    """Which themes (by meaning) and opinion groups (by votes) the selected key questions cover."""
    questions = data.key_questions
    vectors = embed_cached(embedder, questions.texts)
    theme_state = themes.state_.get("themes") or []
    centroids = (np.vstack([decode_vector(t["centroid"]) for t in theme_state]) if theme_state
                 else np.zeros((0, vectors.shape[1] if vectors.ndim == 2 else 0)))
    voter_ids, votes = data.key_question_voters()
    groups = {}
    for name, (_rows, result) in results.items():
        groups[name] = np.array([g if (g := result.participant_groups.get(m)) is not None else -1
                                 for m in voter_ids], dtype=int)
    return coverage_report(questions.ids, vectors, np.array(questions.selected, dtype=bool), centroids,
                           [int(t["id"]) for t in theme_state], votes, groups)
