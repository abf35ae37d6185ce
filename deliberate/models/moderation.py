"""Every moderation decision, kept: who hid, restored or merged what, when and why."""
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
