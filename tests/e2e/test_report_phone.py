"""The public report on a phone (360 x 740), in Debian's Chromium against a real `deliberate serve`: no login,
the question in view, no horizontal scroll, a quote's evidence link lands on its evidence entry, and the PDF
download answers. Screenshots go to test-artifacts/ (DELIBERATE_ARTIFACTS), not committed."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import QUESTION, SLUG

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chromium")]  # skipped (failed with CI) without Chromium
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
ARTIFACTS = Path(os.environ.get("DELIBERATE_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
TIMEOUT = 10_000


@pytest.fixture(scope="module")
def published(live_server, tmp_path_factory):
    """Publish a full report in the server's database, through the services, from this process."""
    from deliberate import create_app
    from deliberate.extensions import db
    from deliberate.services.publisher import RecordingPublisher
    from tests.report_conference import build

    app = create_app({
        "TESTING": True, "SECRET_KEY": "e2e-builder", "INSTANCE_PATH": str(tmp_path_factory.mktemp("builder")),
        "SQLALCHEMY_DATABASE_URI": live_server.database_url,
        "DELIBERATE_LIMITS": "off", "DELIBERATE_ANALYSIS": "off", "DELIBERATE_TALLY_INTERVAL": 0, "DELIBERATE_EMBEDDER": "toy:32",
    })
    with app.app_context():
        data = build(SLUG, live_server.invites, RecordingPublisher())
        db.session.remove()
        db.engine.dispose()
    return data


def shot(page, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def test_a_visitor_reads_the_published_report_on_a_phone(live_server, published, new_context):
    context = new_context(**PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    assert context.cookies() == []  # a visitor who never joined
    response = page.goto(live_server.url(f"/c/{SLUG}/report"))
    assert response.status == 200

    question = page.locator(".report-head .question")
    expect(question).to_have_text(QUESTION)
    expect(question).to_be_in_viewport()
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"horizontal scroll: {width}"
    shot(page, "report-phone")

    # The first quote's evidence link: the page moves to the evidence entry, which becomes the :target.
    link = page.locator("figure.quote .evidence-link").first
    argument_id = link.get_attribute("href").removeprefix("#a-")
    quote_text = page.locator("figure.quote blockquote").first.inner_text()
    link.click()
    page.wait_for_function(f"location.hash === '#a-{argument_id}'", timeout=TIMEOUT)
    entry = page.locator(f"#a-{argument_id}")
    expect(entry).to_be_in_viewport()
    assert page.evaluate(f"document.querySelector('#a-{argument_id}').matches(':target')")
    expect(entry.locator("blockquote")).to_have_text(quote_text)
    expect(entry.locator("table.tally")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "report-phone-evidence")

    # Charts are drawn on the server: inline SVG, no script.
    assert page.locator("#charts svg").count() == 2
    assert page.evaluate("document.querySelectorAll('main script').length") == 0
    # The PDF download answers to the same visitor.
    pdf = context.request.get(live_server.url(f"/c/{SLUG}/report.pdf"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body()[:5] == b"%PDF-"
    assert not errors, errors
    shot(page, "report-phone-full", full_page=True)
