"""The whole document flow over the wire: /live commands with their acks and `document_changed` events, from a
conference in deliberation to a published report that a visitor reads over HTTP without any code."""
from html import unescape

from deliberate.extensions import db
from deliberate.models import Member
from deliberate.services.room import arguments, votes
from tests.web.test_live import emit, events
from tests.helpers import using

TEXTS = ["Moins de viande à la cantine, mais locale.", "Connaître l'origine de ce qu'on mange.",
         "Les éleveurs doivent vivre de leur travail."]


def test_from_deliberation_to_a_published_report_over_the_wire(app, conference, join, connect):
    people = {name: join(conference, role, name) for name, role in (
        ("Orga", "organiser"), ("Anim", "facilitator"), ("Dr Martin", "expert"), ("Alice", "panelist"),
        ("Bruno", "panelist"), ("Chloé", "panelist"))}
    with app.app_context():
        panel = [db.session.get(Member, people[n][0].id) for n in ("Alice", "Bruno", "Chloé")]
        posted = [arguments.post_argument(panel[i], text, "for", deps=using()) for i, text in enumerate(TEXTS)]
        for member in panel:
            for argument in posted:
                votes.cast_vote(member, argument.id, 1, deps=using())
        db.session.remove()
    clients = {}
    for name, (_, token) in people.items():
        clients[name] = connect(token)
        assert emit(clients[name], "join", {"conference": "viande"})["ok"]
        clients[name].get_received("/live")
    org, fac, expert, alice = clients["Orga"], clients["Anim"], clients["Dr Martin"], clients["Alice"]

    assert emit(org, "set_phase", {"phase": "drafting"})["ok"]
    drafted = emit(fac, "draft_document", {})
    assert drafted["ok"] and drafted["paragraphs"] > 0
    document = events(alice, "document_changed")[-1]["document"]
    quoted = {q["text"] for p in document["paragraphs"] for q in p["quotes"]}
    assert quoted and quoted <= set(TEXTS)  # only participants' exact words are quotes
    target = next(p for p in document["paragraphs"] if p["kind"] == "text" and p["quotes"])

    assert emit(fac, "edit_paragraph", {"paragraph_id": target["id"], "body": "Le panel s'accorde sur ceci :"})["ok"]
    changed = events(alice, "document_changed")[-1]
    assert changed["change"] == "reworded" and changed["paragraph"]["version"] == 2
    objection = emit(alice, "consent", {"paragraph_id": target["id"], "value": "object", "reason": ""})
    assert objection["ok"] is False and objection["error"]["code"] == "invalid"
    assert emit(alice, "consent", {"paragraph_id": target["id"], "value": "object",
                                   "reason": "Il manque le prix."})["ok"]
    seen = events(fac, "document_changed")[-1]["paragraph"]["consent"]
    assert seen["object"] == 1 and seen["objections"][0]["reason"] == "Il manque le prix."
    assert emit(alice, "write_statement", {"text": "Nous voulons aller plus loin.", "by_name": False,
                                           "paragraph_ids": [target["id"]]})["ok"]
    assert events(org, "document_changed")[-1]["statements"][0]["signatures"][0]["name"] is None

    assert emit(org, "set_phase", {"phase": "review"})["ok"]
    proposal = emit(expert, "propose_correction", {"paragraph_id": target["id"], "text": "Le panel s'accorde :",
                                                   "reason": "Ponctuation."})
    assert proposal["ok"]
    assert emit(fac, "decide_correction", {"correction_id": proposal["correction_id"], "accept": True})["ok"]
    corrected = events(alice, "document_changed")[-1]["paragraph"]
    assert corrected["origin"] == "expert" and corrected["consent"]["object"] == 0  # asked again

    assert app.test_client().get("/c/viande/report").status_code == 404  # not yet published
    refused = emit(org, "publish_document", {})
    assert refused["ok"] is False and refused["error"]["code"] == "invalid"
    published = emit(org, "publish_document", {"confirm": True})
    assert published["ok"] and published["publication"]["number"] == 1
    assert events(alice, "phase_changed")[-1]["phase"] == "published"
    page = app.test_client().get("/c/viande/report")
    html = unescape(page.get_data(as_text=True))
    assert page.status_code == 200 and "Nous voulons aller plus loin." in html and "Le panel s'accorde :" in html
