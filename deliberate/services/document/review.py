"""Expert review, facts only: experts propose a corrected wording of a paragraph's own sentences,
with a reason; the facilitator records the panel's decision. Quotes (participants' words) cannot be
corrected, and nothing else in the document can be changed by an expert."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from deliberate.extensions import db
from deliberate.models import Correction, CorrectionStatus, Member, Origin, ParagraphKind
from deliberate.models.base import utcnow
from deliberate.services import rules
from deliberate.services.document.paragraphs import MAX_BODY, announce, get_paragraph, record_version
from deliberate.services.errors import ServiceError, invalid, not_found
from deliberate.services.collaborators import Collaborators
from deliberate.services.validation import id_field, text_field


def propose_correction(actor: Member, paragraph_id, text, reason, *, deps: Collaborators) -> Correction:
    rules.check(actor, "propose_correction")
    paragraph = get_paragraph(actor, paragraph_id)
    if paragraph.kind is ParagraphKind.HEADING:
        raise invalid(_l("Headings are not corrected: propose a correction of a paragraph."))
    text = text_field(text, max_length=MAX_BODY, name="text")
    reason = text_field(reason, max_length=1000, name="reason")
    if text == paragraph.body:
        raise invalid(_l("The proposed text is the paragraph's current text."))
    correction = Correction(conference_id=actor.conference_id, paragraph_id=paragraph.id, expert_id=actor.id,
                            paragraph_version=paragraph.version, original=paragraph.body, text=text, reason=reason)
    db.session.add(correction)
    db.session.commit()
    announce(actor.conference, "correction_proposed", actor, deps.publisher, paragraph=paragraph)
    return correction


def decide_correction(actor: Member, correction_id, accept, note=None, *, deps: Collaborators) -> Correction:
    """Record the panel's decision. Accepting rewrites the paragraph (a new version: consent is asked again)."""
    rules.check(actor, "decide_correction")
    correction = db.session.get(Correction, id_field(correction_id, name="correction_id"))
    if correction is None or correction.conference_id != actor.conference_id:
        raise not_found(_l("No such correction."))
    if correction.status is not CorrectionStatus.PROPOSED:
        raise ServiceError("conflict", _l("The panel has already decided on this correction."))
    if not isinstance(accept, bool):
        raise invalid(_l("“accept” must be true or false."))
    note = text_field(note, max_length=1000, name="note", allow_empty=True)
    paragraph = get_paragraph(actor, correction.paragraph_id)
    if accept and paragraph.version != correction.paragraph_version:
        raise ServiceError("conflict", _l("The paragraph was reworded after this correction was proposed: "
                                          "reject it and ask the expert to propose it again on the new wording."))
    correction.status = CorrectionStatus.ACCEPTED if accept else CorrectionStatus.REJECTED
    correction.decided_by_id, correction.decided_at, correction.decision_note = actor.id, utcnow(), note or None
    if accept:
        paragraph.body, paragraph.origin = correction.text, Origin.EXPERT
        paragraph.version += 1
        paragraph.updated_at = utcnow()
        record_version(paragraph, "corrected", actor, correction_id=correction.id)
    db.session.commit()
    announce(actor.conference, "correction_" + correction.status.value, actor, deps.publisher, paragraph=paragraph)
    return correction
