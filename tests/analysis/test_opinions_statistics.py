"""Consensus, divisiveness, repness and the small-panel mode, on votes with known answers."""
import numpy as np
import pytest
from scipy.stats import binomtest

from deliberate.analysis.opinions import OpinionGroups, analyse, build_vote_matrix
from deliberate.analysis.opinions.repness import exact_p_values, proportion_z, two_proportion_z
from deliberate.analysis.opinions.statistics import compute_statistics
from tests.analysis.test_opinions_groups import planted_camps


def camps_with_special_comments(n_per_camp=40, seed=0):
    """Planted camps plus a comment everyone agrees with and one that splits the camps exactly."""
    votes, truth = planted_camps(n_per_camp=n_per_camp, seed=seed)
    for p, camp in truth.items():
        votes.append((p, "unanimous", 1, 1e6))
        votes.append((p, "splitting", 1 if camp == 0 else -1, 1e6))
    return votes, truth


def test_unanimous_comment_has_top_consensus_and_splitting_comment_top_divisiveness():
    votes, _ = camps_with_special_comments()
    result = analyse(votes)
    by_consensus = sorted(result.comments, key=lambda c: -result.comments[c].consensus)
    by_divisiveness = sorted(result.comments, key=lambda c: -result.comments[c].divisiveness)
    assert by_consensus[0] == "unanimous"
    assert by_divisiveness[0] == "splitting"
    assert result.comments["unanimous"].divisiveness < 0.05
    assert result.comments["splitting"].consensus < 0.05
    assert result.comments["splitting"].divisiveness > 0.9


def test_consensus_is_the_product_of_smoothed_group_agree_rates():
    votes, truth = camps_with_special_comments()
    result = analyse(votes)
    summary = result.comments["unanimous"]
    sizes = {g.id: g.size for g in result.groups}
    expected = np.prod([(sizes[g] + 1) / (sizes[g] + 2) for g in sizes])
    assert summary.consensus == pytest.approx(expected)
    assert summary.agree_by_group == {g: pytest.approx((sizes[g] + 1) / (sizes[g] + 2)) for g in sizes}
    assert summary.consensus_disagree == pytest.approx(np.prod([1 / (sizes[g] + 2) for g in sizes]))


def test_repness_picks_each_camps_comments():
    votes, truth = planted_camps(n_per_camp=40, n_comments=20)
    result = analyse(votes)
    for group in result.groups:
        camp = truth[group.members[0]]
        chosen = group.representative
        assert 1 <= len(chosen) <= 5
        assert all(r.significant for r in chosen)
        for r in chosen:  # agree with own camp's comments, disagree with the others'
            assert (r.comment % 2 == camp) == (r.direction == "agree")
        directions = [r.direction for r in chosen]
        assert directions == sorted(directions)  # agrees come before disagrees


def test_polis_z_tests():
    # one-proportion: 2 sqrt(n+1) ((k+1)/(n+1) - 1/2)
    assert proportion_z(9, 10) == pytest.approx(2 * np.sqrt(11) * (10 / 11 - 0.5))
    # two-proportion with +1 pseudocounts, and 0 when everyone agrees everywhere
    pooled = (10 + 3) / (11 + 11)
    expected = (10 / 11 - 3 / 11) / np.sqrt(pooled * (1 - pooled) * (2 / 11))
    assert two_proportion_z(9, 2, 10, 10) == pytest.approx(expected)
    assert two_proportion_z(10, 10, 10, 10) == 0


def test_small_panel_uses_exact_binomial_tests_and_exact_counts():
    votes, truth = planted_camps(n_per_camp=7, n_comments=12, seen=1.0, noise=0.0)
    matrix = build_vote_matrix(votes)
    model = OpinionGroups(random_state=0).fit(matrix)
    assert model.uses_exact_tests(matrix) and model.statistics_.exact
    stats = model.statistics_
    for g, group in enumerate(stats.counts.groups):
        members = [p for p, label in zip(model.participants_, model.labels_) if label == group]
        rows = matrix.values[[model.participants_.index(p) for p in members]]
        assert np.array_equal(stats.counts.agree[g], (rows == 1).sum(axis=0))
        assert np.array_equal(stats.counts.disagree[g], (rows == -1).sum(axis=0))
        for r in stats.representative[group]:
            j = stats.counts.comments.index(r.comment)
            success = stats.counts.agree[g, j] if r.direction == "agree" else stats.counts.disagree[g, j]
            seen = stats.counts.seen[g, j]
            assert (r.n_success, r.n_trials) == (success, seen)
            assert r.p_majority == pytest.approx(binomtest(int(success), int(seen), 0.5, alternative="greater").pvalue)
    result = analyse(votes)
    assert result.exact and len(result.positions) == 14
    counts = result.comments[0].counts_by_group
    assert sum(c["seen"] for c in counts.values()) == 14


def test_exact_mode_can_be_forced_either_way():
    votes, _ = planted_camps(n_per_camp=40)
    matrix = build_vote_matrix(votes)
    assert not OpinionGroups().uses_exact_tests(matrix)
    assert OpinionGroups(small_panel=True).uses_exact_tests(matrix)
    small, _ = planted_camps(n_per_camp=5)
    assert not OpinionGroups(small_panel=False).uses_exact_tests(build_vote_matrix(small))


def test_exact_p_values_match_binomtest():
    p = exact_p_values([3, 5, 0], [5, 5, 0], [0.5, 0.2, 0.5])
    assert p[0] == pytest.approx(binomtest(3, 5, 0.5, alternative="greater").pvalue)
    assert p[1] == pytest.approx(0.2 ** 5)
    assert p[2] == 1.0


def test_before_anyone_is_clustered_consensus_covers_all_voters():
    votes = [("a", 1, 1), ("b", 1, 1), ("a", 2, -1)]
    matrix = build_vote_matrix(votes)
    stats = compute_statistics(matrix, np.array([-1, -1]))
    assert stats.sizes == {} and stats.representative == {}
    assert stats.comments[1].consensus == pytest.approx(3 / 4)


def test_empty_input_gives_an_empty_result():
    result = analyse([])
    assert result.k == 0 and result.groups == () and result.comments == {}
    assert result.to_dict() == {"k": 0, "participants": {}, "groups": [], "comments": {}}


def test_bad_vote_values_are_refused():
    for bad in (2, "yes", None, 0.5, float("nan")):
        with pytest.raises(ValueError):
            build_vote_matrix([("a", 1, bad)])


def test_a_later_vote_replaces_an_earlier_one():
    matrix = build_vote_matrix([("a", 1, 1, 20.0), ("a", 1, -1, 10.0), ("b", 1, 0, 5.0)])
    assert matrix.participants == ("b", "a")
    assert matrix.values[1, 0] == 1
    untimed = build_vote_matrix([("a", 1, 1), ("a", 1, -1)])
    assert untimed.values[0, 0] == -1


def test_bridging_prefers_agreement_across_camps():
    votes, truth = planted_camps(n_per_camp=50, n_comments=20, noise=0.05)
    rng = np.random.default_rng(1)
    for p, camp in truth.items():  # both about 70% agree overall, but only "bridge" across camps
        votes.append((p, "bridge", 1 if rng.random() < 0.7 else -1, 1e6))
        votes.append((p, "one_side", 1 if camp == 0 or rng.random() < 0.4 else -1, 1e6))
    result = analyse(votes, bridging=True)
    bridging = {c: s.bridging for c, s in result.comments.items()}
    assert bridging["bridge"] > bridging["one_side"] > max(bridging[j] for j in range(20))
    assert analyse(votes, bridging=True).comments["bridge"].bridging == bridging["bridge"]  # deterministic
    assert analyse(votes).comments["bridge"].bridging is None  # off by default
