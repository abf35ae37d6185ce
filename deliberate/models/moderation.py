"""Every moderation decision, kept: who hid, restored or merged what, when and why.

The history is append-only, and the guard lives with the model so that it holds wherever the model is used (a
script, a migration's data step), not only once the moderation use-cases are imported."""
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from deliberate.models.argument import Argument
from deliberate.models.base import Base, utcnow
from deliberate.models.conference import _enum
from deliberate.models.enums import ModerationAction
from deliberate.models.member import Member


class ModerationDecision(Base):
    __tablename__ = "moderation_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    argument_id: Mapped[int] = mapped_column(ForeignKey("argument.id", ondelete="CASCADE"), index=True)
    action: Mapped[ModerationAction] = mapped_column(_enum(ModerationAction, "moderation_action"))
    reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    moderator: Mapped[Member | None] = relationship()
    argument: Mapped[Argument] = relationship()


class AppendOnlyError(RuntimeError):
    """A bug, not a refusal: code tried to rewrite the moderation history."""


@event.listens_for(Session, "before_flush")
def _no_rewritten_decision(session, _flush_context, _instances) -> None:
    for obj in session.deleted:
        if isinstance(obj, ModerationDecision):
            raise AppendOnlyError("moderation decisions are never deleted")
    for obj in session.dirty:
        if isinstance(obj, ModerationDecision) and session.is_modified(obj, include_collections=False):
            raise AppendOnlyError("moderation decisions are never updated")


@event.listens_for(Session, "do_orm_execute")
def _no_bulk_rewrite(state) -> None:
    if (state.is_update or state.is_delete) and any(m.class_ is ModerationDecision for m in state.all_mappers):
        raise AppendOnlyError("moderation decisions are never updated or deleted")
