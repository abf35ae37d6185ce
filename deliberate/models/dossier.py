"""Preparation: the dossier (background pages and stakeholders' contributions), the glossary, and the
panel's notes of what it still does not understand."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from deliberate.models.base import Base, utcnow
from deliberate.models.conference import _enum
from deliberate.models.enums import ContributionKind
from deliberate.models.member import Member


class DossierEntry(Base):
    """A page of the dossier: background written by the organisers, or a stakeholder's contribution."""

    __tablename__ = "dossier_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ContributionKind] = mapped_column(_enum(ContributionKind, "dossier_kind"))
    title: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200), nullable=True)  # contributions only
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text)  # Markdown, rendered without raw HTML
    sources: Mapped[list] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Who wrote it in the app: the stakeholder, or an organiser entering it on their behalf.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    # The stakeholder member the contribution is attributed to (questions can be addressed to them).
    stakeholder_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    entered_by: Mapped[Member | None] = relationship(foreign_keys=[entered_by_id])
    stakeholder: Mapped[Member | None] = relationship(foreign_keys=[stakeholder_id])


class GlossaryTerm(Base):
    __tablename__ = "glossary_term"
    __table_args__ = (UniqueConstraint("conference_id", "term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    term: Mapped[str] = mapped_column(String(80))
    definition: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class UnclearNote(Base):
    """"What I still don't understand": a panelist's note while reading the dossier."""

    __tablename__ = "unclear_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("dossier_entry.id", ondelete="SET NULL"), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[Member] = relationship()
