"""The report's exports (PDF, JSON, Markdown) through `export_report` and `deliberate export`: what each holds,
that quotes are exact and never mixed with the software's sentences, that no secret leaves, that the PDF is
made offline."""
import io
import json
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from flask_babel import force_locale
from sqlalchemy import select

from deliberate.extensions import db
from deliberate.models import Conference, Invite, Member, Paragraph
from deliberate.services.conferences import get_by_slug
from deliberate.services.errors import ServiceError
from deliberate.services.exchange.report_export import export_report, load_report
from deliberate.services.exchange.report_markdown import md
from deliberate.web.exchange.report_pdf import STATIC, report_pdf, RefusedURL, local_fetcher, local_file
from tests.report_conference import ANSWER, LATER_HIDDEN, MULTI_LINE, QUESTION, STATEMENT, build, participant_texts


@pytest.fixture
def published(conference, recorder):
    return build(conference.slug, conference.codes, recorder)


@pytest.fixture
def drafted(conference, recorder):
    return build(conference.slug, conference.codes, recorder, publish=False)


def squash(text: str) -> str:
    return " ".join(text.split())


def blockquotes(markdown: str) -> list[str]:
    """The text of every blockquote: consecutive lines starting with ">", each without its "> " prefix."""
    blocks, current = [], None
    for line in markdown.split("\n"):
        if line.startswith(">"):
            current = [] if current is None else current
            current.append(line[2:] if line.startswith("> ") else line[1:])
        elif current is not None:
            blocks.append("\n".join(current))
            current = None
    if current is not None:
        blocks.append("\n".join(current))
    return blocks


def test_the_pdf_is_a_multi_page_document_with_the_question_and_the_headings(published, tmp_path):
    from pypdf import PdfReader

    out = export_report(get_by_slug("viande"), "pdf", tmp_path / "report.pdf",
                        render_pdf=lambda report: report_pdf(report, None))
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 3
    texts = [squash("".join(page.extract_text() for page in reader.pages))]
    if shutil.which("pdftotext"):
        texts.append(squash(subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                                           check=True).stdout))
    for text in texts:
        assert "Quelle place pour la viande ?" in text
        for heading in published["headings"]:
            assert squash(heading) in text, heading
        assert re.search(r"\w+ 2 / \d+", text)  # the footer's page numbers
        assert "Nous demandons un second débat." in text  # the annex
    # The fonts are the vendored ones, embedded.
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get_object().get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    assert any("Source-Sans-3" in f for f in fonts), fonts


def test_the_pdf_renderer_only_opens_files_under_static():
    css = STATIC / "css" / "report.css"
    assert local_file(css.as_uri()) == css.resolve()
    for url in ("http://example.org/font.woff", "https://example.org/x.css", "file:///etc/passwd",
                (STATIC / ".." / "pyproject.toml").as_uri(), "data:text/css,body{}", "ftp://example.org/x"):
        with pytest.raises(RefusedURL):
            local_file(url)
    assert (STATIC / "fonts" / "source-sans-3" / "LICENSE").exists()
    fetcher = local_fetcher()
    with pytest.raises(RefusedURL):
        fetcher.fetch("https://example.org/font.woff")
    response = fetcher.fetch(css.as_uri())
    try:
        assert b"@font-face" in response.read()
    finally:
        response.close()


def test_every_markdown_blockquote_is_a_participants_exact_text(published, tmp_path):
    conference = get_by_slug("viande")
    with force_locale("en"):
        text = export_report(conference, "md", tmp_path / "report.md").read_text(encoding="utf-8")
    quotes = blockquotes(text)
    exact = participant_texts(conference.id)
    assert quotes and all(q in exact for q in quotes), [q for q in quotes if q not in exact]
    # The multi-line argument, the question, the expert's answer and the minority statement are all quoted whole.
    for words in (MULTI_LINE, QUESTION, ANSWER, STATEMENT):
        assert words in quotes
    assert "\n> \n" in text  # an empty line inside a quote keeps its prefix
    # Nothing the software wrote is inside a blockquote; its sentences are marked.
    software = [p.body for p in db.session.scalars(select(Paragraph).where(Paragraph.origin == "software"))]
    assert software
    for body in software:
        assert not any(body in q for q in quotes)
    assert text.count("_(written by the software)_") >= len(software)
    # Every quote is followed by its attribution, outside the blockquote, after a blank line.
    for match in re.finditer(r"(?m)^(?:> .*\n|>\n)+", text):
        after = text[match.end():]
        assert after.startswith("\n") and not after.lstrip("\n").startswith(">"), after[:80]
    assert re.search(r"(?m)^— .+, pan[eé]list", text)
    # A hidden argument keeps its place and its reason, never its words; the document says it is published.
    assert LATER_HIDDEN not in text and "Hors sujet" in text
    assert "DRAFT" not in text.split("\n", 1)[0] and text.startswith("# Conférence test")


def test_a_draft_says_so_at_the_top_in_every_format(drafted, tmp_path):
    conference = get_by_slug("viande")
    markdown = export_report(conference, "md", tmp_path / "draft.md").read_text(encoding="utf-8")
    assert "DRAFT" in markdown.split("\n", 1)[0]
    data = json.loads(export_report(conference, "json", tmp_path / "draft.json").read_text(encoding="utf-8"))
    assert data["status"] == "draft" and data["version"] is None and data["versions"] == []
    assert load_report(conference).draft
    with pytest.raises(ServiceError) as refused:
        load_report(conference, drafts=False)
    assert refused.value.code == "not_found"


def test_the_json_has_each_paragraphs_evidence_and_no_secret(published, tmp_path, conference):
    out = export_report(get_by_slug("viande"), "json", tmp_path / "report.json")
    raw = out.read_text(encoding="utf-8")
    data = json.loads(raw)
    assert data["status"] == "published" and data["version"] == 1 and data["versions"][0]["number"] == 1
    assert data["conference"]["question"] == "Quelle place pour la viande ?"
    paragraphs = data["document"]["paragraphs"]
    assert len(paragraphs) == published["paragraph_count"]
    for p in paragraphs:
        assert set(p["evidence"]) == {"arguments", "answers", "votes"}
        assert set(p["consent"]) >= {"agree", "live_with", "object", "objections"}
    cited = [p for p in paragraphs if p["evidence"]["votes"]]
    assert cited
    for p in cited:
        for argument_id, tally in p["evidence"]["votes"].items():
            assert {"agree", "disagree", "pass", "groups"} <= set(tally) and int(argument_id) in p["evidence"]["arguments"]
    mine = next(p for p in paragraphs if p["id"] == published["paragraph_id"])
    assert mine["origin"] == "expert" and mine["corrections"][0]["status"] == "accepted"
    assert mine["consent"]["object"] == 1 and "by" not in mine["consent"]["objections"][0]
    # Cited arguments: visible with their exact text, hidden ones as id, status and reason only.
    arguments = {a["id"]: a for a in data["arguments"]}
    assert arguments[published["multi_id"]]["text"] == MULTI_LINE
    assert arguments[published["hidden_id"]] == {"id": published["hidden_id"], "status": "hidden",
                                                 "moderation_reason": "Hors sujet", "text": None}
    assert LATER_HIDDEN not in raw and "Tous des menteurs" not in raw
    assert [a["text"] for a in data["answers"]] == [ANSWER]
    assert data["statements"][0]["text"] == STATEMENT
    signatures = data["statements"][0]["signatures"]
    assert [s["anonymous"] for s in signatures] == [False, True] and signatures[1]["name"] is None
    assert "author_id" not in data["statements"][0] and "member_id" not in raw
    assert {r["role"] for r in data["method"]["participation"]} >= {"panelist", "expert"}
    # No invite code, token hash or secret of the conference, anywhere.
    codes = set(db.session.scalars(select(Invite.code)))
    hashes = set(db.session.scalars(select(Member.token_hash)))
    assert codes and hashes
    for secret in codes | hashes | {"test-secret"}:
        assert secret not in raw
    assert not re.search(r'"(token|token_hash|invite|invites|secret|code)"\s*:', raw)


def test_the_markdown_escapes_what_people_wrote_outside_quotes():
    assert md("*gras* _it_ [lien](x) <b> # titre") == r"\*gras\* \_it\_ \[lien\](x) \<b\> \# titre"
    assert md("- item\n1. un\n> chevron") == "\\- item\n1\\. un\n\\> chevron"


def test_the_command_line_writes_every_format(published, tmp_path, monkeypatch, app):
    from deliberate.cli import main

    monkeypatch.setenv("DELIBERATE_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("DELIBERATE_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("DELIBERATE_ANALYSIS", "off")
    monkeypatch.setenv("DELIBERATE_EMBEDDER", "toy:32")
    db.session.remove()  # the command opens its own app on the same database
    runner = CliRunner()
    for fmt, name in (("json", "r.json"), ("md", "r.md"), ("pdf", "r.pdf"), ("polis", "polis")):
        result = runner.invoke(main, ["export", "viande", "--format", fmt, "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout.strip().splitlines()[-1])
        assert summary["format"] == fmt and summary["out"] == str(tmp_path / name)
    assert json.loads((tmp_path / "r.json").read_text())["version"] == 1
    assert (tmp_path / "r.md").read_text().startswith("# ")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "polis" / "comments.csv").exists() and (tmp_path / "polis" / "votes.csv").exists()
    old = runner.invoke(main, ["export", "viande", "--format", "md", "--version", "1", "--out", str(tmp_path / "v1.md")])
    assert old.exit_code == 0 and json.loads(old.stdout.strip().splitlines()[-1])["version"] == 1
    missing = runner.invoke(main, ["export", "nope", "--format", "md", "--out", str(tmp_path / "x.md")])
    assert missing.exit_code == 1 and '"not_found"' in missing.output and not (tmp_path / "x.md").exists()
    no_version = runner.invoke(main, ["export", "viande", "--format", "md", "--version", "9",
                                      "--out", str(tmp_path / "v9.md")])
    assert no_version.exit_code == 1 and '"not_found"' in no_version.output
    bad = runner.invoke(main, ["export", "viande", "--format", "docx", "--out", str(tmp_path / "x.docx")])
    assert bad.exit_code == 2


def test_the_command_line_exports_a_draft_before_publication(drafted, tmp_path, monkeypatch, app):
    from deliberate.cli import main

    monkeypatch.setenv("DELIBERATE_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("DELIBERATE_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("DELIBERATE_ANALYSIS", "off")
    db.session.remove()
    result = CliRunner().invoke(main, ["export", "viande", "--format", "md", "--out", str(tmp_path / "d.md")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip().splitlines()[-1])["status"] == "draft"
    assert "DRAFT" in (tmp_path / "d.md").read_text().split("\n", 1)[0]
    assert db.session.scalar(select(Conference.phase)).value == "review"
