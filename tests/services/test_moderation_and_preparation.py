"""Moderation the participants can see (placeholders, reasons list, merge, history), the dossier, the
glossary and the panel's notes; and the coverage of the key questions."""
import numpy as np

from tests.services.conftest import refused, row_count, publish_now

from deliberate.analysis.coverage import coverage_report, justified_representation
from deliberate.analysis.together import side_of, stable_side
from deliberate.models import DossierEntry, GlossaryTerm, ModerationDecision, UnclearNote
from deliberate.services import conferences
from deliberate.services.room import arguments, moderation, snapshots
from deliberate.services.method import dossier, notes
from tests.helpers import using


code, count = refused, row_count


def test_history_keeps_every_decision_and_restore_keeps_the_hide(people, recorder):
    argument = arguments.post_argument(people["alice"], "Texte à modérer.", "for", deps=using(recorder))
    moderation.moderate(people["fac"], argument.id, "hide", "Hors sujet", deps=using(recorder))
    moderation.moderate(people["org"], argument.id, "restore", "Erreur de ma part", deps=using(recorder))
    rows = moderation.history_rows(people["org"])
    assert [(r["action"], r["reason"], r["moderator"]) for r in rows] == [
        ("hide", "Hors sujet", "fac"), ("restore", "Erreur de ma part", "org")]
    assert code(moderation.history_rows, people["fac"]) == "forbidden"


def test_merge_hides_the_duplicate_with_a_link(people, recorder):
    first = arguments.post_argument(people["alice"], "Moins de viande à la cantine.", "for", deps=using(recorder))
    second = arguments.post_argument(people["bruno"], "Moins de viande dans les cantines.", "for", deps=using(recorder))
    recorder.clear()
    moderation.merge(people["fac"], second.id, first.id, deps=using(recorder))
    [(event, payload, _, _)] = recorder.events
    assert event == "argument_moderated" and payload["action"] == "merge" and payload["duplicate_of"] == first.id
    assert str(first.id) in payload["reason"]  # "Duplicate of #N", in the moderator's language
    placeholder = next(a for a in snapshots.snapshot(people["alice"])["arguments"] if a["id"] == second.id)
    assert placeholder["duplicate_of"] == first.id and placeholder["text"] is None
    recorder.clear()
    assert code(moderation.merge, people["fac"], first.id, first.id, deps=using(recorder)) == "invalid"
    assert code(moderation.merge, people["fac"], first.id, second.id, deps=using(recorder)) == "not_found"  # hidden
    assert code(moderation.merge, people["alice"], first.id, second.id, deps=using(recorder)) == "forbidden"
    assert recorder.events == [] and count(ModerationDecision) == 1


def test_moderation_closes_once_published(people, recorder):
    argument = arguments.post_argument(people["alice"], "Un argument.", "for", deps=using(recorder))
    publish_now(people["org"], recorder)
    assert code(moderation.moderate, people["fac"], argument.id, "hide", "Trop tard", deps=using(recorder)) == "wrong_phase"
    assert count(ModerationDecision) == 0


def test_organisers_publish_the_reasons(people, recorder):
    reasons = moderation.set_moderation_reasons(people["org"], ["Hors sujet", " Hors sujet ", "Injure"],
                                                deps=using(recorder))
    assert reasons == ["Hors sujet", "Injure"]
    assert recorder.events[-1][:2] == ("moderation_reasons_changed", {"reasons": reasons})
    assert code(moderation.set_moderation_reasons, people["fac"], ["Non"], deps=using(recorder)) == "forbidden"
    assert code(moderation.set_moderation_reasons, people["org"], "Hors sujet", deps=using(recorder)) == "invalid"
    assert code(moderation.set_moderation_reasons, people["org"], [""], deps=using(recorder)) == "invalid"
    assert snapshots.snapshot(people["bruno"])["moderation_reasons"] == ["Hors sujet", "Injure"]


def test_dossier_pages_contributions_and_glossary(people, recorder):
    page = dossier.save_page(people["org"], "La viande en chiffres", "Des **repères**.", "ANSES 2016\n\nPNNS",
                             deps=using(recorder))
    assert page.sources == ["ANSES 2016", "PNNS"]
    own = dossier.submit_contribution(people["holder"], "Coopérative du Sancy", "Nos prairies.", "Corps.",
                                      deps=using(recorder))
    assert own.stakeholder_id == people["holder"].id and own.title == "Coopérative du Sancy"
    entered = dossier.submit_contribution(people["org"], "Lycée agricole", "Résumé.", "Corps.",
                                          stakeholder_id=people["holder"].id, deps=using(recorder))
    assert entered.entered_by_id == people["org"].id and entered.stakeholder_id == people["holder"].id
    dossier.save_term(people["org"], "EGalim", "Une loi de 2018.", deps=using(recorder))
    assert recorder.names() == ["dossier_changed"] * 3 + ["glossary_changed"]
    snap = snapshots.snapshot(people["alice"])
    assert [e["kind"] for e in snap["dossier"]] == ["background", "contribution", "contribution"]
    assert "body" not in snap["dossier"][0] and snap["glossary"][0]["term"] == "EGalim"
    before = (count(DossierEntry), count(GlossaryTerm))
    recorder.clear()
    assert code(dossier.save_page, people["fac"], "T", "B", deps=using(recorder)) == "forbidden"
    assert code(dossier.submit_contribution, people["alice"], "O", "S", "B", deps=using(recorder)) == "forbidden"
    assert code(dossier.submit_contribution, people["holder"], "O", "S", "B", stakeholder_id=people["org"].id,
                deps=using(recorder)) == "forbidden"
    assert code(dossier.submit_contribution, people["org"], "O", "S", "B", stakeholder_id=people["alice"].id,
                deps=using(recorder)) == "invalid"
    assert code(dossier.save_term, people["org"], "EGalim", "Doublon.", deps=using(recorder)) == "conflict"
    assert code(dossier.save_page, people["org"], "", "B", deps=using(recorder)) == "invalid"
    assert code(dossier.save_page, people["org"], "T", "B", sources=[1], deps=using(recorder)) == "invalid"
    assert (count(DossierEntry), count(GlossaryTerm)) == before and recorder.events == []


def test_unclear_notes_go_to_the_facilitators_and_are_grouped(people, recorder):
    texts = ["Je ne comprends pas la différence entre viande rouge et charcuterie.",
             "Viande rouge ou viande transformée, quelle différence ?",
             "Le jambon, c'est de la charcuterie ou de la viande rouge ?",
             "Que veut dire équivalent CO2 pour le méthane des vaches ?",
             "Pourquoi le méthane des vaches compte plus que le CO2 ?",
             "Le méthane réchauffe-t-il plus que le CO2 ?"]
    for text in texts:
        notes.add_note(people["alice"], text, deps=using(recorder))
    assert {(e, a) for e, _, _, a in recorder.events} == {("note_added", "facilitators")}
    assert code(notes.add_note, people["bruno"], "Je ne comprends pas.", deps=using(recorder)) == "forbidden"
    assert code(notes.note_groups, people["alice"], deps=using()) == "forbidden"
    groups = notes.note_groups(people["fac"], deps=using())
    assert sum(g["size"] for g in groups) == len(texts)
    assert all(g["machine_written"] and g["candidate"]["text"] in texts for g in groups)
    assert snapshots.snapshot(people["alice"])["my_notes"][0]["text"] == texts[0]
    assert snapshots.snapshot(people["bruno"])["my_notes"] == []
    conferences.set_phase(people["fac"], "deliberation", deps=using(recorder))
    assert code(notes.add_note, people["alice"], "Trop tard ?", deps=using(recorder)) == "wrong_phase"
    assert count(UnclearNote) == len(texts)


def test_one_vote_never_flips_a_side():
    # 6 agree, 4 disagree: share 7/12 = 0.58, "divided"; one more agree reaches 8/13 = 0.62, "agree".
    assert side_of(6, 4) == "divided" and side_of(7, 4) == "agree"
    assert stable_side(7, 4, previous="divided") == "divided"   # that one vote does not flip it
    assert stable_side(9, 4, previous="divided") == "agree"     # a clear change does
    assert stable_side(7, 4, previous=None) == "agree"          # a first verdict is no flip
    for agree in range(0, 15):
        for disagree in range(0, 15):
            for previous in ("agree", "disagree", "divided"):
                before = stable_side(agree, disagree, previous)
                for a, d in ((agree + 1, disagree), (agree, disagree + 1)):
                    after = stable_side(a, d, before)
                    # From "not enough votes yet" to a first side is no flip; between sides it takes more.
                    assert after == before or before is None or (side_of(a - 1, d) == after and side_of(a, d - 1) == after)


def test_justified_representation_finds_a_cohesive_group_left_out():
    # 6 voters; questions 0 and 1 selected (k = 2, quota n/k = 3); voters 3, 4, 5 only want question 2.
    approvals = np.array([[1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1], [0, 0, 1]], dtype=bool)
    assert justified_representation(approvals, np.array([True, True, False])) == [
        {"question": 2, "voters": 3, "quota": 3.0}]
    assert justified_representation(approvals, np.array([True, False, True])) == []


def test_coverage_report_names_themes_and_groups():
    vectors = np.array([[1.0, 0.0], [0.0, 1.0]])
    centroids = np.array([[0.9, 0.1], [0.1, 0.9]])
    votes = np.array([[1, np.nan], [1, -1], [-1, 1], [np.nan, 1]])
    report = coverage_report([10, 11], vectors, np.array([True, False]), centroids, [0, 1], votes,
                             {"public": np.array([0, 0, 1, 1])})
    assert [q["theme"] for q in report["questions"]] == [0, 1]
    assert report["themes"] == [{"theme": 0, "covered_by": [10]}, {"theme": 1, "covered_by": []}]
    covered = {g["group"]: g["covered_by"] for g in report["groups"]}
    assert covered == {0: [10], 1: []}  # group 1 voted against the only selected question
