"""Opinion groups (who thinks what): the Pol.is method, complete, in numpy / scikit-learn.

Live service, one refresh per batch of new votes (keep `result.state` between refreshes):

    from deliberate.analysis.opinions import analyse
    result = analyse(votes, state=last_state, moderated_out=hidden)   # votes: (participant, comment, value, time)

Finished conversation (e.g. a Pol.is export), or a first refresh without history: the typical outcome
of the batch clusterings and of replays under several refresh schedules:

    from deliberate.analysis.opinions import typical_groups, OpinionResult
    model, candidates = typical_groups(votes, moderated_out=hidden)
    result = OpinionResult.from_model(model)

Lower level: `build_vote_matrix` / `VoteTable` -> `OpinionGroups(...).fit(matrix, state)`.
"""
from deliberate.analysis.opinions.bridging import BridgingResult, bridging_scores
from deliberate.analysis.opinions.model import OpinionGroups
from deliberate.analysis.opinions.replay import SCHEDULES, replay
from deliberate.analysis.opinions.repness import RepresentativeComment
from deliberate.analysis.opinions.result import GroupSummary, OpinionResult, analyse
from deliberate.analysis.opinions.state import OpinionState
from deliberate.analysis.opinions.typical import Candidate, typical_groups
from deliberate.analysis.opinions.statistics import CommentSummary, OpinionStatistics, compute_statistics
from deliberate.analysis.opinions.votes import Vote, VoteMatrix, VoteTable, build_vote_matrix

__all__ = [
    "BridgingResult", "Candidate", "CommentSummary", "GroupSummary", "OpinionGroups", "OpinionResult",
    "OpinionState", "OpinionStatistics", "RepresentativeComment", "SCHEDULES", "Vote", "VoteMatrix", "VoteTable",
    "analyse", "bridging_scores", "build_vote_matrix", "compute_statistics", "replay", "typical_groups",
]
