"""Every command of the /live namespace, for every role in every phase, against the table in rules.py:
a refused role gets `forbidden`, a refused moment `wrong_phase`, and a refusal changes nothing in the
database and sends no event. Allowed cells are never refused for their role or phase."""
import pytest
from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.models import (AgendaItem, Answer, Argument, Conference, Consent, Correction, Member,
                               MinorityStatement, ModerationDecision, Paragraph, ParagraphVersion, Phase,
                               Publication, QueueEntry, Role, StatementSignature, UnclearNote, Vote)
from deliberate.services.room import arguments
from deliberate.services.rules import RULES
from deliberate.extensions import socketio
from tests.helpers import using

NS = "/live"
ROLES = [r.value for r in Role]


def fingerprint(app, conference_id):
    with app.app_context():
        counts = tuple(db.session.scalar(select(func.count()).select_from(m))
                       for m in (Argument, Vote, Answer, AgendaItem, QueueEntry, ModerationDecision, UnclearNote,
                                 Paragraph, ParagraphVersion, Consent, MinorityStatement, StatementSignature,
                                 Publication))
        hidden = (db.session.scalar(select(func.count()).where(Argument.status == "hidden")),
                  db.session.scalar(select(func.count()).where(Correction.status != "proposed")),
                  db.session.scalar(select(func.count()).where(Member.erased_at.is_not(None))),
                  tuple(db.session.execute(select(Paragraph.id, Paragraph.version, Paragraph.position,
                                                  Paragraph.deleted_at).order_by(Paragraph.id)).all()))
        c = db.session.get(Conference, conference_id)
        room = (c.phase, c.timer_ends_at, c.spotlight_argument_id, c.speaking_member_id, tuple(c.moderation_reasons))
        db.session.remove()
        return counts, hidden, room


def commands(t):
    """(command, rule, payload) with targets made in preparation (t: ids)."""
    return [
        ("post_argument", "post_argument", {"text": "Un argument.", "stance": "for"}),
        ("post_argument", "post_question", {"text": "Une question ?", "kind": "question"}),
        ("post_argument", "post_key_question", {"text": "Une question clé ?", "kind": "key_question"}),
        ("cast_vote", "cast_vote", {"argument_id": t["argument"], "value": 1}),
        ("answer_question", "answer_question", {"question_id": t["question"], "text": "Une réponse."}),
        ("select_key_question", "select_key_question", {"argument_id": t["key"], "selected": True,
                                                        "planned_minutes": 10}),
        ("set_timer", "set_timer", {"seconds": 60, "label": "Tour"}),
        ("raise_hand", "raise_hand", {}),
        ("lower_hand", "raise_hand", {}),
        ("give_floor", "give_floor", {"member_id": t["speaker"]}),
        ("spotlight", "spotlight", {"argument_id": t["argument"]}),
        ("moderate", "moderate", {"argument_id": t["to_hide"], "action": "hide", "reason": "Hors sujet"}),
        ("merge", "moderate", {"argument_id": t["duplicate"], "into": t["argument"]}),
        ("set_moderation_reasons", "set_moderation_reasons", {"reasons": ["Hors sujet"]}),
        ("set_tally_visibility", "set_tally_visibility", {"after_vote": False}),
        ("note_unclear", "note_unclear", {"text": "Je ne comprends pas."}),
        # The consensus document (publication last: it changes the phase).
        ("draft_document", "draft_document", {}),
        ("add_paragraph", "edit_document", {"body": "Un nouveau paragraphe."}),
        ("edit_paragraph", "edit_document", {"paragraph_id": t["paragraph"], "body": "Reformulé."}),
        ("move_paragraph", "edit_document", {"paragraph_id": t["paragraph"], "position": 1}),
        ("delete_paragraph", "edit_document", {"paragraph_id": t["spare_paragraph"]}),
        ("consent", "consent", {"paragraph_id": t["paragraph"], "value": "object", "reason": "Pas d'accord."}),
        ("write_statement", "minority_statement", {"text": "Nous pensons autrement.", "by_name": False}),
        ("sign_statement", "minority_statement", {"statement_id": t["statement"], "by_name": True}),
        ("propose_correction", "propose_correction", {"paragraph_id": t["paragraph"], "text": "Corrigé.",
                                                      "reason": "Un chiffre faux."}),
        ("decide_correction", "decide_correction", {"correction_id": t["correction"], "accept": False}),
        ("erase_member", "erase_member", {"member_id": t["speaker"]}),
        ("publish_document", "publish_document", {"confirm": True, "note": "Version corrigée."}),
    ]


@pytest.mark.parametrize("phase", [p.value for p in Phase])
def test_role_by_phase_table_is_enforced(app, conference, join, phase):
    members = {role: join(conference, role, f"{role}-1") for role in ROLES}
    speaker, _ = join(conference, "panelist", "Orateur")
    with app.app_context():
        from deliberate.models import Member
        panelist = db.session.get(Member, members["panelist"][0].id)
        t = {
            "argument": arguments.post_argument(panelist, "Cible.", "for", deps=using()).id,
            "to_hide": arguments.post_argument(panelist, "À cacher.", "for", deps=using()).id,
            "duplicate": arguments.post_argument(panelist, "Cible, encore.", "for", deps=using()).id,
            "question": arguments.post_argument(panelist, "Question ?", None, "question", deps=using()).id,
            "key": arguments.post_argument(panelist, "Clé ?", None, "key_question", deps=using()).id,
            "speaker": speaker.id,
        }
        # The document's targets, made directly: the services only write them from drafting on.
        first, spare = (Paragraph(conference_id=conference.id, position=i, body=body, quote_ids=[], answer_ids=[],
                                  evidence_ids=[], source={}) for i, body in enumerate(("Premier.", "Second.")))
        db.session.add_all([first, spare])
        db.session.flush()
        statement = MinorityStatement(conference_id=conference.id, author_id=panelist.id, text="Minorité.")
        db.session.add(statement)
        correction = Correction(conference_id=conference.id, paragraph_id=first.id, expert_id=panelist.id,
                                paragraph_version=1, original="Premier.", text="Premier, corrigé.", reason="Fait.")
        db.session.add(correction)
        db.session.flush()
        t.update(paragraph=first.id, spare_paragraph=spare.id, statement=statement.id, correction=correction.id)
        db.session.get(Conference, conference.id).phase = Phase(phase)
        db.session.commit()
        db.session.remove()
    clients = {}
    for role, (_, token) in members.items():
        client = socketio.test_client(app, namespace=NS, auth={"token": token})
        assert client.emit("join", {"conference": conference.slug}, namespace=NS, callback=True)["ok"]
        clients[role] = client
    watcher = clients["facilitator"]
    accepted = 0
    try:
        for command, rule_name, payload in commands(t):
            if rule_name == "edit_document" and phase == "published":
                rule_name = "revise_published"  # after publication, organisers correct for a new version
            rule = RULES[rule_name]
            for role in ROLES:
                before = fingerprint(app, conference.id)
                for c in clients.values():
                    c.get_received(NS)
                ack = clients[role].emit(command, payload, namespace=NS, callback=True)
                cell = f"{command} ({rule_name}) by {role} in {phase}: {ack}"
                if Role(role) not in rule.roles:
                    assert ack["ok"] is False and ack["error"]["code"] == "forbidden", cell
                elif Phase(phase) not in rule.phases:
                    assert ack["ok"] is False and ack["error"]["code"] == "wrong_phase", cell
                    assert ack["error"]["message"], cell  # says when it is open
                else:
                    assert ack["ok"] is True or ack["error"]["code"] not in ("forbidden", "wrong_phase"), cell
                    accepted += ack["ok"] is True
                    continue
                assert fingerprint(app, conference.id) == before, cell
                assert watcher.get_received(NS) == [], cell
        # The allowed cells really ran (not only refusals): every phase but published accepts some commands.
        assert accepted > 0 or phase == "published"
    finally:
        for c in clients.values():
            if c.is_connected(NS):
                c.disconnect(NS)
