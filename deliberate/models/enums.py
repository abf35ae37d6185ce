"""The vocabularies of the method: phases, roles, stances, kinds, vote values."""
from enum import Enum


class Phase(str, Enum):
    PREPARATION = "preparation"
    HEARING = "hearing"
    DELIBERATION = "deliberation"
    DRAFTING = "drafting"
    REVIEW = "review"
    PUBLISHED = "published"

    @property
    def index(self) -> int:
        return PHASE_ORDER.index(self)

    @property
    def next(self) -> "Phase | None":
        i = self.index + 1
        return PHASE_ORDER[i] if i < len(PHASE_ORDER) else None

    @property
    def open_for_contributions(self) -> bool:
        """Arguments, questions and votes are accepted from preparation through deliberation."""
        return self.index <= Phase.DELIBERATION.index


PHASE_ORDER = list(Phase)


class Role(str, Enum):
    ORGANISER = "organiser"
    FACILITATOR = "facilitator"
    EXPERT = "expert"
    STAKEHOLDER = "stakeholder"
    PANELIST = "panelist"
    PUBLIC = "public"
    OBSERVER = "observer"

    @property
    def can_contribute(self) -> bool:
        return self is not Role.OBSERVER

    @property
    def can_steer(self) -> bool:
        return self in (Role.ORGANISER, Role.FACILITATOR)

    @property
    def answers_questions(self) -> bool:
        """Experts and stakeholders answer the panel's questions in the hearing."""
        return self in (Role.EXPERT, Role.STAKEHOLDER)


class Stance(str, Enum):
    FOR = "for"
    AGAINST = "against"
    NUANCE = "nuance"


class Kind(str, Enum):
    ARGUMENT = "argument"
    QUESTION = "question"          # to the experts (or one expert or stakeholder), answered in the app
    KEY_QUESTION = "key_question"  # proposed in preparation; the selected ones form the hearing's agenda

    @property
    def is_question(self) -> bool:
        return self is not Kind.ARGUMENT


class Status(str, Enum):
    VISIBLE = "visible"
    HIDDEN = "hidden"


class ModerationAction(str, Enum):
    HIDE = "hide"
    RESTORE = "restore"
    MERGE = "merge"  # hide as a duplicate of another argument


class ContributionKind(str, Enum):
    BACKGROUND = "background"        # a dossier page the organisers publish
    CONTRIBUTION = "contribution"    # a stakeholder's written contribution


VOTE_VALUES = {1: "agree", -1: "disagree", 0: "pass"}
