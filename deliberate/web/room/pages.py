"""Browser pages: join with a code, the live room, the facilitator's desk, the language switch."""
from urllib.parse import urlsplit

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from deliberate.models import PHASE_ORDER, Phase
from deliberate.services import conferences
from deliberate.services.members import membership
from deliberate.services.document.publication import published_conferences
from deliberate.services.errors import ServiceError
from deliberate.web.auth import member_for, remember, session_members
from deliberate.web.deps import deps

bp = Blueprint("pages", __name__)


HOME_REPORTS = 20  # the newest published reports the home page lists


def _home_reports() -> list[dict]:
    return [{"title": row["title"], "question": row["question"], "url": url_for("report.latest", slug=row["slug"]),
             "date": format_date(row["published_at"], "long"), "iso": row["published_at"].date().isoformat()}
            for row in published_conferences(HOME_REPORTS)]


@bp.get("/")
def index():
    return render_template("index.html", memberships=_my_conferences(), reports=_home_reports())


@bp.post("/")
def join_by_code():
    code = request.form.get("invite_code", "")
    name = request.form.get("display_name", "")
    invite = membership.find_invite(code)
    if invite is None:
        error = _("This invite code is not valid.")
        return render_template("index.html", error=error, code=code, name=name,
                               memberships=_my_conferences(), reports=_home_reports()), 403
    return _join(invite.conference.slug, code, name, template="index.html", reports=_home_reports())


@bp.route("/c/<slug>/join", methods=["GET", "POST"])
def join(slug: str):
    conference = conferences.get_by_slug(slug)
    if request.method == "GET":
        return render_template("join.html", conference=conference, code=request.args.get("code", ""),
                               existing=member_for(slug))
    return _join(slug, request.form.get("invite_code", ""), request.form.get("display_name", ""),
                 template="join.html", conference=conference)


def _join(slug, code, name, template, **context):
    try:
        member, _token = membership.join(slug, code, name, address=request.remote_addr, deps=deps())
    except ServiceError as exc:
        return render_template(template, error=str(exc.message), code=code, name=name,
                               memberships=_my_conferences(), **context), exc.status
    remember(member)
    return redirect(url_for("pages.room", slug=slug))


def _live_page(slug: str, template: str, steering: bool = False):
    """A page of the live conference for its members; others are sent to the join form, or to the public
    report once the conference is published."""
    conference = conferences.get_by_slug(slug)
    member = member_for(slug)
    if member is None:
        if conference.phase is Phase.PUBLISHED:
            return redirect(report_url(slug))
        return redirect(url_for("pages.join", slug=slug))
    if steering and not member.role.can_steer:
        abort(403, description=_("Only facilitators and organisers can open this page."))
    return render_template(template, conference=conference, member=member, phases=PHASE_ORDER)


def report_url(slug: str) -> str:
    """The public report (served by the report blueprint at /c/<slug>/report)."""
    return url_for("pages.room", slug=slug) + "/report"


@bp.get("/c/<slug>")
def room(slug: str):
    return _live_page(slug, "room.html")


@bp.get("/c/<slug>/facilitate")
def facilitate(slug: str):
    return _live_page(slug, "facilitate.html", steering=True)


@bp.post("/lang")
def set_language():
    lang = request.form.get("lang")
    if lang in ("fr", "en"):
        session["lang"] = lang
    target = request.form.get("next") or url_for("pages.index")
    # Only local paths: the switch must not become an open redirect.
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        target = url_for("pages.index")
    return redirect(target)


def _my_conferences():
    result = []
    for slug, member_id in session_members().items():
        member = membership.member_by_id(member_id)
        if member is not None and member.conference.slug == slug:
            result.append(member)
    return result
