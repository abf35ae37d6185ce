"""Typed SQLAlchemy 2.0 models: data and invariants, nothing about requests."""
from deliberate.models.analysis import AnalysisRun, EmbeddingCache
from deliberate.models.argument import MAX_TEXT, Argument, Vote
from deliberate.models.base import Base
from deliberate.models.conference import Conference, Invite
from deliberate.models.enums import PHASE_ORDER, VOTE_VALUES, Kind, Phase, Role, Stance, Status
from deliberate.models.member import Member

__all__ = [
    "Base", "AnalysisRun", "EmbeddingCache", "Conference", "Invite", "Member", "Argument", "Vote",
    "Phase", "PHASE_ORDER", "Role", "Stance", "Kind", "Status", "VOTE_VALUES", "MAX_TEXT",
]
