"""The anchor of the live benchmarks: what a bare user of Flask-SocketIO would write for the same events.

Namespace /live, the same event names and payload shapes as deliberate (docs/events.md), no database:

- connect with auth={"token": ...}: any non-empty token is accepted as the member's identity;
- `join {"conference": slug}`: join the room named after the slug, ack {"ok": true};
- `post_argument {"text", "stance"}`: store the argument in a dict, emit `argument_posted {"argument"}` to the
  room, ack {"ok": true, "argument"};
- `cast_vote {"argument_id", "value"}`: upsert the member's vote in an in-memory dict, count the argument's tally,
  ack {"ok": true, "tally"}, and emit `tally_changed {"argument_id", "agree", "disagree", "pass"}` to the room
  for every vote (no coalescing: what a naive app does);
- GET / answers "ok"; GET /votes returns the votes held ({member token: {argument id: value}}), read by
  votes.py for its count check.

    python benchmarks/bare_server.py --port P --server gevent|threading [--message-queue redis://...]

gevent: `monkey.patch_all()` first, SocketIO(async_mode="gevent"), socketio.run (gevent's WSGI server with
simple-websocket); threading: SocketIO(async_mode="threading"), socketio.run(allow_unsafe_werkzeug=True)
(Werkzeug's threaded server). Request logging is off, as in `deliberate serve`. Nothing is tuned.
"""
import sys

MODE = "threading" if "threading" in sys.argv else "gevent"
if MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

import argparse  # noqa: E402
import resource  # noqa: E402
import threading  # noqa: E402

from flask import Flask, jsonify, request  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402

NS = "/live"
NAMES = {1: "agree", -1: "disagree", 0: "pass"}


def create(message_queue: str | None, mode: str):
    app = Flask(__name__)
    socketio = SocketIO(app, async_mode=mode, message_queue=message_queue)
    lock = threading.Lock()
    members: dict[str, str] = {}        # sid -> token
    rooms: dict[str, str] = {}          # sid -> conference slug
    arguments: dict[int, dict] = {}
    votes: dict[int, dict[str, int]] = {}  # argument id -> {token: value}
    counter = {"next": 0}

    @socketio.on("connect", namespace=NS)
    def connect(auth=None):
        token = auth.get("token") if isinstance(auth, dict) else None
        if not token:
            return False
        members[request.sid] = token

    @socketio.on("disconnect", namespace=NS)
    def disconnect(reason=None):
        members.pop(request.sid, None)
        rooms.pop(request.sid, None)

    @socketio.on("join", namespace=NS)
    def join(data):
        slug = data.get("conference")
        join_room(slug)
        rooms[request.sid] = slug
        return {"ok": True}

    @socketio.on("post_argument", namespace=NS)
    def post_argument(data):
        room = rooms.get(request.sid)
        if room is None:
            return {"ok": False, "error": {"code": "forbidden"}}
        with lock:
            counter["next"] += 1
            argument = {"id": counter["next"], "text": data.get("text"), "stance": data.get("stance"),
                        "kind": "argument", "author": {"id": members.get(request.sid)}}
            arguments[argument["id"]] = argument
        emit("argument_posted", {"argument": argument}, to=room)
        return {"ok": True, "argument": argument}

    @socketio.on("cast_vote", namespace=NS)
    def cast_vote(data):
        room = rooms.get(request.sid)
        argument_id, value = data.get("argument_id"), data.get("value")
        if room is None or argument_id not in arguments or value not in NAMES:
            return {"ok": False, "error": {"code": "invalid"}}
        with lock:
            by_member = votes.setdefault(argument_id, {})
            by_member[members[request.sid]] = value
            tally = {"agree": 0, "disagree": 0, "pass": 0}
            for v in by_member.values():
                tally[NAMES[v]] += 1
        emit("tally_changed", {"argument_id": argument_id, **tally}, to=room)
        return {"ok": True, "tally": tally}

    @app.get("/")
    def index():
        return "ok"

    @app.get("/votes")
    def all_votes():
        with lock:
            out: dict[str, dict[int, int]] = {}
            for argument_id, by_member in votes.items():
                for token, value in by_member.items():
                    out.setdefault(token, {})[argument_id] = value
        return jsonify(out)

    return app, socketio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--server", choices=("gevent", "threading"), default="gevent")
    parser.add_argument("--message-queue", default=None)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(65536, hard)), hard))
    app, socketio = create(args.message_queue, args.server)
    print(f"bare Flask-SocketIO ({args.server}) on http://{args.host}:{args.port}/", flush=True)
    if args.server == "threading":
        socketio.run(app, host=args.host, port=args.port, debug=False, use_reloader=False, log_output=False,
                     allow_unsafe_werkzeug=True)
    else:
        socketio.run(app, host=args.host, port=args.port, debug=False, use_reloader=False, log_output=False)


if __name__ == "__main__":
    main()
