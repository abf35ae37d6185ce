"""The outbox (static/js/outbox.js) in Chromium, against a scripted socket: what it does when an answer is late."""
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

OUTBOX_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "outbox.js"

# A socket that stays connected but never answers the first attempt (the ack times out), then answers.
FAKE_SOCKET = """
window.attempts = [];
window.fakeSocket = {
  connected: true,
  timeout(ms) {
    return {
      emit(event, payload, callback) {
        window.attempts.push(payload.key);
        if (window.attempts.length === 1) setTimeout(() => callback(new Error("timeout")), 10);
        else setTimeout(() => callback(null, { ok: true }), 10);
      },
    };
  },
};
"""


def test_a_command_unanswered_on_a_live_connection_is_sent_again_with_its_key(new_context):
    page = new_context().new_page()
    page.set_content("<!doctype html><title>outbox</title>")
    page.add_script_tag(content=FAKE_SOCKET)
    page.add_script_tag(content=OUTBOX_JS.read_text())
    page.evaluate("""() => {
      window.answers = [];
      const box = window.deliberateOutbox.create(window.fakeSocket, () => {});
      box.joined();
      window.box = box;
      box.send("cast_vote", { argument_id: 1, value: 1 }, (ack) => window.answers.push(ack));
    }""")
    # No reconnect happens: the second attempt must come from the outbox itself, with the same key.
    page.wait_for_function("window.answers.length === 1", timeout=15_000)
    attempts = page.evaluate("window.attempts")
    assert len(attempts) == 2 and attempts[0] == attempts[1]
    assert page.evaluate("window.answers") == [{"ok": True}]
    assert page.evaluate("window.box.size") == 0
