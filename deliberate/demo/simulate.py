"""Deterministic vote simulator for the demo conference (pure Python, no app imports).

Model: each voter has a position on the reduction (+1) / tradition (-1) axis drawn near its
camp ("reduction" in [0.7, 1], "tradition" in [-1, -0.7], "between" in [-0.3, 0.3]). Each
argument has a ``lean`` in [-1, 1]. The probability of agreeing is a logistic function of
``position * lean`` plus a bonus for consensual arguments ((1 - |lean|) ** 2), so consensual
arguments are agreed by most of the room while strongly leaning ones split it along camp
lines. About 10% of the votes are passes, more often where the voter is torn.
"""

import math
import random

NON_VOTING_ROLES = frozenset({"organiser", "facilitator", "observer"})
CAMP_CENTRE = {"reduction": 1.0, "tradition": -1.0, "between": 0.0}

SEEN_SHARE = 0.75                 # share of the other arguments each voter votes on
AXIS_WEIGHT = 4.5                 # logit weight of position * lean
CONSENSUS_WEIGHT = 2.5            # logit bonus for consensual arguments, times (1 - |lean|) ** 2
PASS_MIN, PASS_SPAN = 0.06, 0.10  # pass probability: 6% when sure, up to 16% when torn


def _position(camp: str, rng: random.Random) -> float:
    centre = CAMP_CENTRE.get(camp, 0.0)
    if centre == 0.0:
        return rng.uniform(-0.3, 0.3)
    return centre * rng.uniform(0.7, 1.0)


def agree_probability(position: float, lean: float) -> float:
    """Probability that a voter at ``position`` agrees with an argument of ``lean`` (no pass)."""
    lean = max(-1.0, min(1.0, float(lean)))
    z = AXIS_WEIGHT * position * lean + CONSENSUS_WEIGHT * (1.0 - abs(lean)) ** 2
    return max(0.03, min(0.97, 1.0 / (1.0 + math.exp(-z))))


def simulate_votes(
    members: list[dict], arguments: list[dict], seed: int = 7
) -> list[tuple[int, int, int]]:
    """(member index, argument index, value) with value 1 agree, -1 disagree, 0 pass.

    Organisers, facilitators and observers do not vote. Each voter votes on about 75% of the
    arguments written by others (never on their own: authors implicitly agree). The result is
    sorted by member then argument and is the same for the same inputs and seed.
    """
    rng = random.Random(seed)
    votes: list[tuple[int, int, int]] = []
    for m_idx, member in enumerate(members):
        if member.get("role") in NON_VOTING_ROLES:
            continue
        position = _position(member.get("camp", "between"), rng)
        others = [a_idx for a_idx, arg in enumerate(arguments) if arg.get("author") != m_idx]
        seen = sorted(rng.sample(others, round(SEEN_SHARE * len(others))))
        for a_idx in seen:
            p_agree = agree_probability(position, arguments[a_idx].get("lean", 0.0))
            p_pass = PASS_MIN + PASS_SPAN * (1.0 - abs(2.0 * p_agree - 1.0))
            if rng.random() < p_pass:
                value = 0
            else:
                value = 1 if rng.random() < p_agree else -1
            votes.append((m_idx, a_idx, value))
    return votes
