"""Seed the demo conference's preparation and hearing: dossier, glossary, stakeholders and their
contributions, key questions (voted on, four selected for the agenda), questions answered by the
experts, the panel's "what I still don't understand" notes, the organisers' moderation reasons."""
from datetime import datetime, timedelta

from deliberate.demo import content_fr, hearing_fr, preparation_fr
from deliberate.extensions import db
from deliberate.models import (AgendaItem, Answer, Argument, Conference, ContributionKind, DossierEntry, GlossaryTerm,
                               Kind, Member, Phase, Role, Status, UnclearNote, Vote)
from deliberate.services.members.membership import hash_token

import secrets


def seed_preparation(conference: Conference, members: list[Member], start: datetime) -> list[Argument]:
    """Returns the posted questions and key questions (already flushed)."""
    organiser = next(m for m in members if m.role is Role.ORGANISER)
    stakeholders = [Member(conference_id=conference.id, role=Role.STAKEHOLDER, display_name=s["display_name"],
                           token_hash=hash_token(secrets.token_urlsafe(32)))
                    for s in preparation_fr.STAKEHOLDERS]
    db.session.add_all(stakeholders)
    db.session.flush()

    def person(ref):
        kind, index = ref
        return members[index] if kind == "expert" else stakeholders[index]

    entries = [DossierEntry(conference_id=conference.id, kind=ContributionKind.BACKGROUND, title=page["title"],
                            body=page["body"], sources=page["sources"], summary="", position=i + 1,
                            entered_by_id=organiser.id, created_at=start, updated_at=start)
               for i, page in enumerate(preparation_fr.DOSSIER)]
    for i, c in enumerate(preparation_fr.CONTRIBUTIONS):
        author = stakeholders[c["stakeholder"]]
        entries.append(DossierEntry(conference_id=conference.id, kind=ContributionKind.CONTRIBUTION,
                                    title=c.get("title") or c["organisation"], organisation=c["organisation"],
                                    summary=c["summary"], body=c["body"], sources=c["sources"],
                                    position=len(preparation_fr.DOSSIER) + i + 1, entered_by_id=author.id,
                                    stakeholder_id=author.id, created_at=start, updated_at=start))
    db.session.add_all(entries)
    db.session.add_all(GlossaryTerm(conference_id=conference.id, term=g["term"], definition=g["definition"])
                       for g in preparation_fr.GLOSSARY)
    conference.moderation_reasons = list(preparation_fr.MODERATION_REASONS)
    db.session.flush()
    db.session.add_all(UnclearNote(conference_id=conference.id, author_id=members[n["author"]].id, text=n["text"],
                                   created_at=start + timedelta(minutes=i))
                       for i, n in enumerate(hearing_fr.UNCLEAR_NOTES))

    keys = [Argument(conference_id=conference.id, author_id=members[k["author"]].id, text=k["text"],
                     kind=Kind.KEY_QUESTION, status=Status.VISIBLE, created_at=start + timedelta(minutes=10 + i))
            for i, k in enumerate(hearing_fr.KEY_QUESTIONS)]
    db.session.add_all(keys)
    db.session.flush()
    _vote_on_key_questions(conference, members, keys, start)
    position = 0
    for key, spec in zip(keys, hearing_fr.KEY_QUESTIONS):
        if spec["selected"]:
            position += 1
            db.session.add(AgendaItem(conference_id=conference.id, position=position, phase=Phase.HEARING,
                                      title=key.text, argument_id=key.id, planned_minutes=spec["planned_minutes"]))
    at = start + timedelta(minutes=40)
    for answer in hearing_fr.KEY_QUESTION_ANSWERS:
        db.session.add(Answer(conference_id=conference.id, question_id=keys[answer["key_question"]].id,
                              author_id=person(answer["author"]).id, text=answer["text"], created_at=at))

    questions, answers = [], []
    for i, q in enumerate(hearing_fr.QUESTIONS):
        follows = None
        if q["follows"] is not None:
            question_index, answer_index = q["follows"]
            follows = answers[question_index][answer_index].id
        question = Argument(conference_id=conference.id, author_id=members[q["author"]].id, text=q["text"],
                            kind=Kind.QUESTION, status=Status.VISIBLE, follows_answer_id=follows,
                            addressee_id=person(q["to"]).id if q["to"] else None,
                            created_at=at + timedelta(minutes=5 * i))
        db.session.add(question)
        db.session.flush()
        given = [Answer(conference_id=conference.id, question_id=question.id, author_id=person(a["author"]).id,
                        text=a["text"], created_at=question.created_at + timedelta(minutes=3))
                 for a in q["answers"]]
        db.session.add_all(given)
        db.session.flush()
        questions.append(question)
        answers.append(given)
    return keys + questions


CAMP_OF_AUTHOR = {"reduction": 1, "tradition": -1, "between": 0}


def _vote_on_key_questions(conference, members, keys, start) -> None:
    """Each panelist wants asked the questions of their own camp and of the middle, and passes on the others:
    deterministic, so that coverage has something to show (every camp has a selected question)."""
    for m_index, spec in enumerate(content_fr.MEMBERS):
        if spec["role"] != "panelist":
            continue
        for key, key_spec in zip(keys, hearing_fr.KEY_QUESTIONS):
            author_camp = content_fr.MEMBERS[key_spec["author"]]["camp"]
            value = 1 if author_camp in (spec["camp"], "between") else 0
            db.session.add(Vote(conference_id=conference.id, argument_id=key.id, member_id=members[m_index].id,
                                value=value, created_at=start, updated_at=start))
