"""Socket.IO namespace /live: authenticate on connect, then one handler per command.

Every command answers through its acknowledgement: {"ok": true, ...} or {"ok": false, "error": {code, message}}.
The room's own commands (arguments, votes, phase, moderation) are here; each other area's are a mixin in its
area: web/method/hearing_commands.py, web/method/preparation_commands.py, web/document/commands.py,
web/members/commands.py.
"""
import time
from datetime import timezone

from flask import current_app, request
from flask_babel import gettext as _
from flask_socketio import Namespace, join_room, leave_room

from deliberate.extensions import db
from deliberate.services import conferences
from deliberate.services.room import arguments, moderation, settings as room_settings, snapshots, votes
from deliberate.services.members import membership
from deliberate.services.errors import ServiceError
from deliberate.services.publisher import NAMESPACE, room_for  # noqa: F401 (web/__init__, privacy read NAMESPACE here)
from deliberate.services.serialize import argument_dict
from deliberate.web.live import command, evictions, gate, guard as socket_guard
from deliberate.web.auth import session_members
from deliberate.web.deps import deps
from deliberate.web.live.connections import Connections, max_sockets_per_member, refuse
from deliberate.web.document.commands import DocumentCommands
from deliberate.web.method.hearing_commands import HearingCommands
from deliberate.web.live.evictions import member_room
from deliberate.web.members.commands import MemberCommands
from deliberate.web.method.preparation_commands import PreparationCommands


DISPATCH = "dispatch_command"  # the handler every client message goes through; not a command itself


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
                              and name[3:] != DISPATCH and callable(getattr(cls, name)))
            cls._command_names = names
        return names

    def trigger_event(self, event, *args):
        # The real connect and disconnect run while python-socketio holds the socket as connecting or
        # disconnecting; the same names sent by a connected client are plain (refused) messages.
        if event in socket_guard.RESERVED and not self.server.manager.is_connected(args[0], self.namespace):
            return super().trigger_event(event, *args)
        state = self.connections.get(args[0])
        refusal = gate.early_refusal(state, event)
        if refusal is not None:  # before any context or database work: gate.py
            if gate.keeps_hammering(state):
                self.socketio.start_background_task(self.server.disconnect, args[0], namespace=self.namespace)
            return refusal
        # Every other message, whatever its name, goes to the one dispatcher, in the app and request context that
        # Flask-SocketIO gives an event handler (overriding trigger_event is how its documentation says to do so).
        return super().trigger_event(DISPATCH, args[0], event, *args[1:])

    def on_dispatch_command(self, event, *payloads):
        return self._dispatch(event, payloads)

    def _dispatch(self, event, payloads: tuple):
        try:
            refusal = socket_guard.refusal_of_name(event, self.commands())
            if refusal is not None:
                raise refusal
            data = socket_guard.payload_of(payloads)
            socket_guard.check_payload(data)
            answer = getattr(self, "on_" + event)(command.payload_for(event, data))
            if not isinstance(answer, dict):  # a handler that forgot its answer would send an empty ack
                raise TypeError(f"/live {event} answered {type(answer).__name__}, not a dict")
            return answer
        except ServiceError as exc:
            db.session.rollback()
            return command.error_answer(exc)
        except Exception:
            db.session.rollback()
            return socket_guard.internal_error(event)

    def on_connect(self, auth=None):
        members, expires_at, token_issued = self._authenticate(auth)
        if not members:
            raise refuse("unauthenticated", _("Join the conference first: credentials are missing or invalid."))
        self._start_background_tasks()
        if not self.connections.open(request.sid, members, max_sockets_per_member(), expires_at, token_issued):
            raise refuse("rate_limited", _("Too many connections for this membership: close another tab or "
                                           "device and try again."))
        gate.prepare(self.connections.get(request.sid), deps().limits)

    def on_disconnect(self, reason=None):
        self.connections.close(request.sid)

    def _authenticate(self, auth) -> tuple[dict[str, int], float | None, dict[int, str]]:
        """The members this socket may act as (a token's, or the session cookie's that are still active), when
        those credentials expire (a Unix time), and for a token, when it was issued. An expired token or an ended
        membership is refused saying so. Each member's sockets share a room, so that ending the membership or
        renewing the token reaches them (evictions.py)."""
        token_issued: dict[int, str] = {}
        if isinstance(auth, dict) and auth.get("token"):
            try:
                member = membership.token_member(auth.get("token"), deps=deps())
            except ServiceError as exc:
                raise refuse(exc.code, exc.message) from None
            members = {member.conference.slug: member.id} if member else {}
            rooms_of = {member.id: member.conference_id} if member else {}
            expires_at = membership.token_expires_at(member, deps=deps()).replace(tzinfo=timezone.utc).timestamp() \
                if member else None
            if member:
                token_issued[member.id] = member.token_issued_at.isoformat()
        else:
            # A cookie session lasts PERMANENT_SESSION_LIFETIME after the page that set it was last loaded.
            expires_at = time.time() + current_app.permanent_session_lifetime.total_seconds()
            members, ended, rooms_of = {}, None, {}
            for slug, member_id in session_members().items():
                member = membership.member_by_id(member_id)
                if member is not None and member.conference.slug == slug:
                    members[slug] = member.id
                    rooms_of[member.id] = member.conference_id
                else:
                    ended = ended or membership.ended_member(member_id)
            if not members and ended is not None:
                try:
                    membership.ensure_active(ended)
                except ServiceError as exc:
                    raise refuse(exc.code, exc.message) from None
        for member_id in set(members.values()):
            join_room(member_room(rooms_of[member_id], member_id))
        return members, expires_at, token_issued

    def _start_background_tasks(self) -> None:
        """Under `deliberate serve` (gevent): the sweep of expired sockets and, with Redis, the channel on which
        other processes name sockets to close. Started once, at the first connection."""
        if getattr(self, "_background_started", False) or self.socketio.async_mode != "gevent":
            return
        self._background_started = True
        self.socketio.start_background_task(evictions.sweep_forever, self.socketio)
        url = current_app.config.get("DELIBERATE_REDIS_URL")
        if url:
            self.socketio.start_background_task(evictions.listen, self.socketio, url)

    def _actor(self):
        """The joined member, loaded; `unauthenticated` once the membership ended, even on a socket opened before."""
        return membership.active_member(self._actor_id())

    def _actor_id(self) -> int:
        """The joined member's id without loading it: for the hot path (votes), which checks it itself."""
        state = self.connections.get(request.sid)
        if state is not None and state["expires_at"] is not None and state["expires_at"] <= time.time():
            self.socketio.start_background_task(self.server.disconnect, request.sid, namespace=self.namespace)
            raise ServiceError("unauthenticated", _("Your session expired: join the conference again with an "
                                                    "invite code."))
        if state is None or state["joined"] is None:
            raise ServiceError("forbidden", _("Send “join” with a conference first."))
        return state["members"].get(state["joined"])

    def on_join(self, data):
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
    def on_post_argument(self, data):
        actor = self._actor()
        argument = arguments.post_argument(actor, data.get("text"), data.get("stance"), data.get("kind", "argument"),
                                           to=data.get("to"), follows_answer_id=data.get("follows_answer_id"),
                                           key=data.get("key"), deps=deps())
        return {"ok": True, "argument": argument_dict(argument)}

    def on_cast_vote(self, data):
        counts = votes.cast_vote_as(self._actor_id(), data.get("argument_id"), data.get("value"), key=data.get("key"),
                                    deps=deps())
        return {"ok": True, "tally": counts}

    def on_set_phase(self, data):
        conference = conferences.set_phase(self._actor(), data.get("phase"), confirm=data.get("confirm", False),
                                           note=data.get("note"), deps=deps())
        return {"ok": True, "phase": conference.phase.value}

    def on_moderate(self, data):
        argument = moderation.moderate(self._actor(), data.get("argument_id"), data.get("action"), data.get("reason"),
                                       deps=deps())
        return {"ok": True, "status": argument.status.value}

    def on_merge(self, data):
        argument = moderation.merge(self._actor(), data.get("argument_id"), data.get("into"), deps=deps())
        return {"ok": True, "status": argument.status.value, "duplicate_of": argument.duplicate_of_id}

    def on_set_moderation_reasons(self, data):
        return {"ok": True, "reasons": moderation.set_moderation_reasons(self._actor(), data.get("reasons"), deps=deps())}

    def on_set_tally_visibility(self, data):
        return {"ok": True, "after_vote": room_settings.set_tally_visibility(self._actor(), data.get("after_vote"), deps=deps())}
