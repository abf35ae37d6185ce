"""Pins what deliberate/web/live/compat.py relies on in python-socketio 5.x and python-engineio 4.x beyond their
documented API. Each test names the behaviour it pins: when an upgrade changes it, this fails first (the behaviour
itself is tested end to end in tests/e2e/test_flood.py and tests/e2e/test_scale_out.py)."""
import inspect

import socketio

from deliberate.extensions import socketio as flask_socketio
from deliberate.services.publisher import NAMESPACE
from deliberate.web.live import compat, guard
from deliberate.web.live.namespace import LiveNamespace


def parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_the_server_s_connect_and_disconnect_handlers_keep_their_signatures():
    """compat wraps them to close a connection left without a namespace after a refusal or a disconnect."""
    assert parameters(socketio.Server._handle_connect)[1:] == ["eio_sid", "namespace", "data"]
    assert parameters(socketio.Server._handle_disconnect)[1:4] == ["eio_sid", "namespace", "reason"]
    assert parameters(socketio.Server.disconnect)[1:4] == ["sid", "namespace", "ignore_queue"]


def test_the_server_instance_holds_what_compat_wraps(app):
    server = flask_socketio.server
    assert server._handle_connect.__name__ == "after_namespace_connect"  # compat's wrapper is in place
    assert server._handle_disconnect.__name__ == "after_namespace_disconnect"
    eio = server.eio
    assert isinstance(eio.sockets, dict) and callable(eio.handlers["connect"])
    assert eio.reason.SERVER_DISCONNECT
    manager = server.manager
    for name in ("sid_from_eio_sid", "eio_sid_from_sid", "get_namespaces", "is_connected", "get_participants"):
        assert callable(getattr(manager, name)), name


def test_engine_sockets_close_without_waiting():
    """compat closes an idle or refused Engine.IO socket with close(wait=False, reason=...)."""
    from engineio.socket import Socket

    assert {"wait", "abort", "reason"} <= set(parameters(Socket.close))
    assert "closed" in inspect.getsource(Socket.__init__)


def test_namespace_handlers_are_kept_by_name(app):
    assert isinstance(compat.live_namespace(flask_socketio, NAMESPACE), LiveNamespace)


def test_the_serializer_option_takes_a_packet_class(app):
    """The public `serializer` option: the server decodes with guard.SAFE_PACKET."""
    assert flask_socketio.server.packet_class is guard.SAFE_PACKET
    assert issubclass(guard.SAFE_PACKET, socketio.packet.Packet)


def test_the_versions_are_the_ones_pinned():
    from importlib.metadata import version

    assert version("python-socketio").split(".")[0] == "5"
    assert version("python-engineio").split(".")[0] == "4"
