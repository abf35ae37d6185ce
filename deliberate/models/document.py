"""The consensus document: paragraphs with every version, consent, minority statements, expert
corrections, and the frozen versions that were published."""
from datetime import datetime
from enum import Enum

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from deliberate.models.base import Base, utcnow
from deliberate.models.conference import _enum
from deliberate.models.member import Member


class ParagraphKind(str, Enum):
    HEADING = "heading"
    TEXT = "text"


class Origin(str, Enum):
    """Who wrote a paragraph's own sentences (quotes are always participants' exact words)."""
    SOFTWARE = "software"            # generated from the analysis, not yet reworded by a person
    FACILITATORS = "facilitators"    # added or reworded by the facilitators for the panel
    EXPERT = "expert"                # an expert's factual correction, accepted by the panel


class ConsentValue(str, Enum):
    AGREE = "agree"
    LIVE_WITH = "live_with"
    OBJECT = "object"


class CorrectionStatus(str, Enum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Paragraph(Base):
    __tablename__ = "paragraph"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[ParagraphKind] = mapped_column(_enum(ParagraphKind, "paragraph_kind"), default=ParagraphKind.TEXT)
    body: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[Origin] = mapped_column(_enum(Origin, "origin"), default=Origin.FACILITATORS)
    # Quotes are stored as ids and rendered from the argument or answer itself, so a quote can only
    # ever be the participant's exact, current text.
    quote_ids: Mapped[list] = mapped_column(JSON, default=list)
    answer_ids: Mapped[list] = mapped_column(JSON, default=list)
    # Further arguments the paragraph rests on (counted in its figures) without quoting them.
    evidence_ids: Mapped[list] = mapped_column(JSON, default=list)
    # Where the draft took it from: {"part": ..., "theme": id, "key_question": id, "group": ...}.
    source: Mapped[dict] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    deleted_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ParagraphVersion(Base):
    """One entry of a paragraph's history: what it said after each change, who changed it and why."""

    __tablename__ = "paragraph_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraph.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    change: Mapped[str] = mapped_column(String(20))   # drafted, added, reworded, moved, deleted, corrected
    body: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[Origin] = mapped_column(_enum(Origin, "origin"))
    quote_ids: Mapped[list] = mapped_column(JSON, default=list)
    answer_ids: Mapped[list] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(Integer)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    correction_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    editor: Mapped[Member | None] = relationship()


class Consent(Base):
    """A panelist's consent to one version of a paragraph; rewording asks again."""

    __tablename__ = "consent"
    __table_args__ = (UniqueConstraint("paragraph_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraph.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    value: Mapped[ConsentValue] = mapped_column(_enum(ConsentValue, "consent_value"))
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    member: Mapped[Member] = relationship()


class MinorityStatement(Base):
    """Dissent in the panelists' own words: printed in the annex exactly as written."""

    __tablename__ = "minority_statement"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    paragraph_ids: Mapped[list] = mapped_column(JSON, default=list)
    withdrawn_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[Member] = relationship()
    signatures: Mapped[list["StatementSignature"]] = relationship(
        cascade="all, delete-orphan", order_by="StatementSignature.id")


class StatementSignature(Base):
    """A panelist signing a statement, by name or anonymously (the author signs first)."""

    __tablename__ = "statement_signature"
    __table_args__ = (UniqueConstraint("statement_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("minority_statement.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    by_name: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    member: Mapped[Member] = relationship()


class Correction(Base):
    """An expert's proposed correction of facts in a paragraph, and the panel's decision on it."""

    __tablename__ = "correction"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraph.id", ondelete="CASCADE"), index=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    paragraph_version: Mapped[int] = mapped_column(Integer)
    original: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[CorrectionStatus] = mapped_column(_enum(CorrectionStatus, "correction_status"),
                                                     default=CorrectionStatus.PROPOSED)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    decision_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    expert: Mapped[Member] = relationship(foreign_keys=[expert_id])
    decided_by: Mapped[Member | None] = relationship(foreign_keys=[decided_by_id])


class Publication(Base):
    """A published version of the report, frozen: `/c/<slug>/report/v/<number>` shows it forever."""

    __tablename__ = "publication"
    __table_args__ = (UniqueConstraint("conference_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
