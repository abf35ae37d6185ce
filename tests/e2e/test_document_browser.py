"""The consensus document in real browsers, on a real `deliberate serve`: a conference seeded through the services
(arguments, votes by several panelists and the public, a question answered by an expert), then an organiser and a
facilitator on their consoles (1366 x 900), a panelist on a 360 px phone and an expert on a phone. The organiser
moves to drafting and generates the draft; the facilitator rewords a paragraph and adds one; the panelist sees the
change live, agrees to one paragraph, objects to the other with a reason (the facilitator sees the objection) and
writes a minority statement signed anonymously; in review the expert proposes a correction of facts, the facilitator
accepts it and the panelist sees the difference and is asked again; the organiser publishes through the
confirmation dialog; the panelist's room leads to the report, and a visitor is sent there. Screenshots go to
test-artifacts/ (DELIBERATE_ARTIFACTS), never committed."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_live_browser import TIMEOUT, assert_no_js_errors, join
from tests.helpers import using

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chromium")]  # skipped (failed with CI) without Chromium
SLUG = "e2e"
DESK = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 360, "height": 780}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DRAFT_TIMEOUT = 120_000  # the draft brings the analysis up to date first (embedder load, clustering)
ARTIFACTS = Path(os.environ.get("DELIBERATE_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))

ARGUMENTS = [
    ("Servir moins de viande à la cantine, mais locale et de meilleure qualité.", "for"),
    ("Un menu végétarien quotidien réduit les émissions de gaz à effet de serre.", "for"),
    ("Les élevages à l'herbe d'Auvergne entretiennent les paysages et stockent du carbone.", "against"),
    ("Pour certains enfants, la cantine est le seul repas complet de la journée.", "against"),
    ("La charcuterie en excès augmente le risque de cancer colorectal.", "for"),
    ("Les traditions culinaires de la région reposent sur la viande.", "against"),
    ("Il faut former les cuisiniers aux plats végétariens pour éviter le gaspillage.", "nuance"),
    ("L'origine de la viande devrait être affichée partout, y compris au restaurant.", "nuance"),
]
QUESTION = "Un élevage à l'herbe consomme-t-il beaucoup d'eau ?"
ANSWER = "Peu : l'herbe est arrosée par la pluie, l'irrigation reste faible en Auvergne."


def seed(server) -> None:
    """Members, arguments, votes and an expert's answer, written through the services into the server's
    database (nothing is announced: the browsers join afterwards and get it in their snapshot)."""
    from deliberate import create_app
    from deliberate.extensions import db
    from deliberate.services import conferences
    from deliberate.services.room import arguments
    from deliberate.services.members import membership
    from deliberate.services.room import votes
    from deliberate.services.method import answers
    from deliberate.services.publisher import RecordingPublisher

    app = create_app({
        "TESTING": True, "SECRET_KEY": "seed", "INSTANCE_PATH": str(server.instance),
        "SQLALCHEMY_DATABASE_URI": server.database_url,
        "DELIBERATE_ANALYSIS": "off", "DELIBERATE_TALLY_INTERVAL": 0, "DELIBERATE_PUBLISHER": RecordingPublisher(),
        "DELIBERATE_LIMITS": "off",
    })
    with app.app_context():
        def member(role, name):
            return membership.join(SLUG, server.invites[role], name, deps=using())[0]

        organiser = member("organiser", "Odile (seed)")
        conferences.set_phase(organiser, "deliberation", deps=using())
        panel = [member("panelist", f"Panéliste {i}") for i in range(1, 7)]
        public = [member("public", f"Public {i}") for i in range(1, 4)]
        expert = member("expert", "Dr Lemaire")
        ids = [arguments.post_argument(panel[i % len(panel)], text, stance, deps=using()).id
               for i, (text, stance) in enumerate(ARGUMENTS)]
        # Two camps that agree on the last two arguments: a split and a consensus for the draft to find.
        for n, voter in enumerate(panel + public):
            camp = n % 2
            for j, argument_id in enumerate(ids):
                value = 1 if j >= 6 else (1 if (ARGUMENTS[j][1] == "for") == (camp == 0) else -1)
                votes.cast_vote(voter, argument_id, value, deps=using())
        question = arguments.post_argument(panel[0], QUESTION, None, kind="question", deps=using())
        answers.answer_question(expert, question.id, ANSWER, deps=using())
        db.session.remove()
        db.engine.dispose()


def shot(page: Page, name: str, full_page: bool = False, locator=None) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = str(ARTIFACTS / f"{name}.png")
    (locator or page).screenshot(path=path, **({"full_page": full_page} if locator is None else {}))


def wait_phase(page: Page, phase: str) -> None:
    page.wait_for_function(f"() => window.deliberate.state.phase === '{phase}' && window.deliberate.state.ready",
                           timeout=TIMEOUT)


def console(page: Page, server) -> Page:
    page.goto(server.url(f"/c/{SLUG}/facilitate"))
    expect(page.locator("#connection")).to_have_attribute("data-state", "online", timeout=TIMEOUT)
    page.wait_for_function("() => window.deliberate.state.ready", timeout=TIMEOUT)
    return page


def no_horizontal_scroll(page: Page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"horizontal scroll on a phone: {widths}"


def small_controls(page: Page, root: str) -> list[str]:
    """Buttons (and checkbox or radio rows) under 44 px tall in a visible part of the page."""
    return page.evaluate("""(root) => [...document.querySelectorAll(root + ' button, ' + root + ' label.choice')]
        .filter((b) => b.offsetParent !== null && b.getBoundingClientRect().height < 43.5)
        .map((b) => b.textContent.trim() + ': ' + b.getBoundingClientRect().height)""", root)


def test_draft_consent_dissent_review_and_publication_in_browsers(live_server, new_context):
    seed(live_server)
    organiser = console(join(new_context(**DESK), live_server, "organiser", "Olga"), live_server)
    facilitator = console(join(new_context(**DESK), live_server, "facilitator", "Fanny"), live_server)
    alice = join(new_context(**PHONE), live_server, "panelist", "Alice")
    expert = join(new_context(**PHONE), live_server, "expert", "Dr Sophie Lemaire")
    pages = (organiser, facilitator, alice, expert)
    alice.evaluate("() => { window.__sameDocument = true; }")  # gone if the page were reloaded

    # The organiser moves to drafting: the document replaces the posting form in the room.
    organiser.select_option("#phase-select", "drafting")
    organiser.click("#set-phase")
    for page in pages:
        wait_phase(page, "drafting")
    expect(alice.locator("#document")).to_be_visible(timeout=TIMEOUT)
    # The document comes first; the posting form below it is closed.
    assert alice.evaluate("() => !!(document.getElementById('document').compareDocumentPosition("
                          "document.getElementById('post-card')) & Node.DOCUMENT_POSITION_FOLLOWING)")
    expect(alice.locator("#post-submit")).to_be_disabled()
    expect(alice.locator("#doc-empty")).to_be_visible()

    # ... and generates the first draft from the analysis; it reaches every page.
    expect(organiser.locator("#panel-document")).to_be_visible()
    organiser.click("#doc-generate")
    expect(organiser.locator("#doc-rows > li").first).to_be_visible(timeout=DRAFT_TIMEOUT)
    for page in (facilitator, alice):
        expect(page.locator("#doc-rows > li, #doc-paragraphs > li").first).to_be_visible(timeout=TIMEOUT)
    expect(alice.locator('#doc-paragraphs > li[data-origin="software"]').first).to_be_visible()
    expect(alice.locator("#doc-paragraphs .origin-software").first).to_be_visible()
    first = facilitator.locator('#doc-rows > li[data-kind="text"]').first
    a_id = first.get_attribute("data-id")

    # The facilitator rewords the first paragraph; the panelist sees the new wording live, without a reload.
    reworded = ("Le panel recommande de servir moins de viande à la cantine, mais locale. "
                "Les élevages à l'herbe consomment beaucoup d'eau d'irrigation.")
    first.locator("button.edit").click()
    facilitator.fill(f"#doc-edit-{a_id}", reworded)
    first.locator("form.edit-form button[type=submit]").click()
    expect(first.locator(".para-body")).to_have_text(reworded, timeout=TIMEOUT)
    para_a = alice.locator(f"#para-{a_id}")
    expect(para_a.locator(".para-body")).to_have_text(reworded, timeout=TIMEOUT)
    expect(para_a).to_have_attribute("data-origin", "facilitators")
    assert alice.evaluate("() => window.__sameDocument === true"), "the room was reloaded"

    # ... and adds a paragraph of her own at the end.
    added = "Les cantines servent un menu végétarien chaque jour de la semaine."
    facilitator.click("#doc-add-end")
    facilitator.fill("#doc-add-text", added)
    facilitator.locator("#doc-actions form.add-form button[type=submit]").click()
    new_row = facilitator.locator("#doc-rows > li", has=facilitator.locator(".para-body", has_text=added))
    expect(new_row).to_have_count(1, timeout=TIMEOUT)
    b_id = new_row.get_attribute("data-id")
    para_b = alice.locator(f"#para-{b_id}")
    expect(para_b.locator(".para-body")).to_have_text(added, timeout=TIMEOUT)
    # ... and moves it up one place: the room follows.
    place = f"() => [...document.querySelectorAll('#doc-paragraphs > li')].findIndex((li) => li.dataset.id === '{b_id}')"
    before = alice.evaluate(place)
    new_row.locator("button.move-up").click()
    alice.wait_for_function(f"() => ({place})() === {before - 1}", timeout=TIMEOUT)

    # The panelist agrees to the reworded paragraph and objects to the added one, with a reason.
    para_a.locator("button.consent-agree").click()
    expect(para_a.locator("button.consent-agree")).to_have_attribute("aria-pressed", "true", timeout=TIMEOUT)
    expect(para_a.locator("button.consent-agree")).to_be_focused()  # rebuilt, the focus stays on it
    expect(para_a.locator('.chip-agree .n')).to_have_text("1", timeout=TIMEOUT)
    expect(para_a.locator(".consent-counts")).to_have_attribute("aria-live", "polite")
    para_b.locator("button.consent-object").click()
    reason = "Chaque jour, c'est trop : le panel a parlé d'un menu végétarien par semaine."
    expect(alice.locator(f"#object-reason-{b_id}")).to_be_focused()
    para_b.locator("form.objection-form button[type=submit]").click()  # no reason: the form stays, nothing sent
    expect(alice.locator(f"#object-reason-{b_id}")).to_be_visible()
    expect(para_b.locator("button.consent-object")).to_have_attribute("aria-pressed", "false")
    alice.fill(f"#object-reason-{b_id}", reason)
    para_b.locator("form.objection-form button[type=submit]").click()
    expect(para_b.locator("button.consent-object")).to_have_attribute("aria-pressed", "true", timeout=TIMEOUT)
    # The facilitator's console shows the objection and its reason: where to rework.
    desk_b = facilitator.locator(f"#doc-row-{b_id}")
    expect(desk_b.locator(".objection-list")).to_contain_text(reason, timeout=TIMEOUT)
    expect(desk_b.locator(".chip-object .n")).to_have_text("1")
    expect(facilitator.locator(f'#doc-overview a[href="#doc-row-{b_id}"]')).to_have_count(1)
    expect(facilitator.locator(f"#doc-row-{a_id} .chip-agree .n")).to_have_text("1", timeout=TIMEOUT)

    # A minority statement, attached to the added paragraph and signed anonymously.
    statement = "Nous ne voulons pas imposer un menu sans viande chaque jour aux familles."
    alice.fill("#statement-text", statement)
    alice.locator(f'#statement-paragraphs input[value="{b_id}"]').check()
    expect(alice.locator("#statement-anonymous")).to_be_checked()
    alice.click("#statement-submit")
    item = alice.locator("#statement-list > li.statement", has_text=statement)
    expect(item).to_have_count(1, timeout=TIMEOUT)
    expect(item.locator(".signatures")).not_to_contain_text("Alice")
    expect(alice.locator("#statement-text")).to_have_value("")
    expect(para_b.locator(".statement-refs a")).to_have_count(1, timeout=TIMEOUT)
    expect(facilitator.locator("#doc-console-statements")).to_contain_text(statement, timeout=TIMEOUT)
    expect(facilitator.locator("#doc-console-statements")).not_to_contain_text("Alice")

    # Pictures: the room on a 360 px phone, the console's document panel.
    alice.evaluate(f"() => document.getElementById('para-{a_id}').scrollIntoView()")
    shot(alice, "document-room-360")
    shot(alice, "document-room-360-full", full_page=True)
    shot(alice, "document-statements-360", locator=alice.locator("#statements"))
    shot(facilitator, "document-console-1366")
    shot(facilitator, "document-console-panel", locator=facilitator.locator("#panel-document"))
    no_horizontal_scroll(alice)
    assert small_controls(alice, "#room") == []

    # History of the reworded paragraph: drafted, then reworded.
    para_a.locator("button.history-toggle").click()
    expect(para_a.locator("ol.history > li")).to_have_count(2, timeout=TIMEOUT)
    para_a.locator("button.history-toggle").click()
    expect(para_a.locator("ol.history")).to_have_count(0)

    # Review. A facilitator who is not an organiser cannot publish from "Next phase": she is told so.
    organiser.click("#next-phase")
    for page in pages:
        wait_phase(page, "review")
    facilitator.click("#next-phase")
    expect(facilitator.locator("#steer-error")).to_be_visible()
    expect(facilitator.locator("#publish-dialog")).not_to_be_visible()
    wait_phase(facilitator, "review")

    # The expert proposes a correction of facts on the reworded paragraph.
    corrected = ("Le panel recommande de servir moins de viande à la cantine, mais locale. "
                 "Les élevages à l'herbe consomment peu d'eau d'irrigation.")
    expert_a = expert.locator(f"#para-{a_id}")
    expert_a.locator("button.propose-button").click()
    expect(expert.locator(f"#correction-text-{a_id}")).to_have_value(reworded)
    expert.fill(f"#correction-text-{a_id}", corrected)
    expert.fill(f"#correction-reason-{a_id}", "L'herbe est arrosée par la pluie (Institut de l'élevage, 2023).")
    expert_a.locator("form.correction-form button[type=submit]").click()
    expect(expert_a.locator(".correction.status-proposed")).to_have_count(1, timeout=TIMEOUT)
    expect(expert_a.locator(".correction.mine")).to_have_count(1)
    shot(expert, "document-expert-390")

    # The facilitator records the panel's decision: accepted. The panelist sees the difference, asked again.
    desk_a = facilitator.locator(f"#doc-row-{a_id}")
    correction = desk_a.locator(".correction.status-proposed")
    expect(correction).to_have_count(1, timeout=TIMEOUT)
    correction.locator("input[type=text]").fill("Le panel accepte : c'est un fait vérifiable.")
    correction.locator("button.accept").click()
    expect(desk_a.locator(".correction.status-accepted")).to_have_count(1, timeout=TIMEOUT)
    accepted = para_a.locator(".correction.status-accepted")
    expect(accepted).to_have_count(1, timeout=TIMEOUT)
    expect(accepted.locator(".diff del")).to_contain_text("beaucoup d'eau")
    expect(accepted.locator(".diff ins")).to_contain_text("peu d'eau")
    expect(accepted).to_contain_text("c'est un fait vérifiable")
    expect(para_a.locator(".para-body")).to_have_text(corrected)
    expect(para_a).to_have_attribute("data-origin", "expert")
    expect(para_a.locator(".asked-again")).to_be_visible()
    expect(para_a.locator("button.consent-agree")).to_have_attribute("aria-pressed", "false")
    alice.evaluate(f"() => document.getElementById('para-{a_id}').scrollIntoView()")
    shot(alice, "document-room-360-corrected")
    no_horizontal_scroll(alice)

    # The organiser publishes through the confirmation dialog (never one click).
    organiser.click("#next-phase")
    dialog = organiser.locator("#publish-dialog")
    expect(dialog).to_be_visible()
    assert organiser.evaluate("() => document.getElementById('publish-dialog').open")
    expect(dialog.locator("a")).to_have_attribute("href", f"/c/{SLUG}/report")
    shot(organiser, "document-publish-dialog")
    organiser.click("#publish-cancel")
    expect(dialog).not_to_be_visible()
    wait_phase(organiser, "review")
    organiser.click("#doc-publish")
    expect(dialog).to_be_visible()
    organiser.fill("#publish-note", "Première version, relue par le panel.")
    organiser.click("#publish-confirm")
    expect(dialog).not_to_be_visible(timeout=TIMEOUT)
    for page in pages:
        wait_phase(page, "published")
    expect(organiser.locator("#doc-published")).to_be_visible(timeout=TIMEOUT)
    expect(organiser.locator("#doc-report-link")).to_have_attribute("href", f"/c/{SLUG}/report")
    expect(organiser.locator('#doc-versions a[href$="/report/v/1"]')).to_have_count(1)

    # The panelist's room leads to the report and shows the document read only.
    banner = alice.locator("#published-banner")
    expect(banner).to_be_visible(timeout=TIMEOUT)
    expect(banner.locator("a")).to_have_attribute("href", f"/c/{SLUG}/report")
    expect(alice.locator("#document")).to_be_visible()
    expect(alice.locator("#doc-read-only")).to_be_visible()
    expect(alice.locator("#doc-paragraphs button.consent-agree")).to_have_count(0)
    expect(alice.locator("#statement-form")).to_be_hidden()
    alice.evaluate("() => window.scrollTo(0, 0)")
    shot(alice, "document-room-360-published")
    no_horizontal_scroll(alice)
    assert alice.evaluate("() => window.__sameDocument === true"), "the room was reloaded"

    # A visitor without membership who opens the conference is sent to the public report.
    visitor = new_context().new_page()
    visitor.goto(live_server.url(f"/c/{SLUG}"))
    expect(visitor).to_have_url(re.compile(rf"/c/{SLUG}/report$"))
    assert_no_js_errors(*pages)
