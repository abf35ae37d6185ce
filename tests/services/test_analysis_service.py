"""The live analysis use-case on a real SQLite file: what it stores, what it announces, and to whom.

The toy embedder (config in tests/conftest.py) knows nothing of meaning: these tests check the
plumbing and the opinion groups (planted camps), not the quality of themes.
"""
from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.services.collaborators import of
from deliberate.models import AnalysisRun
from deliberate.services.room import arguments, moderation, snapshots, votes
from deliberate.services.analysis import refresh as analysis
from tests.helpers import using

CAMP_A = ["Moins de viande à la cantine, c'est mieux pour le climat.",
          "L'élevage intensif pollue les rivières bretonnes.",
          "Les protéines végétales suffisent à un adulte en bonne santé.",
          "Un repas végétarien par semaine devrait être obligatoire."]
CAMP_B = ["Les éleveurs locaux font vivre nos campagnes.",
          "La viande rouge apporte du fer difficile à remplacer.",
          "Le repas du dimanche en famille passe par le rôti.",
          "Interdire la viande à l'école serait une atteinte à la liberté."]


def seed(conference, join, panel=0, public=12):
    """Two camps: camp A agrees with CAMP_A and rejects CAMP_B, camp B the reverse; all agree on one."""
    author, _ = join(conference, "facilitator", "Animatrice")
    posted = [arguments.post_argument(author, text, stance="for" if i < 4 else "against", deps=using())
              for i, text in enumerate(CAMP_A + CAMP_B + ["Il faut mieux informer sur l'origine de la viande."])]
    members = [join(conference, "public", f"public-{i}")[0] for i in range(public)]
    members += [join(conference, "panelist", f"panel-{i}")[0] for i in range(panel)]
    for n, member in enumerate(members):
        camp_a = n % 2 == 0
        for j, argument in enumerate(posted):
            value = 1 if j == 8 else (1 if (j < 4) == camp_a else -1)
            votes.cast_vote(member, argument.id, value, deps=using())
    return author, posted, members


def analysis_events(recorder):
    return [e for e in recorder.events if e[0] in ("analysis_updated", "arguments_assigned")]


def test_refresh_stores_the_run_and_tells_only_facilitators(conference, join, recorder):
    seed(conference, join)
    run = analysis.refresh(conference.id, deps=using(recorder))
    assert run is not None and run.model == "toy:32"
    stored = db.session.get(AnalysisRun, run.id)
    assert stored.inputs["arguments"] == 9 and stored.inputs["votes"] == 12 * 9
    assert stored.parameters["random_state"] == 0 and "themes" in stored.parameters
    assert set(stored.timings) >= {"embed_ms", "themes_ms", "opinions_ms", "total_ms"}
    assert stored.state["themes"] and stored.state["public"]
    [(name, payload, conference_id, audience)] = analysis_events(recorder)
    assert (name, conference_id, audience) == ("analysis_updated", conference.id, "facilitators")
    assert payload["run_id"] == run.id and payload["audience"] == "public"


def test_planted_camps_become_two_groups_and_the_shared_argument_tops_consensus(conference, join, recorder):
    _, posted, members = seed(conference, join)
    report = analysis.refresh(conference.id, deps=using(recorder)).result
    assert report["participants"] == {"total": 12, "in_groups": 12}
    assert len(report["groups"]) == 2
    assert sorted(g["size"] for g in report["groups"]) == [6, 6]
    assert report["consensus"][0]["argument_id"] == posted[8].id
    assert report["consensus"][0]["text"] == posted[8].text
    assert report["divisive"][0]["argument_id"] != posted[8].id
    # Each group's representative arguments are its own camp's, agreed with.
    for group in report["groups"]:
        agreed = {r["argument_id"] for r in group["representative"] if r["direction"] == "agree"}
        camp = {a.id for a in posted[:4]} if agreed & {a.id for a in posted[:4]} else {a.id for a in posted[4:8]}
        assert agreed - {posted[8].id} <= camp
    themed = [a for t in report["themes"] for a in t["argument_ids"]]
    assert len(themed) + report["unthemed"] == 9
    assert {m["argument_id"] for m in report["map"]} == {a.id for a in posted}
    for theme in report["themes"]:
        assert theme["machine_written"] is True and theme["keywords"]
        assert theme["central"]["argument_id"] in theme["argument_ids"]


def test_nothing_new_means_no_new_run(conference, join, recorder):
    seed(conference, join)
    assert analysis.refresh(conference.id, deps=using(recorder)) is not None
    assert analysis.refresh(conference.id, deps=using(recorder)) is None
    assert db.session.scalar(select(func.count()).select_from(AnalysisRun)) == 1


def test_new_arguments_are_assigned_to_a_theme_before_the_reclustering(conference, join, recorder):
    author, _, _ = seed(conference, join)
    analysis.refresh(conference.id, deps=using(recorder))
    recorder.clear()
    new = arguments.post_argument(author, "La viande locale coûte plus cher mais rémunère mieux l'éleveur.", deps=using())
    analysis.refresh(conference.id, deps=using(recorder))
    names = [e[0] for e in analysis_events(recorder)]
    assert names == ["arguments_assigned", "analysis_updated"]
    assigned = recorder.events[[e[0] for e in recorder.events].index("arguments_assigned")]
    assert [a["argument_id"] for a in assigned[1]["assignments"]] == [new.id]
    assert assigned[3] == "facilitators"


def test_panel_is_analysed_apart_with_exact_counts(conference, join, recorder):
    seed(conference, join, panel=8, public=12)
    report = analysis.refresh(conference.id, deps=using(recorder)).result
    assert report["audience"] == "public" and report["participants"]["total"] == 12
    panel = report["panel"]
    assert panel["exact"] is True and panel["participants"]["total"] == 8
    assert len(panel["positions"]) == 8
    assert sum(g["size"] for g in panel["groups"]) == panel["participants"]["in_groups"]


def test_a_panel_only_conference_shows_the_panel(conference, join, recorder):
    seed(conference, join, panel=6, public=0)
    report = analysis.refresh(conference.id, deps=using(recorder)).result
    assert report["audience"] == "panel" and report["participants"]["total"] == 6
    assert "panel" not in report


def test_hidden_arguments_leave_the_analysis(conference, join, recorder):
    author, posted, _ = seed(conference, join)
    analysis.refresh(conference.id, deps=using(recorder))
    moderation.moderate(author, posted[0].id, "hide", "Hors sujet", deps=using())
    report = analysis.refresh(conference.id, deps=using(recorder)).result
    assert posted[0].id not in {m["argument_id"] for m in report["map"]}


def test_hiding_one_argument_and_restoring_another_refreshes_the_analysis(conference, join, recorder):
    """Same number of arguments and of votes, same newest argument: still other inputs, so a new run."""
    author, posted, _ = seed(conference, join)
    moderation.moderate(author, posted[1].id, "hide", "Hors sujet", deps=using())
    analysis.refresh(conference.id, deps=using(recorder))
    moderation.moderate(author, posted[1].id, "restore", "", deps=using())
    moderation.moderate(author, posted[2].id, "hide", "Hors sujet", deps=using())
    run = analysis.refresh(conference.id, deps=using(recorder))
    assert run is not None, "the analysis stayed on the arguments of the previous run"
    mapped = {m["argument_id"] for m in run.result["map"]}
    assert posted[1].id in mapped and posted[2].id not in mapped


def test_only_facilitators_get_the_analysis_in_their_snapshot(conference, join, recorder):
    author, _, members = seed(conference, join)
    assert snapshots.snapshot(author)["analysis"] is None
    run = analysis.refresh(conference.id, deps=using(recorder))
    assert snapshots.snapshot(author)["analysis"]["run_id"] == run.id
    assert "analysis" not in snapshots.snapshot(members[0])


def test_posts_votes_and_moderation_ask_for_a_refresh(app, conference, join):
    asked = []

    class Recorder:
        def request(self, conference_id):
            asked.append(conference_id)

    of(app).analysis = Recorder()
    try:
        author, _ = join(conference, "facilitator")
        argument = arguments.post_argument(author, "Un argument.", deps=using())
        votes.cast_vote(author, argument.id, 1, deps=using())
        moderation.moderate(author, argument.id, "hide", "Doublon", deps=using())
    finally:
        of(app).analysis = None
    assert asked == [conference.id] * 3


def test_an_empty_conference_gets_an_empty_analysis(conference, recorder):
    report = analysis.refresh(conference.id, deps=using(recorder)).result
    assert report["themes"] == [] and report["groups"] == [] and report["map"] == []
    assert report["participants"] == {"total": 0, "in_groups": 0}


def test_a_new_model_starts_afresh_without_assigning_with_the_old_state(app, conference, join, recorder):
    author, _, _ = seed(conference, join)
    analysis.refresh(conference.id, deps=using(recorder))
    arguments.post_argument(author, "Un argument de plus sur les cantines.", deps=using())
    of(app).embedder_name = "toy:48"  # the app now embeds with another model
    recorder.clear()
    run = analysis.refresh(conference.id, deps=using(recorder))
    assert run.model == "toy:48"
    assert [e[0] for e in analysis_events(recorder)] == ["analysis_updated"]


def test_every_member_gets_the_themes_keywords_and_arguments_but_no_agreement(conference, join, recorder):
    seed(conference, join)
    report = analysis.refresh(conference.id, deps=using(recorder)).result
    [(payload, audience)] = [(e[1], e[3]) for e in recorder.events if e[0] == "themes_changed"]
    assert audience == "all"
    assert payload["themes"] == [{"id": t["id"], "keywords": t["keywords"], "argument_ids": t["argument_ids"]}
                                 for t in report["themes"]]
    assert payload["themes"], "the seeded debate has at least one theme"
    public, _ = join(conference, "public", "Lecteur")
    assert snapshots.snapshot(public)["themes"] == payload["themes"]


def test_themes_are_announced_again_only_when_they_moved(conference, join, recorder):
    author, posted, _ = seed(conference, join)
    analysis.refresh(conference.id, deps=using(recorder))
    recorder.clear()
    analysis.refresh(conference.id, deps=using(recorder), force=True)  # same inputs: same themes
    assert "themes_changed" not in recorder.names()
    moderation.moderate(author, posted[0].id, "hide", "Hors sujet", deps=using())
    recorder.clear()
    analysis.refresh(conference.id, deps=using(recorder))
    [payload] = [e[1] for e in recorder.events if e[0] == "themes_changed"]
    assert posted[0].id not in {a for t in payload["themes"] for a in t["argument_ids"]}


def test_a_conference_never_analysed_has_no_themes_in_its_snapshot(conference, join):
    public, _ = join(conference, "public", "Lectrice")
    assert snapshots.snapshot(public)["themes"] == []
