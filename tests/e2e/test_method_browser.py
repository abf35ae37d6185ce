"""The method in real browsers: a facilitator (console, 1366 x 900), an expert and two participants (phones,
390 x 844) in separate Chromium contexts. A key question is proposed and selected, a question is answered and the
answer appears live on the other pages, a timer counts down everywhere, a spotlight and a hidden argument's reason
reach the participants. Screenshots of the console, the projector view (1920 x 1080) and the expert's and a
participant's phones are kept in test-artifacts/ (DELIBERATE_ARTIFACTS), not committed."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_live_browser import TIMEOUT, argument_item, assert_no_js_errors, join, wait_live

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chromium")]  # skipped (failed with CI) without Chromium
SLUG = "e2e"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
ARTIFACTS = Path(os.environ.get("DELIBERATE_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))


def shot(page: Page, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def post(page: Page, text: str, kind: str = "argument", stance: str | None = "for", to: str | None = None) -> str:
    """Post from the room's form; return the new card's argument id once the server acknowledged it."""
    page.select_option("#post-kind", kind)
    if stance is not None and page.locator("#post-stance").is_visible():
        page.select_option("#post-stance", stance)
    if to is not None:
        value = page.locator("#post-to option", has_text=to).first.get_attribute("value")
        page.select_option("#post-to", value)
    page.fill("#post-text", text)
    page.click("#post-submit")
    expect(page.locator("#post-text")).to_have_value("", timeout=TIMEOUT)
    card = argument_item(page, text)
    expect(card).to_have_count(1, timeout=TIMEOUT)
    return card.get_attribute("data-id")


def remaining(page: Page) -> int:
    return int(page.locator("#timer").get_attribute("data-remaining") or -1)


def test_a_facilitator_runs_preparation_and_hearing_for_an_expert_and_two_participants(live_server, new_context):
    facilitator = join(new_context(viewport={"width": 1366, "height": 900}), live_server, "facilitator", "Fanny")
    facilitator.goto(live_server.url(f"/c/{SLUG}/facilitate"))
    wait_live(facilitator)
    expert = join(new_context(**PHONE), live_server, "expert", "Dr Sophie Lemaire")
    alice = join(new_context(**PHONE), live_server, "panelist", "Alice")
    bruno = join(new_context(**PHONE), live_server, "public", "Bruno")
    participants = (alice, bruno)

    # Preparation: Alice proposes a key question; the facilitator puts it on the agenda; Alice sees it there.
    key_text = "Quels risques la charcuterie fait-elle courir aux enfants ?"
    key_id = post(alice, key_text, kind="key_question", stance=None)
    row = facilitator.locator(f"#key-questions li:has(#kq-text-{key_id})")
    expect(row).to_have_count(1, timeout=TIMEOUT)
    row.locator(".controls input[type=number]").fill("20")
    row.locator(".controls button").first.click()
    expect(alice.locator(f"#arg-{key_id} .badge.agenda")).to_have_count(1, timeout=TIMEOUT)
    expect(facilitator.locator("#agenda")).to_contain_text(key_text, timeout=TIMEOUT)

    # Hearing: Bruno asks the expert; the expert answers from her own view; the answer reaches both participants.
    facilitator.select_option("#phase-select", "hearing")
    facilitator.click("#set-phase")
    for page in (expert, alice, bruno):
        expect(page.locator("#phase")).to_have_text(re.compile("Audition", re.I), timeout=TIMEOUT)
    question = "Combien de litres d'eau faut-il pour un kilo de bœuf ?"
    question_id = post(bruno, question, kind="question", stance=None, to="Dr Sophie Lemaire")
    mine = expert.locator("#for-me-mine li.for-me-item", has_text=question)
    expect(mine).to_have_count(1, timeout=TIMEOUT)
    # Screen readers hear it in the status region, without the focus moving; the asker hears nothing of his own.
    expect(expert.locator("#announcer[role=status]")).to_contain_text(question, timeout=TIMEOUT)
    expect(bruno.locator("#announcer")).not_to_contain_text(question)
    expect(bruno.locator(f"#arg-{question_id} .votes")).to_have_count(0)  # questions are answered, not voted
    answer = "Cela dépend surtout de l'herbe : un élevage à l'herbe consomme peu d'eau d'irrigation."
    expert.fill(f"#answer-text-{question_id}", answer)
    mine.locator(".answer-form button").click()
    for page in participants:
        expect(page.locator(f"#arg-{question_id}")).to_contain_text(answer, timeout=TIMEOUT)
        expect(page.locator(f"#arg-{question_id} .badge.answered")).to_have_count(1)
    expect(bruno.locator("#announcer")).to_contain_text(f"Votre question n° {question_id} a une réponse",
                                                        timeout=TIMEOUT)
    expect(alice.locator("#announcer")).to_contain_text(f"Réponse à la question n° {question_id}", timeout=TIMEOUT)
    expect(bruno.locator("#announcer")).to_contain_text(answer[:40])

    # The facilitator starts a timer: it counts down on every page.
    facilitator.fill("#timer-minutes", "2")
    facilitator.fill("#timer-text", "Question clé n° 1")
    facilitator.click("#timer-start")
    for page in (expert, alice, bruno):
        expect(page.locator("#timer-box")).to_be_visible(timeout=TIMEOUT)
        expect(page.locator("#timer-label")).to_have_text("Question clé n° 1")
        page.wait_for_function("() => Number(document.getElementById('timer').dataset.remaining) > 100",
                               timeout=TIMEOUT)
    first = remaining(bruno)
    bruno.wait_for_function(f"() => Number(document.getElementById('timer').dataset.remaining) < {first}",
                            timeout=TIMEOUT)

    # A spotlight, then a hidden argument's reason, reach the participants.
    argument = "Les prairies d'Auvergne stockent du carbone dans le sol."
    argument_id = post(alice, argument, stance="against")
    facilitator.fill("#spotlight-id", argument_id)
    facilitator.click("#spotlight-go")
    for page in participants:
        expect(page.locator("#spotlight")).to_be_visible(timeout=TIMEOUT)
        expect(page.locator("#spotlight")).to_contain_text(argument)
    off_topic_id = post(bruno, "Qui a vu le match de l'ASM samedi ?", stance="nuance")
    desk = facilitator.locator(f'#arguments li[data-id="{off_topic_id}"]')
    expect(desk).to_have_count(1, timeout=TIMEOUT)
    desk.locator(".moderate input.reason").fill("Hors sujet")
    desk.locator(".moderate button").click()
    for page in participants:
        hidden = page.locator(f"#arg-{off_topic_id}")
        expect(hidden.locator(".moderation")).to_contain_text("Hors sujet", timeout=TIMEOUT)
        expect(hidden).not_to_contain_text("match de l'ASM")

    # Pictures to look at: the console, the projector, the expert's and a participant's phone.
    expect(facilitator.locator("#console")).to_be_visible()
    shot(facilitator, "console-1366x900")
    shot(facilitator, "console-1366x900-full", full_page=True)
    screen = facilitator.context.new_page()
    screen.on("pageerror", lambda exc: facilitator.js_errors.append(str(exc)))
    screen.set_viewport_size({"width": 1920, "height": 1080})
    screen.goto(live_server.url(f"/c/{SLUG}/screen"))
    expect(screen.locator("#connection")).to_have_attribute("data-state", "online", timeout=TIMEOUT)
    expect(screen.locator("#screen-spotlight")).to_contain_text(argument, timeout=TIMEOUT)
    size = screen.evaluate("() => ({w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight})")
    assert size["w"] <= 1920 and size["h"] <= 1080, f"the projector view scrolls: {size}"
    shot(screen, "projector-1920x1080")
    shot(expert, "expert-390x844", full_page=True)
    shot(bruno, "participant-390x844")
    for page in (expert, bruno):
        widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"horizontal scroll on a phone: {widths}"
    assert_no_js_errors(facilitator, expert, alice, bruno)
