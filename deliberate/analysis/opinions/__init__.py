"""Opinion groups (who thinks what): the Pol.is method, complete, in numpy / scikit-learn.

Live service, one refresh per batch of new votes (keep `result.state` between refreshes):

    from deliberate.analysis.opinions import analyse
    result = analyse(votes, state=last_state, moderated_out=hidden)   # votes: (participant, comment, value, time)

Finished conversation (e.g. a Pol.is export), replayed in time order as Pol.is computed it:

    from deliberate.analysis.opinions import replay_consensus, OpinionResult
    model, runs = replay_consensus(votes, moderated_out=hidden)
    result = OpinionResult.from_model(model)

Lower level: `build_vote_matrix` / `VoteTable` -> `OpinionGroups(...).fit(matrix, state)`.
"""
from deliberate.analysis.opinions.bridging import BridgingResult, bridging_scores
from deliberate.analysis.opinions.model import OpinionGroups
from deliberate.analysis.opinions.replay import DEFAULT_WINDOWS, ReplayRun, replay, replay_consensus
from deliberate.analysis.opinions.repness import RepresentativeComment
from deliberate.analysis.opinions.result import GroupSummary, OpinionResult, analyse
from deliberate.analysis.opinions.state import OpinionState
from deliberate.analysis.opinions.statistics import CommentSummary, OpinionStatistics, compute_statistics
from deliberate.analysis.opinions.votes import Vote, VoteMatrix, VoteTable, build_vote_matrix

__all__ = [
    "BridgingResult", "CommentSummary", "DEFAULT_WINDOWS", "GroupSummary", "OpinionGroups", "OpinionResult",
    "OpinionState", "OpinionStatistics", "ReplayRun", "RepresentativeComment", "Vote", "VoteMatrix", "VoteTable",
    "analyse", "bridging_scores", "build_vote_matrix", "compute_statistics", "replay", "replay_consensus",
]
