"""/live commands that end or erase a membership, and what reaches the sockets of a member whose membership ended."""
from flask import request
from flask_socketio import leave_room

from deliberate.services import erasure, sessions
from deliberate.services.publisher import NAMESPACE
from deliberate.services.validation import require_mapping
from deliberate.web.live_command import command


class MemberCommands:
    """Mixed into LiveNamespace, which provides `_actor`, `connections` and `_leave_current`."""

    @command
    def on_erase_member(self, data):
        data = require_mapping(data)
        member = erasure.erase_member(self._actor(), data.get("member_id"))
        return {"ok": True, "member_id": member.id}

    # ---- sessions that end --------------------------------------------------------------------------
    @command
    def on_leave(self, data=None):
        """The member leaves the conference: this socket leaves its rooms, the member's other sockets close."""
        require_mapping(data if data is not None else {})
        member = sessions.leave(self._actor())
        state = self.connections.get(request.sid)
        self._leave_current(state)
        leave_room(member_room(member.id))
        state["joined"] = None
        end_member_sockets(member, keep_sid=request.sid)
        return {"ok": True}

    @command
    def on_revoke_member(self, data):
        data = require_mapping(data)
        member = sessions.revoke(self._actor(), data.get("member_id"))
        end_member_sockets(member)
        return {"ok": True, "member_id": member.id}


def member_room(member_id: int) -> str:
    """Every socket of one member (in every process, with a message queue)."""
    return f"member:{member_id}"


def end_member_sockets(member, keep_sid: str | None = None) -> None:
    """Tell a member whose membership ended why (`membership_ended`, in every process) and close their sockets
    in this process. With a message queue and several processes, the other processes' sockets stay open until
    they disconnect, but every command they send is refused (`_actor`, and write_votes for votes)."""
    from deliberate.extensions import socketio

    payload = {"member_id": member.id, "how": member.ended_how, "message": sessions.ended_message(member)}
    room = member_room(member.id)
    socketio.emit("membership_ended", payload, to=room, namespace=NAMESPACE, skip_sid=keep_sid)
    server = socketio.server
    for sid, _eio_sid in list(server.manager.get_participants(NAMESPACE, room)):
        if sid != keep_sid:
            server.disconnect(sid, namespace=NAMESPACE)
