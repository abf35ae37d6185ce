"""JSON API for programs: join with an invite code, read a snapshot with a bearer token."""
from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from deliberate.services import conferences
from deliberate.services.members import membership, sessions
from deliberate.services.room import snapshots
from deliberate.services.serialize import iso, member_dict
from deliberate.web.auth import bearer_member, bearer_token
from deliberate.web.errors import json_error
from deliberate.web.members.commands import end_member_sockets
from deliberate.web.deps import deps

bp = Blueprint("api", __name__, url_prefix="/api")


def _json_body():
    """The request's JSON, or None when it is missing or unreadable: malformed, or nested deeper than the
    decoder's recursion limit (which raises RecursionError, not the ValueError `silent` catches)."""
    try:
        return request.get_json(silent=True)
    except RecursionError:
        return None


@bp.post("/conferences/<slug>/join")
def join(slug: str):
    data = _json_body()
    if not isinstance(data, dict):
        return json_error("invalid", _("Send a JSON object with “invite_code” and “display_name”."), 400)
    member, token = membership.join(slug, data.get("invite_code"), data.get("display_name"),
                                    address=request.remote_addr, deps=deps())
    return jsonify({"token": token, "member": member_dict(member)}), 201


@bp.get("/conferences/<slug>/snapshot")
def snapshot(slug: str):
    membership.authenticate_token(bearer_token(), deps=deps())  # no, unknown, expired or ended token: unauthenticated
    conferences.get_by_slug(slug)  # unknown conference: not_found
    return jsonify(snapshots.snapshot(bearer_member(slug)))


@bp.post("/conferences/<slug>/token")
def renew_token(slug: str):
    """A new bearer token for one that still works (the old one stops working): sessions last
    DELIBERATE_SESSION_DAYS from the token's issue."""
    member = bearer_member(slug)
    token = sessions.renew_token(member)
    end_member_sockets(member, old_token_only=True)  # committed first: the sockets of the old token close, in every process
    return jsonify({"token": token, "member": member_dict(member),
                    "expires_at": iso(membership.token_expires_at(member, deps=deps()))}), 201


@bp.delete("/conferences/<slug>/membership")
def leave(slug: str):
    """The token's member leaves the conference: the token stops working, arguments and votes stay."""
    member = bearer_member(slug)
    sessions.leave(member, deps=deps())
    end_member_sockets(member)
    return jsonify({"ok": True, "member": member_dict(member), "ended_how": member.ended_how})
