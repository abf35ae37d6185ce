"""Points at the grain people mean: a side of a theme is split into points only when the split beats
the same cut of a structureless cloud (partition.null_clouds), so one claim stays one point."""
import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from deliberate.analysis.themes import GraphClustering, ThemeAnalyzer
from deliberate.analysis.themes.partition import null_clouds


def unit(rows):
    rows = np.asarray(rows, dtype=np.float64)
    return (rows / np.linalg.norm(rows, axis=-1, keepdims=True)).astype(np.float32)


def one_claim(n, dim=48, noise=0.3, seed=0):
    """n arguments around one claim: a single Gaussian blob, no sub-structure."""
    rng = np.random.RandomState(seed)
    return unit(unit(rng.randn(dim)) + noise * rng.randn(n, dim) / np.sqrt(dim))


def claims(sizes, dim=48, spread=0.7, noise=0.3, seed=0):
    """Claims on one side of one subject: centres near a common centre, members around each claim."""
    rng = np.random.RandomState(seed)
    subject = unit(rng.randn(dim))
    labels = np.repeat(np.arange(len(sizes)), sizes)
    centres = unit(subject + spread * unit(rng.randn(len(sizes), dim)))
    return unit(centres[labels] + noise * rng.randn(len(labels), dim) / np.sqrt(dim)), labels


@pytest.mark.parametrize("n", [12, 40, 150])
def test_one_claim_stays_one_point_where_modularity_alone_splits_it(n):
    vectors = one_claim(n, seed=n)
    assert GraphClustering(lexical_weight=0.0, min_cluster_size=2).fit(vectors).n_clusters_ >= 2
    tested = GraphClustering(lexical_weight=0.0, min_cluster_size=2, null_draws=10).fit(vectors)
    assert tested.n_clusters_ == 1
    assert len(tested.null_modularity_) == 10


@pytest.mark.parametrize("sizes", [[8, 8], [4, 4, 4], [10, 7, 5], [30, 20, 12]])
def test_distinct_claims_are_still_split(sizes):
    # The limit of a small sample: two claims of 6 in a side of 12 stay one point (their split's modularity,
    # 0.5, is 1.9 sd above the clouds'); from 16 arguments on, the split passes.
    vectors, truth = claims(sizes, seed=len(sizes))
    model = GraphClustering(lexical_weight=0.0, min_cluster_size=2, null_draws=10).fit(vectors)
    assert model.n_clusters_ == len(sizes)
    assert adjusted_rand_score(truth, model.labels_) == pytest.approx(1.0)


def test_null_clouds_keep_the_sets_spread_and_are_reproducible():
    vectors, _ = claims([20, 20])
    first = list(null_clouds(vectors, None, 0.0, 3, random_state=1))
    again = list(null_clouds(vectors, None, 0.0, 3, random_state=1))
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert all(len(cloud) == len(vectors) for cloud in first)  # in the basis of the set itself
    assert np.allclose(np.linalg.norm(first[0], axis=1), 1.0, atol=1e-5)
    mean_cosine = lambda x: (x @ x.T)[np.triu_indices(len(x), 1)].mean()
    assert mean_cosine(first[0]) == pytest.approx(mean_cosine(vectors), abs=0.1)


def side_of_a_small_conference(seed=0):
    """Two subjects, each with a `for` side making one claim (10 arguments) and an `against` side making
    two claims (8 + 7 arguments): the scale of a live conference with a few dozen arguments.

    Known limit: two claims of 6 and 5 arguments in a side of 11 stay one point (too few arguments for the
    split to stand 2 sd above structureless clouds)."""
    rng = np.random.RandomState(seed)
    dim, vectors, stances, points = 48, [], [], []
    for subject in range(2):
        centre = unit(rng.randn(dim))
        for stance, sizes in ((1, [10]), (-1, [8, 7])):
            for claim, size in enumerate(sizes):
                claim_centre = unit(centre + 0.7 * unit(rng.randn(dim)))
                vectors.append(unit(claim_centre + 0.3 * rng.randn(size, dim) / np.sqrt(dim)))
                stances += [stance] * size
                points += [subject * 10 + (stance + 1) * 2 + claim] * size
    texts = [f"argument {i}" for i in range(len(points))]
    return np.vstack(vectors), np.array(stances), np.array(points), texts


def test_a_small_conference_gets_points_nearer_its_claims_than_modularity_alone():
    # On sets this small the theme level itself sometimes mixes subjects, so this compares the two
    # point rules over several draws rather than asking for a perfect recovery.
    tested, untested = [], []
    for seed in range(6):
        vectors, stances, points, texts = side_of_a_small_conference(seed)
        for found, draws in ((tested, 10), (untested, 0)):
            analyzer = ThemeAnalyzer(point_null_draws=draws, random_state=0).fit(vectors, texts, stances)
            found.append((adjusted_rand_score(points, analyzer.point_of_argument_), abs(len(analyzer.points_) - 6)))
    tested, untested = np.array(tested), np.array(untested)
    assert tested[:, 0].mean() > untested[:, 0].mean() + 0.1
    assert tested[:, 1].mean() < untested[:, 1].mean()
    assert ThemeAnalyzer().get_params()["point_significance"] > 0
