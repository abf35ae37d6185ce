"""Translated labels for templates and for the strings the live page's script shows."""
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from deliberate.models import PHASE_ORDER
from deliberate.web.console_labels import console_strings

PHASES = {
    "preparation": _l("Preparation"),
    "hearing": _l("Hearing"),
    "deliberation": _l("Deliberation"),
    "drafting": _l("Drafting"),
    "review": _l("Review"),
    "published": _l("Published"),
}
ROLES = {
    "organiser": _l("organiser"),
    "facilitator": _l("facilitator"),
    "expert": _l("expert"),
    "stakeholder": _l("stakeholder"),
    "panelist": _l("panelist"),
    "public": _l("public"),
    "observer": _l("observer"),
}


def phase_label(value: str) -> str:
    return str(PHASES.get(value, value))


def role_label(value: str) -> str:
    return str(ROLES.get(value, value))


def js_strings() -> dict:
    return {
        "agree": _("Agree"),
        "disagree": _("Disagree"),
        "pass": _("Pass"),
        "question": _("Question"),
        "stance_for": _("For"),
        "stance_against": _("Against"),
        "stance_nuance": _("Nuance"),
        "online": _("Live"),
        "offline": _("Offline, reconnecting…"),
        "error": _("Something went wrong."),
        "not_sent": _("Not sent: the connection is down. Your text is kept; try again."),
        "hide": _("Hide"),
        "restore": _("Restore"),
        "reason_label": _("Reason"),
        "reason_placeholder": _("Reason for hiding (published)"),
        "restore_reason_placeholder": _("Note (optional)"),
        "hidden_because": _("Hidden:"),
        "group": _("Group"),
        "generated": _("[keywords found by the software]"),
        "central": _("Most typical argument:"),
        "themes": _("Themes"),
        "groups": _("Opinion groups"),
        "people": _("%(n)s people"),
        "consensus_list": _("Most consensual arguments, across groups"),
        "divisive_list": _("Most divisive arguments"),
        "duplicates": _("Possible duplicates"),
        "verdict_consensus": _("Consensus across groups"),
        "verdict_split": _("Splits the groups: %(groups)s"),
        "verdict_minority": _("Minority view: %(group)s stands apart"),
        "verdict_mixed": _("Mixed"),
        "verdict_insufficient": _("Not enough votes yet"),
        "theme_meta": _("%(n)s arguments, %(votes)s votes"),
        "point_meta": _("(%(n)s arguments, %(voters)s voters)"),
        "votes_detail": _("%(agree)s agree, %(disagree)s disagree, %(pass)s pass"),
        "count_of": _("(%(n)s of %(of)s)"),
        "map": _("Map of the arguments by meaning, one colour per theme"),
        "panel_verdict": _("Panel: %(verdict)s"),
        "panel_title": _("The panel, analysed apart from the public"),
        "panel_meta": _("%(participants)s of %(voters)s panelists in %(k)s opinion groups · exact counts"),
        "panel_only": _("Only the panel has voted: these groups are the panel's."),
        "exact_mode": _("Small group: exact counts and exact tests."),
        "assigned": _("New #%(id)s → %(theme)s"),
        "no_theme": _("no theme yet"),
        "analysis_meta": _("%(participants)s of %(voters)s voters in %(k)s opinion groups · computed in %(ms)s ms"),
        # The participant room (live.js): kinds, hidden placeholders, answers, floor, timer, spotlight, rules.
        "kind_question": _("Question to the experts"),
        "key_question": _("Key question"),
        "ask_it": _("Ask it"),
        "dont_ask_it": _("Don't ask it"),
        "vote_on": _("Your vote on #%(id)s"),
        "priority_of": _("Should #%(id)s be asked at the hearing?"),
        "on_agenda": _("On the agenda"),
        "hidden_by": _("Hidden by the facilitators: %(reason)s"),
        "hidden_by_no_reason": _("Hidden by the facilitators."),
        "see_original": _("See the original, #%(id)s"),
        "reason_choice": _("Choose a published reason…"),
        "reason_choice_label": _("Published moderation reasons"),
        "answered": _("Answered"),
        "waiting": _("Waiting for an answer"),
        "to_member": _("To: %(name)s"),
        "to_everyone": _("All the experts and stakeholders"),
        "answers": _("Answers"),
        "answer_number": _("Answer #%(id)s"),
        "follow_up": _("Ask a follow-up"),
        "follow_up_to": _("Ask a follow-up question to answer #%(id)s"),
        "follows_answer": _("Follow-up to answer #%(id)s"),
        "following_answer": _("Your question follows up on answer #%(id)s."),
        "answer_button": _("Answer"),
        "answer_placeholder": _("Your answer, in plain words…"),
        "your_answer_to": _("Your answer to #%(id)s"),
        "timer_default": _("Time left"),
        "time_up": _("Time is up"),
        "raise_hand": _("Raise my hand"),
        "lower_hand": _("Lower my hand"),
        "speaking": _("Speaking: %(name)s"),
        "you_speaking": _("You have the floor."),
        "nobody_speaking": _("Nobody has the floor."),
        "queue_place": _("Your place in the queue: %(n)s of %(total)s."),
        "queue_size": _("Hands raised: %(n)s."),
        "spotlight": _("In the spotlight"),
        "rule_open": _("Open now"),
        "rule_closed": _("Closed now"),
        "term_hint": _("Show the definition"),
    }


def init_app(app) -> None:
    @app.context_processor
    def inject_labels():
        return {
            "get_locale": lambda: str(get_locale() or "fr"),
            "phase_label": phase_label,
            "role_label": role_label,
            "js_strings": js_strings,
            "phase_labels": lambda: {p.value: phase_label(p.value) for p in PHASE_ORDER},
            "phase_order": lambda: [p.value for p in PHASE_ORDER],
            "role_labels": lambda: {k: str(v) for k, v in ROLES.items()},
            "console_strings": console_strings,
        }
