"""End-to-end: real server subprocess, headless Debian Chromium, several people in separate browser contexts.

Run: .venv/bin/python -m pytest tests/e2e -q
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chromium")]  # skipped (failed with CI) without Chromium

SLUG = "e2e"  # created by the live_server fixture

TIMEOUT = 10_000  # ms, for anything that crosses the network (socket events, page loads)


def join(context, server, role: str, name: str, slug: str = SLUG, invites: dict | None = None) -> Page:
    """Open the join page, enter the role's invite code and a name, land in the live room. Another conference
    than `e2e`: its slug and the invite codes `conference create` printed for it."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors  # checked by the tests at the end
    page.goto(server.url(f"/c/{slug}/join"))
    page.fill("input[name=invite_code]", (invites or server.invites)[role])
    page.fill("input[name=display_name]", name)
    with page.expect_navigation():
        page.locator("form:has(input[name=invite_code]) button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/c/{slug}$"), timeout=TIMEOUT)
    wait_live(page)
    return page


def wait_live(page: Page) -> None:
    """Connected, and the join snapshot has been applied (the argument list was rendered by live.js)."""
    expect(page.locator("#connection")).to_have_attribute("data-state", "online", timeout=TIMEOUT)
    expect(page.locator("#phase")).to_be_visible()
    expect(page.locator("#phase")).not_to_be_empty()
    page.wait_for_function(
        "() => !document.getElementById('no-arguments').hidden"
        " || document.getElementById('argument-count').textContent !== ''",
        timeout=TIMEOUT,
    )


def post(page: Page, text: str, stance: str) -> None:
    page.fill("#post-text", text)
    page.select_option("#post-stance", stance)
    page.click("#post-submit")
    # The form is cleared only once the server acknowledged the committed argument.
    expect(page.locator("#post-text")).to_have_value("", timeout=TIMEOUT)
    expect(page.locator("#post-error")).to_be_hidden()


def argument_item(page: Page, text: str):
    return page.locator("#arguments li.argument").filter(has=page.locator("p.text", has_text=text))


def assert_no_js_errors(*pages: Page) -> None:
    for page in pages:
        assert page.js_errors == [], f"JavaScript errors on {page.url}: {page.js_errors}"


def test_argument_and_vote_reach_another_browser_live(live_server, new_context):
    page_a = join(new_context(), live_server, "panelist", "Alice")
    page_b = join(new_context(), live_server, "panelist", "Bruno")

    text = "Réduire <b>pas du gras</b> & « viande » : 50 % d'ici 2030 ? <script>alert(1)</script>"
    post(page_a, text, "against")

    # B sees it without reload, as text: the markup is shown literally, never parsed.
    item_b = argument_item(page_b, "pas du gras")
    expect(item_b).to_have_count(1, timeout=TIMEOUT)
    expect(item_b.locator("p.text")).to_have_text(text)
    expect(item_b).to_contain_text("<b>pas du gras</b>")
    expect(item_b.locator("b")).to_have_count(0)
    expect(item_b.locator("script")).to_have_count(0)
    expect(item_b).to_have_attribute("data-stance", "against")
    expect(item_b.locator(".author")).to_contain_text("Alice")
    argument_id = item_b.get_attribute("data-id")
    assert argument_id and argument_id.isdigit()

    # A's own copy (from the ack and the broadcast) is there once, also escaped.
    item_a = page_a.locator(f'#arguments li[data-id="{argument_id}"]')
    expect(item_a).to_have_count(1)
    expect(item_a.locator("b")).to_have_count(0)
    # No herding: a participant sees no count on an argument before voting on it.
    expect(item_a.locator(".vote-agree .n")).to_be_hidden()
    expect(page_a.locator("#counts-after-vote")).to_be_visible()

    # B agrees and sees the counts at once (from the ack).
    button_b = page_b.locator(f'#arguments li[data-id="{argument_id}"] button.vote-agree')
    button_b.click()
    expect(button_b).to_have_attribute("aria-pressed", "true", timeout=TIMEOUT)
    expect(button_b.locator(".n")).to_have_text("1", timeout=TIMEOUT)
    # A votes too; then A's counts follow B's vote and A's own, live.
    item_a.locator("button.vote-pass").click()
    expect(item_a.locator(".vote-agree .n")).to_have_text("1", timeout=TIMEOUT)
    expect(item_a.locator(".vote-disagree .n")).to_have_text("0")
    expect(item_a.locator(".vote-pass .n")).to_have_text("1")
    expect(button_b.locator(".n")).to_have_text("1")
    expect(page_b.locator(f'#arguments li[data-id="{argument_id}"] .vote-pass .n')).to_have_text("1", timeout=TIMEOUT)
    assert_no_js_errors(page_a, page_b)


def test_facilitator_hides_argument_and_closes_posting(live_server, new_context):
    panelist = join(new_context(), live_server, "panelist", "Chloé")
    post(panelist, "Les cantines devraient proposer un menu végétarien quotidien.", "for")
    item = argument_item(panelist, "menu végétarien quotidien")
    expect(item).to_have_count(1, timeout=TIMEOUT)
    argument_id = item.get_attribute("data-id")

    facilitator = join(new_context(), live_server, "facilitator", "Fanny")
    facilitator.goto(live_server.url(f"/c/{SLUG}/facilitate"))
    wait_live(facilitator)
    desk_item = facilitator.locator(f'#arguments li[data-id="{argument_id}"]')
    expect(desk_item).to_have_count(1, timeout=TIMEOUT)

    # Hide with a reason: on the panelist's page, without reload, the text gives way to the published reason.
    desk_item.locator(".moderate input.reason").fill("Hors sujet")
    desk_item.locator(".moderate button").click()
    hidden = panelist.locator(f'#arguments li[data-id="{argument_id}"]')
    expect(hidden.locator(".moderation")).to_contain_text("Hors sujet", timeout=TIMEOUT)
    expect(hidden.locator("p.text")).to_have_count(0)
    expect(hidden).not_to_contain_text("menu végétarien quotidien")
    # The facilitator keeps it, marked hidden with its reason.
    expect(desk_item).to_have_class(re.compile(r"\bhidden-arg\b"), timeout=TIMEOUT)
    expect(desk_item.locator(".moderation")).to_contain_text("Hors sujet")

    # Drafting phase: the panelist's form closes without reload.
    facilitator.select_option("#phase-select", "drafting")
    facilitator.click("#set-phase")
    expect(facilitator.locator("#steer-error")).to_be_hidden()
    expect(panelist.locator("#post-text")).to_be_disabled(timeout=TIMEOUT)
    expect(panelist.locator("#post-submit")).to_be_disabled()
    expect(panelist.locator("#post-closed")).to_be_visible()
    expect(panelist.locator("#phase")).to_have_text(facilitator.locator("#phase").inner_text(), timeout=TIMEOUT)
    assert_no_js_errors(panelist, facilitator)


def test_room_fits_a_phone_screen(live_server, new_context):
    """On a conference of its own, open for posting, whatever the module's other tests did to `e2e`'s phase."""
    from tests.e2e.journeys import create_conference

    own = create_conference(live_server, "telephone", "Conférence sur téléphone", "Quelle place pour la viande ?")
    context = new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                          is_mobile=True, has_touch=True)
    page = own.join(context, live_server, "panelist", "Dominique Lefèvre-Martin")
    expect(page.locator("#post-text")).to_be_enabled(timeout=TIMEOUT)
    expect(page.locator("#post-submit")).to_be_visible()
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})")
    assert widths["scroll"] <= widths["client"], f"horizontal scroll on a 390 px phone: {widths}"
    box = page.locator("#post-submit").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= widths["client"], box
    assert_no_js_errors(page)
