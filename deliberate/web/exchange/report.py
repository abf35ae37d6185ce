"""The public report, open to anyone without logging in, once published: the page of the latest version and of
every version, and its downloads (PDF, JSON, Markdown; the arguments and votes as a zipped Pol.is export).
Before publication every address answers 404 with a page that says so: nothing of a draft is public."""
from __future__ import annotations

from flask import Blueprint, Response, render_template

from deliberate.services import conferences
from deliberate.services.document.publication import publications
from deliberate.services.exchange.report_export import load_report, polis_zip, render
from deliberate.web.deps import deps
from deliberate.web.exchange.report_pdf import report_pdf
from deliberate.services.exchange.report_view import report_model

bp = Blueprint("report", __name__)

TYPES = {"pdf": "application/pdf", "json": "application/json; charset=utf-8",
         "md": "text/markdown; charset=utf-8"}


def _published(slug: str, number: int | None):
    """(conference, report) of a published version, or a 404 page saying that the report is not published."""
    conference = conferences.get_by_slug(slug)
    if not publications(conference):
        return conference, None
    return conference, load_report(conference, number, drafts=False)


def _not_published(conference):
    return render_template("report/unpublished.html", conference=conference), 404


def _headers(response: Response) -> Response:
    # Public and unchanging for a given version, but a later erasure or moderation must show at once.
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/c/<slug>/report")
def latest(slug: str):
    return _page(slug, None)


@bp.get("/c/<slug>/report/v/<int:number>")
def version(slug: str, number: int):
    return _page(slug, number)


def _page(slug: str, number: int | None):
    conference, report = _published(slug, number)
    if report is None:
        return _not_published(conference)
    return _headers(Response(render_template("report/page.html", model=report_model(report), print_mode=False)))


@bp.get("/c/<slug>/report.<any(pdf, json, md):fmt>")
def download_latest(slug: str, fmt: str):
    return _download(slug, None, fmt)


@bp.get("/c/<slug>/report/v/<int:number>.<any(pdf, json, md):fmt>")
def download_version(slug: str, number: int | None, fmt: str):
    return _download(slug, number, fmt)


def _filename(report, fmt: str) -> str:
    return f"{report.conference.slug}-report-v{report.version}.{fmt}"


def _download(slug: str, number: int | None, fmt: str):
    conference, report = _published(slug, number)
    if report is None:
        return _not_published(conference)
    response = Response(render(report, fmt, lambda r: report_pdf(r, deps().cache_folder)), content_type=TYPES[fmt])
    disposition = "attachment" if fmt == "md" else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{_filename(report, fmt)}"'
    return _headers(response)


@bp.get("/c/<slug>/report.polis.zip")
def polis_download(slug: str):
    conference = conferences.get_by_slug(slug)
    if not publications(conference):
        return _not_published(conference)
    response = Response(polis_zip(conference), content_type="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{conference.slug}-polis.zip"'
    return _headers(response)
