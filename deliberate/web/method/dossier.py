"""Pages of the preparation: the dossier (background pages, stakeholders' contributions), the glossary, and
the panel's "what I still don't understand" notes. Forms with CSRF call the same services as the socket."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from deliberate.extensions import db
from deliberate.models import ContributionKind, Member, Role
from deliberate.services import conferences
from deliberate.services.members import membership
from deliberate.services.errors import ServiceError
from deliberate.services.permissions import capabilities
from deliberate.services.method import dossier, notes
from deliberate.web.auth import member_for
from deliberate.web.markdown import render
from deliberate.web.deps import deps

bp = Blueprint("dossier", __name__)


def _member(slug):
    conferences.get_by_slug(slug)
    return member_for(slug)


def _optional_id(name):
    raw = request.form.get(name, "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() else None  # isdigit() alone takes "²"


@bp.get("/c/<slug>/dossier")
def show(slug: str):
    member = _member(slug)
    if member is None:
        return redirect(url_for("pages.join", slug=slug))
    return _render(member)


def _render(member: Member, status: int = 200, error: str | None = None, form: dict | None = None):
    conference = member.conference
    items = dossier.entries(conference)
    stakeholders = membership.members_with_roles(conference.id, (Role.STAKEHOLDER,))
    return render_template(
        "dossier.html", conference=conference, member=member, can=capabilities(member), error=error,
        form=form or {},
        background=[(e, render(e.body)) for e in items if e.kind is ContributionKind.BACKGROUND],
        contributions=[(e, render(e.body)) for e in items if e.kind is ContributionKind.CONTRIBUTION],
        glossary=dossier.glossary(conference), stakeholders=stakeholders,
        my_notes=notes.notes_of(conference, author=member),
    ), status


def _act(slug, action, success):
    """Run a service for the page's member; on refusal, show the page again with the message and the input."""
    member = _member(slug)
    if member is None:
        return redirect(url_for("pages.join", slug=slug))
    try:
        action(member)
    except ServiceError as exc:
        db.session.rollback()
        return _render(member, exc.status, str(exc.message), dict(request.form))
    flash(success)
    return redirect(url_for("dossier.show", slug=slug) + request.form.get("anchor", ""))


@bp.post("/c/<slug>/dossier/pages")
def save_page(slug: str):
    f = request.form
    return _act(slug, lambda m: dossier.save_page(m, f.get("title"), f.get("body"), f.get("sources"),
                                                  entry_id=_optional_id("entry_id"), deps=deps()),
                _("The page is published in the dossier."))


@bp.post("/c/<slug>/dossier/contributions")
def submit_contribution(slug: str):
    f = request.form
    return _act(slug, lambda m: dossier.submit_contribution(
        m, f.get("organisation"), f.get("summary"), f.get("body"), f.get("sources"), title=f.get("title"),
        stakeholder_id=_optional_id("stakeholder_id"), entry_id=_optional_id("entry_id"), deps=deps()),
        _("The contribution is in the dossier."))


@bp.post("/c/<slug>/dossier/entries/<int:entry_id>/delete")
def delete_entry(slug: str, entry_id: int):
    return _act(slug, lambda m: dossier.delete_entry(m, entry_id, deps=deps()), _("The page is removed from the dossier."))


@bp.post("/c/<slug>/dossier/glossary")
def save_term(slug: str):
    f = request.form
    return _act(slug, lambda m: dossier.save_term(m, f.get("term"), f.get("definition"),
                                                  term_id=_optional_id("term_id"), deps=deps()),
                _("The glossary is updated."))


@bp.post("/c/<slug>/dossier/glossary/<int:term_id>/delete")
def delete_term(slug: str, term_id: int):
    return _act(slug, lambda m: dossier.delete_term(m, term_id, deps=deps()), _("The term is removed from the glossary."))


@bp.post("/c/<slug>/dossier/notes")
def add_note(slug: str):
    f = request.form
    return _act(slug, lambda m: notes.add_note(m, f.get("text"), entry_id=_optional_id("entry_id"), deps=deps()),
                _("Your note is sent to the facilitators; it may become a question for the experts."))
