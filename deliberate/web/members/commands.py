"""/live commands that end or erase a membership, and what reaches the sockets of a member whose membership ended."""
from flask import request
from flask_socketio import join_room, leave_room

from deliberate.services.members import erasure, sessions
from deliberate.web.live import evictions
from deliberate.web.live.evictions import member_room
from deliberate.web.deps import deps


class MemberCommands:
    """Mixed into LiveNamespace, which provides `_actor`, `connections` and `_leave_current`."""

    def on_erase_member(self, data):
        member = erasure.erase_member(self._actor(), data.get("member_id"), deps=deps())
        return {"ok": True, "member_id": member.id}

    # ---- sessions that end --------------------------------------------------------------------------
    def on_leave(self, data):
        """The member leaves the conference: this socket leaves its rooms, the member's other sockets close."""
        actor = self._actor()
        state = self.connections.get(request.sid)
        own_room = member_room(actor.conference_id, actor.id)
        leave_room(own_room)  # first: `membership_ended` is for the member's other sockets
        try:
            member = sessions.leave(actor, deps=deps())
        except Exception:
            join_room(own_room)
            raise
        self._leave_current(state)
        state["joined"] = None
        end_member_sockets(member, keep_sid=request.sid)
        return {"ok": True}

    def on_revoke_member(self, data):
        member = sessions.revoke(self._actor(), data.get("member_id"), deps=deps())
        end_member_sockets(member)
        return {"ok": True, "member_id": member.id}


def end_member_sockets(member, keep_sid: str | None = None, old_token_only: bool = False) -> None:
    """Close a member's sockets (but `keep_sid`) in every process: all of them when the membership ended (the
    use-case has told them why, `membership_ended`), or, after a renewal (`old_token_only`), those opened with an
    older token."""
    from flask import current_app

    from deliberate.extensions import socketio

    evictions.end_everywhere(current_app, socketio, member.conference_id, member.id, keep_sid=keep_sid,
                             token_issued_at=member.token_issued_at if old_token_only else None)
