"""A participant's own data, for download; and the purge of a whole conference by its organisers.

`my_data` holds what the member wrote and did, and nothing of anyone else: other people appear only as ids
(a question's addressee, a paragraph, a statement), never by name. `purge_conference` deletes the conference
and everything in it through the database's ON DELETE CASCADE foreign keys (SQLite enforces them because
extensions.py turns `PRAGMA foreign_keys` on for every connection), plus the embedding vectors computed from its
texts, which are keyed by a hash of the text rather than by conference."""
from __future__ import annotations

from datetime import datetime, timezone

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from deliberate.extensions import db
from deliberate.models import (Answer, Argument, Conference, Consent, Correction, EmbeddingCache, FloorTurn,
                               Member, MinorityStatement, ModerationDecision, Paragraph, StatementSignature,
                               UnclearNote, Vote)
from deliberate.services import rules
from deliberate.services.conferences import get_by_slug
from deliberate.services.errors import ServiceError, invalid
from deliberate.services.serialize import iso

DATA_FORMAT = 1
CHUNK = 500  # bound parameters per IN (...): under SQLite's and PostgreSQL's limits


def my_data(member: Member) -> dict:
    """Everything `member` wrote or did in their conference, with the texts (the right of access)."""
    mid, cid = member.id, member.conference_id

    def rows(model, *where, order=None):
        return db.session.scalars(select(model).where(*where).order_by(order or model.id)).all()

    conference = member.conference
    return {
        "format": DATA_FORMAT,
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "conference": {"slug": conference.slug, "title": conference.title, "phase": conference.phase.value},
        "membership": {
            "id": mid, "display_name": member.display_name, "role": member.role.value,
            "joined": iso(member.created_at), "ended": iso(member.ended_at), "ended_how": member.ended_how,
            "name_erased": iso(member.erased_at), "signed_in_since": iso(member.token_issued_at),
        },
        "arguments": [{
            "id": a.id, "kind": a.kind.value, "stance": a.stance.value if a.stance else None, "text": a.text,
            "status": a.status.value, "moderation_reason": a.moderation_reason, "addressee_id": a.addressee_id,
            "follows_answer_id": a.follows_answer_id, "created_at": iso(a.created_at),
        } for a in rows(Argument, Argument.author_id == mid)],
        "votes": [{"argument_id": v.argument_id, "value": v.value, "created_at": iso(v.created_at),
                   "updated_at": iso(v.updated_at)} for v in rows(Vote, Vote.member_id == mid)],
        "answers": [{"id": a.id, "question_id": a.question_id, "text": a.text, "created_at": iso(a.created_at)}
                    for a in rows(Answer, Answer.author_id == mid)],
        "notes": [{"id": n.id, "entry_id": n.entry_id, "text": n.text, "created_at": iso(n.created_at)}
                  for n in rows(UnclearNote, UnclearNote.author_id == mid)],
        "consents": [{"paragraph_id": c.paragraph_id, "paragraph_version": c.version, "value": c.value.value,
                      "reason": c.reason, "created_at": iso(c.created_at), "updated_at": iso(c.updated_at)}
                     for c in rows(Consent, Consent.member_id == mid)],
        "statements": [{"id": s.id, "text": s.text, "paragraph_ids": list(s.paragraph_ids or []),
                        "withdrawn_at": iso(s.withdrawn_at), "created_at": iso(s.created_at)}
                       for s in rows(MinorityStatement, MinorityStatement.author_id == mid)],
        "signatures": [{"statement_id": s.statement_id, "by_name": s.by_name, "created_at": iso(s.created_at)}
                       for s in rows(StatementSignature, StatementSignature.member_id == mid)],
        "corrections": [{"id": c.id, "paragraph_id": c.paragraph_id, "text": c.text, "reason": c.reason,
                         "status": c.status.value, "created_at": iso(c.created_at)}
                        for c in rows(Correction, Correction.expert_id == mid)],
        "moderation_decisions": [{"argument_id": d.argument_id, "action": d.action.value, "reason": d.reason,
                                  "created_at": iso(d.created_at)}
                                 for d in rows(ModerationDecision, ModerationDecision.moderator_id == mid,
                                               ModerationDecision.conference_id == cid)],
        "floor_turns": [{"started_at": iso(t.started_at)} for t in rows(FloorTurn, FloorTurn.member_id == mid)],
    }


def purge_summary(conference: Conference) -> dict[str, int]:
    """What a purge would delete, for the confirmation page and the command line."""
    def count(model, column):
        return db.session.scalar(select(func.count(model.id)).where(column == conference.id)) or 0
    return {"members": count(Member, Member.conference_id), "arguments": count(Argument, Argument.conference_id),
            "votes": count(Vote, Vote.conference_id), "answers": count(Answer, Answer.conference_id)}


def purge_conference(actor: Member | None, slug, confirm) -> dict[str, int]:
    """Delete conference `slug` and everything in it; `confirm` must be its slug, typed again.

    `actor` None: the command line (the operator of the server). Otherwise only the conference's organisers
    (the organisers' rule on personal data), in any phase. Returns what was deleted (purge_summary)."""
    conference = get_by_slug(slug)
    if actor is not None:
        if actor.conference_id != conference.id:
            raise ServiceError("forbidden", _l("You are not a member of this conference."))
        rules.check(actor, "erase_member")
    if not isinstance(confirm, str) or confirm.strip() != conference.slug:
        raise invalid(_l("Type the conference's short name, %(slug)s, to confirm the purge.", slug=conference.slug))
    summary = purge_summary(conference)
    hashes = _embedding_hashes_only_of(conference.id)
    for i in range(0, len(hashes), CHUNK):
        db.session.execute(delete(EmbeddingCache).where(EmbeddingCache.text_hash.in_(hashes[i:i + CHUNK])))
    # One statement; the foreign keys' ON DELETE CASCADE take every row that belongs to it.
    db.session.execute(delete(Conference.__table__).where(Conference.__table__.c.id == conference.id))
    db.session.commit()
    db.session.expunge_all()  # the ORM objects of the conference are gone: nobody must use them again
    return summary


# Every text the analysis embeds (arguments, key questions, the panel's notes, the document's paragraphs)
# comes from one of these columns.
_EMBEDDED_TEXTS = ((Argument.text, Argument.conference_id), (UnclearNote.text, UnclearNote.conference_id),
                   (Paragraph.body, Paragraph.conference_id), (Answer.text, Answer.conference_id))


def _embedding_hashes_only_of(conference_id: int) -> list[str]:
    """Hashes of the conference's texts that no other conference holds: the cache rows the purge removes."""
    from deliberate.analysis.embeddings import text_hash

    mine: set[str] = set()
    for text, owner in _EMBEDDED_TEXTS:
        mine |= set(db.session.scalars(select(text).where(owner == conference_id).distinct()))
    shared: set[str] = set()
    texts = sorted(mine)
    for i in range(0, len(texts), CHUNK):
        for text, owner in _EMBEDDED_TEXTS:
            shared |= set(db.session.scalars(select(text).where(owner != conference_id,
                                                                text.in_(texts[i:i + CHUNK])).distinct()))
    return sorted(text_hash(t) for t in mine - shared)
