"""A conference, its phase, and the invite codes that let people in by role."""
from datetime import datetime

from sqlalchemy import JSON, Boolean, Enum as SAEnum, ForeignKey, Integer, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from deliberate.models.base import Base, utcnow
from deliberate.models.enums import Phase, Role


def _enum(enum_cls, name):
    # Stored as plain strings with a CHECK constraint: portable across SQLite and PostgreSQL.
    return SAEnum(enum_cls, name=name, native_enum=False, values_callable=lambda e: [m.value for m in e],
                  validate_strings=True, length=20)


class Conference(Base):
    __tablename__ = "conference"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    phase: Mapped[Phase] = mapped_column(_enum(Phase, "phase"), default=Phase.PREPARATION)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Reasons the organisers publish for hiding an argument (moderators may also write their own).
    moderation_reasons: Mapped[list] = mapped_column(JSON, default=list)
    # Participants see an argument's counts only once they have voted on it (no herding, as in Pol.is).
    tallies_after_vote: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    # The room's live state, kept in the database so that a restart loses none of it. Ids without
    # foreign keys: arguments and members already point at the conference (no cycle), and the
    # services check that they belong to it.
    timer_label: Mapped[str | None] = mapped_column(String(200), nullable=True)
    timer_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    timer_ends_at: Mapped[datetime | None] = mapped_column(nullable=True)
    timer_item_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    spotlight_argument_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    speaking_member_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    turn_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    turn_ends_at: Mapped[datetime | None] = mapped_column(nullable=True)

    invites: Mapped[list["Invite"]] = relationship(back_populates="conference", cascade="all, delete-orphan")


class Invite(Base):
    __tablename__ = "invite"
    __table_args__ = (UniqueConstraint("conference_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    code: Mapped[str] = mapped_column(String(20), unique=True)
    # Organisers may close a code (nobody joins with it any more) and cap how many members join with it.
    closed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    max_members: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rotated_at: Mapped[datetime | None] = mapped_column(nullable=True)  # when the code last changed

    conference: Mapped[Conference] = relationship(back_populates="invites")


class CommandKey(Base):
    """A client-chosen idempotency key and what its command produced: a retry after a lost ack gets the same
    answer and changes nothing. Written in the same transaction as the command's own write."""

    __tablename__ = "command_key"
    __table_args__ = (UniqueConstraint("member_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    command: Mapped[str] = mapped_column(String(30))
    result: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PhaseChange(Base):
    """When the conference entered each phase, and who moved it: the report's method statement."""

    __tablename__ = "phase_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    phase: Mapped[Phase] = mapped_column(_enum(Phase, "phase"))
    by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # a member id; None: created so
    at: Mapped[datetime] = mapped_column(default=utcnow)
