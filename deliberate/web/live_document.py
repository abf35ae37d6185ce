"""/live commands of the consensus document: the draft and its paragraphs, consent and minority statements,
the experts' corrections, publication."""
from deliberate.services.document import consent as consents, draft, paragraphs, publication, review
from deliberate.services.validation import require_mapping
from deliberate.web.live_command import command


class DocumentCommands:
    """Mixed into LiveNamespace, which provides `_actor`."""

    @command
    def on_draft_document(self, data=None):
        data = require_mapping(data if data is not None else {})
        created = draft.draft_document(self._actor(), replace=data.get("replace", False))
        return {"ok": True, "paragraphs": len(created)}

    @command
    def on_add_paragraph(self, data):
        data = require_mapping(data)
        paragraph = paragraphs.add_paragraph(self._actor(), data.get("body"), data.get("after_id"),
                                             data.get("kind", "text"), data.get("quote_ids"))
        return {"ok": True, "paragraph_id": paragraph.id}

    @command
    def on_edit_paragraph(self, data):
        data = require_mapping(data)
        paragraph = paragraphs.reword_paragraph(self._actor(), data.get("paragraph_id"), data.get("body"),
                                                data.get("quote_ids"))
        return {"ok": True, "version": paragraph.version}

    @command
    def on_move_paragraph(self, data):
        data = require_mapping(data)
        paragraph = paragraphs.move_paragraph(self._actor(), data.get("paragraph_id"), data.get("position"))
        return {"ok": True, "position": paragraph.position}

    @command
    def on_delete_paragraph(self, data):
        data = require_mapping(data)
        paragraphs.delete_paragraph(self._actor(), data.get("paragraph_id"))
        return {"ok": True}

    @command
    def on_paragraph_history(self, data):
        data = require_mapping(data)
        return {"ok": True, "versions": paragraphs.history(self._actor(), data.get("paragraph_id"))}

    @command
    def on_consent(self, data):
        data = require_mapping(data)
        row = consents.consent(self._actor(), data.get("paragraph_id"), data.get("value"), data.get("reason"))
        return {"ok": True, "consent": {"paragraph_id": row.paragraph_id, "value": row.value.value,
                                        "reason": row.reason, "version": row.version}}

    @command
    def on_write_statement(self, data):
        data = require_mapping(data)
        statement = consents.write_statement(self._actor(), data.get("text"), data.get("paragraph_ids"),
                                             data.get("by_name", False))
        return {"ok": True, "statement_id": statement.id}

    @command
    def on_sign_statement(self, data):
        data = require_mapping(data)
        consents.sign_statement(self._actor(), data.get("statement_id"), data.get("by_name", False))
        return {"ok": True}

    @command
    def on_withdraw_statement(self, data):
        data = require_mapping(data)
        consents.withdraw_statement(self._actor(), data.get("statement_id"))
        return {"ok": True}

    @command
    def on_propose_correction(self, data):
        data = require_mapping(data)
        correction = review.propose_correction(self._actor(), data.get("paragraph_id"), data.get("text"),
                                               data.get("reason"))
        return {"ok": True, "correction_id": correction.id}

    @command
    def on_decide_correction(self, data):
        data = require_mapping(data)
        correction = review.decide_correction(self._actor(), data.get("correction_id"), data.get("accept"),
                                              data.get("note"))
        return {"ok": True, "status": correction.status.value}

    @command
    def on_publish_document(self, data):
        data = require_mapping(data)
        actor = self._actor()
        done = publication.publish(actor, data.get("confirm"), data.get("note"))
        return {"ok": True, "publication": publication.publication_dict(actor.conference, done)}
