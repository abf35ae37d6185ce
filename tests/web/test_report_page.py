"""The public report: /c/<slug>/report and /c/<slug>/report/v/<n>, open without any login once published,
a 404 page before; quotes are participants' exact words in blockquotes, the software's sentences are marked,
every version stays readable, an erasure reaches every version and every download."""
import io
import json
import re
import zipfile
from html import unescape
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from tests.helpers import using
from deliberate.extensions import db
from deliberate.models import Argument, Member
from deliberate.services.document import paragraphs, publication
from deliberate.services.members.erasure import erase_member
from deliberate.services.publisher import RecordingPublisher
from tests.report_conference import (ANSWER, FACILITATORS_TEXT, LATER_HIDDEN, MULTI_LINE, OBJECTION, PANEL,
                                     QUESTION, STATEMENT, build)

REPORT = "/c/viande/report"


class Blocks(HTMLParser):
    """The text inside every <blockquote>, and the ids of the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.quotes, self.ids, self.hrefs, self._depth, self._buffer = [], set(), [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag == "blockquote":
            self._depth += 1
            self._buffer = []

    def handle_endtag(self, tag):
        if tag == "blockquote" and self._depth:
            self._depth -= 1
            self.quotes.append("".join(self._buffer))

    def handle_data(self, data):
        if self._depth:
            self._buffer.append(data)


def parse(html: str) -> Blocks:
    parser = Blocks()
    parser.feed(html)
    return parser


def section(html: str, name: str) -> str:
    start = html.index(f'id="{name}"')
    end = html.find("</section>", start)
    return html[start:end]


def english(app):
    """A visitor whose browser asks for English (the assertions read English words)."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def build_in(app, publish=True) -> dict:
    from deliberate.services import conferences

    with app.app_context():
        conference, codes = conferences.create_conference("viande", "Conférence test", "Quelle place pour la viande ?")
        data = build(conference.slug, codes, RecordingPublisher(), publish=publish)
        db.session.remove()
        return data


@pytest.fixture
def published(app):
    return build_in(app)


def test_before_publication_every_address_is_a_404_page_that_says_so(app):
    data = build_in(app, publish=False)
    client = app.test_client()
    r = client.get(REPORT)
    html = r.get_data(as_text=True)
    assert r.status_code == 404 and "report/unpublished" not in html
    assert "pas encore publié" in html or "not published yet" in html
    assert "Quelle place pour la viande ?" in html  # the page names the conference…
    assert FACILITATORS_TEXT not in html and "Le panel retient" not in html  # …and shows nothing of the draft
    for path in (f"{REPORT}/v/1", f"{REPORT}.pdf", f"{REPORT}.json", f"{REPORT}.md", f"{REPORT}.polis.zip",
                 f"{REPORT}/v/1.json"):
        assert client.get(path).status_code == 404, path
    assert client.get("/c/inconnue/report").status_code == 404
    assert data["paragraph_count"] > 3


def test_the_published_report_is_open_without_login_and_shows_everything(app, published):
    client = english(app)
    r = client.get(REPORT)
    assert r.status_code == 200 and r.content_type.startswith("text/html")
    html = r.get_data(as_text=True)
    page = parse(html)
    text = unescape(html)
    # Title, question, version and date.
    assert "Conférence test" in text and "Quelle place pour la viande ?" in text
    assert re.search(r"Version 1, published on ", text)
    # Every heading of the document, in order.
    positions = [text.index(h) for h in published["headings"]]
    assert published["headings"] and positions == sorted(positions)
    # Every quote is the participant's exact text inside a blockquote (several lines kept as written).
    with app.app_context():
        quoted_ids = {int(x) for x in re.findall(r'data-argument="(\d+)"', html)}
        visible = {a.id: a.text for a in db.session.scalars(select(Argument).where(Argument.id.in_(quoted_ids)))
                   if a.status.value == "visible"}
    assert published["multi_id"] in visible
    for argument_id, exact in visible.items():
        assert exact in page.quotes, argument_id
    assert MULTI_LINE in page.quotes and QUESTION in page.quotes and ANSWER in page.quotes
    # A quote hidden after it was cited keeps its place and reason, never its text.
    assert LATER_HIDDEN not in text and "Tous des menteurs" not in text and "Hors sujet" in text
    # The software's sentences are marked, with the legend that explains the mark.
    assert 'class="tag tag-software"' in html and 'id="legend"' in html
    assert 'class="para origin-software' in html and 'class="tag tag-expert"' in html
    # Consent counts with the objection's reason (and the objector's role, not their name).
    objections = html[html.index('class="objections"'):]
    objections = unescape(objections[:objections.index("</ul>")])
    assert OBJECTION in objections and PANEL[1] not in objections
    # The accepted correction with its sentence difference.
    assert "<del>" in html and "<ins>" in html and "La date manquait." in text
    # The dissent annex: the statement exactly as written, its signatures, the paragraph it is about.
    annex = parse(section(html, "annex"))
    assert STATEMENT in annex.quotes
    annex_text = unescape(section(html, "annex"))
    assert PANEL[4] in annex_text and PANEL[5] not in annex_text and re.search(r"anonym", annex_text)
    assert any(h.startswith("#p-") for h in annex.hrefs)
    # Evidence: every evidence link leads to an entry with the argument's text and its tally.
    links = {h[1:] for h in page.hrefs if h.startswith("#a-")}
    assert f"a-{published['multi_id']}" in links and links <= page.ids
    entry = html[html.index(f'id="a-{published["multi_id"]}"'):]
    entry = entry[:entry.index("</article>")]
    assert MULTI_LINE in parse(entry).quotes and 'class="tally"' in entry
    # The method statement with its figures, the charts as inline SVG with their tables.
    method = unescape(section(html, "method"))
    assert re.search(r'data-role="panelist"><th scope="row">[^<]+</th><td>8</td><td>8</td>', section(html, "method"))
    assert "toy:32" in method
    charts = section(html, "charts")
    assert charts.count("<svg") == 2 and 'role="img"' in charts and "aria-describedby" in charts
    assert 'id="chart-themes-table"' in charts and 'id="chart-groups-table"' in charts
    # Downloads, the list of versions, and no script at all.
    for suffix in ("/v/1.pdf", "/v/1.json", "/v/1.md"):
        assert f'href="{REPORT}{suffix}"' in html
    assert f'href="{REPORT}.polis.zip"' in html
    assert 'aria-current="page"' in section(html, "versions")
    assert "<script" not in html.split("<main>")[1]
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing fetched from elsewhere


def test_a_new_version_leaves_the_old_one_as_it_was(app, published):
    client = english(app)
    before = section(client.get(f"{REPORT}/v/1").get_data(as_text=True), "document")
    with app.app_context():
        org = db.session.get(Member, published["org_id"])
        paragraphs.reword_paragraph(org, published["paragraph_id"], "Le panel retient finalement trois témoignages.",
                                    deps=using(RecordingPublisher()))
        publication.publish(org, True, "Un chiffre corrigé.", deps=using(RecordingPublisher()))
    v1 = client.get(f"{REPORT}/v/1").get_data(as_text=True)
    assert section(v1, "document") == before
    assert "trois témoignages" not in v1 and "This is an earlier version" in v1
    latest = client.get(REPORT).get_data(as_text=True)
    assert "Le panel retient finalement trois témoignages." in latest and "Un chiffre corrigé." in latest
    assert re.search(r'<li class="current" aria-current="page">\s*<a href="/c/viande/report/v/2"', latest)
    assert client.get(f"{REPORT}/v/2").get_data(as_text=True).count("trois témoignages") >= 1
    assert client.get(f"{REPORT}/v/3").status_code == 404
    assert json.loads(client.get(f"{REPORT}/v/1.json").data)["version"] == 1
    assert json.loads(client.get(f"{REPORT}.json").data)["version"] == 2


def test_an_erased_participant_disappears_from_every_version_and_download(app, published):
    from pypdf import PdfReader

    client = english(app)
    name = published["multi_author"]
    assert name in client.get(REPORT).get_data(as_text=True)  # quoted by name in version 1
    with app.app_context():
        org = db.session.get(Member, published["org_id"])
        erase_member(org, published["panel_ids"][0], deps=using())
        paragraphs.reword_paragraph(org, published["paragraph_id"], "Deux témoignages retenus.",
                                    deps=using(RecordingPublisher()))
        publication.publish(org, True, "Après effacement.", deps=using(RecordingPublisher()))
    for version in ("/v/1", "/v/2", ""):
        html = client.get(REPORT + version).get_data(as_text=True)
        assert name not in unescape(html), version
        assert "participant erased, " in unescape(html), version
        assert MULTI_LINE in parse(html).quotes  # the words stay, anonymised
        for fmt in ("json", "md"):
            body = client.get(f"{REPORT}{version}.{fmt}").get_data(as_text=True)
            assert name not in body and name not in json.dumps(body, ensure_ascii=True), (version, fmt)
    pdf = client.get(f"{REPORT}/v/1.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert name not in " ".join(text.split())


def test_downloads_answer_with_their_content_types(app, published):
    client = app.test_client()
    r = client.get(f"{REPORT}.pdf")
    assert r.status_code == 200 and r.content_type == "application/pdf" and r.data.startswith(b"%PDF-")
    r = client.get(f"{REPORT}.json")
    assert r.status_code == 200 and r.content_type.startswith("application/json")
    assert r.get_json()["status"] == "published" and r.get_json()["conference"]["slug"] == "viande"
    r = client.get(f"{REPORT}/v/1.md")
    assert r.status_code == 200 and r.content_type.startswith("text/markdown")
    assert "attachment" in r.headers["Content-Disposition"] and r.get_data(as_text=True).startswith("# ")
    r = client.get(f"{REPORT}.polis.zip")
    assert r.status_code == 200 and r.content_type == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(r.data))
    names = archive.namelist()
    assert "viande-polis/comments.csv" in names and "viande-polis/votes.csv" in names
    comments = archive.read("viande-polis/comments.csv").decode()
    assert "Tous des menteurs" not in comments  # a hidden argument's place, not its words
    assert client.get(f"{REPORT}/v/7.pdf").status_code == 404
    assert client.get("/c/viande/report.exe").status_code == 404


def test_the_page_speaks_the_chosen_language(app, published):
    client = app.test_client()
    french = client.get(REPORT, headers={"Accept-Language": "fr"}).get_data(as_text=True)
    english = client.get(REPORT, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="fr">' in french and '<html lang="en">' in english
    assert "written by the software" in english and "Dissent annex" in english
