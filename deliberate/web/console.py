"""The facilitators' projector view and the organisers' download of the moderation history."""
import csv
import io
import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from deliberate.models import PHASE_ORDER
from deliberate.services.exchange.csv_safe import safe_cell
from deliberate.extensions import db
from deliberate.services import conferences, erasure, moderation
from deliberate.services.errors import ServiceError
from deliberate.web.auth import member_for

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
    return render_template("members.html", conference=conference, member=member, rows=rows)


@bp.post("/c/<slug>/members/<int:member_id>/erase")
def erase(slug: str, member_id: int):
    conference = conferences.get_by_slug(slug)
    member = member_for(slug)
    if member is None:
        return redirect(url_for("pages.join", slug=slug))
    if request.form.get("confirm") != "yes":  # erasing cannot be undone: the box must be ticked
        flash(_("Tick the box to confirm: an erasure cannot be undone."), "error")
        return redirect(url_for("console.members", slug=conference.slug))
    try:
        erased = erasure.erase_member(member, member_id)
    except ServiceError as exc:
        db.session.rollback()
        if exc.code == "forbidden":
            raise
        flash(str(exc.message), "error")
        return redirect(url_for("console.members", slug=conference.slug))
    flash(_("The personal data of member #%(id)s is erased; their arguments and votes stay, anonymised.",
            id=erased.id))
    return redirect(url_for("console.members", slug=conference.slug))
