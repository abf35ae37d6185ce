import numpy as np
from sqlalchemy import func, select

from deliberate.analysis.embeddings import ToyEmbedder
from deliberate.extensions import db
from deliberate.models import EmbeddingCache
from deliberate.services.analysis.embeddings import embed_cached


class CountingEmbedder(ToyEmbedder):
    def __init__(self):
        super().__init__(16)
        self.seen: list[str] = []

    def embed(self, texts):
        self.seen.extend(texts)
        return super().embed(texts)


def test_each_text_is_embedded_once_and_order_is_kept(app):
    embedder = CountingEmbedder()
    first = embed_cached(embedder, ["a b", "c d", "a b"])
    assert embedder.seen == ["a b", "c d"]
    assert np.allclose(first[0], first[2]) and first.shape == (3, 16)
    again = embed_cached(embedder, ["c d", "e f", "a b"])
    assert embedder.seen == ["a b", "c d", "e f"]
    assert np.allclose(again[0], first[1]) and np.allclose(again[2], first[0])
    assert db.session.scalar(select(func.count(EmbeddingCache.id))) == 3


def test_cache_is_per_model(app):
    a, b = CountingEmbedder(), ToyEmbedder(8)
    embed_cached(a, ["même texte"])
    assert embed_cached(b, ["même texte"]).shape == (1, 8)
    assert db.session.scalar(select(func.count(EmbeddingCache.id))) == 2


def test_a_large_first_batch_is_stored_in_chunks(app):
    """14,000 new texts at once (a large Pol.is import): 70,000 bound parameters in one statement would be more than
    PostgreSQL takes (65,535), and than SQLite takes when built with its default limit (32,766)."""
    texts = [f"argument numéro {i}" for i in range(14_000)]
    vectors = embed_cached(ToyEmbedder(8), texts)
    assert vectors.shape == (14_000, 8)
    assert db.session.scalar(select(func.count(EmbeddingCache.id))) == 14_000
    assert np.allclose(embed_cached(ToyEmbedder(8), texts[-2:]), vectors[-2:])
