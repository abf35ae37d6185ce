import numpy as np

from deliberate.analysis.together import theme_group_agreement

NAN = np.nan


def matrix(rows):
    return np.array(rows, dtype=float)


def test_consensus_split_and_minority_are_told_apart():
    # 3 arguments per theme; groups: 0 (5 people), 1 (3 people), 2 (2 people)
    groups = np.array([0, 0, 0, 0, 0, 1, 1, 1, 2, 2])
    themes = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2])
    everyone_agrees = [1, 1, 1]
    rows = []
    for g in groups:
        split = [1, 1, 1] if g == 0 else [-1, -1, -1]
        minority = [-1, -1, -1] if g == 2 else [1, 1, 1]
        rows.append(everyone_agrees + split + minority)
    out = theme_group_agreement(themes, matrix(rows), groups)
    assert out[0]["verdict"] == "consensus"
    assert out[1]["verdict"] == "split" and out[1]["split_groups"] == [0, 1, 2]
    assert out[2]["verdict"] == "minority" and out[2]["minority_group"] == 2
    assert out[0]["groups"][0] == {"agree": 15, "disagree": 0, "pass": 0, "share": round(16 / 17, 4),
                                   "side": "agree", "size": 5}
    assert out[0]["votes"] == 30 and out[0]["arguments"] == 3


def test_a_lone_smaller_group_against_the_rest_is_a_minority_not_a_split():
    groups = np.array([0, 0, 0, 0, 1, 1, 1, 1, 2, 2])
    themes = np.array([0, 0, 0])
    votes = matrix([[1, 1, 1] if g == 0 else [-1, -1, -1] for g in groups])
    out = theme_group_agreement(themes, votes, groups)
    assert out[0]["verdict"] == "minority" and out[0]["minority_group"] == 0


def test_too_few_votes_says_nothing():
    groups = np.array([0, 1])
    themes = np.array([0, 0])
    out = theme_group_agreement(themes, matrix([[1, NAN], [NAN, -1]]), groups)
    assert out[0]["verdict"] == "insufficient"


def test_unthemed_arguments_and_ungrouped_people_are_left_out():
    groups = np.array([0, 0, 0, 1, 1, 1, -1])
    themes = np.array([0, -1])
    votes = matrix([[1, 1]] * 3 + [[1, -1]] * 3 + [[-1, -1]])
    out = theme_group_agreement(themes, votes, groups)
    assert list(out) == [0]
    assert set(out[0]["groups"]) == {0, 1}
    assert out[0]["verdict"] == "consensus"
