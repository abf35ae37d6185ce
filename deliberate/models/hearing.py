"""The hearing and the room's order: answers to questions, the agenda, the speaking queue."""
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from deliberate.models.argument import Argument
from deliberate.models.base import Base, utcnow
from deliberate.models.conference import _enum
from deliberate.models.enums import Phase
from deliberate.models.member import Member


class Answer(Base):
    """An expert's or a stakeholder's answer to a question (or a key question)."""

    __tablename__ = "answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("argument.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[Member] = relationship()
    question: Mapped[Argument] = relationship()


class AgendaItem(Base):
    """One item of the agenda: a selected key question (or another item) with its planned duration."""

    __tablename__ = "agenda_item"
    __table_args__ = (UniqueConstraint("conference_id", "argument_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    phase: Mapped[Phase] = mapped_column(_enum(Phase, "phase"), default=Phase.HEARING)
    title: Mapped[str] = mapped_column(String(1000))
    argument_id: Mapped[int | None] = mapped_column(ForeignKey("argument.id", ondelete="CASCADE"), nullable=True)
    planned_minutes: Mapped[int] = mapped_column(Integer, default=15)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class QueueEntry(Base):
    """A raised hand, waiting for the floor; one per member at a time."""

    __tablename__ = "queue_entry"
    __table_args__ = (UniqueConstraint("member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    raised_at: Mapped[datetime] = mapped_column(default=utcnow)

    member: Mapped[Member] = relationship()


class FloorTurn(Base):
    """Who was given the floor and when: the console's "not yet heard" reads it."""

    __tablename__ = "floor_turn"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    given_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
