"""What a refresh produces, in plain data: `OpinionResult`, and `analyse()` to get one from votes.

    result = analyse(votes, state=previous.state if previous else None, moderated_out=hidden_ids)
    result.participant_groups   # {participant: group id or None}
    result.groups               # [GroupSummary(id, size, members, representative)]
    result.comments             # {comment: CommentSummary(consensus, consensus_disagree, divisiveness, ...)}
    result.state                # keep for the next refresh
    result.to_dict()            # the `deliberate opinions` JSON contract
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Iterable

from deliberate.analysis.opinions.model import OpinionGroups
from deliberate.analysis.opinions.state import OpinionState
from deliberate.analysis.opinions.votes import build_vote_matrix
from deliberate.analysis.opinions.typical import typical_groups


@dataclass(frozen=True)
class GroupSummary:
    id: int
    size: int
    members: tuple
    representative: tuple  # RepresentativeComment, best first (agrees before disagrees)


@dataclass(frozen=True)
class OpinionResult:
    k: int
    participant_groups: dict          # participant -> group id, None if not clustered
    groups: tuple                     # GroupSummary, by id
    comments: dict                    # comment -> CommentSummary (moderated-out comments absent)
    positions: dict                   # participant -> (x, y) on the opinion map
    exact: bool                       # small-panel mode: exact counts and binomial tests
    state: OpinionState
    parameters: dict = field(default_factory=dict)

    @classmethod
    def from_model(cls, model: OpinionGroups) -> "OpinionResult":
        if model.statistics_ is None:
            raise ValueError("fit the model with statistics=True first")
        stats = model.statistics_
        members = {}
        for participant, group in zip(model.participants_, model.labels_):
            if group >= 0:
                members.setdefault(int(group), []).append(participant)
        groups = tuple(GroupSummary(g, len(members[g]), tuple(members[g]), tuple(stats.representative.get(g, ())))
                       for g in sorted(members))
        return cls(
            k=int(model.k_),
            participant_groups={p: (int(g) if g >= 0 else None) for p, g in zip(model.participants_, model.labels_)},
            groups=groups,
            comments=dict(stats.comments),
            positions={p: (float(x), float(y)) for p, (x, y) in zip(model.participants_, model.positions_)},
            exact=stats.exact,
            state=model.state_,
            parameters={k: v for k, v in vars(model).items() if not k.endswith("_")},
        )

    def to_dict(self, texts: dict | None = None) -> dict:
        """`{"k", "participants", "groups", "comments"}` with string keys, as `deliberate opinions` writes.

        Each group keeps `representative` (comment ids, the contract) and adds `representative_comments`: what a
        person reads, with the comment's text (from `texts`, comment id -> text; null when unknown), the
        direction the group leans more than the others, and the group's own counts on it."""
        def number(value: float) -> float:
            return round(float(value), 6)

        return {
            "k": self.k,
            "participants": {str(p): g for p, g in self.participant_groups.items()},
            "groups": [{"id": g.id, "size": g.size, "representative": [r.comment for r in g.representative],
                        "representative_comments": [self._readable(r, g.id, texts or {}) for r in g.representative]}
                       for g in self.groups],
            "comments": {str(c): {"consensus": number(s.consensus),
                                  "consensus_disagree": number(s.consensus_disagree),
                                  "divisiveness": number(s.divisiveness),
                                  "agree_by_group": {str(g): number(v) for g, v in s.agree_by_group.items()}}
                         for c, s in self.comments.items()},
        }


    def _readable(self, representative, group: int, texts: dict) -> dict:
        counts = self.comments[representative.comment].counts_by_group.get(group, {})
        seen = counts.get("seen", 0)
        return {
            "id": representative.comment,
            "text": texts.get(representative.comment),
            "direction": representative.direction,
            # Raw shares of the group's votes on the comment (passes count as seen), not the smoothed estimates.
            "agree_share": round(counts.get("agree", 0) / seen, 6) if seen else None,
            "disagree_share": round(counts.get("disagree", 0) / seen, 6) if seen else None,
            "votes_in_group": seen,
            "significant": bool(representative.significant),
        }


def analyse(votes: Iterable, *, state: OpinionState | None = None, moderated_out: Iterable[Hashable] = (),
            participants: Iterable[Hashable] | None = None, **params) -> OpinionResult:
    """One refresh from vote events ((participant, comment, value[, timestamp]); a later vote replaces
    an earlier one). `participants` restricts to a subset (e.g. the panel); `params` go to
    `OpinionGroups` (default random_state=0). Pass the previous result's `state` to continue.

    Without a state (the first refresh, or after an import or a model change) there is no history to
    continue: the groups are then the typical outcome of several clusterings (`typical_groups`)."""
    params.setdefault("random_state", 0)
    if state is None:
        model, _ = typical_groups(votes, moderated_out=moderated_out, participants=participants, params=params)
        return OpinionResult.from_model(model)
    matrix = build_vote_matrix(votes, moderated_out, participants)
    return OpinionResult.from_model(OpinionGroups(**params).fit(matrix, state))
