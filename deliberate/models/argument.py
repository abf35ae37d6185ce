"""Arguments (and questions to experts) and the votes cast on them."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from deliberate.models.base import Base, utcnow
from deliberate.models.conference import _enum
from deliberate.models.enums import Kind, Stance, Status
from deliberate.models.member import Member

MAX_TEXT = 1000


class Argument(Base):
    __tablename__ = "argument"
    __table_args__ = (Index("ix_argument_conference_created", "conference_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    stance: Mapped[Stance | None] = mapped_column(_enum(Stance, "stance"), nullable=True)
    kind: Mapped[Kind] = mapped_column(_enum(Kind, "kind"), default=Kind.ARGUMENT)
    status: Mapped[Status] = mapped_column(_enum(Status, "status"), default=Status.VISIBLE)
    moderation_reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
    moderated_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    moderated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A question addressed to one expert or stakeholder (None: to every expert).
    addressee_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    # A follow-up question links to the answer it follows (an id checked by the service: answers point
    # at arguments, so a foreign key back would make a cycle).
    follows_answer_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Set when the argument was merged into another as its duplicate.
    duplicate_of_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    author: Mapped[Member] = relationship(foreign_keys=[author_id])
    addressee: Mapped[Member | None] = relationship(foreign_keys=[addressee_id])
    moderated_by: Mapped[Member | None] = relationship(foreign_keys=[moderated_by_id])


class Vote(Base):
    __tablename__ = "vote"
    __table_args__ = (
        UniqueConstraint("argument_id", "member_id"),
        CheckConstraint("value IN (-1, 0, 1)", name="value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    argument_id: Mapped[int] = mapped_column(ForeignKey("argument.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    value: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
