"""The facilitators' projector view and the organisers' download of the moderation history."""
import csv
import io
import json
import re

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from deliberate.models import PHASE_ORDER
from deliberate.services.exchange.csv_safe import safe_cell
from deliberate.extensions import db
from deliberate.services import conferences, rules
from deliberate.services.members import erasure, sessions
from deliberate.services.room import moderation
from deliberate.services.errors import ServiceError
from deliberate.web.auth import forget, member_for
from deliberate.web.labels import role_label
from deliberate.web.members.commands import end_member_sockets
from deliberate.web.deps import deps

bp = Blueprint("console", __name__)


@bp.get("/c/<slug>/screen")
def screen(slug: str):
    """Large type for a 1920 x 1080 projector: question, phase, countdown, speaker, spotlight, live map."""
    conference = conferences.get_by_slug(slug)
    member = member_for(slug)
    if member is None:
        return redirect(url_for("pages.join", slug=slug))
    if not member.role.can_steer:
        abort(403, description=_("Only facilitators and organisers can open this page."))
    return render_template("screen.html", conference=conference, member=member, phases=PHASE_ORDER)


@bp.get("/c/<slug>/moderation.<fmt>")
def moderation_history(slug: str, fmt: str):
    conferences.get_by_slug(slug)
    member = member_for(slug)
    if member is None:
        return redirect(url_for("pages.join", slug=slug))
    if fmt not in ("csv", "json"):
        abort(404)
    rows = moderation.history_rows(member)  # organisers only: it holds the hidden texts
    name = f"{slug}-moderation.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if fmt == "json":
        return Response(json.dumps(rows, ensure_ascii=False, indent=1), mimetype="application/json", headers=headers)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=moderation.HISTORY_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return Response(out.getvalue(), mimetype="text/csv; charset=utf-8", headers=headers)


@bp.get("/c/<slug>/members")
def members(slug: str):
    """The organisers' list of members, where a participant's personal data can be erased."""
    conference = conferences.get_by_slug(slug)
    member = member_for(slug)
    if member is None:
        return redirect(url_for("pages.join", slug=slug))
    rows = erasure.roster(member)  # organisers only: forbidden otherwise
    invites = conferences.invite_states(member)
    return render_template("members.html", conference=conference, member=member, rows=rows, invites=invites,
                           max_cap=conferences.MAX_CAP)


@bp.post("/c/<slug>/members/<int:member_id>/erase")
def erase(slug: str, member_id: int):
    return _confirmed_member_action(
        slug, "erase_member", _("Tick the box to confirm: an erasure cannot be undone."),
        lambda member: erasure.erase_member(member, member_id, deps=deps()),
        lambda erased: _("The personal data of member #%(id)s is erased; their arguments and votes stay, "
                         "anonymised.", id=erased.id))


def _confirmed_member_action(slug: str, rule: str, unconfirmed: str, act, done):
    """An organiser's action on a member that cannot be undone: the rule first (a non-organiser learns nothing,
    even without the box ticked), then the ticked box, then `act(organiser)`; refusals come back as messages."""
    conference = conferences.get_by_slug(slug)
    member = member_for(slug)
    if member is None:
        return redirect(url_for("pages.join", slug=slug))
    rules.check(member, rule)
    back = redirect(url_for("console.members", slug=conference.slug))
    if request.form.get("confirm") != "yes":
        flash(unconfirmed, "error")
        return back
    try:
        result = act(member)
    except ServiceError as exc:
        db.session.rollback()
        if exc.code == "forbidden":
            raise
        flash(str(exc.message), "error")
        return back
    flash(done(result))
    return back


# ---- sessions that end, invite codes ---------------------------------------------------------------

@bp.post("/c/<slug>/leave")
def leave(slug: str):
    """The member leaves: the browser forgets the conference, its sockets close; arguments and votes stay."""
    conferences.get_by_slug(slug)
    member = member_for(slug)
    if member is None:
        return redirect(url_for("pages.join", slug=slug))
    sessions.leave(member, deps=deps())
    forget(slug)
    end_member_sockets(member)
    return redirect(url_for("pages.index"))


@bp.post("/c/<slug>/members/<int:member_id>/revoke")
def revoke(slug: str, member_id: int):
    def act(member):
        revoked = sessions.revoke(member, member_id, deps=deps())
        end_member_sockets(revoked)
        return revoked

    return _confirmed_member_action(
        slug, "revoke_member", _("Tick the box to confirm: the member will no longer be able to take part."), act,
        lambda revoked: _("The membership of member #%(id)s has ended: their token and cookie no longer work; their "
                          "arguments and votes stay.", id=revoked.id))


INVITE_ACTIONS = {
    "rotate": (lambda actor, role, form: conferences.rotate_invite(actor, role),
               lambda invite: _("The %(role)s code is now %(code)s; the old code no longer admits anyone.",
                                role=role_label(invite.role.value), code=invite.code)),
    "close": (lambda actor, role, form: conferences.close_invite(actor, role),
              lambda invite: _("The %(role)s code is closed: nobody can join with it until you reopen it.",
                               role=role_label(invite.role.value))),
    "open": (lambda actor, role, form: conferences.open_invite(actor, role),
             lambda invite: _("The %(role)s code is open again.", role=role_label(invite.role.value))),
    "cap": (lambda actor, role, form: conferences.cap_invite(actor, role, _cap_of(form.get("max_members", ""))),
            lambda invite: (_("At most %(n)s members can join with the %(role)s code.", n=invite.max_members,
                              role=role_label(invite.role.value)) if invite.max_members is not None
                            else _("The %(role)s code has no cap any more.", role=role_label(invite.role.value)))),
}


@bp.post("/c/<slug>/invites/<role>/<action>")
def invite(slug: str, role: str, action: str):
    """Organisers rotate, close, reopen or cap one role's invite code."""
    conference = conferences.get_by_slug(slug)
    member = member_for(slug)
    if member is None:
        return redirect(url_for("pages.join", slug=slug))
    rules.check(member, "manage_invites")
    if action not in INVITE_ACTIONS:
        abort(404)
    run, say = INVITE_ACTIONS[action]
    try:
        changed = run(member, role, request.form)
    except ServiceError as exc:
        db.session.rollback()
        if exc.code == "forbidden":
            raise
        flash(str(exc.message), "error")
    else:
        flash(say(changed))
    return redirect(url_for("console.members", slug=conference.slug))


WHOLE_NUMBER = re.compile(r"[0-9]+")


def _cap_of(value: str):
    """A form's cap: empty for none, else a whole number (the service checks its range)."""
    value = (value or "").strip()
    if not value:
        return None
    if not WHOLE_NUMBER.fullmatch(value) or len(value) > 9:  # ASCII digits: isdigit() takes "²"
        raise ServiceError("invalid", _("The cap must be a whole number from 1 to %(max)s, or empty for no cap.",
                                        max=conferences.MAX_CAP))
    return int(value)
