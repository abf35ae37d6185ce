import pytest

from tests.services.conftest import publish_now
from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.services.collaborators import of
from deliberate.models import Argument, Phase, Status
from deliberate.services.room import arguments, moderation, snapshots
from deliberate.services import conferences
from deliberate.services.errors import ServiceError
from tests.helpers import using


def count_arguments():
    return db.session.scalar(select(func.count(Argument.id)))


def test_post_commits_then_announces(app, conference, join, recorder):
    panelist, _ = join(conference, "panelist", "Léa")
    arg = arguments.post_argument(panelist, "  La viande rouge augmente le risque de cancer.  ", "for", "argument",
                                  deps=using(recorder))
    db.session.expire_all()
    stored = db.session.get(Argument, arg.id)
    assert stored.text == "La viande rouge augmente le risque de cancer."
    assert stored.status is Status.VISIBLE
    [(event, payload, conf_id, audience)] = recorder.events
    assert (event, conf_id, audience) == ("argument_posted", conference.id, "all")
    assert payload["argument"]["id"] == arg.id
    assert payload["argument"]["author"] == {"id": panelist.id, "display_name": "Léa", "role": "panelist"}
    assert payload["argument"]["stance"] == "for" and payload["argument"]["kind"] == "argument"
    assert payload["argument"]["created_at"].endswith("Z")


def test_question_without_stance(app, conference, join, recorder):
    public, _ = join(conference, "public")
    arg = arguments.post_argument(public, "Combien d'eau pour 1 kg de bœuf ?", None, "question", deps=using(recorder))
    assert arg.stance is None and arg.kind.value == "question"


def test_html_is_stored_as_text_not_interpreted(app, conference, join, recorder):
    panelist, _ = join(conference)
    arg = arguments.post_argument(panelist, "<script>alert(1)</script> & co", "nuance", deps=using(recorder))
    assert arg.text == "<script>alert(1)</script> & co"


@pytest.mark.parametrize("text,stance,kind,code", [
    ("", "for", "argument", "invalid"),
    ("   \n ", "for", "argument", "invalid"),
    (None, "for", "argument", "invalid"),
    (123, "for", "argument", "invalid"),
    (["a"], "for", "argument", "invalid"),
    ("x" * 1001, "for", "argument", "too_long"),
    ("ok", "pour", "argument", "invalid"),
    ("ok", 1, "argument", "invalid"),
    ("ok", "for", "statement", "invalid"),
    ("ok", "for", None, None),  # kind defaults to argument: accepted
])
def test_bad_input_is_refused_and_changes_nothing(app, conference, join, recorder, text, stance, kind, code):
    panelist, _ = join(conference)
    if code is None:
        assert arguments.post_argument(panelist, text, stance, kind, deps=using(recorder)).kind.value == "argument"
        return
    with pytest.raises(ServiceError) as err:
        arguments.post_argument(panelist, text, stance, kind, deps=using(recorder))
    assert err.value.code == code
    assert count_arguments() == 0 and recorder.events == []


def test_exactly_1000_characters_is_fine(app, conference, join, recorder):
    panelist, _ = join(conference)
    assert len(arguments.post_argument(panelist, "é" * 1000, "for", deps=using(recorder)).text) == 1000


def test_observer_cannot_post(app, conference, join, recorder):
    observer, _ = join(conference, "observer")
    with pytest.raises(ServiceError) as err:
        arguments.post_argument(observer, "Je regarde.", "nuance", deps=using(recorder))
    assert err.value.code == "forbidden"
    assert count_arguments() == 0 and recorder.events == []


@pytest.mark.parametrize("phase", ["drafting", "review", "published"])
def test_no_new_arguments_once_drafting_begins(app, conference, join, recorder, phase):
    organiser, _ = join(conference, "organiser")
    panelist, _ = join(conference)
    if phase == "published":
        publish_now(organiser, recorder)
    else:
        conferences.set_phase(organiser, phase, deps=using(recorder))
    recorder.clear()
    with pytest.raises(ServiceError) as err:
        arguments.post_argument(panelist, "Trop tard ?", "for", deps=using(recorder))
    assert err.value.code == "wrong_phase"
    assert count_arguments() == 0 and recorder.events == []


@pytest.mark.parametrize("phase", ["preparation", "hearing", "deliberation"])
def test_arguments_open_until_deliberation(app, conference, join, recorder, phase):
    organiser, _ = join(conference, "organiser")
    panelist, _ = join(conference)
    if phase != "preparation":
        conferences.set_phase(organiser, phase, deps=using(recorder))
    arguments.post_argument(panelist, "Encore à temps.", "for", deps=using(recorder))
    assert count_arguments() == 1


def test_rate_limit_refuses_floods_without_storing(app, conference, join, recorder):
    from deliberate.services.limits import Limits

    of(app).limits = Limits(True, {"post": "3/minute"})
    panelist, _ = join(conference)
    for i in range(3):
        arguments.post_argument(panelist, f"Argument {i}", "for", deps=using(recorder))
    with pytest.raises(ServiceError) as err:
        arguments.post_argument(panelist, "Un de trop", "for", deps=using(recorder))
    assert err.value.code == "rate_limited"
    assert count_arguments() == 3
    other, _ = join(conference, "panelist", "Autre")
    arguments.post_argument(other, "Moi je peux", "for", deps=using(recorder))  # per member, not global


# ---- moderation -------------------------------------------------------------

@pytest.fixture
def posted(app, conference, join, recorder):
    author, _ = join(conference, "panelist", "Auteur")
    arg = arguments.post_argument(author, "Texte hors sujet", "for", deps=using(recorder))
    recorder.clear()
    return arg


def test_facilitator_hides_with_a_reason(app, conference, join, recorder, posted):
    facilitator, _ = join(conference, "facilitator", "Anim")
    reader, _ = join(conference, "panelist", "Lecteur")
    moderation.moderate(facilitator, posted.id, "hide", "Hors sujet", deps=using(recorder))
    [(event, payload, _, _)] = recorder.events
    assert event == "argument_moderated"
    assert payload["argument_id"] == posted.id and payload["status"] == "hidden" and payload["reason"] == "Hors sujet"
    # The participant keeps its place and the published reason, never its text.
    [placeholder] = snapshots.snapshot(reader)["arguments"]
    assert placeholder["id"] == posted.id and placeholder["status"] == "hidden"
    assert placeholder["moderation_reason"] == "Hors sujet" and placeholder["text"] is None
    assert "author" not in placeholder and posted.text not in str(placeholder)
    steer_view = snapshots.snapshot(facilitator)["arguments"]
    assert [(a["id"], a["status"], a["moderation_reason"]) for a in steer_view] == [(posted.id, "hidden", "Hors sujet")]


def test_restore_brings_it_back_with_its_tally(app, conference, join, recorder, posted):
    facilitator, _ = join(conference, "facilitator")
    reader, _ = join(conference, "panelist", "Lecteur")
    moderation.moderate(facilitator, posted.id, "hide", "Erreur", deps=using(recorder))
    moderation.moderate(facilitator, posted.id, "restore", "", deps=using(recorder))
    payload = recorder.events[-1][1]
    assert payload["status"] == "visible" and payload["argument"]["id"] == posted.id
    assert payload["tally"] == {"agree": 0, "disagree": 0, "pass": 0}
    assert [a["id"] for a in snapshots.snapshot(reader)["arguments"]] == [posted.id]


@pytest.mark.parametrize("role", ["panelist", "expert", "public", "observer"])
def test_only_steerers_moderate(app, conference, join, recorder, posted, role):
    member, _ = join(conference, role)
    with pytest.raises(ServiceError) as err:
        moderation.moderate(member, posted.id, "hide", "Non", deps=using(recorder))
    assert err.value.code == "forbidden"
    db.session.expire_all()
    assert db.session.get(Argument, posted.id).status is Status.VISIBLE and recorder.events == []


@pytest.mark.parametrize("argument_id,action,reason,code", [
    (None, "hide", "r", "invalid"), ("1", "hide", "r", "invalid"), (True, "hide", "r", "invalid"),
    (999999, "hide", "r", "not_found"), ("SELF", "delete", "r", "invalid"), ("SELF", "hide", "", "invalid"),
    ("SELF", "hide", "x" * 501, "too_long"), ("SELF", "restore", "", "invalid"),
])
def test_bad_moderation_changes_nothing(app, conference, join, recorder, posted, argument_id, action, reason, code):
    facilitator, _ = join(conference, "facilitator")
    argument_id = posted.id if argument_id == "SELF" else argument_id
    with pytest.raises(ServiceError) as err:
        moderation.moderate(facilitator, argument_id, action, reason, deps=using(recorder))
    assert err.value.code == code
    db.session.expire_all()
    assert db.session.get(Argument, posted.id).status is Status.VISIBLE and recorder.events == []


def test_cannot_moderate_another_conferences_argument(app, conference, other_conference, join, recorder, posted):
    intruder, _ = join(other_conference, "facilitator")
    with pytest.raises(ServiceError) as err:
        moderation.moderate(intruder, posted.id, "hide", "Pas chez moi", deps=using(recorder))
    assert err.value.code == "not_found"
    assert recorder.events == []


def test_french_typography_and_emoji_survive_but_control_characters_do_not(app, conference, join, recorder):
    panelist, _ = join(conference)
    text = "Viande\u202f? Oui\u00a0! « bio » 👩\u200d🌾\r\nligne 2\x00\x07\u202e"
    arg = arguments.post_argument(panelist, text, "nuance", deps=using(recorder))
    assert arg.text == "Viande\u202f? Oui\u00a0! « bio » 👩\u200d🌾\nligne 2"
