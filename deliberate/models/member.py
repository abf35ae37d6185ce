"""A person inside one conference, with one role. Pseudonyms are allowed."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
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

    conference: Mapped[Conference] = relationship()
