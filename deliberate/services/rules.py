"""One table says what each role may do in each phase of the method. The server enforces it on every
command (`check`), and pages show it in words (`rules_in_words`), so the two can never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from deliberate.models import Member, Phase, Role
from deliberate.services.errors import ServiceError

P = Phase
R = Role
OPEN = (P.PREPARATION, P.HEARING, P.DELIBERATION)           # arguments, questions and votes
BEFORE_PUBLISHED = tuple(p for p in P if p is not P.PUBLISHED)
ALL_PHASES = tuple(P)
PARTICIPANTS = tuple(r for r in R if r is not R.OBSERVER)
STEER = (R.ORGANISER, R.FACILITATOR)
DOCUMENT = (P.DRAFTING, P.REVIEW)                          # the panel consents and writes its dissent


@dataclass(frozen=True)
class Rule:
    roles: tuple[Role, ...]
    phases: tuple[Phase, ...]
    words: object          # what the rule says, for pages ("Questions to the experts are open …")
    refused: object        # the message a refused role gets


RULES: dict[str, Rule] = {
    "post_argument": Rule(PARTICIPANTS, OPEN, _l("Arguments are open from preparation through deliberation."),
                          _l("Observers can read but not post or vote.")),
    "post_question": Rule(PARTICIPANTS, OPEN,
                          _l("Questions to the experts are open from preparation through deliberation."),
                          _l("Observers can read but not post or vote.")),
    "post_key_question": Rule((R.PANELIST, R.FACILITATOR, R.ORGANISER), (P.PREPARATION,),
                              _l("Key questions for the hearing are proposed by the panel during preparation."),
                              _l("Only panelists, facilitators and organisers propose key questions.")),
    "cast_vote": Rule(PARTICIPANTS, OPEN, _l("Votes are open from preparation through deliberation."),
                      _l("Observers can read but not post or vote.")),
    "note_unclear": Rule((R.PANELIST, R.FACILITATOR, R.ORGANISER), (P.PREPARATION, P.HEARING),
                         _l("The panel notes what it does not understand during preparation and the hearing."),
                         _l("Only the panel notes what it does not understand.")),
    "answer_question": Rule((R.EXPERT, R.STAKEHOLDER), OPEN,
                            _l("Experts and stakeholders answer questions from preparation through deliberation."),
                            _l("Only experts and stakeholders answer questions.")),
    "edit_dossier": Rule((R.ORGANISER,), BEFORE_PUBLISHED,
                         _l("Organisers publish the dossier and the glossary until the report is published."),
                         _l("Only organisers edit the dossier and the glossary.")),
    "submit_contribution": Rule((R.STAKEHOLDER, R.ORGANISER), (P.PREPARATION, P.HEARING),
                                _l("Stakeholders submit written contributions during preparation and the hearing."),
                                _l("Only stakeholders (or organisers for them) submit contributions.")),
    "select_key_question": Rule(STEER, (P.PREPARATION, P.HEARING),
                                _l("Facilitators select the hearing's key questions during preparation and the hearing."),
                                _l("Only facilitators and organisers steer the conference.")),
    "set_phase": Rule(STEER, BEFORE_PUBLISHED, _l("Facilitators move the conference from phase to phase."),
                      _l("Only facilitators and organisers steer the conference.")),
    "set_timer": Rule(STEER, BEFORE_PUBLISHED, _l("Facilitators keep time until the report is published."),
                      _l("Only facilitators and organisers steer the conference.")),
    "raise_hand": Rule(PARTICIPANTS, BEFORE_PUBLISHED, _l("Anyone taking part may ask for the floor until publication."),
                       _l("Observers can read but not ask for the floor.")),
    "give_floor": Rule(STEER, BEFORE_PUBLISHED, _l("Facilitators give the floor until publication."),
                       _l("Only facilitators and organisers steer the conference.")),
    "spotlight": Rule(STEER, BEFORE_PUBLISHED, _l("Facilitators put an argument in the spotlight until publication."),
                      _l("Only facilitators and organisers steer the conference.")),
    "moderate": Rule(STEER, BEFORE_PUBLISHED,
                     _l("Facilitators moderate, with a published reason, until the report is published."),
                     _l("Only facilitators and organisers can moderate.")),
    "set_moderation_reasons": Rule((R.ORGANISER,), BEFORE_PUBLISHED,
                                   _l("Organisers publish the list of moderation reasons."),
                                   _l("Only organisers publish the moderation reasons.")),
    "set_tally_visibility": Rule(STEER, BEFORE_PUBLISHED,
                                 _l("Facilitators choose whether participants see the counts before voting."),
                                 _l("Only facilitators and organisers steer the conference.")),
    # ---- the consensus document ----
    "draft_document": Rule(STEER, (P.DRAFTING,), _l("Facilitators generate the first draft of the document in drafting."),
                           _l("Only facilitators and organisers write the document.")),
    "edit_document": Rule(STEER, (P.DRAFTING,), _l("Facilitators edit the document's paragraphs in drafting."),
                          _l("Only facilitators and organisers write the document.")),
    "revise_published": Rule((R.ORGANISER,), (P.PUBLISHED,),
                             _l("After publication, organisers may correct the document and publish a new version."),
                             _l("Only organisers correct a published document.")),
    "consent": Rule((R.PANELIST,), DOCUMENT,
                    _l("Panelists give their consent to each paragraph during drafting and review."),
                    _l("Only panelists give their consent to the document.")),
    "minority_statement": Rule((R.PANELIST,), DOCUMENT,
                               _l("Panelists write and sign minority statements during drafting and review."),
                               _l("Only panelists write minority statements.")),
    "propose_correction": Rule((R.EXPERT,), (P.REVIEW,),
                               _l("Experts propose corrections of facts during review."),
                               _l("Only experts propose corrections of facts.")),
    "decide_correction": Rule(STEER, (P.REVIEW,),
                              _l("Facilitators record the panel's decision on each correction during review."),
                              _l("Only facilitators and organisers record the panel's decisions.")),
    "publish_document": Rule((R.ORGANISER,), (P.DRAFTING, P.REVIEW, P.PUBLISHED),
                             _l("Organisers publish the report, after drafting or review."),
                             _l("Only organisers publish the report.")),
    "erase_member": Rule((R.ORGANISER,), ALL_PHASES, _l("Organisers can erase a participant's personal data."),
                         _l("Only organisers erase personal data.")),
    # Access, not the record: after publication too, a leaked token must be shut out and a code closed.
    "revoke_member": Rule((R.ORGANISER,), ALL_PHASES, _l("Organisers can end a member's membership."),
                          _l("Only organisers end someone else's membership.")),
    "manage_invites": Rule((R.ORGANISER,), ALL_PHASES, _l("Organisers rotate, close, reopen and cap invite codes."),
                           _l("Only organisers manage invite codes.")),
}

PHASE_WORDS = {
    P.PREPARATION: _l("preparation"), P.HEARING: _l("the hearing"), P.DELIBERATION: _l("deliberation"),
    P.DRAFTING: _l("drafting"), P.REVIEW: _l("review"), P.PUBLISHED: _l("published"),
}


def allowed(member: Member, action: str) -> bool:
    rule = RULES[action]
    return member.role in rule.roles and member.conference.phase in rule.phases


def check(member: Member, action: str) -> None:
    """Refuse with `forbidden` (wrong role) or `wrong_phase` (right role, wrong moment)."""
    check_role(member.role, action)
    check_phase(member.conference.phase, action)


def check_role(role: Role, action: str) -> None:
    rule = RULES[action]
    if role not in rule.roles:
        raise ServiceError("forbidden", rule.refused)


def check_phase(phase: Phase, action: str) -> None:
    """The phase half of `check`, for the hot paths that read the phase without loading the conference."""
    rule = RULES[action]
    if phase not in rule.phases:
        raise ServiceError("wrong_phase", _l("Not now, in the “%(phase)s” phase: %(rule)s",
                                             phase=PHASE_WORDS[phase], rule=rule.words))


def capabilities(member: Member) -> dict[str, bool]:
    """Every action of the table, allowed or not for this member now (the client's buttons)."""
    return {action: allowed(member, action) for action in RULES}


def rules_in_words(member: Member) -> list[dict]:
    """The rules that concern this member's role, with whether each is open now."""
    return [{"action": action, "text": str(rule.words), "open": allowed(member, action)}
            for action, rule in RULES.items() if member.role in rule.roles]
