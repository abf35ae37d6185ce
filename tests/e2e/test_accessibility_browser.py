"""Accessibility in Chromium: axe-core (WCAG 2.1 A and AA rules) on every page, as each role sees it, in each phase
of the method, on a phone (390 x 844) and a desktop (1280 x 800). No violation of impact "serious" or "critical"
may remain; no page may scroll sideways; on the desktop, every control's focus ring must show (3:1 or more).

One server for the whole module: the French demo conference (dossier, glossary, 42 arguments, answered
questions) is seeded into its database, people join it in the browser once per role, and the tests walk the
phases in order (preparation -> ... -> published), each stage moving the conference on through the services from
this process before its pages are opened. Per-page results go to test-artifacts/axe-results.json and
screenshots to test-artifacts/screenshots/ (DELIBERATE_ARTIFACTS; the folder is ignored by git)."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_keyboard_browser import COLOURS, RING
from tests.helpers import using

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chromium")]  # skipped (failed with CI) without Chromium
# The toy embedder keeps the analysis and the draft cheap on a 2-core machine; the markup is the same.
SERVER_ENV = {"DELIBERATE_EMBEDDER": "toy:32"}
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
ARTIFACTS = Path(os.environ.get("DELIBERATE_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
TIMEOUT = 15_000
DEMO = "viande"
ROLES = {"panelist": "Alice Panel", "public": "Bruno Public", "expert": "Dr Chloé Expert",
         "facilitator": "Fanny Anim", "organiser": "Odile Orga"}

# (stage, page id, who: a role above or "visitor" (never joined), path, how to know the page is ready)
PAGES = [
    ("preparation", "home", "visitor", "/", "static"),
    ("preparation", "home-bad-code", "visitor", "/", "bad-code"),
    ("preparation", "home-member", "panelist", "/", "static"),
    ("preparation", "join", "visitor", f"/c/{DEMO}/join", "static"),
    ("preparation", "privacy", "panelist", "/privacy", "static"),
    ("preparation", "error-404", "visitor", "/c/inconnue", "static"),
    ("preparation", "report-unpublished", "visitor", "/c/e2e/report", "static"),
    ("preparation", "dossier-panelist", "panelist", f"/c/{DEMO}/dossier", "static"),
    ("preparation", "dossier-organiser", "organiser", f"/c/{DEMO}/dossier", "static"),
    ("preparation", "members", "organiser", f"/c/{DEMO}/members", "static"),
    ("preparation", "room-panelist", "panelist", f"/c/{DEMO}", "live"),
    *[(phase, f"room-{role}", role, f"/c/{DEMO}", "live")
      for phase in ("hearing", "deliberation") for role in ("panelist", "public", "expert")],
    *[(phase, name, "facilitator", f"/c/{DEMO}/{path}", ready)
      for phase in ("hearing", "deliberation") for name, path, ready in
      (("console", "facilitate", "live"), ("screen", "screen", "screen"))],
    *[(phase, f"document-{role}", role, f"/c/{DEMO}", "document")
      for phase in ("drafting", "review") for role in ("panelist", "expert")],
    *[(phase, f"console-{role}", role, f"/c/{DEMO}/facilitate", "console-document")
      for phase in ("drafting", "review") for role in ("facilitator", "organiser")],
    ("published", "report", "visitor", f"/c/{DEMO}/report", "static"),
    ("published", "report-v1", "visitor", f"/c/{DEMO}/report/v/1", "static"),
    ("published", "room-published", "panelist", f"/c/{DEMO}", "document"),
]
STAGES = ["preparation", "hearing", "deliberation", "drafting", "review", "published"]
PAGES.sort(key=lambda page: STAGES.index(page[0]))  # stable: the phases only move forward
CASES = [pytest.param(page, viewport, id=f"{page[0]}-{page[1]}-{viewport}") for page in PAGES for viewport in VIEWPORTS]
RESULTS: dict[str, dict] = {}
ADDED = "Le panel recommande des menus locaux."


class World:
    """The server's database seen from this process: seeds the demo, moves it through the phases."""

    def __init__(self, server, instance):
        from deliberate import create_app
        from deliberate.services.publisher import RecordingPublisher

        self.app = create_app({
            "TESTING": True, "SECRET_KEY": "a11y-seed", "INSTANCE_PATH": str(instance),
            "SQLALCHEMY_DATABASE_URI": server.database_url, "DELIBERATE_LIMITS": "off",
            "DELIBERATE_ANALYSIS": "off", "DELIBERATE_TALLY_INTERVAL": 0, "DELIBERATE_EMBEDDER": "toy:32",
            "DELIBERATE_PUBLISHER": RecordingPublisher(),
        })
        self.stage = -1
        self.codes = self._run(self._seed)

    def _run(self, action):
        from deliberate.extensions import db

        with self.app.app_context():
            try:
                return action()
            finally:
                db.session.remove()

    def close(self):
        from deliberate.extensions import db

        with self.app.app_context():
            db.engine.dispose()

    @staticmethod
    def _seed():
        from deliberate.services.demo.seed import ensure_demo_conference

        return ensure_demo_conference()[1]

    @staticmethod
    def member(role: str, name: str | None = None):
        from sqlalchemy import select

        from deliberate.extensions import db
        from deliberate.models import Conference, Member, Role

        query = (select(Member).join(Conference).where(Conference.slug == DEMO, Member.role == Role(role))
                 .order_by(Member.id))
        if name:
            query = query.where(Member.display_name == name)
        return db.session.scalars(query).first()

    def reach(self, stage: str) -> None:
        """Move the conference on to `stage` (never back: the cases run in the order of STAGES)."""
        target = STAGES.index(stage)
        assert target >= self.stage, f"stage {stage} after {STAGES[self.stage]}: run the cases in order"
        while self.stage < target:
            self.stage += 1
            self._run(getattr(self, "_" + STAGES[self.stage]))

    def _set_phase(self, phase):
        from deliberate.services import conferences

        conferences.set_phase(self.member("organiser"), phase, deps=using())

    def _preparation(self):
        from deliberate.services.room import votes

        self._set_phase("preparation")
        me = self.member("panelist", ROLES["panelist"])
        newest = self._argument_ids()[::-1]  # in the first cards the room shows
        for value, argument_id in zip((1, -1, 0), newest):  # every pressed state of the vote buttons shows
            votes.cast_vote(me, argument_id, value, deps=using())

    def _argument_ids(self):
        from sqlalchemy import select

        from deliberate.extensions import db
        from deliberate.models import Argument, Kind

        conference_id = self.member("organiser").conference_id
        return list(db.session.scalars(select(Argument.id).where(
            Argument.conference_id == conference_id, Argument.kind == Kind.ARGUMENT).order_by(Argument.id)))

    def _hearing(self):
        from deliberate.services.method import floor

        self._set_phase("hearing")
        facilitator = self.member("facilitator")
        floor.set_timer(facilitator, 1800, "Question clé n° 1", deps=using())
        speaker = self.member("panelist")
        floor.raise_hand(speaker, deps=using())
        floor.raise_hand(self.member("panelist", ROLES["panelist"]), deps=using())
        floor.give_floor(facilitator, speaker.id, 600, deps=using())
        floor.spotlight(facilitator, self._argument_ids()[3], deps=using())

    def _deliberation(self):
        from deliberate.services.analysis import refresh as analysis

        self._set_phase("deliberation")
        analysis.refresh(self.member("organiser").conference_id, force=True, deps=using())

    def _drafting(self):
        from deliberate.services.document import consent, draft, paragraphs

        self._set_phase("drafting")
        draft.draft_document(self.member("facilitator"), deps=using())
        texts = self._text_paragraphs()
        me = self.member("panelist", ROLES["panelist"])
        consent.consent(me, texts[0], "agree", deps=using())
        consent.consent(me, texts[1], "object", "Ce paragraphe oublie les éleveurs.", deps=using())
        consent.consent(self.member("panelist"), texts[1], "live_with", deps=using())
        consent.write_statement(self.member("panelist"), "Nous regrettons que le bien-être animal soit absent.",
                                [texts[1]], by_name=True, deps=using())
        paragraphs.add_paragraph(self.member("facilitator"), ADDED, after_id=texts[0], deps=using())

    def _text_paragraphs(self):
        from deliberate.services.document.view import live_paragraphs

        conference_id = self.member("organiser").conference_id
        return [p.id for p in live_paragraphs(conference_id) if p.kind.value == "text"]

    def _review(self):
        from deliberate.services.document import review

        self._set_phase("review")
        texts = self._text_paragraphs()
        facilitator = self.member("facilitator")
        added = texts[1]  # the facilitators' paragraph, right after the first
        accepted = review.propose_correction(self.member("expert"), added, ADDED + " Et de saison.",
                                             "Précision de l'avis du panel.", deps=using())
        review.decide_correction(facilitator, accepted.id, True, "Accepté par le panel.", deps=using())
        review.propose_correction(self.member("expert", ROLES["expert"]), texts[2],
                                  "Le panel relève un point de consensus.", "Fait vérifiable.", deps=using())

    def _published(self):
        from deliberate.services.document import publication

        publication.publish(self.member("organiser"), True, "Première version.", deps=using())


def join(context, server, code: str, name: str) -> None:
    page = context.new_page()
    page.goto(server.url(f"/c/{DEMO}/join"))
    page.fill("input[name=invite_code]", code)
    page.fill("input[name=display_name]", name)
    with page.expect_navigation():
        page.locator("form:has(input[name=invite_code]) button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/c/{DEMO}$"), timeout=TIMEOUT)
    page.close()


@pytest.fixture(scope="module")
def world(live_server, chromium, tmp_path_factory):
    """The seeded server and one browser context per role (and one for a visitor), each with one page."""
    world = World(live_server, tmp_path_factory.mktemp("a11y-seed"))
    contexts = {}
    try:
        for who in (*ROLES, "visitor"):
            # The axe script is injected as a <script> element: the page's CSP would refuse it.
            contexts[who] = chromium.new_context(locale="fr-FR", bypass_csp=True, viewport=VIEWPORTS["phone"])
            contexts[who].set_default_timeout(TIMEOUT)
            if who in ROLES:
                join(contexts[who], live_server, world.codes[who], ROLES[who])
        world.pages = {who: context.new_page() for who, context in contexts.items()}
        world.errors = {who: [] for who in contexts}
        for who, page in world.pages.items():
            page.on("pageerror", lambda exc, who=who: world.errors[who].append(str(exc)))
        yield world
    finally:
        for context in contexts.values():
            context.close()
        world.close()


def wait_ready(page: Page, ready: str) -> None:
    if ready == "bad-code":
        page.fill("input[name=invite_code]", "ZZZZ-ZZZZ")
        page.fill("input[name=display_name]", "Personne")
        with page.expect_navigation():
            page.locator("form:has(input[name=invite_code]) button[type=submit]").click()
        expect(page.locator(".error[role=alert]")).to_be_visible()
        return
    if ready == "static":
        return
    expect(page.locator("#connection")).to_have_attribute("data-state", "online", timeout=TIMEOUT)
    page.wait_for_function("() => window.deliberate && window.deliberate.state.ready", timeout=TIMEOUT)
    if ready == "document":
        expect(page.locator("#doc-paragraphs > li").first).to_be_visible(timeout=TIMEOUT)
    elif ready == "console-document":
        expect(page.locator("#doc-rows > li").first).to_be_visible(timeout=TIMEOUT)
    elif ready == "live":
        expect(page.locator("#arguments > li").first).to_be_visible(timeout=TIMEOUT)


def run_axe(page: Page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async (tags) => {
        const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return results.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map((n) => n.target.join(' ')), html: v.nodes.map((n) => n.html.slice(0, 200))}));
    }""", WCAG)


def record(key: str, page_id: str, viewport: str, url: str, violations: list[dict], overflow: list[int],
           rings: dict | None) -> None:
    impacts: dict[str, int] = {}
    for v in violations:
        impacts[v["impact"] or "unknown"] = impacts.get(v["impact"] or "unknown", 0) + len(v["targets"])
    RESULTS[key] = {"page": page_id, "viewport": viewport, "url": url, "violations_by_impact": impacts,
                    "rules": sorted({v["id"] for v in violations}), "scroll_width_vs_client": overflow,
                    "focus_rings": rings,
                    "details": [{**v, "targets": v["targets"][:10], "html": v["html"][:3]} for v in violations]}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = {"axe_core": "4.14.1", "tags": WCAG, "results": RESULTS}
    (ARTIFACTS / "axe-results.json").write_text(json.dumps(out, ensure_ascii=False, indent=1))


# Every control a keyboard reaches on the page, focused in turn: those whose focus ring does not show or hardly
# stands out (under 3:1) from the background around it. After one Tab, Chromium treats focus() as the keyboard's.
WEAK_RINGS = f"""() => {{
  const ring = {RING};
  const controls = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])")]
    .filter((e) => !e.disabled && e.getClientRects().length && getComputedStyle(e).visibility !== "hidden");
  const weak = [];
  for (const e of controls) {{
    e.focus({{preventScroll: true}});
    if (document.activeElement !== e) continue;
    const r = ring(e);
    if (!r.shown || r.contrast < 3) weak.push(r.name + " " + r.contrast + ":1");
  }}
  document.activeElement.blur();
  return {{checked: controls.length, weak: weak}};
}}"""


def describe(violations: list[dict]) -> str:
    return "\n".join(f"- {v['id']} ({v['impact']}): {v['help']}; {len(v['targets'])} node(s), first: "
                     f"{v['targets'][:3]} {v['html'][:1]}" for v in violations)


# Facts about the vote buttons on the page: labels on two lines, and for each pressed button the contrast of its
# fill with the card around it and of its text with its fill.
VOTES = "() => {" + COLOURS + """
  const buttons = [...document.querySelectorAll("#arguments button.vote")].filter((b) => b.offsetParent);
  return {
    body: getComputedStyle(document.body).fontSize,
    scroll: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    wrapped: buttons.filter((b) => b.querySelector(".label").getClientRects().length > 1).map((b) => b.textContent),
    pressed: buttons.filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => {
      const s = getComputedStyle(b);
      return {key: b.dataset.key, fill: ratio(rgb(s.backgroundColor), behind(b)),
              text: ratio(rgb(s.color), rgb(s.backgroundColor))};
    }),
  };
}"""


def test_vote_buttons_fit_a_phone_and_show_the_vote_cast(world, live_server):
    """On a 390 px phone, at the default font size and a larger one (the CSS is in rem): no vote label on two
    lines, no sideways scroll, and a cast vote (agree, disagree and pass alike) is a solid, readable button."""
    world.reach("preparation")
    page = world.pages["panelist"]
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(live_server.url(f"/c/{DEMO}"))
    wait_ready(page, "live")
    expect(page.locator("#arguments button.vote[aria-pressed=true]")).to_have_count(3, timeout=TIMEOUT)
    for root, body in (("100%", "16px"), ("125%", "20px")):
        page.evaluate("(size) => { document.documentElement.style.fontSize = size; }", root)
        facts = page.evaluate(VOTES)
        assert facts["body"] == body, f"the text does not follow the reader's font size: {facts['body']}"
        assert facts["wrapped"] == [], f"vote labels on two lines at {root}: {facts['wrapped']}"
        assert facts["scroll"][0] <= facts["scroll"][1], f"sideways scroll at {root}: {facts['scroll']}"
        assert sorted(p["key"] for p in facts["pressed"]) == ["agree", "disagree", "pass"], facts["pressed"]
        for pressed in facts["pressed"]:
            assert pressed["fill"] >= 3 and pressed["text"] >= 4.5, f"a cast vote hardly shows: {pressed}"


@pytest.mark.parametrize("case, viewport", CASES)
def test_page_has_no_serious_accessibility_violation(world, live_server, case, viewport):
    stage, page_id, who, path, ready = case
    world.reach(stage)
    page = world.pages[who]
    page.set_viewport_size(VIEWPORTS[viewport])
    response = page.goto(live_server.url(path))
    assert response is not None
    wait_ready(page, ready)
    violations = run_axe(page)
    overflow = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{stage}-{page_id}-{viewport}.png"), full_page=True)
    rings = None
    if viewport == "desktop":  # focus styles do not depend on the width
        page.keyboard.press("Tab")
        rings = page.evaluate(WEAK_RINGS)
    record(f"{stage}-{page_id}-{viewport}", page_id, viewport, page.url, violations, overflow, rings)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {page.url} ({viewport}):\n{describe(blocking)}"
    assert not rings or not rings["weak"], f"focus hardly visible on {page.url}: {rings['weak']}"
    assert overflow[0] <= overflow[1], f"the page scrolls sideways on {page.url} ({viewport}): {overflow}"
    errors, world.errors[who] = world.errors[who], []
    assert errors == [], f"JavaScript errors on {page.url}: {errors}"


def test_motion_stops_for_readers_who_ask_for_it(world, live_server):
    """A changed paragraph's highlight fades out (a transition), unless the reader's system asks for less motion."""
    world.reach("published")
    page = world.pages["panelist"]
    page.goto(live_server.url(f"/c/{DEMO}"))
    wait_ready(page, "document")
    duration = "() => getComputedStyle(document.querySelector('#doc-paragraphs > li.para')).transitionDuration"
    assert page.evaluate(duration) != "0s"
    page.emulate_media(reduced_motion="reduce")
    try:
        assert page.evaluate(duration) == "0s"
    finally:
        page.emulate_media(reduced_motion="no-preference")
