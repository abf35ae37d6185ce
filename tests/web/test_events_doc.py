"""docs/events.md lists every event the code emits and every command the namespace handles."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_event_and_command_is_documented():
    doc = (ROOT / "docs/events.md").read_text()
    code = "\n".join(p.read_text() for p in (ROOT / "deliberate").rglob("*.py"))
    emitted = set(re.findall(r'publish\(\s*"(\w+)"', code))
    from deliberate.web.live.namespace import LiveNamespace  # its commands are spread over the live_*.py mixins
    handled = set(LiveNamespace.commands())
    assert {"argument_posted", "tally_changed", "phase_changed", "argument_moderated"} <= emitted
    assert {"join", "post_argument", "cast_vote", "set_phase", "moderate"} <= handled
    missing = sorted(name for name in emitted | handled if f"`{name}`" not in doc)
    assert missing == []
