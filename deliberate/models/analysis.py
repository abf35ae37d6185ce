"""What analysis stores: embeddings cached by (model, text hash), and each analysis run with its inputs."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from deliberate.models.base import Base, utcnow


class EmbeddingCache(Base):
    """One vector per (model, text): never recomputed, shared by every conference."""

    __tablename__ = "embedding_cache"
    __table_args__ = (UniqueConstraint("model", "text_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    model: Mapped[str] = mapped_column(String(300))
    text_hash: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AnalysisRun(Base):
    """One refresh of a conference's analysis: inputs' version, parameters, model, timings and result."""

    __tablename__ = "analysis_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    # Inputs' version: the highest argument and vote ids and counts seen, enough to tell stale from fresh.
    inputs: Mapped[dict] = mapped_column(JSON)
    parameters: Mapped[dict] = mapped_column(JSON)
    model: Mapped[str] = mapped_column(String(300))
    timings: Mapped[dict] = mapped_column(JSON)
    result: Mapped[dict] = mapped_column(JSON)
    # State carried to the next refresh (theme centroids and ids, opinion-group smoother, ...).
    state: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
