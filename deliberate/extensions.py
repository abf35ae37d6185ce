"""Extension objects, created unbound and attached to an app in create_app."""
from flask_babel import Babel
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from deliberate.models.base import Base

db = SQLAlchemy(model_class=Base)
socketio = SocketIO()
babel = Babel()
csrf = CSRFProtect()


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    # WAL lets readers proceed while one writer commits; busy_timeout waits instead of failing.
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
        except dbapi_connection.OperationalError:  # a read-only connection (a backup being checked) keeps its mode
            pass
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


# Writes a session has flushed but not committed (autoflush empties session.new before every query): a use-case
# that must not commit a caller's half-done work (votes.cast_vote_as) asks holds_unsaved_writes first.
@event.listens_for(Session, "after_flush")
def _remember_flushed_writes(session, _flush_context):
    session.info["flushed_writes"] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_flushed_writes(session, transaction):
    if transaction.parent is None:  # the outermost transaction ended: committed or rolled back
        session.info.pop("flushed_writes", None)


def holds_unsaved_writes(session) -> bool:
    return bool(session.new or session.deleted or session.info.get("flushed_writes")
                or any(session.is_modified(obj) for obj in session.dirty))
