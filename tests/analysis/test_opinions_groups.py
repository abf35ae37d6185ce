"""Opinion groups on synthetic votes with known answers: camps, k, smoothing, stability, determinism."""
import json

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from deliberate.analysis.opinions import (SCHEDULES, OpinionGroups, OpinionState, analyse, build_vote_matrix,
                                          replay, typical_groups)
from deliberate.analysis.opinions.groups import KSmoother, max_group_count, silhouette
from deliberate.analysis.opinions.kmeans import weighted_kmeans
from deliberate.analysis.opinions.model import admit_participants


def planted_camps(n_per_camp=40, n_comments=30, camps=2, seen=0.7, noise=0.1, seed=0):
    """Camp c agrees with comments j % camps == c and disagrees with the others; a few random votes."""
    rng = np.random.default_rng(seed)
    votes, truth = [], {}
    for p in range(n_per_camp * camps):
        camp = p % camps
        truth[f"p{p}"] = camp
        for j in range(n_comments):
            if rng.random() > seen:
                continue
            value = 1 if j % camps == camp else -1
            if rng.random() < noise:
                value = int(rng.choice([-1, 0, 1]))
            votes.append((f"p{p}", j, value, float(p * 100 + j)))
    return votes, truth


def ari_with(truth, result):
    pairs = [(truth[p], g) for p, g in result.participant_groups.items() if g is not None]
    return adjusted_rand_score(*zip(*pairs))


def test_two_planted_camps_are_found():
    votes, truth = planted_camps()
    result = analyse(votes)
    assert result.k == 2
    assert all(g is not None for g in result.participant_groups.values())
    assert ari_with(truth, result) == pytest.approx(1.0)


def test_three_planted_camps_are_found():
    votes, truth = planted_camps(n_per_camp=60, camps=3, seed=1)
    result = analyse(votes)
    assert result.k == 3 and ari_with(truth, result) > 0.95


def test_same_random_state_same_answer_and_state_round_trips():
    votes, _ = planted_camps(seed=3)
    first, second = analyse(votes, random_state=7), analyse(votes, random_state=7)
    assert first.to_dict() == second.to_dict()
    assert first.positions == second.positions
    restored = OpinionState.from_dict(first.state.to_dict())
    assert restored.to_dict() == first.state.to_dict()
    again = analyse(votes, state=restored)
    assert again.participant_groups == analyse(votes, state=first.state).participant_groups


def test_state_passed_in_is_not_modified():
    votes, _ = planted_camps()
    state = analyse(votes[: len(votes) // 2]).state
    before = state.to_dict()
    analyse(votes, state=state)
    assert state.to_dict() == before


def test_group_ids_stay_stable_across_refreshes():
    votes, truth = planted_camps(n_per_camp=50, seed=4)
    votes.sort(key=lambda v: v[3])
    state, previous = None, None
    for end in (len(votes) // 2, 3 * len(votes) // 4, len(votes)):
        result = analyse(votes[:end], state=state)
        state = result.state
        if previous is not None:
            shared = [p for p, g in previous.items() if g is not None and result.participant_groups.get(p) is not None]
            assert all(previous[p] == result.participant_groups[p] for p in shared)
        previous = result.participant_groups


def test_in_conv_needs_seven_votes_or_every_comment():
    participants = tuple(f"p{i}" for i in range(20))
    counts = np.array([7] * 16 + [6, 3, 1, 0])
    admitted = admit_participants(counts, participants, [], n_comments=30)
    assert admitted == list(participants[:16])
    # with only 5 comments, voting on all 5 is enough
    assert "p0" in admit_participants(np.array([5] + [0] * 19), participants, [], n_comments=5)
    # once in, always in (even if the count drops after a filter or a retracted vote)
    assert "p17" in admit_participants(np.zeros(20, int), participants, ["p17"], n_comments=30)


def test_in_conv_lets_the_most_active_in_while_fewer_than_fifteen():
    participants = tuple(f"p{i}" for i in range(20))
    counts = np.array([9, 9] + [2] * 10 + [1] * 5 + [0] * 3)
    admitted = admit_participants(counts, participants, [], n_comments=30)
    assert len(admitted) == 15 and admitted[:2] == ["p0", "p1"] and "p19" not in admitted


def test_moderated_out_comments_are_ignored():
    votes, _ = planted_camps()
    # a comment everyone agrees with, then moderated out: it must not appear in any statistic
    votes += [(f"p{p}", "spam", 1, 1e6) for p in range(80)]
    result = analyse(votes, moderated_out={"spam"})
    assert "spam" not in result.comments
    assert all("spam" not in [r.comment for r in g.representative] for g in result.groups)


def test_participant_subset_keeps_only_those_rows():
    votes, _ = planted_camps()
    panel = {f"p{i}" for i in range(0, 80, 4)}
    matrix = build_vote_matrix(votes, participants=panel)
    assert set(matrix.participants) == panel


def test_k_smoother_waits_for_four_wins_in_a_row():
    smoother = KSmoother(buffer=4)
    seen = [smoother.update(k) for k in [2, 3, 3, 3, 2, 3, 3, 3, 3, 3]]
    assert seen == [2, 2, 2, 2, 2, 2, 2, 2, 3, 3]


def test_smoother_holds_k_across_refreshes():
    votes, _ = planted_camps(n_per_camp=60, camps=3, seed=1)
    matrix = build_vote_matrix(votes)
    state = OpinionState(smoother=KSmoother(buffer=4, last_k=2, last_k_count=9, smoothed_k=2))
    ks = []
    model = OpinionGroups(random_state=0)
    for _ in range(5):
        model.fit(matrix, state, statistics=False)
        state = model.state_
        ks.append(model.k_)
    assert model.silhouettes_[3] > model.silhouettes_[2]
    assert ks == [2, 2, 2, 3, 3]


def test_max_group_count_follows_polis():
    assert [max_group_count(n) for n in (2, 11, 12, 24, 36, 100)] == [2, 2, 3, 4, 5, 5]


def test_silhouette_of_two_tight_blobs_is_high_and_singletons_score_zero():
    points = np.array([[0, 0], [0, 0.1], [5, 5], [5, 5.1]])
    assert silhouette(points, np.array([0, 0, 1, 1])) > 0.9
    assert silhouette(points[:3], np.array([0, 1, 2])) == 0.0


def test_kmeans_warm_start_keeps_cluster_ids():
    rng = np.random.default_rng(0)
    points = np.vstack([rng.normal(0, 0.1, (20, 2)), rng.normal(3, 0.1, (20, 2))])
    first = weighted_kmeans(points, 2)
    moved = points + 0.05
    previous = first.labels.copy()
    previous[-3:] = -1  # three points new since then
    second = weighted_kmeans(moved, 2, previous_labels=previous)
    assert np.array_equal(first.labels, second.labels)
    # asking for a third cluster opens it at the farthest point, with a new id
    third = weighted_kmeans(np.vstack([moved, [[10, 10]]]), 3, previous_labels=np.append(first.labels, -1))
    assert set(third.ids) == {0, 1, 2} and third.labels[-1] == 2


def test_fewer_distinct_points_than_k():
    points = np.array([[0.0, 0.0]] * 5 + [[1.0, 1.0]] * 5)
    clustering = weighted_kmeans(points, 100)
    assert len(clustering.ids) == 2


def test_typical_groups_is_deterministic_and_parallel_gives_the_same():
    votes, truth = planted_camps(n_per_camp=30, n_comments=15, seed=5)
    model, candidates = typical_groups(votes)
    again, _ = typical_groups(votes, n_jobs=2)
    assert [c.name for c in candidates][:3] == ["Pol.is refresh", "k-means, Pol.is start", "k-means++"]
    assert len(candidates) == 3 + len(SCHEDULES)
    assert model.typical_ == max(candidates, key=lambda c: c.agreement).name
    assert np.array_equal(model.labels_, again.labels_)
    assert adjusted_rand_score([truth[p] for p in model.participants_], model.labels_) == pytest.approx(1.0)
    json.dumps(model.state_.to_dict())  # the state a worker would persist is plain JSON


def test_typical_groups_keeps_the_candidate_the_others_agree_with():
    """A cold refresh stuck in a poor optimum is outvoted: the kept groups are the medoid's."""
    votes, truth = planted_camps(n_per_camp=40, n_comments=20, seed=11)
    model, candidates = typical_groups(votes, replays=False)
    kept = next(c for c in candidates if c.name == model.typical_)
    assert kept.agreement == max(c.agreement for c in candidates)
    ours = dict(zip(model.participants_, model.labels_))
    assert adjusted_rand_score([kept.groups[p] for p in ours], list(ours.values())) == pytest.approx(1.0)


def test_adopted_groups_continue_in_the_next_warm_refresh():
    votes, truth = planted_camps(n_per_camp=30, n_comments=15, seed=3)
    model, _ = typical_groups(votes)
    assert model.state_.smoother.smoothed_k == model.k_
    matrix = build_vote_matrix(votes)
    again = OpinionGroups(random_state=0).fit(matrix, model.state_)
    assert np.array_equal(again.labels_, model.labels_)  # same votes: same groups, same public ids


def test_replay_refreshes_on_a_vote_count_schedule():
    votes, _ = planted_camps(n_per_camp=20, n_comments=10, seed=2)
    model = replay(votes, growth=2.0, start=50, statistics=False)
    due = [n for n in (50, 100, 200, 400, 800) if n < len(votes)]  # a refresh at each, then on all votes
    assert model.refreshes_ == len(due) + 1
    with pytest.raises(ValueError):
        replay(votes, growth=1.0)
