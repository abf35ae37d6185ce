"""Typed SQLAlchemy 2.0 models: data and invariants, nothing about requests."""
from deliberate.models.analysis import AnalysisRun, EmbeddingCache
from deliberate.models.argument import MAX_TEXT, Argument, Vote
from deliberate.models.base import Base
from deliberate.models.conference import CommandKey, Conference, Invite, PhaseChange
from deliberate.models.document import (Consent, ConsentValue, Correction, CorrectionStatus, Origin,
                                        Paragraph, ParagraphKind, ParagraphVersion, Publication,
                                        MinorityStatement, StatementSignature)
from deliberate.models.dossier import DossierEntry, GlossaryTerm, UnclearNote
from deliberate.models.enums import (PHASE_ORDER, VOTE_VALUES, ContributionKind, Kind, ModerationAction, Phase,
                                     Role, Stance, Status)
from deliberate.models.hearing import AgendaItem, Answer, FloorTurn, QueueEntry
from deliberate.models.member import Member
from deliberate.models.moderation import ModerationDecision

__all__ = [
    "Base", "AnalysisRun", "EmbeddingCache", "Conference", "Invite", "Member", "Argument", "Vote",
    "Answer", "AgendaItem", "QueueEntry", "FloorTurn", "DossierEntry", "GlossaryTerm", "UnclearNote",
    "ModerationDecision", "Phase", "PHASE_ORDER", "Role", "Stance", "Kind", "Status", "ModerationAction",
    "ContributionKind", "VOTE_VALUES", "MAX_TEXT", "Paragraph", "ParagraphKind", "ParagraphVersion", "Origin",
    "Consent", "ConsentValue", "MinorityStatement", "StatementSignature", "Correction", "CorrectionStatus",
    "Publication", "PhaseChange", "CommandKey",
]
