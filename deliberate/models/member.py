"""A person inside one conference, with one role. Pseudonyms are allowed."""
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from deliberate.models.base import Base, utcnow
from deliberate.models.conference import Conference, _enum
from deliberate.models.enums import Role


class Member(Base):
    __tablename__ = "member"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    display_name: Mapped[str] = mapped_column(String(60))
    # Only a hash of the bearer token is kept: a leaked database does not leak credentials.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when an organiser erased the person's personal data: the display name is blanked, the
    # anonymised arguments and votes stay.
    erased_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # The bearer token expires DELIBERATE_SESSION_DAYS after it was issued (renewing issues a new one).
    token_issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The invite code the member joined with (None: created by the command line or the demo), so that an
    # organiser's cap on an invite counts its own members only.
    invite_id: Mapped[int | None] = mapped_column(ForeignKey("invite.id", ondelete="SET NULL"), nullable=True,
                                                  index=True)
    # A membership ends when the member leaves or an organiser revokes it: its token and cookie stop working,
    # its arguments and votes stay. `ended_by_id` is the organiser who revoked it (the member when it left).
    ended_at: Mapped[datetime | None] = mapped_column(nullable=True)
    ended_how: Mapped[str | None] = mapped_column(String(10), nullable=True)  # "left" | "revoked"
    ended_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    conference: Mapped[Conference] = relationship()

    @property
    def active(self) -> bool:
        return self.ended_at is None
