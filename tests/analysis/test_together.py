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


def _near_threshold():
    # Group 0 (4 people) agrees with everything. Group 1 (4 people): arguments 0-3 agreed by 3 of 4
    # (12 agree / 4 disagree, share 13/18 = 0.72: "agree"); arguments 4 and 5, elsewhere before, rejected by all.
    groups = np.array([0] * 4 + [1] * 4)
    rows = [[1, 1, 1, 1, 1, 1]] * 4 + [[1, 1, 1, 1, -1, -1]] * 3 + [[-1, -1, -1, -1, -1, -1]]
    return groups, matrix(rows)


def test_an_argument_moving_into_a_theme_does_not_flip_its_verdict():
    groups, votes = _near_threshold()
    previous = {"0:0": "agree", "0:1": "agree"}
    was = {0: np.array([0, 1, 2, 3]), 1: np.array([4, 5])}
    now = np.zeros(6, dtype=int)  # the re-clustering moved arguments 4 and 5 into theme 0: group 1 at 12 / 12
    assert theme_group_agreement(now, votes, groups, previous)[0]["verdict"] == "mixed"   # the old rule blinks
    held = theme_group_agreement(now, votes, groups, previous, was)[0]
    assert held["verdict"] == "consensus" and held["groups"][1]["side"] == "agree"
    assert (held["groups"][1]["agree"], held["groups"][1]["disagree"]) == (12, 12)  # the counts shown are today's


def test_a_clear_change_in_the_votes_of_the_arguments_that_stayed_does_change_the_verdict():
    groups = np.array([0] * 4 + [1] * 4)
    votes = matrix([[1, 1, 1, 1]] * 4 + [[-1, -1, -1, 1]] * 4)  # group 1 now rejects 3 of 4 arguments
    previous = {"0:0": "agree", "0:1": "agree"}
    out = theme_group_agreement(np.zeros(4, dtype=int), votes, groups, previous, {0: np.arange(4)})
    assert out[0]["groups"][1]["side"] == "disagree" and out[0]["verdict"] == "split"


def test_sides_follow_a_theme_that_was_re_identified_under_a_new_id():
    from deliberate.analysis.report import ConferenceArrays, _carry_across_themes, verdict_sides

    data = ConferenceArrays([10, 11, 12, 13], ["a", "b", "c", "d"], [1], np.zeros((1, 4)))
    report = {"audience": "public", "themes": [{"id": 3, "argument_ids": [10, 11, 12], "groups": {
        "0": {"side": "agree"}, "1": {"side": "divided"}}}]}
    stored = verdict_sides(report)
    assert stored["theme_arguments"] == {"3": [10, 11, 12]} and stored["public"] == {"3:0": "agree", "3:1": "divided"}
    # Next refresh: the same arguments (and a new one) come back as theme 7.
    sides, columns = _carry_across_themes(data, np.array([7, 7, 7, 7]), stored)
    assert sides["public"]["7:0"] == "agree" and sides["public"]["7:1"] == "divided"
    assert list(columns[7]) == [0, 1, 2]
    # A theme sharing half of its arguments or fewer starts afresh.
    sides, columns = _carry_across_themes(data, np.array([7, 7, 8, 8]), stored)
    assert "8:0" not in sides["public"] and 8 not in columns


def test_an_argument_leaving_for_one_refresh_and_coming_back_changes_nothing():
    # Group 1 agrees with arguments 0-3 but rejects 4 and 5; with all six it is "divided" (12 / 12).
    groups, votes = _near_threshold()
    everything, without_4_5 = np.zeros(6, dtype=int), np.array([0, 0, 0, 0, 1, 1])
    sides = {"0:0": "agree", "0:1": "divided"}
    shown = []
    for was, now in ((everything, without_4_5), (without_4_5, everything), (everything, without_4_5)):
        columns = {int(t): np.flatnonzero(was == t) for t in np.unique(was)}
        out = theme_group_agreement(now, votes, groups, sides, columns)
        sides = {f"{t}:{g}": v["side"] for t, card in out.items() for g, v in card["groups"].items() if v["side"]}
        shown.append(out[0]["groups"][1]["side"])
    assert shown == ["divided", "divided", "divided"]  # judged on the last refresh's arguments too
    # A lasting move shows one refresh later, once the last refresh's arguments are the new ones.
    columns = {0: np.arange(4), 1: np.array([4, 5])}
    out = theme_group_agreement(without_4_5, votes, groups, sides, columns)
    assert out[0]["groups"][1]["side"] == "agree" and out[0]["verdict"] == "consensus"
