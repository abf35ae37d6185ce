"""Themes and points on planted clusters: the right number found, points inside one theme and side."""
import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from deliberate.analysis.themes import GraphClustering, ThemeAnalyzer
from deliberate.analysis.themes.graph import knn_graph, modularity
from deliberate.analysis.themes.partition import kmeans, relabel_by_size


def unit(rows):
    rows = np.asarray(rows, dtype=np.float64)
    return (rows / np.linalg.norm(rows, axis=-1, keepdims=True)).astype(np.float32)


def planted(sizes, dim=48, noise=0.25, seed=0):
    """Unit vectors around random (nearly orthogonal) centres; returns vectors and true labels."""
    rng = np.random.RandomState(seed)
    centres = unit(rng.randn(len(sizes), dim))
    labels = np.repeat(np.arange(len(sizes)), sizes)
    return unit(centres[labels] + noise * rng.randn(len(labels), dim) / np.sqrt(dim)), labels


def planted_debate(n_themes=3, points_per_side=2, per_point=8, dim=48, seed=0):
    """Themes made of points: each theme has `for` and `against` sides, each side its own claims."""
    rng = np.random.RandomState(seed)
    vectors, themes, stances, points = [], [], [], []
    for t in range(n_themes):
        theme_centre = unit(rng.randn(dim))
        for stance in (1, -1):
            for p in range(points_per_side):
                claim = unit(theme_centre + 0.7 * unit(rng.randn(dim)))
                vectors.append(unit(claim + 0.3 * rng.randn(per_point, dim) / np.sqrt(dim)))
                themes += [t] * per_point
                stances += [stance] * per_point
                points += [t * 10 + (stance + 1) * 2 + p] * per_point
    texts = [f"argument number {'abcdefghijklmnopqrstuvwxyz'[i % 26]}" for i in range(len(themes))]
    return np.vstack(vectors), np.array(themes), np.array(stances), np.array(points), texts


@pytest.mark.parametrize("sizes", [[30, 20, 12, 8], [25, 25], [60, 30, 20, 10], [50, 20, 15, 10, 8]])
def test_planted_clusters_are_found_with_the_right_number(sizes):
    vectors, truth = planted(sizes, seed=len(sizes))
    model = GraphClustering(lexical_weight=0.0, random_state=0).fit(vectors)
    assert model.n_clusters_ == len(sizes)
    assert adjusted_rand_score(truth, model.labels_) == pytest.approx(1.0)
    assert model.modularity_ == pytest.approx(max(model.modularity_by_k_.values()))


def test_a_fixed_number_of_clusters_is_respected():
    vectors, _ = planted([30, 20, 12, 8])
    assert GraphClustering(n_clusters=2, lexical_weight=0.0).fit(vectors).n_clusters_ == 2


def test_clusters_below_the_minimum_size_become_minus_one_and_ids_follow_size():
    labels = relabel_by_size(np.array([5, 5, 5, 2, 7, 7, 9]), min_size=2)
    assert labels.tolist() == [0, 0, 0, -1, 1, 1, -1]


def test_tiny_inputs_do_not_fail():
    assert GraphClustering().fit(np.zeros((0, 8), np.float32)).labels_.tolist() == []
    assert GraphClustering(min_cluster_size=2).fit(unit(np.eye(3))).labels_.tolist() == [0, 0, 0]
    assert GraphClustering(min_cluster_size=2).fit(unit(np.eye(1))).labels_.tolist() == [-1]


def test_modularity_of_a_perfect_split_beats_a_wrong_one():
    vectors, truth = planted([15, 15])
    graph = knn_graph(vectors, 5)
    assert modularity(graph, truth) > 0.4 > modularity(graph, np.arange(30) % 2)


def test_kmeans_is_deterministic_and_separates_blobs():
    vectors, truth = planted([20, 20, 20], dim=8)
    first = kmeans(vectors, 3, random_state=3)
    assert np.array_equal(first, kmeans(vectors, 3, random_state=3))
    assert adjusted_rand_score(truth, first) == pytest.approx(1.0)


def test_points_lie_inside_one_theme_and_one_side():
    vectors, themes, stances, points, texts = planted_debate()
    analyzer = ThemeAnalyzer(random_state=0).fit(vectors, texts, stances)
    assert len(analyzer.themes_) == 3
    assert adjusted_rand_score(themes, analyzer.theme_of_argument_) == pytest.approx(1.0)
    assert adjusted_rand_score(points, analyzer.point_of_argument_) == pytest.approx(1.0)
    for point in analyzer.points_:
        members = np.array(point.members)
        assert set(analyzer.theme_of_argument_[members]) == {point.theme}
        assert set(stances[members]) == {point.stance}
        assert point.size == len(members) == 8
        assert point.label.central_argument_index in point.members


def test_without_stances_points_are_found_per_theme():
    vectors, themes, _, points, texts = planted_debate(n_themes=2)
    analyzer = ThemeAnalyzer().fit(vectors, texts)
    assert adjusted_rand_score(points, analyzer.point_of_argument_) == pytest.approx(1.0)
    assert {p.stance for p in analyzer.points_} == {None}


def test_same_random_state_gives_the_same_result():
    vectors, _, stances, _, texts = planted_debate(seed=4)
    first = ThemeAnalyzer(random_state=7).fit(vectors, texts, stances).to_dict()
    second = ThemeAnalyzer(random_state=7).fit(vectors, texts, stances).to_dict()
    first.pop("timings"), second.pop("timings")
    assert first == second


def test_result_is_json_and_labels_are_marked_machine_written():
    import json

    vectors, _, stances, _, texts = planted_debate()
    analyzer = ThemeAnalyzer().fit(vectors, texts, ["for" if s == 1 else "against" for s in stances])
    result = json.loads(json.dumps(analyzer.to_dict()))
    json.dumps(analyzer.state_)
    assert all(t["label"]["machine_written"] is True for t in result["themes"])
    assert {p["stance"] for p in result["points"]} == {"for", "against"}
    assert len(result["arguments"]["map"]) == len(texts)
    assert analyzer.map_.shape == (len(texts), 2)


def test_empty_input_gives_an_empty_result():
    analyzer = ThemeAnalyzer().fit(np.zeros((0, 16), np.float32), [])
    assert analyzer.themes_ == [] and analyzer.points_ == [] and analyzer.duplicates_ == []


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError):
        ThemeAnalyzer().fit(np.zeros((3, 4), np.float32), ["a", "b"])
    with pytest.raises(ValueError):
        ThemeAnalyzer().fit(unit(np.eye(3)), ["a", "b", "c"], stances=["for", "maybe", "against"])
