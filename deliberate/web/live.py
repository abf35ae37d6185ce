"""Socket.IO namespace /live: authenticate on connect, then one handler per command.

Every command answers through its acknowledgement: {"ok": true, ...} or {"ok": false, "error": {code, message}}.
"""
import functools
import threading

from flask import current_app, request
from flask_babel import gettext as _
from flask_socketio import ConnectionRefusedError, Namespace, join_room, leave_room

from deliberate.extensions import db
from deliberate.services import (arguments, conferences, erasure, limits, membership, moderation, room_settings,
                                 sessions, snapshots, votes)
from deliberate.services.hearing import agenda, answers, floor
from deliberate.services.preparation import notes
from deliberate.services.document import consent as consents, draft, paragraphs, publication, review
from deliberate.services.errors import ServiceError
from deliberate.services.publisher import NAMESPACE, room_for
from deliberate.services.serialize import answer_dict, argument_dict, note_dict
from deliberate.services.validation import require_mapping
from deliberate.web import socket_guard
from deliberate.web.auth import session_members


class Connections:
    """Per-connection state: which members the socket may act as, and the conference it joined; and how many
    sockets each member holds in this process (DELIBERATE_MAX_SOCKETS_PER_MEMBER)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._by_sid: dict[str, dict] = {}
        self._sockets: dict[int, int] = {}  # member id -> open sockets in this process

    def open(self, sid: str, members: dict[str, int], max_per_member: int = 0) -> bool:
        """Record the socket, or return False (and record nothing) when one of its members already holds
        `max_per_member` sockets (0: no cap)."""
        with self._lock:
            ids = set(members.values())
            if max_per_member and any(self._sockets.get(i, 0) >= max_per_member for i in ids):
                return False
            for i in ids:
                self._sockets[i] = self._sockets.get(i, 0) + 1
            self._by_sid[sid] = {"members": members, "joined": None}
            return True

    def close(self, sid: str) -> None:
        with self._lock:
            state = self._by_sid.pop(sid, None)
            for i in set(state["members"].values()) if state else ():
                left = self._sockets.get(i, 0) - 1
                if left > 0:
                    self._sockets[i] = left
                else:
                    self._sockets.pop(i, None)

    def sockets_of(self, member_id: int) -> int:
        with self._lock:
            return self._sockets.get(member_id, 0)

    def get(self, sid: str) -> dict | None:
        with self._lock:
            return self._by_sid.get(sid)


def refuse(code: str, message) -> ConnectionRefusedError:
    """The refusal of a /live connect, for `raise refuse(...)` in the connect handler: the client's
    `connect_error` carries {"code", "message"} (docs/events.md, "Connecting"). python-socketio would turn a
    single argument into {"message": repr}; the socket.io JavaScript client reads `err.data`, so the pair is
    also under "data". The server then closes the connection (live_setup._close_connections_without_namespace)."""
    error = {"code": code, "message": str(message)}
    exc = ConnectionRefusedError(error["message"])
    exc.error_args = {**error, "data": error}
    return exc


def _max_sockets_per_member() -> int:
    """The cap on one member's concurrent sockets in this process; none when the limits are off."""
    configured = limits.current_limits()
    if configured is None or not configured.enabled:
        return 0
    return current_app.config.get("DELIBERATE_MAX_SOCKETS_PER_MEMBER") or 0


def _error(exc: ServiceError) -> dict:
    return {"ok": False, "error": exc.as_dict()}


def _command(handler):
    """Run a command, turning refusals into acks and rolling back anything half-done; an unexpected failure
    answers `internal` (and is logged) rather than leaving the client without an ack."""
    def wrapper(self, data=None):
        try:
            return handler(self, data)
        except ServiceError as exc:
            db.session.rollback()
            return _error(exc)
        except Exception:
            db.session.rollback()
            return socket_guard.internal_error(handler.__name__[3:])
    return functools.wraps(handler)(wrapper)


class LiveNamespace(Namespace):
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
            return _error(exc)
        except Exception:
            db.session.rollback()
            return socket_guard.internal_error(event)

    def on_connect(self, auth=None):
        members = self._authenticate(auth)
        if not members:
            raise refuse("unauthenticated", _("Join the conference first: credentials are missing or invalid."))
        if not self.connections.open(request.sid, members, _max_sockets_per_member()):
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

    @_command
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

    @_command
    def on_post_argument(self, data):
        data = require_mapping(data)
        actor = self._actor()
        argument = arguments.post_argument(actor, data.get("text"), data.get("stance"), data.get("kind", "argument"),
                                           to=data.get("to"), follows_answer_id=data.get("follows_answer_id"),
                                           key=data.get("key"))
        return {"ok": True, "argument": argument_dict(argument)}

    @_command
    def on_cast_vote(self, data):
        data = require_mapping(data)
        counts = votes.cast_vote_as(self._actor_id(), data.get("argument_id"), data.get("value"), key=data.get("key"))
        return {"ok": True, "tally": counts}

    @_command
    def on_set_phase(self, data):
        data = require_mapping(data)
        conference = conferences.set_phase(self._actor(), data.get("phase"), confirm=data.get("confirm", False),
                                           note=data.get("note"))
        return {"ok": True, "phase": conference.phase.value}

    @_command
    def on_moderate(self, data):
        data = require_mapping(data)
        argument = moderation.moderate(self._actor(), data.get("argument_id"), data.get("action"), data.get("reason"))
        return {"ok": True, "status": argument.status.value}

    @_command
    def on_merge(self, data):
        data = require_mapping(data)
        argument = moderation.merge(self._actor(), data.get("argument_id"), data.get("into"))
        return {"ok": True, "status": argument.status.value, "duplicate_of": argument.duplicate_of_id}

    @_command
    def on_set_moderation_reasons(self, data):
        data = require_mapping(data)
        return {"ok": True, "reasons": moderation.set_moderation_reasons(self._actor(), data.get("reasons"))}

    @_command
    def on_set_tally_visibility(self, data):
        data = require_mapping(data)
        return {"ok": True, "after_vote": room_settings.set_tally_visibility(self._actor(), data.get("after_vote"))}

    # ---- the hearing ----------------------------------------------------------------------------
    @_command
    def on_answer_question(self, data):
        data = require_mapping(data)
        answer = answers.answer_question(self._actor(), data.get("question_id"), data.get("text"))
        return {"ok": True, "answer": answer_dict(answer)}

    @_command
    def on_select_key_question(self, data):
        data = require_mapping(data)
        payload = agenda.select_key_question(self._actor(), data.get("argument_id"), data.get("selected", True),
                                             data.get("planned_minutes"))
        return {"ok": True, **payload}

    @_command
    def on_set_timer(self, data):
        data = require_mapping(data)
        timer = floor.set_timer(self._actor(), data.get("seconds"), data.get("label"), data.get("item_id"))
        return {"ok": True, "timer": timer}

    @_command
    def on_raise_hand(self, data=None):
        return {"ok": True, **floor.raise_hand(self._actor())}

    @_command
    def on_lower_hand(self, data=None):
        return {"ok": True, **floor.lower_hand(self._actor())}

    @_command
    def on_give_floor(self, data):
        data = require_mapping(data)
        if "member_id" not in data:
            raise ServiceError("invalid", _("Send “member_id”: a member, or null to end the turn."))
        return {"ok": True, **floor.give_floor(self._actor(), data.get("member_id"), data.get("seconds"))}

    @_command
    def on_spotlight(self, data):
        data = require_mapping(data)
        if "argument_id" not in data:
            raise ServiceError("invalid", _("Send “argument_id”: an argument, or null to clear the spotlight."))
        return {"ok": True, "argument": floor.spotlight(self._actor(), data.get("argument_id"))}

    # ---- preparation ----------------------------------------------------------------------------
    @_command
    def on_note_unclear(self, data):
        data = require_mapping(data)
        note = notes.add_note(self._actor(), data.get("text"), data.get("entry_id"))
        return {"ok": True, "note": note_dict(note)}

    @_command
    def on_note_groups(self, data=None):
        return {"ok": True, "groups": notes.note_groups(self._actor())}

    # ---- the consensus document -----------------------------------------------------------------
    @_command
    def on_draft_document(self, data=None):
        data = require_mapping(data if data is not None else {})
        created = draft.draft_document(self._actor(), replace=data.get("replace", False))
        return {"ok": True, "paragraphs": len(created)}

    @_command
    def on_add_paragraph(self, data):
        data = require_mapping(data)
        paragraph = paragraphs.add_paragraph(self._actor(), data.get("body"), data.get("after_id"),
                                             data.get("kind", "text"), data.get("quote_ids"))
        return {"ok": True, "paragraph_id": paragraph.id}

    @_command
    def on_edit_paragraph(self, data):
        data = require_mapping(data)
        paragraph = paragraphs.reword_paragraph(self._actor(), data.get("paragraph_id"), data.get("body"),
                                                data.get("quote_ids"))
        return {"ok": True, "version": paragraph.version}

    @_command
    def on_move_paragraph(self, data):
        data = require_mapping(data)
        paragraph = paragraphs.move_paragraph(self._actor(), data.get("paragraph_id"), data.get("position"))
        return {"ok": True, "position": paragraph.position}

    @_command
    def on_delete_paragraph(self, data):
        data = require_mapping(data)
        paragraphs.delete_paragraph(self._actor(), data.get("paragraph_id"))
        return {"ok": True}

    @_command
    def on_paragraph_history(self, data):
        data = require_mapping(data)
        return {"ok": True, "versions": paragraphs.history(self._actor(), data.get("paragraph_id"))}

    @_command
    def on_consent(self, data):
        data = require_mapping(data)
        row = consents.consent(self._actor(), data.get("paragraph_id"), data.get("value"), data.get("reason"))
        return {"ok": True, "consent": {"paragraph_id": row.paragraph_id, "value": row.value.value,
                                        "reason": row.reason, "version": row.version}}

    @_command
    def on_write_statement(self, data):
        data = require_mapping(data)
        statement = consents.write_statement(self._actor(), data.get("text"), data.get("paragraph_ids"),
                                             data.get("by_name", False))
        return {"ok": True, "statement_id": statement.id}

    @_command
    def on_sign_statement(self, data):
        data = require_mapping(data)
        consents.sign_statement(self._actor(), data.get("statement_id"), data.get("by_name", False))
        return {"ok": True}

    @_command
    def on_withdraw_statement(self, data):
        data = require_mapping(data)
        consents.withdraw_statement(self._actor(), data.get("statement_id"))
        return {"ok": True}

    @_command
    def on_propose_correction(self, data):
        data = require_mapping(data)
        correction = review.propose_correction(self._actor(), data.get("paragraph_id"), data.get("text"),
                                               data.get("reason"))
        return {"ok": True, "correction_id": correction.id}

    @_command
    def on_decide_correction(self, data):
        data = require_mapping(data)
        correction = review.decide_correction(self._actor(), data.get("correction_id"), data.get("accept"),
                                              data.get("note"))
        return {"ok": True, "status": correction.status.value}

    @_command
    def on_publish_document(self, data):
        data = require_mapping(data)
        actor = self._actor()
        done = publication.publish(actor, data.get("confirm"), data.get("note"))
        return {"ok": True, "publication": publication.publication_dict(actor.conference, done)}

    @_command
    def on_erase_member(self, data):
        data = require_mapping(data)
        member = erasure.erase_member(self._actor(), data.get("member_id"))
        return {"ok": True, "member_id": member.id}

    # ---- sessions that end --------------------------------------------------------------------------
    @_command
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

    @_command
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
