"""Embeddings with a database cache keyed by (model, text hash): a text is embedded once, ever."""
import numpy as np
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from deliberate.analysis.embeddings import Embedder, text_hash
from deliberate.extensions import db
from deliberate.models import EmbeddingCache

LOOKUP_CHUNK = 500  # stay under SQLite's (32,766) and PostgreSQL's (65,535) bound-parameter limits


def embed_cached(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Vectors for texts, in order; computes only those the cache does not hold, then stores them."""
    hashes = [text_hash(t) for t in texts]
    found: dict[str, np.ndarray] = {}
    unique = list(dict.fromkeys(hashes))
    for i in range(0, len(unique), LOOKUP_CHUNK):
        rows = db.session.execute(
            select(EmbeddingCache.text_hash, EmbeddingCache.vector)
            .where(EmbeddingCache.model == embedder.name, EmbeddingCache.text_hash.in_(unique[i:i + LOOKUP_CHUNK]))
        ).all()
        found.update({h: np.frombuffer(v, dtype="<f4") for h, v in rows})
    missing = {h: t for h, t in zip(hashes, texts) if h not in found}
    if missing:
        vectors = embedder.embed(list(missing.values()))
        dialect = db.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        rows = [{"model": embedder.name, "text_hash": h, "dim": int(v.shape[0]),
                 "vector": np.asarray(v, dtype="<f4").tobytes()} for h, v in zip(missing, vectors)]
        # Another worker may have stored the same text meanwhile: keep whichever came first.
        for i in range(0, len(rows), LOOKUP_CHUNK):  # 5 parameters a row
            db.session.execute(insert(EmbeddingCache).values(rows[i:i + LOOKUP_CHUNK]).on_conflict_do_nothing())
        db.session.commit()
        found.update(dict(zip(missing, vectors)))
    if not texts:
        return np.zeros((0, getattr(embedder, "dim", 0) or 0), dtype=np.float32)
    return np.vstack([found[h] for h in hashes]).astype(np.float32)
