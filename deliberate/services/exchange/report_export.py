"""The public report as the pages and every export read it, and `export_report`, the one dispatcher of
the formats (pdf, json, md, polis) used by the report pages and by `deliberate export`.

A published conference shows a frozen version (the latest by default); an unpublished one shows the live
`report_content`, marked "draft". Either way the content goes through `public_content` first:

- erasures and moderation decided since publication apply to every version (a name erased, an argument
  hidden later, disappears from the old versions too);
- people are named by display name and role only: no member id, no author of an anonymous statement, no
  name next to an objection (objections are published with their reason and the objector's role);
- every argument the document cites gets an entry (text, author, votes, answers to it) for the evidence;
  hidden ones keep only their id, status and moderation reason.

Nothing in the content ever comes from the invites, tokens or secrets of the conference.
"""
from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from deliberate.extensions import db
from deliberate.models import Argument, Conference, Member, Role, Status
from deliberate.services.document.publication import publication_dict, publications, published_report
from deliberate.services.document.report import report_content
from deliberate.services.document.view import person
from deliberate.services.errors import ServiceError, invalid, not_found

FORMATS = ("pdf", "json", "md", "polis")
STATUS_DRAFT, STATUS_PUBLISHED = "draft", "published"


@dataclass
class Report:
    """One version of the report, ready to render: `content` is already public (see the module's doc)."""
    conference: Conference
    content: dict
    status: str                      # "draft" or "published"
    version: int | None = None       # the publication number; None for a draft
    published_at: str | None = None
    note: str = ""
    versions: list[dict] = field(default_factory=list)  # every published version: number, published_at, note, url
    organisers: list[str] = field(default_factory=list)

    @property
    def draft(self) -> bool:
        return self.status == STATUS_DRAFT


def not_published() -> ServiceError:
    return not_found(_l("The report of this conference is not published yet."))


def load_report(conference: Conference, version: int | None = None, *, drafts: bool = True) -> Report:
    """The latest published version (or `version`); before any publication, the live draft when `drafts`."""
    published = publications(conference)
    versions = [publication_dict(conference, p) for p in published]
    if published:
        publication, content = published_report(conference, version)
        report = Report(conference, content, STATUS_PUBLISHED, publication.number,
                        publication_dict(conference, publication)["published_at"], publication.note or "", versions)
    elif version is not None or not drafts:
        raise not_published()
    else:
        report = Report(conference, report_content(conference), STATUS_DRAFT, versions=[])
    report.content = public_content(conference, report.content)
    report.organisers = organisers(conference)
    return report


def organisers(conference: Conference) -> list[str]:
    """The organisers' names for the cover (erased ones are left out)."""
    rows = db.session.scalars(select(Member).where(Member.conference_id == conference.id,
                                                   Member.role == Role.ORGANISER,
                                                   Member.erased_at.is_(None)).order_by(Member.id))
    return [m.display_name for m in rows if m.display_name]


# --- making the content public ---------------------------------------------------------------------

def public_person(value: dict | None) -> dict | None:
    if not isinstance(value, dict):
        return None
    erased = bool(value.get("erased"))
    return {"name": None if erased else value.get("name"), "role": value.get("role"), "erased": erased}


def _argument_entry(argument: Argument | None, argument_id: int, quoted: dict | None) -> dict:
    """The evidence entry of one cited argument, from the database (its current status) or, if it is gone,
    from the frozen quote."""
    if argument is None:
        if quoted and quoted.get("status") == "visible":
            return {"id": argument_id, "status": "visible", "text": quoted["text"], "kind": quoted.get("kind"),
                    "stance": quoted.get("stance"), "author": public_person(quoted.get("author"))}
        return {"id": argument_id, "status": "missing", "text": None}
    if argument.status is not Status.VISIBLE:
        return {"id": argument.id, "status": argument.status.value, "moderation_reason": argument.moderation_reason,
                "text": None}
    return {"id": argument.id, "status": "visible", "text": argument.text, "kind": argument.kind.value,
            "stance": argument.stance.value if argument.stance else None,
            "author": public_person(person(argument.author))}


def _quote(quote: dict, entry: dict) -> dict:
    if entry["status"] != "visible":
        return {"argument_id": entry["id"], "status": entry["status"], "text": None, "author": None,
                "moderation_reason": entry.get("moderation_reason")}
    return {"argument_id": entry["id"], "status": "visible", "text": entry["text"], "kind": entry.get("kind"),
            "stance": entry.get("stance"), "author": entry.get("author")}


def _answer(answer: dict, questions: dict[int, dict]) -> dict:
    if answer.get("status") != "visible":
        return {"answer_id": answer.get("answer_id"), "status": answer.get("status", "missing"), "text": None}
    question = questions.get(answer.get("question_id"))
    visible = question is None or question["status"] == "visible"
    return {"answer_id": answer["answer_id"], "question_id": answer.get("question_id"),
            "question": answer.get("question") if visible else None,
            "question_status": "visible" if visible else question["status"],
            "text": answer["text"], "author": public_person(answer.get("author")), "status": "visible"}


def _consent(consent: dict) -> dict:
    out = {k: consent.get(k, 0) for k in ("agree", "live_with", "object", "given", "panelists", "pending", "stale")}
    out["objections"] = [{"reason": o.get("reason"), "role": (o.get("by") or {}).get("role"), "at": o.get("at")}
                         for o in consent.get("objections", [])]
    return out


def _correction(correction: dict) -> dict:
    keep = ("id", "status", "original", "text", "reason", "diff", "decided_at", "decision_note", "created_at",
            "paragraph_version")
    out = {k: correction.get(k) for k in keep}
    out["expert"] = public_person(correction.get("expert"))
    out["decided_by"] = public_person(correction.get("decided_by"))
    return out


def _statement(statement: dict) -> dict:
    return {"id": statement["id"], "text": statement["text"], "paragraph_ids": list(statement.get("paragraph_ids", [])),
            "created_at": statement.get("created_at"),
            "signatures": [{"name": None if s.get("anonymous") else s.get("name"), "role": s.get("role"),
                            "anonymous": bool(s.get("anonymous")),
                            "erased": not s.get("anonymous") and not s.get("name")}
                           for s in statement.get("signatures", [])]}


def public_content(conference: Conference, content: dict) -> dict:
    """The report as it may be shown to anyone (see the module's doc)."""
    document = content.get("document") or {}
    paragraphs = document.get("paragraphs") or []
    cited = list(dict.fromkeys(int(a) for p in paragraphs for a in
                               [*(q["argument_id"] for q in p.get("quotes", [])),
                                *p.get("evidence", {}).get("arguments", []),
                                *(a.get("question_id") for a in p.get("answers", []) if a.get("question_id"))]))
    rows = {a.id: a for a in db.session.scalars(
        select(Argument).where(Argument.conference_id == conference.id, Argument.id.in_(cited))
        .options(selectinload(Argument.author)))} if cited else {}
    quoted = {q["argument_id"]: q for p in paragraphs for q in p.get("quotes", [])}
    votes: dict[int, dict] = {}
    for p in paragraphs:
        for key, tally in (p.get("evidence", {}).get("votes") or {}).items():
            votes.setdefault(int(key), tally)
    entries = {a: _argument_entry(rows.get(a), a, quoted.get(a)) for a in cited}

    answers: dict[int, dict] = {}
    out_paragraphs = []
    for p in paragraphs:
        para_answers = [_answer(a, entries) for a in p.get("answers", [])]
        for a in para_answers:
            if a["status"] == "visible":
                answers.setdefault(a["answer_id"], a)
        evidence = p.get("evidence", {})
        out_paragraphs.append({
            "id": p["id"], "number": p["number"], "kind": p["kind"], "body": p.get("body", ""),
            "origin": p.get("origin"), "version": p.get("version"), "source": dict(p.get("source") or {}),
            "quotes": [_quote(q, entries[int(q["argument_id"])]) for q in p.get("quotes", [])],
            "answers": para_answers,
            "evidence": {"arguments": [int(a) for a in evidence.get("arguments", [])],
                         "answers": list(evidence.get("answers", [])),
                         "votes": {str(k): v for k, v in (evidence.get("votes") or {}).items()}},
            "consent": _consent(p.get("consent") or {}),
            "corrections": [_correction(c) for c in p.get("corrections", [])],
            "statements": list(p.get("statements", [])),
            "updated_at": p.get("updated_at"),
        })

    arguments = []
    for a in cited:
        entry = dict(entries[a])
        if entry["status"] == "visible":
            entry["votes"] = votes.get(a)
            entry["answers"] = [x["answer_id"] for x in answers.values() if x.get("question_id") == a]
        arguments.append(entry)
    return {
        "format": content.get("format"),
        "conference": dict(content.get("conference") or {}),
        "document": {"paragraphs": out_paragraphs, "panelists": document.get("panelists")},
        "statements": [_statement(s) for s in document.get("statements", [])],
        "arguments": arguments,
        "answers": list(answers.values()),
        "method": content.get("method") or {},
        "charts": _charts(conference, content.get("charts") or {}),
    }


def _charts(conference: Conference, charts: dict) -> dict:
    """The charts' figures; a theme's typical argument keeps its text only while it is visible."""
    themes = [dict(t) for t in charts.get("themes", [])]
    ids = [t["central"]["argument_id"] for t in themes if isinstance(t.get("central"), dict)
           and t["central"].get("argument_id") is not None]
    visible = set(db.session.scalars(select(Argument.id).where(
        Argument.conference_id == conference.id, Argument.id.in_(ids), Argument.status == Status.VISIBLE))) if ids else set()
    for theme in themes:
        central = theme.get("central")
        if isinstance(central, dict) and central.get("argument_id") not in visible:
            theme["central"] = {"argument_id": central.get("argument_id"), "text": None, "status": "hidden"}
    return {**charts, "themes": themes}


# --- the formats -----------------------------------------------------------------------------------

def render(report: Report, fmt: str, render_pdf: Callable[[Report], bytes] | None = None) -> bytes:
    """The report in one format, as bytes (pdf, json, md). The PDF is typeset from the page's templates, which
    belong to the web layer: its caller hands in `render_pdf` (web/exchange/report_pdf.py)."""
    if fmt == "json":
        from deliberate.services.exchange.report_json import report_json_bytes

        return report_json_bytes(report)
    if fmt == "md":
        from deliberate.services.exchange.report_markdown import report_markdown

        return report_markdown(report).encode("utf-8")
    if fmt == "pdf":
        if render_pdf is None:
            raise ValueError("a PDF is typeset by the web layer: hand in render_pdf")
        return render_pdf(report)
    raise invalid(_l("Unknown format “%(format)s”: use one of %(formats)s.", format=fmt, formats=", ".join(FORMATS)))


def export_report(conference: Conference, fmt: str, out: Path, version: int | None = None, *,
                  render_pdf: Callable[[Report], bytes] | None = None) -> Path:
    """Write the report (pdf, json, md) to the file `out`, or the conference as a Pol.is folder (polis) at
    `out`. A published conference gives its latest frozen version (or `version`); an unpublished one its
    live draft, marked as such."""
    out = Path(out)
    if fmt not in FORMATS:
        raise invalid(_l("Unknown format “%(format)s”: use one of %(formats)s.", format=fmt, formats=", ".join(FORMATS)))
    if fmt == "polis":
        from deliberate.services.exchange.polis_export import export_polis  # written beside, imported late

        export_polis(conference, out)
        return out
    data = render(load_report(conference, version), fmt, render_pdf)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out


def _redact_hidden_comments(path: Path) -> None:
    """The public download keeps hidden arguments' places (id, votes, `moderated` -1), never their text."""
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        return
    header = rows[0]
    if "moderated" not in header or "comment-body" not in header:
        return
    moderated, body = header.index("moderated"), header.index("comment-body")
    for row in rows[1:]:
        if len(row) > max(moderated, body) and row[moderated].strip() == "-1":
            row[body] = ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def polis_zip(conference: Conference, public: bool = True) -> bytes:
    """The conference's data as a zipped Pol.is export folder `<slug>-polis/` (hidden texts left out when
    `public`)."""
    from deliberate.services.exchange.polis_export import export_polis

    with tempfile.TemporaryDirectory(prefix="deliberate-polis-") as tmp:
        folder = Path(tmp) / f"{conference.slug}-polis"
        export_polis(conference, folder)
        if public:
            _redact_hidden_comments(folder / "comments.csv")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
        return buffer.getvalue()
