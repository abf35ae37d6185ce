"""The participant's list and form in a real browser: a long paste is kept with its error, the stance is chosen
deliberately, and the list is searched, filtered and worked through one argument at a time. A module of its own:
its server stays in deliberation (test_live_browser.py closes posting on its server)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect



from tests.e2e.test_live_browser import TIMEOUT, argument_item, assert_no_js_errors, join, post

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chromium")]  # skipped (failed with CI) without Chromium
SOCKET_URL = re.compile(r"/socket\.io/\?")  # the endpoint, polling and websocket alike (not the vendored script)


def test_a_long_paste_is_kept_and_the_stance_is_chosen_deliberately(live_server, new_context):
    page = join(new_context(), live_server, "panelist", "Denis")
    long_text = "La viande locale coûte plus cher mais fait vivre nos fermes. " * 90  # about 5,500 characters
    page.fill("#post-text", long_text)
    expect(page.locator("#post-text")).to_have_value(long_text)  # not cut at 1,000 by the browser
    expect(page.locator("#post-error")).to_be_visible()
    expect(page.locator("#post-error")).to_contain_text("1\u202f000")  # "la limite est de 1 000", French digits
    expect(page.locator("#post-counter")).to_have_class(re.compile(r"\bover\b"))
    page.click("#post-submit")
    expect(page.locator("#post-text")).to_have_value(long_text)  # nothing sent, nothing lost
    # Shortened but no stance chosen: the form asks for one instead of posting "for" by default.
    page.fill("#post-text", "La viande locale fait vivre nos fermes.")
    expect(page.locator("#post-error")).to_be_hidden()
    expect(page.locator("#post-stance")).to_have_value("")
    page.click("#post-submit")
    expect(page.locator("#post-error")).to_be_visible()
    expect(page.locator("#post-stance")).to_be_focused()
    expect(page.locator("#post-text")).to_have_value("La viande locale fait vivre nos fermes.")
    post(page, "La viande locale fait vivre nos fermes.", "none")
    card = argument_item(page, "fait vivre nos fermes")
    expect(card).to_have_attribute("data-stance", "none", timeout=TIMEOUT)
    expect(page.locator("#post-stance")).to_have_value("")  # the next one starts without a stance again
    assert_no_js_errors(page)


def test_the_list_can_be_searched_filtered_and_worked_through_one_at_a_time(live_server, new_context):
    author = join(new_context(), live_server, "panelist", "Emma")
    texts = {"for": "Les légumineuses remplacent bien la viande à la cantine.",
             "against": "Le goût du rôti du dimanche fait partie de notre culture.",
             "nuance": "Moins de viande, mais de la viande locale et de qualité."}
    for stance, text in texts.items():
        post(author, text, stance)
    reader = join(new_context(), live_server, "panelist", "Fabien")
    for text in texts.values():
        expect(argument_item(reader, text)).to_have_count(1, timeout=TIMEOUT)
    visible = reader.locator("#arguments li.argument:visible")

    reader.fill("#list-search", "LEGUMINEUSES")  # case and accents do not matter
    expect(visible).to_have_count(1)
    expect(visible.first).to_contain_text("légumineuses")
    reader.fill("#list-search", "")
    reader.select_option("#list-stance", "against")
    expect(visible).to_have_count(1)
    expect(visible.first).to_have_attribute("data-stance", "against")
    reader.select_option("#list-stance", "")

    # One at a time: each vote brings the next argument not yet voted on, until none is left.
    reader.select_option("#list-show", "one")
    total = reader.locator("#arguments li.argument").count()  # other tests of the module may have posted too
    seen = set()
    for _ in range(total):
        expect(visible).to_have_count(1, timeout=TIMEOUT)
        card = visible.first
        argument_id = card.get_attribute("data-id")
        assert argument_id not in seen
        seen.add(argument_id)
        card.locator("button.vote-agree").click()
        expect(reader.locator(f'#arguments li[data-id="{argument_id}"]')).to_be_hidden(timeout=TIMEOUT)
    expect(visible).to_have_count(0)
    expect(reader.locator("#list-status")).not_to_be_empty()
    reader.select_option("#list-show", "all")
    expect(visible).to_have_count(total)
    for text in texts.values():
        expect(argument_item(reader, text).locator("button.vote-agree")).to_have_attribute("aria-pressed", "true")
    assert_no_js_errors(author, reader)


def author_and_offline_voter(server, new_context, names: tuple[str, str], text: str):
    """The author posts `text`; the voter sees it, then loses the connection (as a train enters a tunnel)."""
    author = join(new_context(), server, "panelist", names[0])
    post(author, text, "for")
    voter = join(new_context(), server, "panelist", names[1])
    card = argument_item(voter, text)
    expect(card).to_have_count(1, timeout=TIMEOUT)
    voter.evaluate("window.deliberate.socket.disconnect()")
    expect(voter.locator("#connection")).to_have_attribute("data-state", "offline", timeout=TIMEOUT)
    return author, voter, card


def test_a_vote_and_a_post_made_offline_are_sent_once_on_reconnect(live_server, new_context):
    text = "Un repas sans viande par semaine à la cantine suffit."
    author, voter, card = author_and_offline_voter(live_server, new_context, ("Gaëlle", "Hugo"), text)
    card.locator("button.vote-disagree").click()
    expect(card.locator("button.vote-disagree")).to_have_class(re.compile(r"\bpending\b"))
    expect(voter.locator("#outbox-status")).to_be_visible()
    offline_text = "Écrit hors connexion : du poisson local plutôt que de la viande."
    voter.fill("#post-text", offline_text)
    voter.select_option("#post-stance", "nuance")
    voter.locator("#post-submit").dblclick()  # a double click must not post twice
    expect(voter.locator("#post-error")).to_be_visible()
    expect(voter.locator("#post-text")).to_have_value(offline_text)  # kept while it waits

    voter.evaluate("window.deliberate.socket.connect()")
    expect(voter.locator("#connection")).to_have_attribute("data-state", "online", timeout=TIMEOUT)
    expect(card.locator("button.vote-disagree")).to_have_attribute("aria-pressed", "true", timeout=TIMEOUT)
    expect(card.locator("button.vote-disagree")).not_to_have_class(re.compile(r"\bpending\b"))
    expect(voter.locator("#outbox-status")).to_be_hidden(timeout=TIMEOUT)
    expect(voter.locator("#post-text")).to_have_value("", timeout=TIMEOUT)
    # The author (who has not voted) sees the new post once; after voting, the one disagreement.
    expect(argument_item(author, "Écrit hors connexion")).to_have_count(1, timeout=TIMEOUT)
    author_card = argument_item(author, text)
    author_card.locator("button.vote-pass").click()
    expect(author_card.locator(".vote-disagree .n")).to_have_text("1", timeout=TIMEOUT)
    expect(argument_item(voter, "Écrit hors connexion")).to_have_count(1)
    assert_no_js_errors(author, voter)


def test_what_waits_offline_survives_a_reload_and_is_sent_once(live_server, new_context):
    text = "Les menus végétariens coûtent moins cher aux familles."
    author, voter, card = author_and_offline_voter(live_server, new_context, ("Inès", "Jules"), text)
    card.locator("button.vote-agree").click()
    offline_text = "Écrit avant de recharger : des légumes de saison à la cantine."
    voter.fill("#post-text", offline_text)
    voter.select_option("#post-stance", "for")
    voter.click("#post-submit")
    expect(voter.locator("#outbox-status")).to_be_visible()

    # Reloaded while the network is still down (the socket cannot connect): nothing is lost.
    voter.route(SOCKET_URL, lambda route: route.abort())
    voter.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" asked because two commands wait
    voter.reload()
    expect(voter.locator("#outbox-status")).to_be_visible(timeout=TIMEOUT)
    expect(voter.locator("#outbox-status")).to_contain_text("2")
    expect(voter.locator("#post-text")).to_have_value(offline_text)
    expect(voter.locator("#post-submit")).to_be_disabled()

    voter.unroute(SOCKET_URL)
    expect(voter.locator("#connection")).to_have_attribute("data-state", "online", timeout=60_000)
    expect(voter.locator("#outbox-status")).to_be_hidden(timeout=TIMEOUT)
    expect(voter.locator("#post-text")).to_have_value("", timeout=TIMEOUT)
    expect(argument_item(voter, text).locator("button.vote-agree")).to_have_attribute("aria-pressed", "true",
                                                                                     timeout=TIMEOUT)
    # Sent once each: the author sees the post once and, after voting, one agreement.
    expect(argument_item(author, "Écrit avant de recharger")).to_have_count(1, timeout=TIMEOUT)
    author_card = argument_item(author, text)
    author_card.locator("button.vote-pass").click()
    expect(author_card.locator(".vote-agree .n")).to_have_text("1", timeout=TIMEOUT)
    assert voter.evaluate("window.sessionStorage.length") == 0  # the tab's queue is empty once all was answered
    assert_no_js_errors(author, voter)
