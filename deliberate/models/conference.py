"""A conference, its phase, and the invite codes that let people in by role."""
from datetime import datetime

from sqlalchemy import Enum as SAEnum, ForeignKey, String, Text, UniqueConstraint
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

    invites: Mapped[list["Invite"]] = relationship(back_populates="conference", cascade="all, delete-orphan")


class Invite(Base):
    __tablename__ = "invite"
    __table_args__ = (UniqueConstraint("conference_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    code: Mapped[str] = mapped_column(String(20), unique=True)

    conference: Mapped[Conference] = relationship(back_populates="invites")
