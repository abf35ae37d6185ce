"""/live commands of the preparation: what panelists do not understand yet, grouped by meaning."""
from deliberate.services.method import notes
from deliberate.services.serialize import note_dict
from deliberate.web.deps import deps


class PreparationCommands:
    """Mixed into LiveNamespace, which provides `_actor`."""

    def on_note_unclear(self, data):
        note = notes.add_note(self._actor(), data.get("text"), data.get("entry_id"), deps=deps())
        return {"ok": True, "note": note_dict(note)}

    def on_note_groups(self, data):
        return {"ok": True, "groups": notes.note_groups(self._actor(), deps=deps())}
