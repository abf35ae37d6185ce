"""The acceptance suite: one journey per kind of user, each through the pages as a person would (clicks and typing
in Debian's Chromium against a real `deliberate serve`), asserting what that person sees. Participant (join,
post, vote, filter, ask an expert), facilitator (phase, timer, spotlight, moderation), expert (answer), organiser
(draft, consent, publish) and reader (the public report). Each test creates and seeds its own conference, so none
depends on another's order or state. Screenshots of the key moments: test-artifacts/journeys/ (not committed)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.journeys import (
    DESK, PHONE, create_conference, member, no_sideways_scroll, services, snap, visit,
)
from tests.e2e.journeys import SERVER_ENV  # noqa: F401 (conftest's live_server reads the module's)
from tests.e2e.test_document_browser import ARGUMENTS, DRAFT_TIMEOUT, wait_phase
from tests.e2e.test_live_browser import TIMEOUT, argument_item, assert_no_js_errors
from tests.e2e.test_method_browser import post
from tests.helpers import using

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chromium")]  # skipped (failed with CI) without Chromium
TITLE = "Parcours : la viande à la cantine"
QUESTION = "Faut-il servir moins de viande dans les cantines de Clermont-Ferrand ?"
START_TIMEOUT = 60_000  # the first page of a journey: a busy machine may still be warming up
IN_TITLE = {"participant": "participation", "facilitator": "animation", "expert": "expertise",
            "organiser": "organisation", "reader": "lecture"}  # told apart on the home page's list of reports


def person(new_context, device: dict):
    """One person's browser (PHONE or DESK), patient with the first page load."""
    context = new_context(**device)
    context.set_default_navigation_timeout(START_TIMEOUT)
    return context


def conference(server, kind: str, phase: str, arguments=(), votes=True):
    """`journey-<kind>` in `phase`, with `arguments` [(text, stance)] posted by two seeded panelists, each voted
    on by the other author (disagree, agree, alternately), so that counts exist before the person votes."""
    from deliberate.services.room import arguments as posting
    from deliberate.services import conferences
    from deliberate.services.room import votes as voting

    created = create_conference(server, f"journey-{kind}", f"{TITLE} ({IN_TITLE[kind]})", QUESTION)
    with services(server):
        organiser = member(created, "organiser", "Odile (préparation)")
        authors = [member(created, "panelist", name) for name in ("Paul Auteur", "Jeanne Autrice")]
        if phase != "preparation":
            conferences.set_phase(organiser, phase, deps=using())
        for i, (text, stance) in enumerate(arguments):
            posted = posting.post_argument(authors[i % 2], text, stance, deps=using())
            if votes:
                voting.cast_vote(authors[(i + 1) % 2], posted.id, 1 if i % 2 else -1, deps=using())
    return created


def card_id(page: Page, text: str) -> str:
    card = argument_item(page, text)
    expect(card).to_have_count(1, timeout=TIMEOUT)
    return card.get_attribute("data-id")


def open_console(page: Page) -> Page:
    """From the room, the link to the facilitator desk, as a facilitator or organiser finds it."""
    page.locator('.conference-head .links a[href$="/facilitate"]').click()
    expect(page).to_have_url(re.compile(r"/facilitate$"), timeout=TIMEOUT)
    expect(page.locator("#connection")).to_have_attribute("data-state", "online", timeout=TIMEOUT)
    page.wait_for_function("() => window.deliberate.state.ready", timeout=TIMEOUT)
    return page


# ---- 1. participant ----------------------------------------------------------------------------------------
OTHERS = [("Les légumineuses sont riches en protéines et bon marché.", "for"),
          ("La viande locale fait vivre les éleveurs du Cantal.", "against")]


def test_participant_joins_posts_votes_filters_and_asks_an_expert(live_server, new_context):
    conf = conference(live_server, "participant", "deliberation", OTHERS)
    expert = conf.join(person(new_context, PHONE), live_server, "expert", "Dr Inès Moreau")
    lucie = conf.join(person(new_context, PHONE), live_server, "panelist", "Lucie Martin")
    expect(lucie.locator(".conference-head .question")).to_have_text(QUESTION)
    expect(lucie.locator("#phase")).to_have_text("Délibération")
    expect(lucie.locator(".conference-head .me")).to_contain_text("Lucie Martin")
    snap(lucie, "participant", "joined")

    # Her own argument, with the stance she chose, listed under her name.
    mine = "Un repas végétarien par semaine, c'est un bon début."
    mine_id = post(lucie, mine, stance="nuance")
    expect(lucie.locator(f"#arg-{mine_id}")).to_have_attribute("data-stance", "nuance")
    expect(lucie.locator(f"#arg-{mine_id} .author")).to_contain_text("Lucie Martin")

    # Counts stay hidden until she votes (no herding), then appear with hers included.
    first, second = (argument_item(lucie, text) for text, _ in OTHERS)
    expect(lucie.locator("#counts-after-vote")).to_be_visible()
    for card in (first, second):
        expect(card.locator(".vote-agree .n")).to_be_hidden()
        expect(card.locator(".vote-disagree .n")).to_be_hidden()
    snap(lucie, "participant", "before-vote")
    agree = first.locator("button.vote-agree")
    agree.click()
    expect(agree).to_have_attribute("aria-pressed", "true", timeout=TIMEOUT)
    expect(first.locator(".vote-agree .n")).to_have_text("1", timeout=TIMEOUT)
    expect(first.locator(".vote-disagree .n")).to_have_text("1")  # the seeded author's vote
    expect(first.locator(".vote-pass .n")).to_have_text("0")
    expect(second.locator(".vote-agree .n")).to_be_hidden()
    snap(lucie, "participant", "voted")

    # "Only what I have not voted on": the argument she voted on leaves the list, the others stay.
    lucie.select_option("#list-show", "unvoted")
    expect(first).to_be_hidden()
    expect(second).to_be_visible()
    expect(lucie.locator(f"#arg-{mine_id}")).to_be_visible()
    snap(lucie, "participant", "not-yet-voted")
    lucie.select_option("#list-show", "all")
    expect(first).to_be_visible()

    # A question to the expert, answered in the expert's own page: the answer reaches her live.
    question = "Quelle quantité de protéines faut-il à un enfant de dix ans ?"
    question_id = post(lucie, question, kind="question", stance=None, to="Dr Inès Moreau")
    expect(lucie.locator(f"#arg-{question_id} .badge.waiting")).to_have_count(1)
    asked = expert.locator("#for-me-mine li.for-me-item", has_text=question)
    expect(asked).to_have_count(1, timeout=TIMEOUT)
    answer = "Environ 30 grammes par jour, que les légumineuses peuvent fournir en grande partie."
    expert.fill(f"#answer-text-{question_id}", answer)
    asked.locator(".answer-form button").click()
    expect(lucie.locator(f"#arg-{question_id}")).to_contain_text(answer, timeout=TIMEOUT)
    expect(lucie.locator(f"#arg-{question_id} .badge.answered")).to_have_count(1)
    expect(lucie.locator(f"#arg-{question_id}")).to_contain_text("Dr Inès Moreau")
    snap(lucie, "participant", "answered")
    no_sideways_scroll(lucie)
    assert_no_js_errors(lucie, expert)


# ---- 2. facilitator ----------------------------------------------------------------------------------------
SPOTLIGHT = "Les prairies d'Auvergne stockent du carbone dans le sol."
OFF_TOPIC = "Qui a vu le match de l'ASM samedi ?"


def test_facilitator_steers_and_moderates_and_the_room_follows_live(live_server, new_context):
    conf = conference(live_server, "facilitator", "preparation",
                      [(SPOTLIGHT, "against"), (OFF_TOPIC, "nuance")], votes=False)
    room = conf.join(person(new_context, PHONE), live_server, "panelist", "Marc Petit")
    desk = open_console(conf.join(person(new_context, DESK), live_server, "facilitator", "Fanny Animatrice"))
    expect(desk.locator("#console")).to_be_visible()
    expect(desk.locator("#phase")).to_have_text("Préparation")
    snap(desk, "facilitator", "console")

    # The next phase: the hearing, on the participant's page without a reload.
    room.evaluate("() => { window.__sameDocument = true; }")
    desk.click("#next-phase")
    expect(desk.locator("#steer-error")).to_be_hidden()
    expect(room.locator("#phase")).to_have_text("Audition", timeout=TIMEOUT)
    expect(desk.locator("#phase")).to_have_text("Audition", timeout=TIMEOUT)
    snap(room, "facilitator", "phase")

    # A timer: its label shows, and it counts down on the participant's page.
    desk.fill("#timer-minutes", "3")
    desk.fill("#timer-text", "Questions à l'experte")
    desk.click("#timer-start")
    expect(desk.locator("#console-timer-label")).to_have_text("Questions à l'experte", timeout=TIMEOUT)
    expect(room.locator("#timer-box")).to_be_visible(timeout=TIMEOUT)
    expect(room.locator("#timer-label")).to_have_text("Questions à l'experte")
    started = "() => Number(document.getElementById('timer').dataset.remaining)"
    room.wait_for_function(f"() => ({started})() > 100 && ({started})() <= 180", timeout=TIMEOUT)
    first = room.evaluate(started)
    room.wait_for_function(f"() => ({started})() < {first}", timeout=TIMEOUT)
    snap(room, "facilitator", "timer")

    # The spotlight, from the console's list of arguments with the fewest votes.
    row = desk.locator("#under-voted li", has_text=SPOTLIGHT)
    expect(row).to_have_count(1, timeout=TIMEOUT)
    row.locator("button").click()
    expect(desk.locator("#spotlight-current")).to_contain_text(SPOTLIGHT, timeout=TIMEOUT)
    expect(room.locator("#spotlight")).to_be_visible(timeout=TIMEOUT)
    expect(room.locator("#spotlight")).to_contain_text(SPOTLIGHT)
    snap(room, "facilitator", "spotlight")

    # Hidden with a published reason: the participant sees the reason in its place, never the text.
    off_topic_id = card_id(desk, OFF_TOPIC)
    desk_card = desk.locator(f'#arguments li[data-id="{off_topic_id}"]')
    desk_card.locator(".moderate input.reason").fill("Hors sujet")
    desk_card.locator(".moderate button").click()
    expect(desk_card).to_have_class(re.compile(r"\bhidden-arg\b"), timeout=TIMEOUT)
    placeholder = room.locator(f"#arg-{off_topic_id}")
    expect(placeholder.locator(".moderation")).to_have_text("Masqué par l’animation : Hors sujet", timeout=TIMEOUT)
    expect(placeholder).not_to_contain_text("match de l'ASM")
    snap(room, "facilitator", "hidden")
    snap(desk, "facilitator", "moderated")
    assert room.evaluate("() => window.__sameDocument === true"), "the participant's page was reloaded"
    no_sideways_scroll(room)
    assert_no_js_errors(room, desk)


# ---- 3. expert ---------------------------------------------------------------------------------------------
FOR_ALL = "Les nitrites de la charcuterie sont-ils dangereux ?"


def test_expert_answers_a_question_addressed_to_her_and_the_asker_sees_it_live(live_server, new_context):
    conf = conference(live_server, "expert", "hearing")
    with services(live_server):
        from deliberate.services.room import arguments as posting
        posting.post_argument(member(conf, "public", "Rémi Public"), FOR_ALL, None, kind="question", deps=using())
    expert = conf.join(person(new_context, PHONE), live_server, "expert", "Dr Sophie Lemaire")
    expect(expert.locator("#for-me")).to_be_visible()
    expect(expert.locator("#for-me-mine-none")).to_be_visible()
    expect(expert.locator("#for-me-open li.for-me-item", has_text=FOR_ALL)).to_have_count(1)
    snap(expert, "expert", "waiting")

    asker = conf.join(person(new_context, PHONE), live_server, "panelist", "Nadia Benali")
    question = "Combien de litres d'eau faut-il pour produire un kilo de bœuf ?"
    question_id = post(asker, question, kind="question", stance=None, to="Dr Sophie Lemaire")

    # It arrives live under "addressed to you", waiting for an answer.
    asked = expert.locator("#for-me-mine li.for-me-item", has_text=question)
    expect(asked).to_have_count(1, timeout=TIMEOUT)
    expect(asked.locator(".badge.waiting")).to_have_count(1)
    expect(asked).to_contain_text("Nadia Benali")
    expect(expert.locator("#for-me-mine-none")).to_be_hidden()
    snap(expert, "expert", "question")

    answer = "Cela dépend surtout de l'herbe : un élevage à l'herbe consomme peu d'eau d'irrigation."
    expert.fill(f"#answer-text-{question_id}", answer)
    asked.locator(".answer-form button").click()
    expect(expert.locator(f"#answer-text-{question_id}")).to_have_value("", timeout=TIMEOUT)
    expect(asked.locator(".badge.answered")).to_have_count(1, timeout=TIMEOUT)
    expect(asked.locator(".for-me-answers")).to_contain_text(answer)
    snap(expert, "expert", "answered")

    # The asker sees the answer under her question, without a reload.
    expect(asker.locator(f"#arg-{question_id}")).to_contain_text(answer, timeout=TIMEOUT)
    expect(asker.locator(f"#arg-{question_id} .badge.answered")).to_have_count(1)
    snap(asker, "expert", "asker-sees-answer")
    no_sideways_scroll(expert)
    assert_no_js_errors(expert, asker)


# ---- 4. organiser ------------------------------------------------------------------------------------------
OBJECTION = "Le panel n'a pas tranché ce point : il faut le dire."


def test_organiser_drafts_collects_consent_and_publishes(live_server, new_context):
    conf = conference(live_server, "organiser", "deliberation", ARGUMENTS)
    olga = open_console(conf.join(person(new_context, DESK), live_server, "organiser", "Olga Organisatrice"))
    alice = conf.join(person(new_context, PHONE), live_server, "panelist", "Alice Durand")

    # Drafting, then the first draft from the analysis; it reaches the panelist's phone.
    olga.click("#next-phase")
    for page in (olga, alice):
        wait_phase(page, "drafting")
    expect(alice.locator("#doc-empty")).to_be_visible(timeout=TIMEOUT)
    expect(olga.locator("#panel-document")).to_be_visible()
    olga.click("#doc-generate")
    expect(olga.locator("#doc-rows > li").first).to_be_visible(timeout=DRAFT_TIMEOUT)
    snap(olga, "organiser", "draft")
    texts = alice.locator('#doc-paragraphs > li[data-kind="text"]')
    expect(texts.nth(1)).to_be_visible(timeout=TIMEOUT)
    agreed, objected = texts.nth(0), texts.nth(1)
    agreed_id, objected_id = agreed.get_attribute("data-id"), objected.get_attribute("data-id")

    # The panelist agrees to one paragraph and objects to another, with her reason.
    agreed.locator("button.consent-agree").click()
    expect(agreed.locator("button.consent-agree")).to_have_attribute("aria-pressed", "true", timeout=TIMEOUT)
    objected.locator("button.consent-object").click()
    alice.fill(f"#object-reason-{objected_id}", OBJECTION)
    objected.locator("form.objection-form button[type=submit]").click()
    expect(objected.locator("button.consent-object")).to_have_attribute("aria-pressed", "true", timeout=TIMEOUT)
    snap(alice, "organiser", "consent")

    # The organiser sees the objection and its reason on her console.
    expect(olga.locator(f"#doc-row-{objected_id} .objection-list")).to_contain_text(OBJECTION, timeout=TIMEOUT)
    expect(olga.locator(f"#doc-row-{agreed_id} .chip-agree .n")).to_have_text("1", timeout=TIMEOUT)
    snap(olga, "organiser", "objection")

    # Review, then publication through the confirmation dialog.
    olga.click("#next-phase")
    for page in (olga, alice):
        wait_phase(page, "review")
    olga.click("#next-phase")
    dialog = olga.locator("#publish-dialog")
    expect(dialog).to_be_visible(timeout=TIMEOUT)
    olga.fill("#publish-note", "Version relue par le panel.")
    snap(olga, "organiser", "publish-dialog")
    olga.click("#publish-confirm")
    expect(dialog).not_to_be_visible(timeout=TIMEOUT)
    for page in (olga, alice):
        wait_phase(page, "published")
    expect(olga.locator("#doc-report-link")).to_have_attribute("href", f"/c/{conf.slug}/report", timeout=TIMEOUT)

    # The panelist's room now leads to the report, where her objection is printed.
    banner = alice.locator("#published-banner")
    expect(banner).to_be_visible(timeout=TIMEOUT)
    snap(alice, "organiser", "published")
    banner.locator("a").click()
    expect(alice).to_have_url(re.compile(rf"/c/{conf.slug}/report$"), timeout=TIMEOUT)
    expect(alice.locator(f'#document [data-paragraph="{objected_id}"] .objections')).to_contain_text(OBJECTION)
    snap(alice, "organiser", "report")
    assert_no_js_errors(olga, alice)


# ---- 5. reader ---------------------------------------------------------------------------------------------
def test_reader_finds_the_published_report_and_reads_consensus_and_dissent(live_server, new_context):
    from deliberate.services.publisher import RecordingPublisher
    from tests import report_conference as built

    conf = create_conference(live_server, "journey-reader", f"{TITLE} ({IN_TITLE['reader']})", QUESTION)
    with services(live_server):
        built.build(conf.slug, conf.invites, RecordingPublisher())

    for device in (PHONE, DESK):
        context = person(new_context, device)
        assert context.cookies() == []  # never joined anything
        home = visit(context, live_server.url("/"))
        link = home.locator("#reports a", has_text=conf.title)
        expect(link).to_have_count(1)
        snap(home, "reader", "home")
        link.click()
        expect(home).to_have_url(re.compile(rf"/c/{conf.slug}/report$"), timeout=TIMEOUT)
        expect(home.locator(".report-head .question")).to_have_text(QUESTION)

        # The consensus: the document, each paragraph with the panel's consent; the objected one with its reason.
        document = home.locator("#document")
        expect(document.locator(".para").first).to_be_visible()
        for shared in built.SHARED:  # the common ground, quoted as the panel wrote it
            expect(document.locator("figure.quote blockquote", has_text=shared).first).to_be_visible()
        objected = document.locator(".para", has_text=built.CORRECTED_TEXT)
        expect(objected).to_have_count(1)
        expect(objected.locator(".consent")).to_be_visible()
        expect(objected.locator(".objections")).to_contain_text(built.OBJECTION)
        expect(objected.locator(".statement-links a")).to_have_count(1)

        # The dissent annex: the minority statement as its authors wrote it.
        annex = home.locator("#annex")
        for line in built.STATEMENT.splitlines():
            expect(annex.locator(".statement-words")).to_contain_text(line)
        expect(annex.locator(".signatures")).to_contain_text("Elsa Garnier")
        no_sideways_scroll(home)
        snap(home, "reader", "report")
        assert_no_js_errors(home)
