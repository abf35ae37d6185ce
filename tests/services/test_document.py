"""The consensus document through the services: draft, co-writing, consent, dissent, expert review,
publication and erasure. Every refusal changes nothing and announces nothing."""
import pytest
from sqlalchemy import select

from tests.report_conference import CAMP_A, CAMP_B, SHARED
from tests.services.conftest import refused, row_count

from deliberate.extensions import db
from deliberate.models import (Argument, Consent, Correction, MinorityStatement, Paragraph, ParagraphVersion,
                               Phase, Publication, Vote)
from deliberate.services import conferences
from deliberate.services.room import arguments, moderation, votes
from deliberate.services.document import consent, draft, paragraphs, publication, review
from deliberate.services.document.view import document_view
from deliberate.services.members.erasure import erase_member
from deliberate.services.method import answers
from deliberate.services.analysis.refresh import refresh
from tests.helpers import using

@pytest.fixture
def room(conference, join, recorder):
    """Eight panelists in two camps who agree on SHARED, an expert's answer, and a hidden argument."""
    org, _ = join(conference, "organiser", "Orga")
    fac, _ = join(conference, "facilitator", "Anim")
    expert, _ = join(conference, "expert", "Dr Martin")
    panel = [join(conference, "panelist", f"Panéliste {i}")[0] for i in range(8)]
    posted = {}
    for i, text in enumerate(CAMP_A + CAMP_B + SHARED):
        posted[text] = arguments.post_argument(panel[i % 8], text, "for", deps=using(recorder))
    hidden = arguments.post_argument(panel[0], "Tous des menteurs !", "against", deps=using(recorder))
    for i, member in enumerate(panel):
        mine, theirs = (CAMP_A, CAMP_B) if i < 4 else (CAMP_B, CAMP_A)
        for text in mine + SHARED:
            votes.cast_vote(member, posted[text].id, 1, deps=using(recorder))
        for text in theirs:
            votes.cast_vote(member, posted[text].id, -1, deps=using(recorder))
        votes.cast_vote(member, hidden.id, 1, deps=using(recorder))
    moderation.moderate(fac, hidden.id, "hide", "Insulte", deps=using(recorder))
    question = arguments.post_argument(panel[0], "Combien de protéines faut-il à un enfant ?", None, "question",
                                       deps=using(recorder))
    answer = answers.answer_question(expert, question.id, "Environ 1 g par kilo et par jour.", deps=using(recorder))
    conferences.set_phase(org, "drafting", deps=using(recorder))
    refresh(conference.id, deps=using())  # the analysis the draft reads, brought up to date as the worker would
    recorder.clear()
    return {"org": org, "fac": fac, "expert": expert, "panel": panel, "posted": posted, "hidden": hidden,
            "answer": answer}


def live(conference_id):
    return db.session.scalars(select(Paragraph).where(Paragraph.conference_id == conference_id,
                                                      Paragraph.deleted_at.is_(None))
                              .order_by(Paragraph.position)).all()


def text_paragraph(conference_id) -> Paragraph:
    return next(p for p in live(conference_id) if p.kind.value == "text" and p.source.get("part") != "introduction")


def test_draft_quotes_only_visible_arguments_and_marks_software_sentences(room, recorder):
    created = draft.draft_document(room["fac"], deps=using(recorder))
    assert created and all(p.origin.value == "software" for p in created)
    view = document_view(room["fac"].conference)
    quoted = {q["argument_id"] for p in view["paragraphs"] for q in p["quotes"]}
    texts = {a.id: a.text for a in db.session.scalars(select(Argument))}
    assert room["hidden"].id not in quoted
    # A quote is the participant's exact text, attributed; the software's sentences are not quotes.
    for p in view["paragraphs"]:
        for q in p["quotes"]:
            assert q["text"] == texts[q["argument_id"]] and q["author"]["role"] in ("panelist", "expert")
    # Consensus quotes are arguments a majority of every voter agreed with: here, the shared ones.
    consensus = [p for p in view["paragraphs"] if p["source"].get("part") == "consensus" and p["quotes"]]
    consensus_texts = {q["text"] for p in consensus for q in p["quotes"]}
    assert consensus_texts and consensus_texts <= set(SHARED)
    # The expert's answer is in the document, with exact counts as evidence.
    answered = [a for p in view["paragraphs"] for a in p["answers"]]
    assert [a["text"] for a in answered] == ["Environ 1 g par kilo et par jour."]
    counts = next(iter(consensus))["evidence"]["votes"]
    for argument_id, tally in counts.items():
        stored = db.session.scalars(select(Vote.value).where(Vote.argument_id == int(argument_id))).all()
        assert tally["agree"] == stored.count(1) and tally["disagree"] == stored.count(-1)
    assert recorder.names() == ["document_changed"]
    assert len(recorder.events[0][1]["document"]["paragraphs"]) == len(created)


def test_a_second_draft_needs_replace_and_keeps_the_old_history(room, recorder):
    first = draft.draft_document(room["fac"], deps=using(recorder))
    recorder.clear()
    assert refused(draft.draft_document, room["fac"], deps=using(recorder)) == "conflict"
    assert recorder.events == [] and [p.id for p in live(room["fac"].conference_id)] == [p.id for p in first]
    second = draft.draft_document(room["fac"], replace=True, deps=using(recorder))
    assert {p.id for p in live(room["fac"].conference_id)} == {p.id for p in second}
    deleted = db.session.scalars(select(ParagraphVersion.paragraph_id).where(ParagraphVersion.change == "deleted")).all()
    assert set(deleted) == {p.id for p in first}


def test_drafting_is_for_facilitators_in_drafting(room, recorder):
    assert refused(draft.draft_document, room["panel"][0], deps=using(recorder)) == "forbidden"
    conferences.set_phase(room["org"], "review", deps=using(recorder))
    recorder.clear()
    assert refused(draft.draft_document, room["fac"], deps=using(recorder)) == "wrong_phase"
    assert row_count(Paragraph) == 0 and recorder.events == []


def test_co_writing_keeps_every_version_and_rewording_asks_consent_again(room, recorder):
    draft.draft_document(room["fac"], deps=using(recorder))
    target = text_paragraph(room["fac"].conference_id)
    alice = room["panel"][0]
    consent.consent(alice, target.id, "agree", deps=using(recorder))
    recorder.clear()
    paragraphs.reword_paragraph(room["fac"], target.id, "Le panel s'accorde sur la transparence.", deps=using(recorder))
    view = next(p for p in document_view(alice.conference)["paragraphs"] if p["id"] == target.id)
    assert view["origin"] == "facilitators" and view["version"] == 2
    assert view["consent"]["agree"] == 0 and view["consent"]["stale"] == 1
    assert recorder.names() == ["document_changed"] and recorder.events[0][1]["paragraph"]["id"] == target.id
    added = paragraphs.add_paragraph(room["fac"], "Recommandation : étiqueter l'origine.", after_id=target.id,
                                     deps=using(recorder))
    order = [p.id for p in live(alice.conference_id)]
    assert order[order.index(target.id) + 1] == added.id
    paragraphs.move_paragraph(room["fac"], added.id, 0, deps=using(recorder))
    assert live(alice.conference_id)[0].id == added.id
    paragraphs.delete_paragraph(room["fac"], added.id, deps=using(recorder))
    assert added.id not in [p.id for p in live(alice.conference_id)]
    assert [v["change"] for v in paragraphs.history(alice, added.id)] == ["added", "moved", "deleted"]
    assert [v["change"] for v in paragraphs.history(alice, target.id)] == ["drafted", "reworded"]


@pytest.mark.parametrize("bad", [
    {"body": ""}, {"body": "x" * 5001}, {"body": 12}, {"body": "Ok", "quote_ids": [999999]},
    {"body": "Ok", "quote_ids": "1"}, {"body": "Ok", "after_id": 999999}, {"body": "Ok", "kind": "table"},
])
def test_bad_paragraphs_are_refused_and_change_nothing(room, recorder, bad):
    before = row_count(ParagraphVersion)
    assert refused(paragraphs.add_paragraph, room["fac"], bad.get("body"), bad.get("after_id"),
                   bad.get("kind", "text"), bad.get("quote_ids"), deps=using(recorder)) in ("invalid", "too_long",
                                                                                           "not_found")
    assert row_count(Paragraph) == 0 and row_count(ParagraphVersion) == before and recorder.events == []


def test_a_hidden_argument_cannot_be_quoted_by_hand(room, recorder):
    assert refused(paragraphs.add_paragraph, room["fac"], "Citation", quote_ids=[room["hidden"].id],
                   deps=using(recorder)) == "not_found"


def test_consent_needs_a_reason_to_object_and_is_the_panels(room, recorder):
    draft.draft_document(room["fac"], deps=using(recorder))
    target = text_paragraph(room["fac"].conference_id)
    alice, bruno = room["panel"][:2]
    recorder.clear()
    assert refused(consent.consent, alice, target.id, "object", "", deps=using(recorder)) == "invalid"
    assert refused(consent.consent, alice, target.id, "maybe", deps=using(recorder)) == "invalid"
    assert refused(consent.consent, room["expert"], target.id, "agree", deps=using(recorder)) == "forbidden"
    heading = next(p for p in live(alice.conference_id) if p.kind.value == "heading")
    assert refused(consent.consent, alice, heading.id, "agree", deps=using(recorder)) == "invalid"
    assert row_count(Consent) == 0 and recorder.events == []
    consent.consent(alice, target.id, "object", "Il manque le prix pour les familles.", deps=using(recorder))
    consent.consent(bruno, target.id, "live_with", deps=using(recorder))
    consent.consent(alice, target.id, "live_with", deps=using(recorder))  # a later choice replaces the earlier
    summary = next(p for p in document_view(alice.conference)["paragraphs"] if p["id"] == target.id)["consent"]
    assert (summary["agree"], summary["live_with"], summary["object"], summary["pending"]) == (0, 2, 0, 6)
    assert consent.my_consents(alice)[str(target.id)]["value"] == "live_with"


def test_minority_statements_are_printed_as_written_and_signed_as_chosen(room, recorder):
    draft.draft_document(room["fac"], deps=using(recorder))
    target = text_paragraph(room["fac"].conference_id)
    alice, bruno, carla = room["panel"][:3]
    words = "  Nous, minoritaires, pensons que la viande\nreste un plaisir à défendre.  "
    statement = consent.write_statement(alice, words, [target.id], by_name=False, deps=using(recorder))
    consent.sign_statement(bruno, statement.id, by_name=True, deps=using(recorder))
    annex = document_view(alice.conference)["statements"]
    assert annex[0]["text"] == words.strip()
    assert [s["name"] for s in annex[0]["signatures"]] == [None, "Panéliste 1"]
    assert next(p for p in document_view(alice.conference)["paragraphs"]
                if p["id"] == target.id)["statements"] == [statement.id]
    assert refused(consent.withdraw_statement, carla, statement.id, deps=using(recorder)) == "forbidden"
    assert refused(consent.write_statement, room["fac"], "Non.", deps=using(recorder)) == "forbidden"
    consent.withdraw_statement(alice, statement.id, deps=using(recorder))
    assert document_view(alice.conference)["statements"] == []
    assert row_count(MinorityStatement) == 1  # withdrawn, not deleted


def test_experts_correct_facts_only_in_review_and_the_panel_decides(room, recorder):
    draft.draft_document(room["fac"], deps=using(recorder))
    target = text_paragraph(room["fac"].conference_id)
    expert, alice = room["expert"], room["panel"][0]
    consent.consent(alice, target.id, "agree", deps=using(recorder))
    assert refused(review.propose_correction, expert, target.id, "Corrigé.", "Chiffre", deps=using(recorder)) \
        == "wrong_phase"
    conferences.set_phase(room["org"], "review", deps=using(recorder))
    # Experts cannot write the document otherwise.
    assert refused(paragraphs.reword_paragraph, expert, target.id, "Autre chose.", deps=using(recorder)) == "forbidden"
    assert refused(review.propose_correction, expert, target.id, "Corrigé.", "", deps=using(recorder)) == "invalid"
    original = target.body
    corrected = original + " Le CIRC classe la viande transformée comme cancérogène."
    proposal = review.propose_correction(expert, target.id, corrected, "Classement de 2015.", deps=using(recorder))
    rejected = review.propose_correction(expert, target.id, "Rien à voir.", "Autre", deps=using(recorder))
    assert refused(review.decide_correction, alice, proposal.id, True, deps=using(recorder)) == "forbidden"
    review.decide_correction(room["fac"], rejected.id, False, "Ce n'est pas un fait.", deps=using(recorder))
    review.decide_correction(room["fac"], proposal.id, True, deps=using(recorder))
    assert refused(review.decide_correction, room["fac"], proposal.id, False, deps=using(recorder)) == "conflict"
    view = next(p for p in document_view(alice.conference)["paragraphs"] if p["id"] == target.id)
    assert view["body"] == corrected and view["origin"] == "expert" and view["version"] == 2
    assert view["consent"]["agree"] == 0 and view["consent"]["stale"] == 1  # asked again
    tracked = {c["id"]: c for c in view["corrections"]}
    assert tracked[rejected.id]["status"] == "rejected" and tracked[rejected.id]["decision_note"]
    assert {"op": "added", "text": "Le CIRC classe la viande transformée comme cancérogène."} in \
        tracked[proposal.id]["diff"]
    assert paragraphs.history(alice, target.id)[-1]["correction_id"] == proposal.id


def test_a_correction_on_an_old_wording_cannot_be_accepted(room, recorder):
    draft.draft_document(room["fac"], deps=using(recorder))
    target = text_paragraph(room["fac"].conference_id)
    conferences.set_phase(room["org"], "review", deps=using(recorder))
    proposal = review.propose_correction(room["expert"], target.id, "Nouveau chiffre.", "Erreur", deps=using(recorder))
    target.version += 1  # reworded meanwhile (as a revision after review would)
    db.session.commit()
    assert refused(review.decide_correction, room["fac"], proposal.id, True, deps=using(recorder)) == "conflict"
    assert db.session.get(Correction, proposal.id).status.value == "proposed"


def test_publication_is_confirmed_frozen_and_versioned(room, recorder):
    draft.draft_document(room["fac"], deps=using(recorder))
    org = room["org"]
    conf = org.conference
    recorder.clear()
    assert refused(publication.publish, org, False, deps=using(recorder)) == "invalid"
    assert refused(publication.publish, room["fac"], True, deps=using(recorder)) == "forbidden"
    assert row_count(Publication) == 0 and recorder.events == [] and conf.phase is Phase.DRAFTING
    first = publication.publish(org, True, deps=using(recorder))
    assert first.number == 1 and conf.phase is Phase.PUBLISHED
    assert recorder.names() == ["phase_changed", "document_changed"]
    frozen_body = first.content["document"]["paragraphs"][1]["body"]
    target = live(conf.id)[1]
    assert refused(paragraphs.reword_paragraph, room["fac"], target.id, "Corrigé.", deps=using(recorder)) == "forbidden"
    paragraphs.reword_paragraph(org, target.id, "Corrigé après publication.", deps=using(recorder))
    assert refused(publication.publish, org, True, deps=using(recorder)) == "invalid"  # a new version says why
    second = publication.publish(org, True, "Une erreur de chiffre corrigée.", deps=using(recorder))
    _, v1 = publication.published_report(conf, 1)
    _, latest = publication.published_report(conf)
    assert second.number == 2 and latest["document"]["paragraphs"][1]["body"] == "Corrigé après publication."
    assert v1["document"]["paragraphs"][1]["body"] == frozen_body
    assert refused(publication.published_report, conf, 3) == "not_found"


def test_erasing_a_participant_keeps_arguments_and_votes_but_not_the_name(room, recorder):
    draft.draft_document(room["fac"], deps=using(recorder))
    author = db.session.get(Argument, room["posted"][SHARED[0]].id).author
    name = author.display_name
    vote_count, argument_count = row_count(Vote), row_count(Argument)
    publication.publish(room["org"], True, deps=using(recorder))
    assert refused(erase_member, room["fac"], author.id, deps=using()) == "forbidden"
    recorder.clear()
    erase_member(room["org"], author.id, deps=using(recorder))
    assert recorder.names() == ["member_erased", "document_changed"]
    assert row_count(Vote) == vote_count and row_count(Argument) == argument_count
    assert refused(erase_member, room["org"], author.id, deps=using(recorder)) == "conflict"
    _, frozen = publication.published_report(room["org"].conference, 1)
    for content in (frozen, document_view(room["org"].conference)):
        assert name not in repr(content)
    quotes = [q for p in frozen["document"]["paragraphs"] for q in p["quotes"] if q["author"]["id"] == author.id]
    assert quotes and all(q["author"]["erased"] and q["author"]["name"] is None for q in quotes)


def test_the_draft_is_written_in_the_conference_language_whatever_the_browser(app, room, recorder):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        draft.draft_document(room["fac"], deps=using(recorder))
    intro = live(room["fac"].conference_id)[0]
    assert intro.origin.value == "software" and intro.body.startswith("Ce premier jet")
