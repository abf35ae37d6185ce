"""/live commands of the consensus document: the draft and its paragraphs, consent and minority statements,
the experts' corrections, publication."""
from deliberate.services.document import consent as consents, draft, paragraphs, publication, review
from deliberate.web.deps import deps


class DocumentCommands:
    """Mixed into LiveNamespace, which provides `_actor`."""

    def on_draft_document(self, data):
        created = draft.draft_document(self._actor(), replace=data.get("replace", False), deps=deps())
        return {"ok": True, "paragraphs": len(created)}

    def on_add_paragraph(self, data):
        paragraph = paragraphs.add_paragraph(self._actor(), data.get("body"), data.get("after_id"),
                                             data.get("kind", "text"), data.get("quote_ids"), deps=deps())
        return {"ok": True, "paragraph_id": paragraph.id}

    def on_edit_paragraph(self, data):
        paragraph = paragraphs.reword_paragraph(self._actor(), data.get("paragraph_id"), data.get("body"),
                                                data.get("quote_ids"), deps=deps())
        return {"ok": True, "version": paragraph.version}

    def on_move_paragraph(self, data):
        paragraph = paragraphs.move_paragraph(self._actor(), data.get("paragraph_id"), data.get("position"),
                                              deps=deps())
        return {"ok": True, "position": paragraph.position}

    def on_delete_paragraph(self, data):
        paragraphs.delete_paragraph(self._actor(), data.get("paragraph_id"), deps=deps())
        return {"ok": True}

    def on_paragraph_history(self, data):
        return {"ok": True, "versions": paragraphs.history(self._actor(), data.get("paragraph_id"))}

    def on_consent(self, data):
        row = consents.consent(self._actor(), data.get("paragraph_id"), data.get("value"), data.get("reason"),
                               deps=deps())
        return {"ok": True, "consent": {"paragraph_id": row.paragraph_id, "value": row.value.value,
                                        "reason": row.reason, "version": row.version}}

    def on_write_statement(self, data):
        statement = consents.write_statement(self._actor(), data.get("text"), data.get("paragraph_ids"),
                                             data.get("by_name", False), deps=deps())
        return {"ok": True, "statement_id": statement.id}

    def on_sign_statement(self, data):
        consents.sign_statement(self._actor(), data.get("statement_id"), data.get("by_name", False), deps=deps())
        return {"ok": True}

    def on_withdraw_statement(self, data):
        consents.withdraw_statement(self._actor(), data.get("statement_id"), deps=deps())
        return {"ok": True}

    def on_propose_correction(self, data):
        correction = review.propose_correction(self._actor(), data.get("paragraph_id"), data.get("text"),
                                               data.get("reason"), deps=deps())
        return {"ok": True, "correction_id": correction.id}

    def on_decide_correction(self, data):
        correction = review.decide_correction(self._actor(), data.get("correction_id"), data.get("accept"),
                                              data.get("note"), deps=deps())
        return {"ok": True, "status": correction.status.value}

    def on_publish_document(self, data):
        actor = self._actor()
        done = publication.publish(actor, data.get("confirm"), data.get("note"), deps=deps())
        return {"ok": True, "publication": publication.publication_dict(actor.conference, done)}
