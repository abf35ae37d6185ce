"""The document as plain JSON: one view for the room, the console, the report and every export.

Quotes are rendered from the argument or answer itself (never from text stored with the paragraph),
so a quote is always the participant's exact words; sentences the software wrote carry
`origin: "software"`. An erased participant's name is never shown.
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from deliberate.extensions import db
from deliberate.models import (Answer, Argument, Conference, Consent, ConsentValue, Correction, Member,
                               MinorityStatement, Paragraph, Role, Status)
from deliberate.services.document.diff import sentence_diff
from deliberate.services.document.evidence import vote_counts
from deliberate.services.serialize import iso


def person(member: Member | None) -> dict | None:
    """How a participant is named in the document: display name and role; erased people by role only."""
    if member is None:
        return None
    erased = member.erased_at is not None
    return {"id": member.id, "name": None if erased else member.display_name, "role": member.role.value,
            "erased": erased}


def live_paragraphs(conference_id: int) -> list[Paragraph]:
    return db.session.scalars(select(Paragraph).where(Paragraph.conference_id == conference_id,
                                                      Paragraph.deleted_at.is_(None))
                              .order_by(Paragraph.position, Paragraph.id)).all()


def panel_size(conference_id: int) -> int:
    return db.session.scalar(select(func.count(Member.id)).where(Member.conference_id == conference_id,
                                                                 Member.role == Role.PANELIST)) or 0


def _quote(argument: Argument | None, argument_id: int) -> dict:
    if argument is None:
        return {"argument_id": argument_id, "status": "missing", "text": None, "author": None}
    if argument.status is not Status.VISIBLE:  # hidden since it was quoted: keep its place, not its text
        return {"argument_id": argument.id, "status": "hidden", "text": None, "author": None,
                "moderation_reason": argument.moderation_reason}
    return {"argument_id": argument.id, "status": "visible", "text": argument.text, "kind": argument.kind.value,
            "stance": argument.stance.value if argument.stance else None, "author": person(argument.author)}


def _answer(answer: Answer | None, answer_id: int) -> dict:
    if answer is None:
        return {"answer_id": answer_id, "status": "missing", "text": None}
    return {"answer_id": answer.id, "question_id": answer.question_id, "question": answer.question.text,
            "text": answer.text, "author": person(answer.author), "status": "visible"}


def consent_summary(paragraph: Paragraph, consents: list[Consent], panelists: int) -> dict:
    """Counts on the paragraph's current version; consent given to an older wording is `stale`."""
    current = [c for c in consents if c.version == paragraph.version]
    counts = {v.value: sum(c.value is v for c in current) for v in ConsentValue}
    return {**counts, "given": len(current), "panelists": panelists, "pending": max(0, panelists - len(current)),
            "stale": len(consents) - len(current),
            "objections": [{"reason": c.reason, "by": person(c.member), "at": iso(c.updated_at)}
                           for c in current if c.value is ConsentValue.OBJECT]}


def correction_view(correction: Correction) -> dict:
    return {"id": correction.id, "paragraph_id": correction.paragraph_id, "status": correction.status.value,
            "expert": person(correction.expert), "original": correction.original, "text": correction.text,
            "reason": correction.reason, "paragraph_version": correction.paragraph_version,
            "diff": sentence_diff(correction.original, correction.text),
            "decided_by": person(correction.decided_by), "decided_at": iso(correction.decided_at),
            "decision_note": correction.decision_note, "created_at": iso(correction.created_at)}


def statement_view(statement: MinorityStatement) -> dict:
    signatures = [{"name": s.member.display_name if s.by_name and s.member.erased_at is None else None,
                   "role": s.member.role.value, "anonymous": not s.by_name, "member_id": s.member_id}
                  for s in statement.signatures]
    return {"id": statement.id, "text": statement.text, "paragraph_ids": list(statement.paragraph_ids or []),
            "signatures": signatures, "author_id": statement.author_id, "created_at": iso(statement.created_at)}


def statements(conference_id: int) -> list[MinorityStatement]:
    return db.session.scalars(select(MinorityStatement).where(MinorityStatement.conference_id == conference_id,
                                                              MinorityStatement.withdrawn_at.is_(None))
                              .options(selectinload(MinorityStatement.signatures))
                              .order_by(MinorityStatement.id)).all()


def paragraph_view(paragraph: Paragraph, number: int, *, arguments: dict, answers: dict, consents: list,
                   corrections: list, votes: dict, statement_ids: list[int], panelists: int) -> dict:
    cited = list(dict.fromkeys([*paragraph.quote_ids, *paragraph.evidence_ids]))
    return {
        "id": paragraph.id, "number": number, "position": paragraph.position, "kind": paragraph.kind.value,
        "body": paragraph.body, "origin": paragraph.origin.value, "version": paragraph.version,
        "source": dict(paragraph.source or {}),
        "quotes": [_quote(arguments.get(a), a) for a in paragraph.quote_ids],
        "answers": [_answer(answers.get(a), a) for a in paragraph.answer_ids],
        "evidence": {"arguments": cited, "answers": list(paragraph.answer_ids),
                     "votes": {str(a): votes[a] for a in cited if a in votes}},
        "consent": consent_summary(paragraph, consents, panelists),
        "corrections": [correction_view(c) for c in corrections],
        "statements": statement_ids,
        "updated_at": iso(paragraph.updated_at),
    }


def paragraph_view_of(conference: Conference, paragraph: Paragraph) -> dict:
    """One paragraph as the whole-document view shows it (for an event about that paragraph only)."""
    view = document_view(conference, only=paragraph.id)
    return view["paragraphs"][0]


def document_view(conference: Conference, only: int | None = None) -> dict:
    """The whole document as it stands now (what `document_changed` carries and exports use)."""
    paragraphs = live_paragraphs(conference.id)
    numbers = {p.id: i + 1 for i, p in enumerate(paragraphs)}
    if only is not None:
        paragraphs = [p for p in paragraphs if p.id == only]
    ids = [p.id for p in paragraphs]
    argument_ids = {a for p in paragraphs for a in [*p.quote_ids, *p.evidence_ids]}
    answer_ids = {a for p in paragraphs for a in p.answer_ids}
    arguments = {a.id: a for a in db.session.scalars(
        select(Argument).where(Argument.conference_id == conference.id, Argument.id.in_(argument_ids))
        .options(selectinload(Argument.author)))} if argument_ids else {}
    answers = {a.id: a for a in db.session.scalars(
        select(Answer).where(Answer.conference_id == conference.id, Answer.id.in_(answer_ids))
        .options(selectinload(Answer.author), selectinload(Answer.question)))} if answer_ids else {}
    consents: dict[int, list] = {}
    corrections: dict[int, list] = {}
    if ids:
        for c in db.session.scalars(select(Consent).where(Consent.paragraph_id.in_(ids))
                                    .options(selectinload(Consent.member)).order_by(Consent.id)):
            consents.setdefault(c.paragraph_id, []).append(c)
        for c in db.session.scalars(select(Correction).where(Correction.paragraph_id.in_(ids))
                                    .order_by(Correction.id)):
            corrections.setdefault(c.paragraph_id, []).append(c)
    annex = [statement_view(s) for s in statements(conference.id)]
    by_paragraph: dict[int, list[int]] = {}
    for s in annex:
        for pid in s["paragraph_ids"]:
            by_paragraph.setdefault(pid, []).append(s["id"])
    votes = vote_counts(conference.id, [a for a in argument_ids if a in arguments])
    panelists = panel_size(conference.id)
    return {
        "paragraphs": [paragraph_view(p, numbers[p.id], arguments=arguments, answers=answers,
                                      consents=consents.get(p.id, []), corrections=corrections.get(p.id, []),
                                      votes=votes, statement_ids=by_paragraph.get(p.id, []), panelists=panelists)
                       for p in paragraphs],
        "statements": annex,
        "panelists": panelists,
    }
