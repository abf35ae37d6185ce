"""Consent per paragraph (agree / can live with it / object, an objection with its reason) and the
panel's minority statements, which go into the dissent annex exactly as written."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from deliberate.extensions import db
from deliberate.models import (Consent, ConsentValue, Member, MinorityStatement, Paragraph, ParagraphKind,
                               StatementSignature)
from deliberate.models.base import utcnow
from deliberate.services import rules
from deliberate.services.document.paragraphs import announce, get_paragraph
from deliberate.services.document.view import statement_view, statements
from deliberate.services.errors import ServiceError, invalid, not_found
from deliberate.services.collaborators import Collaborators
from deliberate.services.publisher import Publisher
from deliberate.services.serialize import member_dict
from deliberate.services.validation import enum_field, id_field, text_field

MAX_REASON = 1000
MAX_STATEMENT = 5000


def consent(actor: Member, paragraph_id, value, reason=None, *, deps: Collaborators) -> Consent:
    """Record (or change) the actor's consent to the paragraph's current wording."""
    rules.check(actor, "consent")
    paragraph = get_paragraph(actor, paragraph_id)
    if paragraph.kind is ParagraphKind.HEADING:
        raise invalid(_l("Headings are not consented to: give your consent to the paragraphs."))
    value = enum_field(value, ConsentValue, name="value")
    reason = text_field(reason, max_length=MAX_REASON, name="reason", allow_empty=value is not ConsentValue.OBJECT)
    if value is ConsentValue.OBJECT and not reason:
        raise invalid(_l("An objection needs its reason."))
    row = db.session.scalar(select(Consent).where(Consent.paragraph_id == paragraph.id,
                                                  Consent.member_id == actor.id))
    if row is None:
        row = Consent(paragraph_id=paragraph.id, member_id=actor.id)
        db.session.add(row)
    row.version, row.value, row.reason, row.updated_at = paragraph.version, value, reason or None, utcnow()
    db.session.commit()
    announce(actor.conference, "consent", actor, deps.publisher, paragraph=paragraph)
    return row


def my_consents(member: Member) -> dict[str, dict]:
    """{paragraph id: {"value", "reason", "version"}} of the member, for the snapshot."""
    rows = db.session.execute(select(Consent, Paragraph.version).join(Paragraph, Paragraph.id == Consent.paragraph_id)
                              .where(Consent.member_id == member.id)).all()
    return {str(c.paragraph_id): {"value": c.value.value, "reason": c.reason, "version": c.version,
                                  "current": c.version == version} for c, version in rows}


def _paragraph_ids(actor: Member, value) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > 50:
        raise invalid(_l("“paragraph_ids” must be a list of paragraph ids."))
    return list(dict.fromkeys(get_paragraph(actor, v).id for v in value))


def _announce_statements(actor: Member, publisher: Publisher) -> None:
    publisher.publish(
        "document_changed", {"change": "statements", "by": member_dict(actor),
                             "statements": [statement_view(s) for s in statements(actor.conference_id)]},
        actor.conference_id)


def write_statement(actor: Member, text, paragraph_ids=None, by_name=False,
                    *, deps: Collaborators) -> MinorityStatement:
    """A panelist's minority statement, signed by name or anonymously; never edited by anyone."""
    rules.check(actor, "minority_statement")
    text = text_field(text, max_length=MAX_STATEMENT, name="text")
    if not isinstance(by_name, bool):
        raise invalid(_l("“by_name” must be true or false."))
    statement = MinorityStatement(conference_id=actor.conference_id, author_id=actor.id, text=text,
                                  paragraph_ids=_paragraph_ids(actor, paragraph_ids))
    statement.signatures = [StatementSignature(member_id=actor.id, by_name=by_name)]
    db.session.add(statement)
    db.session.commit()
    _announce_statements(actor, deps.publisher)
    return statement


def _statement(actor: Member, statement_id) -> MinorityStatement:
    statement = db.session.get(MinorityStatement, id_field(statement_id, name="statement_id"))
    if statement is None or statement.conference_id != actor.conference_id or statement.withdrawn_at is not None:
        raise not_found(_l("No such minority statement."))
    return statement


def sign_statement(actor: Member, statement_id, by_name=False, *, deps: Collaborators) -> MinorityStatement:
    """Another panelist joins a statement (by name or anonymously); signing twice changes how one signs."""
    rules.check(actor, "minority_statement")
    statement = _statement(actor, statement_id)
    if not isinstance(by_name, bool):
        raise invalid(_l("“by_name” must be true or false."))
    existing = next((s for s in statement.signatures if s.member_id == actor.id), None)
    if existing is None:
        statement.signatures.append(StatementSignature(member_id=actor.id, by_name=by_name))
    elif existing.by_name == by_name:
        raise invalid(_l("You have already signed this statement."))
    else:
        existing.by_name = by_name
    db.session.commit()
    _announce_statements(actor, deps.publisher)
    return statement


def withdraw_statement(actor: Member, statement_id, *, deps: Collaborators) -> MinorityStatement:
    """Only its author withdraws a statement (before publication); it leaves the annex."""
    rules.check(actor, "minority_statement")
    statement = _statement(actor, statement_id)
    if statement.author_id != actor.id:
        raise ServiceError("forbidden", _l("Only the author of a statement can withdraw it."))
    statement.withdrawn_at = utcnow()
    db.session.commit()
    _announce_statements(actor, deps.publisher)
    return statement
