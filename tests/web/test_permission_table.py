"""The permission table (rules.RULES), tried cell by cell through the real interfaces.

Every cell is a (command, role, phase): the command is sent over /live (or the page's form over HTTP) with a minimal
valid payload, and its answer is checked against the table: an allowed cell is never refused as `forbidden` or
`wrong_phase`; a wrong role gets `forbidden`; the right role at the wrong moment gets `wrong_phase`; and every
refusal leaves the database exactly as it was (a digest of every row of every table) and sends no event. The
drivers below are checked to cover every rule of the table and every command of the namespace, so a new rule or
command without a cell here fails the suite. The pages read the same table: each member's snapshot carries
`me.can` and the rules in words computed from it.
"""
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from deliberate.models import Phase, Role
from deliberate.services.rules import RULES
from deliberate.web.auth import SESSION_KEY
from deliberate.web.live.namespace import LiveNamespace
from tests.web import world

NS = world.NS
ROLES = world.ROLES
PHASES = [p.value for p in Phase]


@dataclass(frozen=True)
class Socket:
    command: str
    rule: str
    payload: Callable[[dict, str], dict]  # (targets, phase) -> payload
    published_rule: str | None = None     # the rule that governs the command after publication, when another

    def rule_in(self, phase: str) -> str:
        return self.published_rule if phase == "published" and self.published_rule else self.rule


@dataclass(frozen=True)
class Http:
    name: str
    rule: str
    path: Callable[[str, dict], str]  # (slug, targets) -> path
    form: dict

    def rule_in(self, phase: str) -> str:
        return self.rule


def s(command, rule, payload, published_rule=None):
    return Socket(command, rule, payload if callable(payload) else (lambda t, phase, p=payload: p), published_rule)


# In order: what only adds comes first; erasing, revoking and publishing (which changes the phase) last.
DRIVERS = [
    s("post_argument", "post_argument", {"text": "Un argument.", "stance": "for"}),
    s("post_argument", "post_question", {"text": "Une question ?", "kind": "question"}),
    s("post_argument", "post_key_question", {"text": "Une question clé ?", "kind": "key_question"}),
    s("cast_vote", "cast_vote", lambda t, p: {"argument_id": t["argument"], "value": 1}),
    s("note_unclear", "note_unclear", {"text": "Je ne comprends pas."}),
    s("answer_question", "answer_question", lambda t, p: {"question_id": t["question"], "text": "Une réponse."}),
    s("select_key_question", "select_key_question",
      lambda t, p: {"argument_id": t["key"], "selected": True, "planned_minutes": 10}),
    s("set_timer", "set_timer", {"seconds": 60, "label": "Tour"}),
    s("raise_hand", "raise_hand", {}),
    s("lower_hand", "raise_hand", {}),
    s("give_floor", "give_floor", lambda t, p: {"member_id": t["speaker"]}),
    s("spotlight", "spotlight", lambda t, p: {"argument_id": t["argument"]}),
    s("moderate", "moderate", lambda t, p: {"argument_id": t["to_hide"], "action": "hide", "reason": "Hors sujet"}),
    s("moderate", "moderate", lambda t, p: {"argument_id": t["hidden"], "action": "restore", "reason": "Erreur"}),
    s("merge", "moderate", lambda t, p: {"argument_id": t["duplicate"], "into": t["argument"]}),
    s("set_moderation_reasons", "set_moderation_reasons", {"reasons": ["Hors sujet"]}),
    s("set_tally_visibility", "set_tally_visibility", {"after_vote": False}),
    # The same phase again: an allowed cell passes the table, then is refused as `invalid`, changing nothing.
    s("set_phase", "set_phase", lambda t, p: {"phase": p}),
    s("draft_document", "draft_document", {}),
    s("add_paragraph", "edit_document", {"body": "Un nouveau paragraphe."}, "revise_published"),
    s("edit_paragraph", "edit_document", lambda t, p: {"paragraph_id": t["paragraph"], "body": "Reformulé."},
      "revise_published"),
    s("move_paragraph", "edit_document", lambda t, p: {"paragraph_id": t["paragraph"], "position": 1},
      "revise_published"),
    s("delete_paragraph", "edit_document", lambda t, p: {"paragraph_id": t["spare_paragraph"]}, "revise_published"),
    s("consent", "consent", lambda t, p: {"paragraph_id": t["paragraph"], "value": "object", "reason": "Non."}),
    s("write_statement", "minority_statement", {"text": "Nous pensons autrement.", "by_name": False}),
    s("sign_statement", "minority_statement", lambda t, p: {"statement_id": t["statement"], "by_name": True}),
    s("withdraw_statement", "minority_statement", lambda t, p: {"statement_id": t["statement"]}),
    s("propose_correction", "propose_correction",
      lambda t, p: {"paragraph_id": t["paragraph"], "text": "Corrigé.", "reason": "Un chiffre faux."}),
    s("decide_correction", "decide_correction", lambda t, p: {"correction_id": t["correction"], "accept": False}),
    Http("dossier page", "edit_dossier", lambda slug, t: f"/c/{slug}/dossier/pages",
         {"title": "Titre", "body": "Un texte."}),
    Http("glossary term", "edit_dossier", lambda slug, t: f"/c/{slug}/dossier/glossary",
         {"term": "Terme", "definition": "Une définition."}),
    Http("contribution", "submit_contribution", lambda slug, t: f"/c/{slug}/dossier/contributions",
         {"organisation": "Une association", "summary": "Résumé.", "body": "Notre contribution."}),
    Http("note (page)", "note_unclear", lambda slug, t: f"/c/{slug}/dossier/notes", {"text": "Pas clair."}),
    Http("invite cap", "manage_invites", lambda slug, t: f"/c/{slug}/invites/public/cap", {"max_members": "500"}),
    Http("erase (page)", "erase_member", lambda slug, t: f"/c/{slug}/members/{t['to_erase']}/erase",
         {"confirm": "yes"}),
    s("erase_member", "erase_member", lambda t, p: {"member_id": t["to_erase"]}),
    Http("revoke (page)", "revoke_member", lambda slug, t: f"/c/{slug}/members/{t['to_revoke']}/revoke",
         {"confirm": "yes"}),
    s("revoke_member", "revoke_member", lambda t, p: {"member_id": t["to_revoke"]}),
    s("publish_document", "publish_document", {"confirm": True, "note": "Version corrigée."}),
]
# Commands outside the table: open to every member of the conference whatever the phase (reading, joining,
# leaving), or to steering roles whatever the phase (reading the notes' groups).
UNGATED = {"join", "paragraph_history", "note_groups", "leave"}
# What may still change once the report is published: a new version of it, and access and personal data.
AFTER_PUBLICATION = {"revise_published", "publish_document", "erase_member", "revoke_member", "manage_invites"}

CELLS_PER_PHASE = len(DRIVERS) * len(ROLES)


def test_the_drivers_cover_the_table_and_the_namespace():
    governing = {d.rule_in(phase) for d in DRIVERS for phase in PHASES}
    assert governing == set(RULES), "a rule of the table has no cell here, or a driver names no rule"
    commands = {d.command for d in DRIVERS if isinstance(d, Socket)}
    assert LiveNamespace.commands() == commands | UNGATED, "a /live command is neither in the table nor ungated"


def test_nothing_but_a_new_version_access_and_erasure_after_publication():
    assert {a for a, rule in RULES.items() if Phase.PUBLISHED in rule.phases} == AFTER_PUBLICATION


def expected(rule_name: str, role: str, phase: str) -> str:
    rule = RULES[rule_name]
    if Role(role) not in rule.roles:
        return "forbidden"
    if Phase(phase) not in rule.phases:
        return "wrong_phase"
    return "allowed"


class Browser:
    """A Flask test client logged in as one member through the session cookie, with the CSRF token of its forms."""

    def __init__(self, app, slug, member_id):
        self.client = app.test_client()
        with self.client.session_transaction() as session:
            session[SESSION_KEY] = {slug: member_id}
        html = self.client.get(f"/c/{slug}/dossier").get_data(as_text=True)
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def post(self, path, form):
        return self.client.post(path, data={**form, "csrf_token": self.token})


HTTP_REFUSAL = {403: "forbidden", 409: "wrong_phase"}


@pytest.mark.parametrize("phase", PHASES)
def test_every_cell_of_the_table(app, conference, phase):
    w = world.build(app, conference, phase)
    clients = world.connect_all(app, w, conference.slug)
    browsers = {role: Browser(app, conference.slug, w["members"][role]) for role in ROLES}
    tried = {"allowed": 0, "forbidden": 0, "wrong_phase": 0}
    accepted = 0
    try:
        # The pages and the client's buttons read the same table as the server.
        for role, client in clients.items():
            can = client.snapshot["me"]["can"]
            assert {a: can[a] for a in RULES} == {a: expected(a, role, phase) == "allowed" for a in RULES}, role
            words = {r["action"]: r["open"] for r in client.snapshot["rules"]}
            assert words == {a: expected(a, role, phase) == "allowed" for a in RULES if Role(role) in RULES[a].roles}
        for driver in DRIVERS:
            rule_name = driver.rule_in(phase)
            for role in ROLES:
                want = expected(rule_name, role, phase)
                tried[want] += 1
                before = world.fingerprint(app)
                for c in clients.values():
                    c.get_received(NS)
                if isinstance(driver, Socket):
                    ack = clients[role].emit(driver.command, driver.payload(w["t"], phase), namespace=NS,
                                             callback=True)
                    assert isinstance(ack, dict) and isinstance(ack.get("ok"), bool), ack
                    got = "ok" if ack["ok"] else ack["error"]["code"]
                    cell = f"{driver.command} ({rule_name}) by {role} in {phase}: {ack}"
                else:
                    response = browsers[role].post(driver.path(conference.slug, w["t"]), driver.form)
                    got = HTTP_REFUSAL.get(response.status_code, f"HTTP {response.status_code}")
                    cell = f"{driver.name} ({rule_name}) by {role} in {phase}: {response.status_code}"
                if want == "allowed":
                    assert got not in ("forbidden", "wrong_phase"), cell
                    accepted += got in ("ok", "HTTP 302")
                    continue
                assert got == want, cell
                assert world.fingerprint(app) == before, cell
                assert all(c.get_received(NS) == [] for c in clients.values()), cell
        assert sum(tried.values()) == CELLS_PER_PHASE
        assert accepted > 0  # allowed cells really ran, not only refusals
        print(f"\n{phase}: {CELLS_PER_PHASE} cells, {tried}, {accepted} accepted")
    finally:
        world.disconnect_all(clients)
