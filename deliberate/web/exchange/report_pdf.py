"""The report as a PDF: templates/report/print.html (the page's partials, a cover, a table of contents with
page numbers, "page N / M" in the footer) rendered by WeasyPrint.

Offline by construction: the HTML's base URL is the static/ folder, and the URL fetcher opens local files
under static/ only (the style sheet and the vendored fonts); anything else, http(s) included, is refused.
PDFs are cached in the instance folder by the hash of their HTML, so a published version is rendered once
per language (a later erasure or moderation changes the HTML, hence the PDF).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template
from flask_babel import get_locale
from flask_babel import gettext as _

from deliberate import ROOT
from deliberate.services.exchange.report_view import report_model, when

STATIC = (ROOT / "static").resolve()
CACHE_ENTRIES = 32


class RefusedURL(ValueError):
    """WeasyPrint asked for something that is not a file under static/."""


def local_file(url: str) -> Path:
    """The file under static/ that `url` names, or RefusedURL."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"not a local file: {url}")
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(STATIC) or not path.is_file():
        raise RefusedURL(f"not a file under static/: {url}")
    return path


def local_fetcher():
    """WeasyPrint's fetcher (a URLFetcher, WeasyPrint >= 70), refusing anything but files under static/."""
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=("file",), allow_redirects=False)

        def fetch(self, url, headers=None):
            return super().fetch(local_file(url).as_uri(), headers)

    return LocalFetcher()


def _css_string(text: str) -> str:
    """A CSS string literal (for the @page margin boxes)."""
    return json.dumps(str(text).replace("<", ""), ensure_ascii=False)


def report_html(report) -> str:
    model = report_model(report)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return render_template("report/print.html", model=model, print_mode=True,
                           locale=str(get_locale() or current_app.config.get("BABEL_DEFAULT_LOCALE", "fr")),
                           page_css=_css_string(_("page")), draft_css=_css_string(_("DRAFT")),
                           generated=when(now))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=html, base_url=STATIC.as_uri() + "/", url_fetcher=local_fetcher()).write_pdf()


def _cache_dir(cache_folder: Path | None) -> Path | None:
    if cache_folder is None:
        return None
    try:
        folder = Path(cache_folder) / "report-pdf"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    except (OSError, RuntimeError):
        return None


def report_pdf(report, cache_folder: Path | None) -> bytes:
    """The PDF of a report, from `cache_folder` (the collaborators' cache) when its HTML was rendered before."""
    html = report_html(report)
    key = hashlib.sha256(html.encode("utf-8")).hexdigest()
    folder = _cache_dir(cache_folder)
    cached = folder / f"{key}.pdf" if folder else None
    if cached is not None and cached.exists():
        return cached.read_bytes()
    data = html_to_pdf(html)
    if cached is not None:
        try:
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, cached)
            for old in sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime)[:-CACHE_ENTRIES]:
                old.unlink(missing_ok=True)
        except OSError:
            pass
    return data
