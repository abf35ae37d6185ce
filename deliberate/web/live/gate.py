"""Refuse a flood cheaply, before any app context, session or database work.

A refused command used to cost as much as an accepted one (Flask-SocketIO builds an app and request context for
every event, then the use-case counted the limit): one member's five sockets sending votes flat out slowed every
other member's votes from milliseconds to seconds. The gate looks at the limit first (limits' `test`, which
counts nothing) with what the connection already holds in memory (its member, its translated refusal messages),
answers `rate_limited` at once, and closes a socket that keeps sending after MAX_REFUSALS refusals in a row. A
command the gate lets through is counted by its use-case as before, so the limits mean what they always meant.
"""
from __future__ import annotations

# Commands with a per-member rate limit (services/limits.py), by the limit's name.
RATE_LIMITED = {"cast_vote": "vote", "post_argument": "post"}
# Refusals in a row after which the server closes the socket: a client that respects `rate_limited` waits long
# before this (the page's own scripts never send a refused command again without a click).
MAX_REFUSALS = 50


def prepare(state: dict, limits) -> None:
    """At connect, in the connection's own request context: the limits and the refusal messages in its language."""
    state["limits"] = limits if limits is not None and limits.enabled else None
    state["refusal_messages"] = {name: str(limits.message(name)) for name in RATE_LIMITED.values()} \
        if state["limits"] else {}
    state["refusals"] = 0


def early_refusal(state: dict | None, event) -> dict | None:
    """The `rate_limited` answer to a command over its member's rate, or None to let the command run."""
    if state is None or state.get("limits") is None or state["joined"] is None:
        return None
    name = RATE_LIMITED.get(event)
    if name is None:
        return None
    member_id = state["members"].get(state["joined"])
    if not state["limits"].would_refuse(name, member_id):
        state["refusals"] = 0
        return None
    state["refusals"] += 1
    return {"ok": False, "error": {"code": "rate_limited", "message": state["refusal_messages"][name]}}


def keeps_hammering(state: dict) -> bool:
    return state.get("refusals", 0) >= MAX_REFUSALS
