"""Applying a use-case's events to an earlier snapshot gives the fresh snapshot (Zulip's rule).

If this holds, a live client that starts from a snapshot and applies events sees what a reconnecting
client sees: nothing acknowledged is missing and nothing hidden lingers.
"""
import copy

from deliberate.services import conferences
from deliberate.services.room import arguments, moderation, settings as room_settings, snapshots, votes
from deliberate.services.document import consent, draft, paragraphs, publication, review
from deliberate.services.members.erasure import erase_member
from deliberate.services.method import agenda, answers, dossier, floor
from deliberate.services.analysis.refresh import refresh
from tests.helpers import using

ZERO = {"agree": 0, "disagree": 0, "pass": 0}


def apply(snap: dict, event: str, payload: dict) -> None:
    """What static/js/live_events.js does for a participant, in Python."""
    if event == "argument_posted":
        if all(a["id"] != payload["argument"]["id"] for a in snap["arguments"]):
            snap["arguments"].append(payload["argument"])
            snap["tallies"][str(payload["argument"]["id"])] = dict(ZERO)
    elif event == "tally_changed":
        if str(payload["argument_id"]) in snap["tallies"]:
            snap["tallies"][str(payload["argument_id"])] = {k: payload[k] for k in ZERO}
    elif event == "phase_changed":
        snap["phase"] = snap["conference"]["phase"] = payload["phase"]
    elif event == "argument_moderated":
        key = str(payload["argument_id"])
        index = next(i for i, a in enumerate(snap["arguments"]) if a["id"] == payload["argument_id"])
        if payload["status"] == "hidden":
            old = snap["arguments"][index]
            snap["arguments"][index] = {"id": old["id"], "status": "hidden", "moderation_reason": payload["reason"],
                                        "duplicate_of": payload["duplicate_of"], "kind": old["kind"], "text": None,
                                        "created_at": old["created_at"]}
            snap["tallies"].pop(key, None)
            snap["my_votes"].pop(key, None)
            snap["answers"] = [a for a in snap["answers"] if a["question_id"] != payload["argument_id"]]
        else:
            snap["arguments"][index] = payload["argument"]
            snap["tallies"][key] = payload["tally"]
            snap["answers"] = sorted(snap["answers"] + payload.get("answers", []), key=lambda a: a["id"])
    elif event == "answer_posted":
        snap["answers"].append(payload["answer"])
    elif event == "timer_changed":
        snap["timer"] = payload
    elif event == "queue_changed":
        snap.update(payload)
    elif event == "spotlight_changed":
        snap["spotlight"] = payload["argument"]
    elif event == "agenda_changed":
        snap["agenda"] = payload["agenda"]
    elif event == "glossary_changed":
        snap["glossary"] = payload["glossary"]
    elif event == "dossier_changed":
        snap["dossier"] = payload["entries"]
    elif event == "moderation_reasons_changed":
        snap["moderation_reasons"] = payload["reasons"]
    elif event == "tally_visibility_changed":
        snap["tallies_after_vote"] = payload["after_vote"]
    elif event == "document_changed":
        apply_document(snap, payload)
    elif event == "member_erased":
        erase(snap, payload["member"]["id"])
    else:
        raise AssertionError(f"unknown event {event}")


def apply_document(snap: dict, payload: dict) -> None:
    """What static/js/document.js does with `document_changed`."""
    document = snap["document"]
    if "document" in payload:
        snap["document"] = payload["document"]
    elif "paragraph" in payload:
        paragraph = payload["paragraph"]
        document["paragraphs"] = [paragraph if p["id"] == paragraph["id"] else p for p in document["paragraphs"]]
    elif "statements" in payload:
        document["statements"] = payload["statements"]
        for p in document["paragraphs"]:  # which statements attach to which paragraph follows from the annex
            p["statements"] = [s["id"] for s in payload["statements"] if p["id"] in s["paragraph_ids"]]
    elif "publication" in payload:
        snap["publications"].append(payload["publication"])


def erase(value, member_id: int) -> None:
    """`member_erased`: every place the member is named loses the name."""
    if isinstance(value, dict):
        if value.get("id") == member_id and "role" in value and "display_name" in value:
            value.update(display_name="", erased=True)
        for v in value.values():
            erase(v, member_id)
    elif isinstance(value, list):
        for v in value:
            erase(v, member_id)


def without_clocks(value):
    """`server_now` (for clients to correct their clock) and capabilities differ by construction."""
    if isinstance(value, dict):
        return {k: without_clocks(v) for k, v in value.items() if k not in ("server_now", "can", "rules")}
    if isinstance(value, list):
        return [without_clocks(v) for v in value]
    return value


def test_events_rebuild_the_snapshot(app, conference, join, recorder):
    viewer, _ = join(conference, "panelist", "Témoin")
    alice, _ = join(conference, "panelist", "Alice")
    bruno, _ = join(conference, "public", "Bruno")
    fac, _ = join(conference, "facilitator", "Anim")
    org, _ = join(conference, "organiser", "Orga")
    expert, _ = join(conference, "expert", "Dr Expert")
    bruno_panel, _ = join(conference, "panelist", "Bruno du panel")
    before = snapshots.snapshot(viewer)

    dossier.save_page(org, "Repères", "La **viande** en chiffres.", ["ANSES 2016"], deps=using(recorder))
    dossier.save_term(org, "EGalim", "Une loi de 2018 sur l'alimentation.", deps=using(recorder))
    moderation.set_moderation_reasons(org, ["Hors sujet", "Doublon"], deps=using(recorder))
    room_settings.set_tally_visibility(org, False, deps=using(recorder))
    a1 = arguments.post_argument(alice, "Un", "for", deps=using(recorder))
    a2 = arguments.post_argument(bruno, "Deux", "against", deps=using(recorder))
    key = arguments.post_argument(alice, "Trois ?", None, "key_question", deps=using(recorder))
    agenda.select_key_question(fac, key.id, True, 20, deps=using(recorder))
    conferences.set_phase(fac, "hearing", deps=using(recorder))
    question = arguments.post_argument(bruno, "Quatre ?", None, "question", deps=using(recorder), to=expert.id)
    answers.answer_question(expert, question.id, "Réponse.", deps=using(recorder))
    answers.answer_question(expert, key.id, "Réponse clé.", deps=using(recorder))
    floor.set_timer(fac, 600, "Question clé 1", deps=using(recorder))
    floor.raise_hand(alice, deps=using(recorder))
    floor.raise_hand(bruno, deps=using(recorder))
    floor.give_floor(fac, alice.id, 90, deps=using(recorder))
    floor.spotlight(fac, a1.id, deps=using(recorder))
    votes.cast_vote(bruno, a1.id, 1, deps=using(recorder))
    votes.cast_vote(alice, a2.id, -1, deps=using(recorder))
    votes.cast_vote(bruno, a1.id, 0, deps=using(recorder))
    moderation.moderate(fac, a2.id, "hide", "Hors sujet", deps=using(recorder))
    votes.cast_vote(fac, key.id, 1, deps=using(recorder))
    moderation.moderate(fac, a2.id, "restore", "", deps=using(recorder))
    moderation.merge(fac, question.id, a1.id, deps=using(recorder))
    moderation.moderate(fac, a1.id, "hide", "Erreur", deps=using(recorder))  # also clears the spotlight
    conferences.set_phase(fac, "deliberation", deps=using(recorder))
    conferences.set_phase(fac, "drafting", deps=using(recorder))
    # The document: draft, co-writing, consent, dissent, a quoted argument hidden, review, publication, erasure.
    refresh(conference.id, deps=using())  # the analysis the draft reads, brought up to date as the worker would
    draft.draft_document(fac, deps=using(recorder))
    added = paragraphs.add_paragraph(fac, "Le panel recommande l'étiquetage de l'origine.", quote_ids=[a2.id],
                                     deps=using(recorder))
    paragraphs.reword_paragraph(fac, added.id, "Le panel recommande d'étiqueter l'origine.", deps=using(recorder))
    consent.consent(alice, added.id, "object", "Trop vague.", deps=using(recorder))
    statement = consent.write_statement(alice, "Nous voulons aller plus loin.", [added.id], deps=using(recorder))
    consent.sign_statement(bruno_panel, statement.id, by_name=True, deps=using(recorder))
    moderation.moderate(fac, a2.id, "hide", "Hors sujet", deps=using(recorder))
    conferences.set_phase(org, "review", deps=using(recorder))
    proposal = review.propose_correction(expert, added.id, "Le panel recommande d'étiqueter l'origine du lait.",
                                         "Précision", deps=using(recorder))
    review.decide_correction(fac, proposal.id, True, deps=using(recorder))
    publication.publish(org, True, deps=using(recorder))
    erase_member(org, bruno_panel.id, deps=using(recorder))

    rebuilt = copy.deepcopy(before)
    for event, payload, conference_id, audience in recorder.events:
        assert conference_id == conference.id and audience == "all"
        apply(rebuilt, event, payload)
    fresh = snapshots.snapshot(viewer)
    assert without_clocks(rebuilt) == without_clocks(fresh)
    assert [a["id"] for a in rebuilt["arguments"]] == [a1.id, a2.id, key.id, question.id]
    assert [a["status"] for a in rebuilt["arguments"] if a.get("status")] == ["hidden", "hidden", "hidden"]
    corrected = next(p for p in rebuilt["document"]["paragraphs"] if p["id"] == added.id)
    assert corrected["origin"] == "expert" and corrected["quotes"][0]["status"] == "hidden"
    assert corrected["statements"] == [statement.id] and len(rebuilt["publications"]) == 1
    assert [s["name"] for s in rebuilt["document"]["statements"][0]["signatures"]] == [None, None]
    assert rebuilt["arguments"][3]["duplicate_of"] == a1.id
    assert [a["text"] for a in rebuilt["answers"]] == ["Réponse clé."]
    assert rebuilt["spotlight"] is None and rebuilt["speaking"]["id"] == alice.id
    assert [m["id"] for m in rebuilt["queue"]] == [bruno.id]
    assert rebuilt["timer"]["label"] == "Question clé 1" and rebuilt["timer"]["seconds"] == 600
    assert [i["argument_id"] for i in rebuilt["agenda"]] == [key.id]
