"""Fixtures shared by the web tests: Socket.IO test clients of the /live namespace."""
import pytest

from deliberate.extensions import socketio

NS = "/live"


@pytest.fixture
def connect(app):
    """connect(token) / connect(auth={...}) / connect(flask_client=c): a /live test client, closed afterwards.
    Without a token or auth, the socket authenticates with the Flask client's cookie."""
    clients = []

    def _connect(token=None, auth=None, flask_client=None, headers=None):
        if auth is None and token is not None:
            auth = {"token": token}
        c = socketio.test_client(app, namespace=NS, auth=auth, flask_test_client=flask_client, headers=headers)
        clients.append(c)
        return c
    yield _connect
    for c in clients:
        if c.is_connected(NS):
            c.disconnect(NS)
