"""/live commands of the preparation: what panelists do not understand yet, grouped by meaning."""
from deliberate.services.preparation import notes
from deliberate.services.serialize import note_dict
from deliberate.services.validation import require_mapping
from deliberate.web.live_command import command


class PreparationCommands:
    """Mixed into LiveNamespace, which provides `_actor`."""

    @command
    def on_note_unclear(self, data):
        data = require_mapping(data)
        note = notes.add_note(self._actor(), data.get("text"), data.get("entry_id"))
        return {"ok": True, "note": note_dict(note)}

    @command
    def on_note_groups(self, data=None):
        return {"ok": True, "groups": notes.note_groups(self._actor())}
