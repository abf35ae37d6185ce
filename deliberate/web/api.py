"""JSON API for programs: join with an invite code, read a snapshot with a bearer token."""
from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from deliberate.services import conferences, membership, snapshots
from deliberate.services.errors import ServiceError
from deliberate.services.serialize import member_dict
from deliberate.web.auth import bearer_token, member_for
from deliberate.web.errors import json_error

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.post("/conferences/<slug>/join")
def join(slug: str):
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return json_error("invalid", _("Send a JSON object with “invite_code” and “display_name”."), 400)
    member, token = membership.join(slug, data.get("invite_code"), data.get("display_name"),
                                    address=request.remote_addr)
    return jsonify({"token": token, "member": member_dict(member)}), 201


@bp.get("/conferences/<slug>/snapshot")
def snapshot(slug: str):
    token = bearer_token()
    if not token or membership.member_by_token(token) is None:
        raise ServiceError("unauthenticated", _("A valid bearer token is required."))
    conferences.get_by_slug(slug)  # unknown conference: not_found
    member = member_for(slug)
    if member is None:
        raise ServiceError("forbidden", _("You are not a member of this conference."))
    return jsonify(snapshots.snapshot(member))
