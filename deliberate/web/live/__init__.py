"""The Socket.IO namespace /live: connections, the command dispatcher, the guard before it, per-connection sessions."""
