"""Socket.IO namespace /live: authenticate on connect, then one handler per command.

Every command answers through its acknowledgement: {"ok": true, ...} or {"ok": false, "error": {code, message}}.
The room's own commands (arguments, votes, phase, moderation) are here; each other area's are a mixin in its
module: live_hearing, live_preparation, live_document, live_members.
"""
from flask import request
from flask_babel import gettext as _
from flask_socketio import Namespace, join_room, leave_room

from deliberate.extensions import db
from deliberate.services import arguments, conferences, membership, moderation, room_settings, snapshots, votes
from deliberate.services.errors import ServiceError
from deliberate.services.publisher import NAMESPACE, room_for  # noqa: F401 (web/__init__, privacy read NAMESPACE here)
from deliberate.services.serialize import argument_dict
from deliberate.services.validation import require_mapping
from deliberate.web import socket_guard
from deliberate.web.auth import session_members
from deliberate.web.live_command import command, error_answer
from deliberate.web.live_connections import Connections, max_sockets_per_member, refuse
from deliberate.web.live_document import DocumentCommands
from deliberate.web.live_hearing import HearingCommands
from deliberate.web.live_members import MemberCommands, member_room
from deliberate.web.live_preparation import PreparationCommands


class LiveNamespace(HearingCommands, PreparationCommands, DocumentCommands, MemberCommands, Namespace):
    def __init__(self, namespace):
        super().__init__(namespace)
        self.connections = Connections()

    # ---- dispatch: every message gets an answer (socket_guard.py says why python-socketio alone does not) ------
    @classmethod
    def commands(cls) -> frozenset[str]:
        """Every command a client may send: the on_* methods but the connection's own handlers (listed once)."""
        names = cls.__dict__.get("_command_names")
        if names is None:
            names = frozenset(name[3:] for name in dir(cls)
                              if name.startswith("on_") and name[3:] not in socket_guard.RESERVED
                              and callable(getattr(cls, name)))
            cls._command_names = names
        return names

    def _set_server(self, server):
        super()._set_server(server)
        server.packet_class = socket_guard.safe_packet_class(server.packet_class)

    def trigger_event(self, event, *args):
        # The real connect and disconnect run while python-socketio holds the socket as connecting or
        # disconnecting; the same names sent by a connected client are plain (refused) messages.
        if event in socket_guard.RESERVED and not self.server.manager.is_connected(args[0], self.namespace):
            return super().trigger_event(event, *args)
        return self.socketio._handle_event(lambda *payloads: self._dispatch(event, payloads), event,
                                           self.namespace, *args)

    def _dispatch(self, event, payloads: tuple):
        try:
            refusal = socket_guard.refusal_of_name(event, self.commands())
            if refusal is not None:
                raise refusal
            data = socket_guard.payload_of(payloads)
            socket_guard.check_payload(data)
            answer = getattr(self, "on_" + event)(data)
            if not isinstance(answer, dict):  # a handler that forgot its answer would send an empty ack
                raise TypeError(f"/live {event} answered {type(answer).__name__}, not a dict")
            return answer
        except ServiceError as exc:
            db.session.rollback()
            return error_answer(exc)
        except Exception:
            db.session.rollback()
            return socket_guard.internal_error(event)

    def on_connect(self, auth=None):
        members = self._authenticate(auth)
        if not members:
            raise refuse("unauthenticated", _("Join the conference first: credentials are missing or invalid."))
        if not self.connections.open(request.sid, members, max_sockets_per_member()):
            raise refuse("rate_limited", _("Too many connections for this membership: close another tab or "
                                           "device and try again."))

    def on_disconnect(self, reason=None):
        self.connections.close(request.sid)

    def _authenticate(self, auth) -> dict[str, int]:
        """The members this socket may act as: a token's, or the session cookie's that are still active. An
        expired token or an ended membership is refused saying so. Each member's sockets share a room, so that
        ending the membership reaches them (end_member_sockets)."""
        if isinstance(auth, dict) and auth.get("token"):
            try:
                member = membership.token_member(auth.get("token"))
            except ServiceError as exc:
                raise refuse(exc.code, exc.message) from None
            members = {member.conference.slug: member.id} if member else {}
        else:
            members, ended = {}, None
            for slug, member_id in session_members().items():
                member = membership.member_by_id(member_id)
                if member is not None and member.conference.slug == slug:
                    members[slug] = member.id
                else:
                    ended = ended or membership.ended_member(member_id)
            if not members and ended is not None:
                try:
                    membership.ensure_active(ended)
                except ServiceError as exc:
                    raise refuse(exc.code, exc.message) from None
        for member_id in set(members.values()):
            join_room(member_room(member_id))
        return members

    def _actor(self):
        """The joined member, loaded; `unauthenticated` once the membership ended, even on a socket opened before."""
        return membership.active_member(self._actor_id())

    def _actor_id(self) -> int:
        """The joined member's id without loading it: for the hot path (votes), which checks it itself."""
        state = self.connections.get(request.sid)
        if state is None or state["joined"] is None:
            raise ServiceError("forbidden", _("Send “join” with a conference first."))
        return state["members"].get(state["joined"])

    @command
    def on_join(self, data):
        data = require_mapping(data)
        slug = data.get("conference")
        conference = conferences.get_by_slug(slug)
        state = self.connections.get(request.sid)
        member = membership.member_by_id(state["members"].get(conference.slug)) if state else None
        if member is None or member.conference_id != conference.id:
            raise ServiceError("forbidden", _("You are not a member of this conference."))
        self._leave_current(state)
        # Join the room before reading the snapshot: an event committed in between is then
        # received twice at worst (clients apply events idempotently), never missed.
        join_room(room_for(conference.id))
        if member.role.can_steer:
            join_room(room_for(conference.id, "facilitators"))
        state["joined"] = conference.slug
        return {"ok": True, "snapshot": snapshots.snapshot(member)}

    def _leave_current(self, state) -> None:
        if state and state["joined"]:
            try:
                previous = conferences.get_by_slug(state["joined"])
            except ServiceError:
                return
            leave_room(room_for(previous.id))
            leave_room(room_for(previous.id, "facilitators"))

    # ---- the room: arguments, votes, phase, moderation ------------------------------------------
    @command
    def on_post_argument(self, data):
        data = require_mapping(data)
        actor = self._actor()
        argument = arguments.post_argument(actor, data.get("text"), data.get("stance"), data.get("kind", "argument"),
                                           to=data.get("to"), follows_answer_id=data.get("follows_answer_id"),
                                           key=data.get("key"))
        return {"ok": True, "argument": argument_dict(argument)}

    @command
    def on_cast_vote(self, data):
        data = require_mapping(data)
        counts = votes.cast_vote_as(self._actor_id(), data.get("argument_id"), data.get("value"), key=data.get("key"))
        return {"ok": True, "tally": counts}

    @command
    def on_set_phase(self, data):
        data = require_mapping(data)
        conference = conferences.set_phase(self._actor(), data.get("phase"), confirm=data.get("confirm", False),
                                           note=data.get("note"))
        return {"ok": True, "phase": conference.phase.value}

    @command
    def on_moderate(self, data):
        data = require_mapping(data)
        argument = moderation.moderate(self._actor(), data.get("argument_id"), data.get("action"), data.get("reason"))
        return {"ok": True, "status": argument.status.value}

    @command
    def on_merge(self, data):
        data = require_mapping(data)
        argument = moderation.merge(self._actor(), data.get("argument_id"), data.get("into"))
        return {"ok": True, "status": argument.status.value, "duplicate_of": argument.duplicate_of_id}

    @command
    def on_set_moderation_reasons(self, data):
        data = require_mapping(data)
        return {"ok": True, "reasons": moderation.set_moderation_reasons(self._actor(), data.get("reasons"))}

    @command
    def on_set_tally_visibility(self, data):
        data = require_mapping(data)
        return {"ok": True, "after_vote": room_settings.set_tally_visibility(self._actor(), data.get("after_vote"))}
