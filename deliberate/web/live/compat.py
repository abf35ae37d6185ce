"""Where deliberate relies on python-socketio (5.x) and python-engineio (4.x) beyond their documented API, in one
place. tests/web/test_socketio_compat.py pins each thing used here, so that an upgrade that changes one fails a test
instead of silently reopening a hole; pyproject.toml allows only these major versions.

Used here: Server._handle_connect / _handle_disconnect (wrapped), Server.namespace_handlers, the manager's
sid <-> eio_sid maps, engineio's Server.sockets and its "connect" handler.
"""


def live_namespace(socketio, name: str):
    """The namespace handler object registered for `name` (python-socketio keeps them by name)."""
    return socketio.server.namespace_handlers.get(name) if socketio.server else None


def close_connections_without_namespace(server, timeout: float) -> None:
    """Unauthenticated connections cost nothing lasting. python-socketio (5.x) keeps an Engine.IO connection open
    after its namespace connect was refused or after it left its namespace (or the server ended it), and holds one
    that never asks for a namespace for as long as it answers pings: each held a greenlet, a socket and a few kB.
    The server closes them: at once after a refusal (the `connect_error` goes out first: it is queued before the
    close) or a namespace disconnect, and `timeout` seconds after the handshake when no namespace was connected
    by then."""
    eio, manager = server.eio, server.manager

    def in_a_namespace(eio_sid) -> bool:
        return any(manager.is_connected(manager.sid_from_eio_sid(eio_sid, namespace), namespace)
                   for namespace in list(manager.get_namespaces()))

    def close_if_alone(eio_sid) -> None:
        if in_a_namespace(eio_sid):
            return
        engine_socket = eio.sockets.pop(eio_sid, None)
        if engine_socket is not None and not engine_socket.closed:
            # wait=False: never block on a polling client that stopped polling.
            engine_socket.close(wait=False, reason=eio.reason.SERVER_DISCONNECT)

    def close_if_idle(eio_sid) -> None:
        server.sleep(timeout)
        close_if_alone(eio_sid)

    handle_connect, handle_disconnect, disconnect, on_engine_connect = (
        server._handle_connect, server._handle_disconnect, server.disconnect, eio.handlers["connect"])

    def after_namespace_connect(eio_sid, namespace, data):
        handle_connect(eio_sid, namespace, data)
        close_if_alone(eio_sid)  # refused: nothing else to do on this connection

    def after_namespace_disconnect(eio_sid, namespace, reason=None):
        handle_disconnect(eio_sid, namespace, reason)
        close_if_alone(eio_sid)

    def disconnect_then_close(sid, namespace=None, ignore_queue=False):
        # The server ends a member's socket (a revoked membership): the connection goes with it.
        eio_sid = manager.eio_sid_from_sid(sid, namespace or "/")
        disconnect(sid, namespace, ignore_queue)
        if eio_sid is not None:
            close_if_alone(eio_sid)

    def engine_connect(eio_sid, environ):
        accepted = on_engine_connect(eio_sid, environ)
        if accepted is not False:
            server.start_background_task(close_if_idle, eio_sid)
        return accepted

    server._handle_connect = after_namespace_connect
    server._handle_disconnect = after_namespace_disconnect
    server.disconnect = disconnect_then_close
    eio.on("connect", engine_connect)
