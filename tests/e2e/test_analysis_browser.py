"""End-to-end: a burst of posts and votes by programs reaches the facilitator's desk in Chromium as a live
analysis, computed by the real server with the default embedder; participants never receive it, only the themes'
keywords and arguments, to filter their list by subject."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_live_browser import SLUG, TIMEOUT, assert_no_js_errors, join
from tests.e2e.test_protocol_client import Program, http_join

pytestmark = pytest.mark.e2e
# Five programs vote on ten arguments back to back, faster than the default vote limit (5/s) lets a person.
SERVER_ENV = {"DELIBERATE_LIMIT_VOTE": "1000/second"}

BURST = [
    ("Manger moins de viande réduit les émissions de gaz à effet de serre.", "for"),
    ("L'élevage bovin consomme beaucoup d'eau et de terres agricoles.", "for"),
    ("Les cantines devraient proposer un menu végétarien chaque jour.", "for"),
    ("Un repas végétarien quotidien à l'école équilibre mal les protéines.", "against"),
    ("Les éleveurs de la région vivent de la vente de viande locale.", "against"),
    ("La viande rouge en excès augmente le risque de cancer colorectal.", "for"),
    ("Le fer de la viande est mieux absorbé que celui des légumes.", "against"),
    ("Les prairies pâturées stockent du carbone dans les sols.", "against"),
    ("Le bien-être animal est mal respecté dans l'élevage intensif.", "for"),
    ("Les traditions culinaires françaises reposent sur la viande.", "against"),
]


def test_burst_reaches_the_facilitator_desk_as_an_analysis(live_server, new_context):
    desk = join(new_context(viewport={"width": 1280, "height": 900}), live_server, "facilitator", "Fatou")
    desk.goto(live_server.url(f"/c/{SLUG}/facilitate"))
    reader = join(new_context(), live_server, "panelist", "Rémi")
    people = [Program(live_server.base_url, http_join(live_server.base_url, live_server.invites["public"],
                                                      f"Public {i}")["token"]) for i in range(5)]
    try:
        for program in people:
            assert program.call("join", {"conference": SLUG})["ok"]
        ids = [people[i % 5].call("post_argument", {"text": text, "stance": stance})["argument"]["id"]
               for i, (text, stance) in enumerate(BURST)]
        for n, program in enumerate(people):
            for j, argument_id in enumerate(ids):
                value = 1 if (j < 5) == (n % 2 == 0) else -1
                assert program.call("cast_vote", {"argument_id": argument_id, "value": value})["ok"]
        analysis = desk.locator("#analysis")
        # Every posted argument is on the map once the analysis that covers the burst has arrived.
        expect(analysis.locator("svg.theme-map circle")).to_have_count(len(ids), timeout=30_000)
        expect(analysis.locator("article.theme").first).to_be_visible(timeout=TIMEOUT)
        expect(analysis.locator(".generated").first).to_have_text("[mots-clés trouvés par le logiciel]")
        expect(analysis.locator("article.group")).not_to_have_count(0)
        for program in people:
            assert not [n for n, _ in program.events if n in ("analysis_updated", "arguments_assigned")]
        # The panelist's list can be filtered by theme once the themes have arrived.
        for text, _ in BURST:
            expect(reader.locator("#arguments li.argument", has_text=text)).to_have_count(1, timeout=TIMEOUT)
        themes = people[0].wait_for("themes_changed")["themes"]
        assert themes and all(t["keywords"] and set(t) == {"id", "keywords", "argument_ids"} for t in themes)
        expect(reader.locator("#list-theme-field")).to_be_visible(timeout=TIMEOUT)
        options = reader.locator("#list-theme option:not([value=''])")
        expect(options).not_to_have_count(0, timeout=TIMEOUT)
        # Each option reads "keywords (n)": choosing it leaves that theme's n arguments.
        value, label = options.first.get_attribute("value"), options.first.text_content()
        count = int(label.rsplit("(", 1)[1].rstrip(")"))
        reader.select_option("#list-theme", value)
        shown = reader.locator("#arguments li.argument:visible")
        expect(shown).to_have_count(count, timeout=TIMEOUT)
        reader.select_option("#list-theme", "")
        expect(shown).to_have_count(len(ids), timeout=TIMEOUT)
    finally:
        for program in people:
            program.close()
    assert_no_js_errors(desk)
    assert_no_js_errors(reader)
