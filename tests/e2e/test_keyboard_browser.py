"""A panelist's journey with the keyboard only, in Chromium against a real `deliberate serve`: join with an invite
code, post an argument, vote on it. Only `page.keyboard` moves and acts (Tab, Shift+Tab, Enter, Space, arrows,
typing); every control the focus reaches must show it: an outline or a shadow, in a colour that stands out (3:1)
from the background around it."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SLUG

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chromium")]  # skipped (failed with CI) without Chromium
TIMEOUT = 15_000
MAX_TABS = 80  # more stops than any page here has before the control a test looks for

# Page-script helpers: WCAG's contrast ratio of two colours, the nearest opaque background behind an element.
COLOURS = """
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const linear = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const lum = ([r, g, b]) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  const ratio = (x, y) => { const [hi, lo] = [lum(x), lum(y)].sort((p, q) => q - p);
    return Math.round((hi + 0.05) / (lo + 0.05) * 100) / 100; };
  const behind = (e) => {
    for (let a = e.parentElement; a; a = a.parentElement) {
      const c = rgb(getComputedStyle(a).backgroundColor);
      if (c.length === 3 || c[3] > 0.9) return c;
    }
    return [255, 255, 255];
  };
"""
# Whether an element's focus ring shows, and the contrast of its colour with what is behind it (the ring is drawn
# outside the element, so the element's own fill does not count).
RING = "(e) => {" + COLOURS + """
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
  return {name: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : "")
            + " «" + (e.textContent || e.value || "").trim().slice(0, 30) + "»",
          shown: outline || s.boxShadow !== "none",
          contrast: ratio(rgb(outline ? s.outlineColor : s.boxShadow), behind(e))};
}"""
FOCUS = f"() => {{ const e = document.activeElement; return e && e !== document.body ? ({RING})(e) : null; }}"


def tab_to(page: Page, selector: str, seen: list[str], backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focus is on `selector`, checking the ring on every stop."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        check_focus(page, seen)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with the keyboard in {MAX_TABS} stops; reached: {seen[-12:]}")


def check_focus(page: Page, seen: list[str]) -> None:
    focus = page.evaluate(FOCUS)
    if focus is None:
        return
    seen.append(focus["name"])
    assert focus["shown"], f"no visible focus on {focus['name']}"
    assert focus["contrast"] >= 3, f"focus ring of {focus['name']} has a contrast of {focus['contrast']}:1"


def test_a_panelist_joins_posts_and_votes_with_the_keyboard_only(live_server, new_context):
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    seen: list[str] = []
    page.goto(live_server.url(f"/c/{SLUG}/join"))

    # Join: code, name, then Enter on the button.
    tab_to(page, "input[name=invite_code]", seen)
    page.keyboard.type(live_server.invites["panelist"])
    tab_to(page, "input[name=display_name]", seen)
    page.keyboard.type("Clavier Seul")
    tab_to(page, "form:has(input[name=invite_code]) button[type=submit]", seen)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/c/{SLUG}$"), timeout=TIMEOUT)
    expect(page.locator("#connection")).to_have_attribute("data-state", "online", timeout=TIMEOUT)
    page.wait_for_function("() => window.deliberate && window.deliberate.state.ready", timeout=TIMEOUT)

    # Post: the text, a stance chosen with the arrow keys, then Space on "Post".
    text = "Un repas végétarien par semaine à la cantine, tapé au clavier."
    tab_to(page, "#post-text", seen)
    page.keyboard.type(text)
    tab_to(page, "#post-stance", seen)
    page.keyboard.press("ArrowDown")  # from the disabled "Choose…" to the first stance
    expect(page.locator("#post-stance")).to_have_value("for")
    tab_to(page, "#post-kind", seen, backwards=True)  # Shift+Tab goes back, the ring follows
    expect(page.locator("#post-kind")).to_have_value("argument")
    tab_to(page, "#post-submit", seen)
    page.keyboard.press("Space")
    expect(page.locator("#post-text")).to_have_value("", timeout=TIMEOUT)
    card = page.locator("#arguments li.argument").filter(has=page.locator("p.text", has_text=text))
    expect(card).to_have_count(1, timeout=TIMEOUT)
    argument_id = card.get_attribute("data-id")

    # Vote on it: Tab down to its "agree" button, Enter.
    agree = f'#arguments li[data-id="{argument_id}"] button.vote-agree'
    tab_to(page, agree, seen)
    page.keyboard.press("Enter")
    expect(page.locator(agree)).to_have_attribute("aria-pressed", "true", timeout=TIMEOUT)
    expect(page.locator(agree)).to_be_focused()  # the focus stays where the voter is
    check_focus(page, seen)
    assert not errors, errors
