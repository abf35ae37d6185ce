"""Applying a use-case's events to an earlier snapshot gives the fresh snapshot (Zulip's rule).

If this holds, a live client that starts from a snapshot and applies events sees what a reconnecting
client sees: nothing acknowledged is missing and nothing hidden lingers.
"""
import copy

from deliberate.services import arguments, conferences, snapshots, votes

ZERO = {"agree": 0, "disagree": 0, "pass": 0}
OPEN = ("preparation", "hearing", "deliberation")


def apply(snap: dict, event: str, payload: dict) -> None:
    """What static/js/live.js does for a participant, in Python."""
    if event == "argument_posted":
        if all(a["id"] != payload["argument"]["id"] for a in snap["arguments"]):
            snap["arguments"].append(payload["argument"])
            snap["tallies"][str(payload["argument"]["id"])] = dict(ZERO)
    elif event == "tally_changed":
        if str(payload["argument_id"]) in snap["tallies"]:
            snap["tallies"][str(payload["argument_id"])] = {k: payload[k] for k in ZERO}
    elif event == "phase_changed":
        snap["phase"] = snap["conference"]["phase"] = payload["phase"]
        can = snap["me"]["can"]
        can["post"] = can["vote"] = payload["phase"] in OPEN and snap["me"]["role"] != "observer"
    elif event == "argument_moderated":
        key = str(payload["argument_id"])
        if payload["status"] == "hidden":
            snap["arguments"] = [a for a in snap["arguments"] if a["id"] != payload["argument_id"]]
            snap["tallies"].pop(key, None)
            snap["my_votes"].pop(key, None)
        else:
            snap["arguments"] = sorted(snap["arguments"] + [payload["argument"]], key=lambda a: a["id"])
            snap["tallies"][key] = payload["tally"]
    else:
        raise AssertionError(f"unknown event {event}")


def test_events_rebuild_the_snapshot(app, conference, join, recorder):
    viewer, _ = join(conference, "panelist", "Témoin")
    alice, _ = join(conference, "panelist", "Alice")
    bruno, _ = join(conference, "public", "Bruno")
    fac, _ = join(conference, "facilitator", "Anim")
    before = snapshots.snapshot(viewer)

    a1 = arguments.post_argument(alice, "Un", "for", publisher=recorder)
    a2 = arguments.post_argument(bruno, "Deux", "against", publisher=recorder)
    a3 = arguments.post_argument(alice, "Trois ?", None, "question", publisher=recorder)
    votes.cast_vote(bruno, a1.id, 1, publisher=recorder)
    votes.cast_vote(alice, a2.id, -1, publisher=recorder)
    votes.cast_vote(bruno, a1.id, 0, publisher=recorder)
    arguments.moderate(fac, a2.id, "hide", "Hors sujet", publisher=recorder)
    votes.cast_vote(fac, a3.id, 1, publisher=recorder)
    arguments.moderate(fac, a2.id, "restore", "", publisher=recorder)
    arguments.moderate(fac, a3.id, "hide", "Doublon", publisher=recorder)
    conferences.set_phase(fac, "deliberation", publisher=recorder)
    conferences.set_phase(fac, "drafting", publisher=recorder)

    rebuilt = copy.deepcopy(before)
    for event, payload, conference_id, audience in recorder.events:
        assert conference_id == conference.id and audience == "all"
        apply(rebuilt, event, payload)
    assert rebuilt == snapshots.snapshot(viewer)
    assert [a["id"] for a in rebuilt["arguments"]] == [a1.id, a2.id]
