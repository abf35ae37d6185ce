"""The French demo content is well formed and the simulated votes form real opinion camps."""

import itertools
import re
from statistics import mean

import pytest

from deliberate.demo import content_fr
from deliberate.demo.content_fr import ARGUMENTS, CONFERENCE, MEMBERS, THEMES
from deliberate.demo.simulate import simulate_votes

ROLES = {"organiser", "facilitator", "expert", "panelist", "public", "observer"}
CAMPS = {"reduction", "tradition", "between"}
NON_VOTING = {"organiser", "facilitator", "observer"}


@pytest.fixture(scope="module")
def votes():
    return simulate_votes(MEMBERS, ARGUMENTS, seed=7)


def _by_member(votes):
    out = {}
    for m, a, v in votes:
        out.setdefault(m, {})[a] = v
    return out


def _agreement(a: dict, b: dict) -> float | None:
    """Share of identical votes on the arguments both members voted on (passes ignored)."""
    shared = [k for k in a.keys() & b.keys() if a[k] != 0 and b[k] != 0]
    if not shared:
        return None
    return sum(a[k] == b[k] for k in shared) / len(shared)


def _voters_of(camp):
    return [i for i, m in enumerate(MEMBERS) if m["camp"] == camp and m["role"] not in NON_VOTING]


def _pair_agreement(by_member, camp_a, camp_b):
    ids_a = _voters_of(camp_a)
    ids_b = _voters_of(camp_b)
    if camp_a == camp_b:
        pairs = itertools.combinations(ids_a, 2)
    else:
        pairs = itertools.product(ids_a, ids_b)
    values = [_agreement(by_member[i], by_member[j]) for i, j in pairs]
    return mean(v for v in values if v is not None)


# --- content ---------------------------------------------------------------------------------

def test_conference_fields():
    assert CONFERENCE["slug"] == "viande"
    for key in ("title", "question", "description"):
        assert isinstance(CONFERENCE[key], str) and 1 <= len(CONFERENCE[key]) <= 1000
    assert CONFERENCE["question"].endswith(" ?")
    for word in ("Pour", "Contre", "Nuance"):
        assert f"« {word} »" in CONFERENCE["description"]
    assert set(THEMES) == {"sante", "climat", "bien_etre", "elevage", "culture", "cantines"}


def test_members():
    assert len(MEMBERS) == 30
    assert MEMBERS[0]["role"] == "organiser"
    assert MEMBERS[1]["role"] == "facilitator"
    assert all(m["role"] in ROLES and m["camp"] in CAMPS for m in MEMBERS)
    assert all(1 <= len(m["display_name"]) <= 100 for m in MEMBERS)
    assert len({m["display_name"] for m in MEMBERS}) == 30
    roles = [m["role"] for m in MEMBERS]
    assert roles.count("observer") == 1
    assert 2 <= roles.count("expert") <= 3
    assert 12 <= roles.count("panelist") <= 16
    assert all(m["camp"] == "between" for m in MEMBERS if m["role"] in NON_VOTING)
    voters = [m["camp"] for m in MEMBERS if m["role"] not in NON_VOTING]
    assert voters.count("reduction") >= 9 and voters.count("tradition") >= 9
    assert voters.count("between") >= 5


def test_arguments_are_valid():
    assert 40 <= len(ARGUMENTS) <= 45
    for arg in ARGUMENTS:
        assert 1 <= len(arg["text"]) <= 1000
        assert 60 <= len(arg["text"]) <= 300, arg["text"]
        assert arg["stance"] in {"for", "against", "nuance"}
        assert arg["kind"] in {"argument", "question"}
        assert arg["theme"] in THEMES
        assert -1.0 <= arg["lean"] <= 1.0
        assert 0 <= arg["author"] < len(MEMBERS)
        assert MEMBERS[arg["author"]]["role"] not in NON_VOTING
        # French typography: a space before ? ! : ; and no straight double quotes.
        assert not re.search(r"\S[?!:;]", arg["text"]), arg["text"]
        assert '"' not in arg["text"]
    assert len({a["text"] for a in ARGUMENTS}) == len(ARGUMENTS)


def test_themes_stances_questions():
    for theme in THEMES:
        in_theme = [a for a in ARGUMENTS if a["theme"] == theme]
        assert len(in_theme) >= 5, theme
        assert len({a["stance"] for a in in_theme}) == 3, theme
    questions = [a for a in ARGUMENTS if a["kind"] == "question"]
    assert 5 <= len(questions) <= 6
    assert all(q["text"].endswith(" ?") for q in questions)


def test_leans_are_consistent_with_stances_and_authors():
    consensual = [a for a in ARGUMENTS if abs(a["lean"]) <= 0.2]
    assert len(consensual) >= 5
    assert any(a["lean"] >= 0.8 for a in ARGUMENTS) and any(a["lean"] <= -0.8 for a in ARGUMENTS)
    for arg in ARGUMENTS:
        camp = MEMBERS[arg["author"]]["camp"]
        if arg["stance"] == "for":
            assert arg["lean"] > 0
        if arg["stance"] == "against":
            assert arg["lean"] < 0
        if camp == "reduction":
            assert arg["lean"] >= -0.2, arg["text"]
        if camp == "tradition":
            assert arg["lean"] <= 0.2, arg["text"]
        if camp == "between":
            assert abs(arg["lean"]) <= 0.3, arg["text"]


def test_content_module_is_data_only():
    public = {n for n in vars(content_fr) if not n.startswith("_")}
    assert public == {"CONFERENCE", "THEMES", "MEMBERS", "ARGUMENTS"}


# --- simulation ------------------------------------------------------------------------------

def test_simulation_is_deterministic():
    assert simulate_votes(MEMBERS, ARGUMENTS, seed=7) == simulate_votes(MEMBERS, ARGUMENTS, seed=7)
    assert simulate_votes(MEMBERS, ARGUMENTS, seed=7) != simulate_votes(MEMBERS, ARGUMENTS, seed=8)


def test_vote_shape_and_who_votes(votes):
    assert votes
    for m, a, v in votes:
        assert 0 <= m < len(MEMBERS) and 0 <= a < len(ARGUMENTS)
        assert v in (1, -1, 0)
        assert MEMBERS[m]["role"] not in NON_VOTING
        assert ARGUMENTS[a]["author"] != m
    pairs = [(m, a) for m, a, _ in votes]
    assert len(pairs) == len(set(pairs))
    voters = {i for i, m in enumerate(MEMBERS) if m["role"] not in NON_VOTING}
    assert {m for m, _, _ in votes} == voters


def test_coverage_and_passes(votes):
    by_member = _by_member(votes)
    for m, seen in by_member.items():
        own = sum(a["author"] == m for a in ARGUMENTS)
        share = len(seen) / (len(ARGUMENTS) - own)
        assert 0.7 <= share <= 0.8
    pass_rate = sum(v == 0 for _, _, v in votes) / len(votes)
    assert 0.05 <= pass_rate <= 0.15


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_camps_are_real(seed):
    by_member = _by_member(simulate_votes(MEMBERS, ARGUMENTS, seed=seed))
    within_reduction = _pair_agreement(by_member, "reduction", "reduction")
    within_tradition = _pair_agreement(by_member, "tradition", "tradition")
    across = _pair_agreement(by_member, "reduction", "tradition")
    assert within_reduction > across + 0.2
    assert within_tradition > across + 0.2


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_consensual_arguments_are_agreed_more(seed):
    votes = simulate_votes(MEMBERS, ARGUMENTS, seed=seed)

    def agree_rate(selected):
        values = [v for _, a, v in votes if selected(ARGUMENTS[a]["lean"])]
        return sum(v == 1 for v in values) / len(values)

    consensual = agree_rate(lambda lean: abs(lean) <= 0.2)
    split = agree_rate(lambda lean: abs(lean) >= 0.5)
    assert consensual >= 0.7
    assert consensual > split + 0.15


def test_split_arguments_divide_the_camps(votes):
    """On strongly leaning arguments, the two camps vote in opposite directions."""
    def mean_vote(camp, sign):
        values = [v for m, a, v in votes
                  if MEMBERS[m]["camp"] == camp and ARGUMENTS[a]["lean"] * sign >= 0.5]
        return mean(values)

    assert mean_vote("reduction", +1) > 0.4 and mean_vote("tradition", +1) < -0.2
    assert mean_vote("tradition", -1) > 0.4 and mean_vote("reduction", -1) < -0.2
