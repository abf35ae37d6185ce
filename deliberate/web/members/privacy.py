"""Privacy: the public page saying what is stored, a participant's own data (download, erase the name), and the
organisers' purge of a whole conference."""
import json

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from deliberate.extensions import db, socketio
from deliberate.services import conferences, rules
from deliberate.services.members import erasure, membership, privacy
from deliberate.services.errors import ServiceError
from deliberate.services.publisher import room_for
from deliberate.web.auth import forget, member_for, session_members
from deliberate.web.live.namespace import NAMESPACE
from deliberate.web.errors import json_error
from deliberate.web.deps import deps

bp = Blueprint("privacy", __name__)


def _my_memberships():
    """The members this browser holds, one per conference (as the home page lists them)."""
    result = []
    for slug, member_id in session_members().items():
        member = membership.member_by_id(member_id)
        if member is not None and member.conference.slug == slug:
            current = member_for(slug)  # None when the membership ended or expired
            if current is not None and current.id == member.id:
                result.append(member)
    return result


@bp.get("/privacy")
def page():
    return render_template("privacy.html", memberships=_my_memberships(),
                           session_days=current_app.config["DELIBERATE_SESSION_DAYS"])


@bp.get("/c/<slug>/my-data.json")
def my_data(slug: str):
    """The caller's own data in this conference (session cookie or bearer token), as a JSON download."""
    try:
        conferences.get_by_slug(slug)
    except ServiceError as exc:
        return json_error(exc.code, str(exc.message), exc.status)
    member = member_for(slug)
    if member is None:
        return json_error("unauthenticated", _("Join the conference first: credentials are missing or invalid."), 401)
    body = json.dumps(privacy.my_data(member), ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="{slug}-my-data.json"',
        "Cache-Control": "no-store"})


@bp.post("/c/<slug>/erase-my-name")
def erase_my_name(slug: str):
    conferences.get_by_slug(slug)
    member = member_for(slug)
    if member is None:
        return redirect(url_for("pages.join", slug=slug))
    if request.form.get("confirm") != "yes":  # it cannot be undone: the box must be ticked
        flash(_("Tick the box to confirm: an erasure cannot be undone."), "error")
        return redirect(url_for("privacy.page", _anchor="your-data"))
    try:
        erasure.erase_own_name(member, deps=deps())
    except ServiceError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("privacy.page", _anchor="your-data"))
    flash(_("Your name is erased from this conference; your arguments and votes stay, shown as “participant erased”."))
    return redirect(url_for("privacy.page", _anchor="your-data"))


@bp.route("/c/<slug>/purge", methods=["GET", "POST"])
def purge(slug: str):
    """The organisers delete the conference and everything in it, after typing its short name."""
    conference = conferences.get_by_slug(slug)
    member = member_for(slug)
    if member is None:
        return redirect(url_for("pages.join", slug=slug))
    rules.check(member, "erase_member")  # organisers only: a 403 page for everyone else
    summary = privacy.purge_summary(conference)
    if request.method == "GET":
        return render_template("purge.html", conference=conference, member=member, summary=summary)
    conference_id = conference.id
    try:
        privacy.purge_conference(member, slug, request.form.get("confirm_slug", ""))
    except ServiceError as exc:
        db.session.rollback()
        if exc.code == "forbidden":
            raise
        return render_template("purge.html", conference=conference, member=member, summary=summary,
                               error=str(exc.message)), exc.status
    forget(slug)
    _close_room(conference_id)
    flash(_("The conference %(slug)s and everything in it are deleted.", slug=slug))
    return redirect(url_for("privacy.page"))


def _close_room(conference_id: int) -> None:
    """Disconnect this process's sockets in the purged conference's room: nothing is left for them. (Sockets of
    other processes stay until they disconnect; every command they send is refused, their member being gone.)"""
    server = socketio.server
    if server is None:
        return
    for sid, _eio_sid in list(server.manager.get_participants(NAMESPACE, room_for(conference_id))):
        server.disconnect(sid, namespace=NAMESPACE)
