"""Shared plumbing of the live-server benchmarks (fanout.py, votes.py, multiprocess.py, memory.py).

Everything runs on 127.0.0.1, on free ports, in temporary folders. A `Session` owns every process it starts
(servers, client workers, redis-server, PostgreSQL) and stops each by its PID: on normal exit, on an exception,
on Ctrl+C or SIGTERM, and at the hard deadline (a watchdog interrupts the main thread, then kills what is left
after a grace period and exits). Children also get PR_SET_PDEATHSIG, so a killed benchmark does not leave
servers behind (PostgreSQL, which daemonises, is stopped by the session or by its postmaster PID).

Client sockets live in worker processes (benchmarks/live_clients.py, python-socketio's AsyncClient on asyncio);
`ClientPool` starts them, sends them commands on stdin and reads their JSON lines from stdout.
"""
from __future__ import annotations

import ctypes
import datetime as _dt
import json
import math
import os
import platform
import queue
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "benchmarks"
RESULTS = BENCH / "results"
DATA = REPO.parent / "shared" / "data"
HOST = "127.0.0.1"
NS = "/live"
VENV_BIN = Path(sys.executable).parent
PYTHON = sys.executable
DELIBERATE = str(VENV_BIN / "deliberate")
NOFILE = 65536
SERVER_MODES = ("gevent", "threading")
# The bare anchor's settings, printed next to its figures.
BARE_SETTINGS = ("benchmarks/bare_server.py: Flask-SocketIO, async_mode={mode}, socketio.run, log_output=False, "
                 "in-memory state under one lock, emit to the room from the handler{extra}")


# ---------------------------------------------------------------- small helpers

def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def raise_nofile(want: int = NOFILE) -> int:
    """Raise this process's open-files limit (1,000 clients = 1,000+ sockets); returns the soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= want:
        return soft
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, max(want, hard)))
    except (ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


_libc = ctypes.CDLL(None, use_errno=True)
PR_SET_PDEATHSIG = 1


def _child_setup() -> None:  # runs in the child between fork and exec
    raise_nofile()
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def percentile(values, p: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default)."""
    data = sorted(values)
    if not data:
        return None
    k = (len(data) - 1) * p / 100
    lo, hi = math.floor(k), math.ceil(k)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


def slope(xs, ys) -> float | None:
    """Least-squares slope of ys over xs."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else None


def proc_status(pid: int, children: bool = True) -> dict:
    """VmRSS (kB) and thread count of a process, from /proc/PID/status; with `children`, also the summed RSS
    and count of its descendants (an analysis worker started by the server)."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key == "VmRSS":
                out["rss_kb"] = int(value.split()[0])
            elif key == "Threads":
                out["threads"] = int(value)
    except OSError:
        pass
    if children and out:
        kids = [proc_status(p, children=False) for p in descendants(pid)]
        out["children"] = len(kids)
        out["children_rss_kb"] = sum(k.get("rss_kb", 0) for k in kids)
    return out


class StatusSampler:
    """Samples a process's VmRSS and thread count every `every` s between two monotonic times."""

    def __init__(self, pid: int, start: float, until: float, every: float = 0.5):
        self.pid, self.start, self.until, self.every = pid, start, until, every
        self.samples: list[dict] = []
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"sample-{pid}")
        self._thread.start()

    def _run(self) -> None:
        time.sleep(max(0.0, self.start - time.monotonic()))
        while time.monotonic() < self.until:
            status = proc_status(self.pid)
            if status:
                self.samples.append(status)
            time.sleep(self.every)

    def result(self) -> dict:
        self._thread.join(timeout=self.every * 2 + 1)
        return {"rss_kb_max": max((s.get("rss_kb", 0) for s in self.samples), default=None),
                "threads_max": max((s.get("threads", 0) for s in self.samples), default=None)}


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def _stat_sample() -> tuple[int, int]:
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields), fields[3] + (fields[4] if len(fields) > 4 else 0)


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (children, grandchildren...), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            out.append(child)
            stack.append(child)
    return out


def tree_cpu(pid: int) -> dict[int, float]:
    """CPU seconds of a process and of each of its descendants."""
    return {p: cpu_seconds(p) or 0.0 for p in [pid, *descendants(pid)]}


class CpuWindow:
    """CPU use over a window: the whole machine's busy share (/proc/stat) and chosen processes' CPU seconds
    (each with its descendants: an analysis worker started by the server counts as the server's), as % of one
    core; `others` = machine minus the listed processes (other users of the shared machine)."""

    def __init__(self, pids: dict[str, list[int]]):
        self.pids = pids
        self.t0, self.stat0 = time.monotonic(), _stat_sample()
        self.cpu0 = {k: [tree_cpu(p) for p in v] for k, v in pids.items()}

    def stop(self) -> dict:
        t1, (total1, idle1) = time.monotonic(), _stat_sample()
        total0, idle0 = self.stat0
        wall = max(1e-6, t1 - self.t0)
        busy_cores = (os.cpu_count() or 1) * (1 - (idle1 - idle0) / max(1, total1 - total0))
        out = {"machine_busy_pct": round(100 * busy_cores / (os.cpu_count() or 1), 1)}
        ours = 0.0
        for key, pids in self.pids.items():
            used = 0.0
            for pid, before in zip(pids, self.cpu0[key]):
                for p, seconds in tree_cpu(pid).items():
                    used += max(0.0, seconds - before.get(p, 0.0))
            used /= wall
            out[f"{key}_cpu_pct"] = round(100 * used, 1)
            ours += used
        out["others_cpu_pct"] = round(max(0.0, 100 * (busy_cores - ours)), 1)
        return out


def cpu_busy(seconds: float = 1.0) -> float:
    """Share of the machine's CPU time spent busy over `seconds` (all processes, from /proc/stat)."""
    total0, idle0 = _stat_sample()
    time.sleep(seconds)
    total1, idle1 = _stat_sample()
    return round(100 * (1 - (idle1 - idle0) / max(1, total1 - total0)), 1)


def others_busy(limit: int = 3) -> list[str]:
    """The processes (not ours) using the most CPU right now, as `ps` shows them: the machine is shared."""
    mine = {os.getpid()}
    try:
        out = subprocess.run(["ps", "-eo", "pid,ppid,pcpu,args", "--sort=-pcpu", "--no-headers"],
                             capture_output=True, text=True, timeout=5).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in out:
        parts = line.split(None, 3)
        if len(parts) < 4 or int(parts[0]) in mine or int(parts[1]) in mine or float(parts[2]) < 5:
            continue
        found.append(f"{parts[2]}% {parts[3][:90]}")
        if len(found) >= limit:
            break
    return found


def fmt(value, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(headers: list[str], rows: list[list], digits: int = 1) -> str:
    cells = [[fmt(v, digits) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(headers, widths)))]
    for row in cells:
        lines.append("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))))
    return "\n".join(lines)


def versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version
    out = {}
    for name in ("flask", "flask-socketio", "python-socketio", "python-engineio", "werkzeug", "gevent",
                 "simple-websocket", "sqlalchemy", "aiohttp", "redis", "psycopg"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def machine() -> dict:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(), "versions": versions()}


def write_json(path: Path, payload: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=1, ensure_ascii=False))
    tmp.replace(path)
    return path


def now_iso() -> str:
    return _dt.datetime.now().astimezone().isoformat(timespec="seconds")


def argkp_texts(limit: int) -> list[str]:
    """Real argument texts (ArgKP-2021, CDLA-Sharing-1.0) when ../shared/data is there, else numbered ones."""
    import csv
    path = DATA / "argkp2021" / "kpm_data" / "arguments_train.csv"
    texts: list[str] = []
    if path.is_file():
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                texts.append(row["argument"].strip()[:1000])
                if len(texts) >= limit:
                    break
    while len(texts) < limit:
        texts.append(f"Synthetic argument number {len(texts)} about the question at hand.")
    return texts


# ---------------------------------------------------------------- processes and the session

class Proc:
    def __init__(self, name: str, popen: subprocess.Popen, log: Path | None):
        self.name, self.popen, self.log = name, popen, log
        self.mode: str | None = None

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def log_tail(self, lines: int = 30) -> str:
        if not self.log or not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


class DeadlineExceeded(RuntimeError):
    pass


class Session:
    """Owns the processes, temporary folders and clean-ups of one benchmark run, with a hard deadline."""

    def __init__(self, name: str, deadline_s: float, keep: bool = False, grace_s: float = 25.0):
        self.name, self.deadline_s, self.keep, self.grace_s = name, deadline_s, keep, grace_s
        self.started = time.monotonic()
        self.deadline = self.started + deadline_s
        self.procs: list[Proc] = []
        self.cleanups: list = []   # callables, run in reverse order
        self.tmpdirs: list[Path] = []
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self.deadline_hit = False
        self.main_ident = threading.get_ident()
        self.server_errors: dict[str, list[str]] = {}

    # -- lifecycle
    def __enter__(self):
        raise_nofile()
        signal.signal(signal.SIGTERM, self._on_sigterm)
        threading.Thread(target=self._watchdog, name="deadline", daemon=True).start()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()
        return False

    def _on_sigterm(self, signum, frame):
        raise KeyboardInterrupt("SIGTERM")

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def check(self, margin: float = 0.0) -> None:
        if self.remaining() < margin:
            raise DeadlineExceeded(f"{self.name}: less than {margin:.0f} s left before the hard deadline")

    def restart_clock(self) -> None:
        """The deadline counts from now (after waiting for a quiet machine)."""
        self.started = time.monotonic()
        self.deadline = self.started + self.deadline_s

    def _watchdog(self) -> None:
        while time.monotonic() < self.deadline:
            if self._closed.wait(min(1.0, max(0.0, self.deadline - time.monotonic()))):
                return
        self.deadline_hit = True
        print(f"\n!! {self.name}: hard deadline of {self.deadline_s:.0f} s reached: stopping everything",
              file=sys.stderr, flush=True)
        try:
            signal.pthread_kill(self.main_ident, signal.SIGINT)
        except (ProcessLookupError, OSError):
            pass
        if self._closed.wait(self.grace_s):
            return
        print(f"!! {self.name}: clean-up did not finish in {self.grace_s:.0f} s: killing by PID and exiting",
              file=sys.stderr, flush=True)
        for proc in list(self.procs):
            try:
                os.kill(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for cleanup in reversed(self.cleanups):
            try:
                cleanup(hard=True)
            except Exception:
                pass
        os._exit(124)

    def close(self) -> None:
        if self._closed.is_set():
            return
        for proc in reversed(list(self.procs)):
            self.stop(proc)
        for cleanup in reversed(self.cleanups):
            try:
                cleanup(hard=False)
            except Exception as exc:  # keep cleaning
                print(f"clean-up failed: {exc!r}", file=sys.stderr)
        if not self.keep:
            for path in self.tmpdirs:
                shutil.rmtree(path, ignore_errors=True)
        else:
            print("kept: " + " ".join(map(str, self.tmpdirs)))
        self._closed.set()

    # -- resources
    def tmpdir(self, prefix: str) -> Path:
        path = Path(tempfile.mkdtemp(prefix=f"deliberate-{prefix}-"))
        self.tmpdirs.append(path)
        return path

    def spawn(self, name: str, args: list[str], env: dict | None = None, log: Path | None = None,
              stdin=None, stdout=None, cwd: Path | None = None, text: bool = False) -> Proc:
        out = open(log, "ab") if log else subprocess.DEVNULL
        popen = subprocess.Popen(args, env=env, stdin=stdin, stdout=stdout if stdout is not None else out,
                                 stderr=out, cwd=cwd, preexec_fn=_child_setup, start_new_session=True,
                                 text=text, bufsize=1 if text else -1)
        if log:
            out.close()
        proc = Proc(name, popen, log)
        with self._lock:
            self.procs.append(proc)
        return proc

    def stop(self, proc: Proc, timeout: float = 5.0) -> int | None:
        """SIGTERM by PID, then SIGKILL after `timeout` s; bounded to about 2 x timeout."""
        kids = descendants(proc.pid) if proc.alive() else []  # e.g. the server's analysis worker
        if proc.alive():
            try:
                proc.popen.send_signal(signal.SIGTERM)
                proc.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.popen.kill()
                try:
                    proc.popen.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    print(f"!! {proc.name} (pid {proc.pid}) did not die", file=sys.stderr)
        for kid in kids:  # started by a process we started: stopped by PID if its parent left it behind
            for sig, pause in ((signal.SIGTERM, 2.0), (signal.SIGKILL, 0.0)):
                try:
                    os.kill(kid, sig)
                except ProcessLookupError:
                    break
                end = time.monotonic() + pause
                while time.monotonic() < end and Path(f"/proc/{kid}").exists():
                    time.sleep(0.05)
        for stream in (proc.popen.stdin, proc.popen.stdout):
            if stream:
                try:
                    stream.close()
                except OSError:
                    pass
        with self._lock:
            if proc in self.procs:
                self.procs.remove(proc)
        if proc.log and proc.name.startswith(("deliberate", "bare")):
            self.server_errors[proc.name] = scan_errors(proc.log)
        return proc.popen.returncode

    def on_close(self, cleanup) -> None:
        """cleanup(hard: bool) runs at the end (hard: from the watchdog, after the grace period)."""
        self.cleanups.append(cleanup)


def scan_errors(log: Path, limit: int = 12) -> list[str]:
    """Lines of a server log that look like errors (tracebacks, exceptions, ERROR/WARNING)."""
    if not log.exists():
        return []
    found = []
    for line in log.read_text(errors="replace").splitlines():
        low = line.lower()
        if "this is a development server" in low:  # Werkzeug's banner under allow_unsafe_werkzeug
            continue
        if ("traceback" in low or "error" in low or "exception" in low or "warning" in low) and line not in found:
            found.append(line.strip()[:300])
            if len(found) >= limit:
                break
    return found


def wait_http(proc: Proc, url: str, timeout: float = 60.0) -> float:
    """Wait until `url` answers (any HTTP status); returns the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if not proc.alive():
            raise RuntimeError(f"{proc.name} exited with {proc.popen.returncode}:\n{proc.log_tail()}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return time.monotonic() - started
        except urllib.error.HTTPError:
            return time.monotonic() - started
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{proc.name} did not answer {url} within {timeout:.0f} s:\n{proc.log_tail()}")


# ---------------------------------------------------------------- servers

def deliberate_env(instance: Path, server: str, **settings) -> dict:
    """The environment of `deliberate` commands: development key in the instance folder, no inherited
    DELIBERATE_* setting, DELIBERATE_SERVER = the benchmark's --server; `settings` are DELIBERATE_<NAME>."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DELIBERATE_")}
    env.update({"DELIBERATE_ENV": "development", "DELIBERATE_INSTANCE_PATH": str(instance),
                "DELIBERATE_SERVER": server, "PYTHONUNBUFFERED": "1"})
    for name, value in settings.items():
        if value is not None:
            env[f"DELIBERATE_{name.upper()}"] = str(value)
    return env


def create_conference(env: dict, slug: str, timeout: float = 120) -> dict:
    """`deliberate conference create` (migrates the database first); returns the invite codes by role."""
    done = subprocess.run([DELIBERATE, "conference", "create", slug, "--title", f"Benchmark {slug}",
                           "--question", "Should the live server keep up?"], env=env, capture_output=True,
                          text=True, timeout=timeout, preexec_fn=_child_setup)
    if done.returncode != 0:
        raise RuntimeError(f"conference create failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])["invites"]


def start_deliberate(session: Session, env: dict, port: int, name: str = "deliberate",
                     log_dir: Path | None = None, timeout: float = 90) -> Proc:
    log = (log_dir or Path(env["DELIBERATE_INSTANCE_PATH"])) / f"{name}-{port}.log"
    proc = session.spawn(name, [DELIBERATE, "serve", "--host", HOST, "--port", str(port)], env=env, log=log)
    wait_http(proc, f"http://{HOST}:{port}/", timeout=timeout)
    proc.mode = served_mode(proc)
    if proc.mode and proc.mode != env.get("DELIBERATE_SERVER"):
        print(f"warning: {name} serves with {proc.mode}, not DELIBERATE_SERVER={env.get('DELIBERATE_SERVER')}",
              flush=True)
    return proc


def served_mode(proc: Proc) -> str | None:
    """The async mode `deliberate serve` says it runs ("Serving on ... with gevent"), if it says so."""
    import re
    found = re.search(r"Serving on \S+ with (\w+)", proc.log.read_text(errors="replace")) if proc.log else None
    return found.group(1) if found else None


def start_bare(session: Session, port: int, server: str, log_dir: Path, message_queue: str | None = None,
               name: str = "bare") -> Proc:
    args = [PYTHON, str(BENCH / "bare_server.py"), "--host", HOST, "--port", str(port), "--server", server]
    if message_queue:
        args += ["--message-queue", message_queue]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = session.spawn(name, args, env=env, log=log_dir / f"{name}-{port}.log")
    wait_http(proc, f"http://{HOST}:{port}/", timeout=30)
    return proc


def bare_settings(server: str, extra: str = "") -> str:
    return BARE_SETTINGS.format(mode=server, extra=extra)


def start_redis(session: Session, log_dir: Path) -> tuple[Proc, str]:
    port = free_port()
    proc = session.spawn("redis", ["redis-server", "--port", str(port), "--bind", HOST, "--save", "",
                                   "--appendonly", "no", "--dir", str(log_dir)], log=log_dir / "redis.log")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if not proc.alive():
            raise RuntimeError(f"redis-server exited:\n{proc.log_tail()}")
        try:
            with socket.create_connection((HOST, port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return proc, f"redis://{HOST}:{port}/0"
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("redis-server did not answer PING")


def _pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not found:
        raise RuntimeError("PostgreSQL binaries not found under /usr/lib/postgresql/*/bin")
    return found[-1].parent


def start_postgres(session: Session) -> str:
    """A throwaway cluster as the `postgres` user in a temporary folder, trust auth, listening on 127.0.0.1 on a
    free port; stopped (pg_ctl stop -m fast, else SIGKILL to the postmaster PID) when the session closes."""
    bindir = _pg_bin()
    root = session.tmpdir("pg")
    data = root / "data"
    shutil.chown(root, "postgres", "postgres")
    os.chmod(root, 0o700)
    port = free_port()
    run = ["runuser", "-u", "postgres", "--"]
    subprocess.run(run + [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                          "-E", "UTF8", "--no-sync"], check=True, capture_output=True, timeout=120)
    options = (f"-c listen_addresses={HOST} -p {port} -k {root} -c fsync=on -c max_connections=200 "
               f"-c shared_buffers=256MB")
    state = {"stopped": False}

    def stop(hard: bool = False) -> None:
        if state["stopped"]:
            return
        if not hard:
            done = subprocess.run(run + [str(bindir / "pg_ctl"), "-D", str(data), "stop", "-m", "fast", "-t", "15"],
                                  capture_output=True, timeout=30)
            if done.returncode == 0:
                state["stopped"] = True
                return
        pidfile = data / "postmaster.pid"
        if pidfile.exists():
            try:
                os.kill(int(pidfile.read_text().split()[0]), signal.SIGKILL)
            except (ProcessLookupError, ValueError):
                pass
        state["stopped"] = True

    session.on_close(stop)
    subprocess.run(run + [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "postgres.log"), "-o", options,
                          "-w", "-t", "60", "start"], check=True, capture_output=True, timeout=90)
    return f"postgresql+psycopg://postgres@{HOST}:{port}/postgres"


def join_members(base: str, slug: str, code: str, count: int, prefix: str, workers: int = 8) -> list[dict]:
    """POST /api/conferences/<slug>/join `count` times; returns [{"token", "member_id"}]."""
    def one(i: int) -> dict:
        body = json.dumps({"invite_code": code, "display_name": f"{prefix} {i}"}).encode()
        request = urllib.request.Request(f"{base}/api/conferences/{slug}/join", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        for attempt in range(5):
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    data = json.load(response)
                return {"token": data["token"], "member_id": data["member"]["id"]}
            except (urllib.error.URLError, ConnectionError):
                if attempt == 4:
                    raise
                time.sleep(0.5)
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(one, range(count)))


def bare_members(count: int, prefix: str, start: int = 1) -> list[dict]:
    """The bare server takes any token as the member's identity."""
    return [{"token": f"{prefix}-{i}", "member_id": i} for i in range(start, start + count)]


# ---------------------------------------------------------------- the in-process poster / facilitator

class Poster:
    """A synchronous Socket.IO client (python-socketio Client, websocket transport) in the benchmark process:
    posts arguments and records when each was sent; optionally records analysis events (facilitators)."""

    def __init__(self, base: str, token: str, slug: str, listen_analysis: bool = False):
        import socketio
        self.sio = socketio.Client(reconnection=False)
        self.analysis: list[tuple[float, dict]] = []
        self.argument_events: list[tuple[float, int]] = []
        self.sio.on("argument_posted", self._on_posted, namespace=NS)
        if listen_analysis:
            self.sio.on("analysis_updated", self._on_analysis, namespace=NS)
        self.sio.connect(base, namespaces=[NS], auth={"token": token}, transports=["websocket"], wait_timeout=20)
        ack = self.sio.call("join", {"conference": slug}, namespace=NS, timeout=60)
        if not ack.get("ok"):
            raise RuntimeError(f"join refused: {ack}")
        self.snapshot = ack.get("snapshot")

    def _on_posted(self, payload):
        self.argument_events.append((time.monotonic(), payload["argument"]["id"]))

    def _on_analysis(self, payload):
        self.analysis.append((time.monotonic(), {"run_id": payload.get("run_id"), "timings": payload.get("timings"),
                                                 "arguments": len(payload.get("map") or [])}))

    def post(self, text: str, stance: str | None = "for", timeout: float = 30) -> tuple[float, float, dict]:
        sent = time.monotonic()
        ack = self.sio.call("post_argument", {"text": text, "stance": stance}, namespace=NS, timeout=timeout)
        acked = time.monotonic()
        if not ack.get("ok"):
            raise RuntimeError(f"post refused: {ack}")
        return sent, acked, ack["argument"]

    def vote(self, argument_id: int, value: int, timeout: float = 30) -> dict:
        return self.sio.call("cast_vote", {"argument_id": argument_id, "value": value}, namespace=NS, timeout=timeout)

    def wait_analysis(self, after: float, arguments: int | None = None, timeout: float = 60) -> dict | None:
        """The first analysis_updated received after `after` (covering at least `arguments`), or None."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for at, info in list(self.analysis):
                if at >= after and (arguments is None or info["arguments"] >= arguments):
                    return info
            time.sleep(0.05)
        return None

    def close(self) -> None:
        try:
            self.sio.disconnect()
        except Exception:
            pass


# ---------------------------------------------------------------- client worker processes

class Worker:
    def __init__(self, proc: Proc):
        self.proc = proc
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True, name=f"read-{proc.name}").start()

    def _read(self) -> None:
        for line in self.proc.popen.stdout:
            line = line.strip()
            if line.startswith("{"):
                try:
                    self.lines.put(json.loads(line))
                except json.JSONDecodeError:
                    pass
        self.lines.put(None)  # EOF

    def send(self, message: dict) -> None:
        self.proc.popen.stdin.write(json.dumps(message) + "\n")
        self.proc.popen.stdin.flush()

    def expect(self, event: str, timeout: float) -> dict:
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self.proc.name}: no '{event}' within {timeout:.0f} s:\n{self.proc.log_tail()}")
            try:
                message = self.lines.get(timeout=min(left, 1.0))
            except queue.Empty:
                continue
            if message is None:
                raise RuntimeError(f"{self.proc.name} exited ({self.proc.popen.poll()}):\n{self.proc.log_tail()}")
            if message.get("event") == event:
                return message


class ClientPool:
    """Socket.IO clients spread over worker processes (`per_process` clients each, asyncio AsyncClient)."""

    def __init__(self, session: Session, log_dir: Path, per_process: int = 250, prefix: str = "clients"):
        self.session, self.log_dir, self.per_process, self.prefix = session, log_dir, per_process, prefix
        self.workers: list[Worker] = []
        self._count = 0
        self.clients = 0  # clients handed to `add` so far

    def grow(self, members: list[dict], size: int, slug: str, label: str) -> dict:
        """Connect `members` up to `size` clients in all (those already connected stay), print how it went."""
        ready = self.add(members[self.clients:size], slug)
        print(f"[{label}] {size} clients: +{ready['connected']} connected in {ready['seconds']} s"
              + (f", {ready['failed']} failed ({ready['errors'][:1]})" if ready["failed"] else ""), flush=True)
        return ready

    def add(self, clients: list[dict], slug: str, connect_timeout: float = 180, concurrency: int = 25) -> dict:
        """Start workers for `clients` ([{"url", "token", "member_id"}]), connect and join them all; returns
        {"connected", "failed", "errors", "seconds"}."""
        self.clients += len(clients)
        started = time.monotonic()
        new = []
        nproc = max(1, math.ceil(len(clients) / self.per_process))
        for i in range(nproc):
            part = clients[i::nproc]
            self._count += 1
            name = f"{self.prefix}{self._count}"
            spec = self.log_dir / f"{name}.json"
            spec.write_text(json.dumps({"clients": part, "slug": slug, "ns": NS, "concurrency": concurrency,
                                        "lifetime": max(30.0, self.session.remaining() + 10)}))
            proc = self.session.spawn(name, [PYTHON, str(BENCH / "live_clients.py"), str(spec)],
                                      env={**os.environ, "PYTHONUNBUFFERED": "1"}, log=self.log_dir / f"{name}.log",
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            new.append(Worker(proc))
        summary = {"connected": 0, "failed": 0, "errors": []}
        for worker in new:
            ready = worker.expect("ready", timeout=min(connect_timeout, max(5.0, self.session.remaining())))
            summary["connected"] += ready["connected"]
            summary["failed"] += ready["failed"]
            summary["errors"] += ready["errors"][:3]
        self.workers += new
        summary["seconds"] = round(time.monotonic() - started, 2)
        return summary

    def pids(self) -> list[int]:
        return [w.proc.pid for w in self.workers]

    def broadcast(self, message: dict) -> None:
        for worker in self.workers:
            worker.send(message)

    def gather(self, event: str, timeout: float) -> list[dict]:
        return [worker.expect(event, timeout=timeout) for worker in self.workers]

    def received(self, timeout: float = 60) -> dict[int, dict[int, float]]:
        """member id -> {argument id: monotonic receipt time} of every `argument_posted` so far."""
        self.broadcast({"cmd": "report"})
        out: dict[int, dict[int, float]] = {}
        for message in self.gather("report", timeout):
            for member_id, events in message["received"].items():
                out[int(member_id)] = {int(a): t for a, t in events.items()}
        return out

    def vote(self, start: float, until: float, arguments: list[int], timeout: float = 10.0,
             rate: float | None = None) -> list[dict]:
        self.broadcast({"cmd": "vote", "start": start, "until": until, "arguments": arguments,
                        "timeout": timeout, "rate": rate})
        return self.gather("votes", timeout=max(30.0, until - time.monotonic() + timeout + 30))

    def close(self, timeout: float = 15) -> None:
        for worker in self.workers:
            try:
                worker.send({"cmd": "quit"})
            except (OSError, ValueError):
                pass
        end = time.monotonic() + timeout
        for worker in self.workers:
            try:
                worker.proc.popen.wait(timeout=max(0.1, end - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            self.session.stop(worker.proc, timeout=3)
        self.workers = []


def fanout_delays(received: dict[int, dict[int, float]], posts: dict[int, float], members: list[int]) -> dict:
    """Delays from each post's send time to each member's receipt; misses = (member, post) pairs never received."""
    delays, missing_pairs, missing_clients = [], 0, 0
    by_post: dict[int, list[float]] = {a: [] for a in posts}
    for member_id in members:
        got = received.get(member_id, {})
        missed = False
        for argument_id, sent in posts.items():
            at = got.get(argument_id)
            if at is None:
                missing_pairs += 1
                missed = True
            else:
                delays.append(at - sent)
                by_post[argument_id].append(at - sent)
        missing_clients += missed
    first = min(posts.values(), default=0.0)
    return {"receipts": len(delays), "expected": len(members) * len(posts), "misses": missing_pairs,
            "clients_missing": missing_clients, "p50_ms": ms(percentile(delays, 50)),
            "p99_ms": ms(percentile(delays, 99)), "max_ms": ms(max(delays) if delays else None),
            # per post: [sent, s after the first post; median delay ms; slowest delay ms]
            "per_post": [[round(posts[a] - first, 2), ms(percentile(d, 50)), ms(max(d) if d else None)]
                         for a, d in sorted(by_post.items(), key=lambda kv: posts[kv[0]])]}


def git_state() -> dict:
    """The commit measured, and the application files that differ from it (the work tree is shared)."""
    def git(*cmd):
        try:
            return subprocess.run(["git", *cmd], cwd=REPO, capture_output=True, text=True, timeout=10).stdout.rstrip()
        except (OSError, subprocess.SubprocessError):
            return ""
    return {"head": git("log", "-1", "--format=%h %s")[:100],
            "uncommitted_app_files": [line[3:] for line in git("status", "--short", "--", "deliberate").splitlines()]}


def wait_quiet(limit_s: float, busy_pct: float = 25.0) -> float | None:
    """Wait up to `limit_s` for the machine to be under `busy_pct` busy (1 s samples); returns the last sample."""
    busy = None
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        busy = cpu_busy(1.0)
        if busy < busy_pct:
            break
    return busy


def header(title: str, args, session: Session) -> dict:
    if getattr(args, "wait_quiet", 0):
        busy = wait_quiet(args.wait_quiet)
        print(f"waited for a quiet machine (up to {args.wait_quiet:.0f} s): {busy}% busy", flush=True)
        session.restart_clock()
    info = {"benchmark": title, "date": now_iso(), "server": args.server, "git": git_state(),
            "loadavg_start": loadavg(),
            "cpu_busy_before_pct": cpu_busy(1.0), "others_busy_before": others_busy(),
            "machine": machine(), "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}}
    print(f"{title}: {info['date']}, server mode {args.server}, {os.cpu_count()} cpus, "
          f"load average at start {' '.join(map(str, info['loadavg_start']))}, "
          f"machine {info['cpu_busy_before_pct']}% busy in the second before, "
          f"hard deadline {session.deadline_s:.0f} s", flush=True)
    for line in info["others_busy_before"]:
        print(f"  busy before start (not ours): {line}")
    print(f"  measuring {info['git']['head']}"
          + (f" + uncommitted {', '.join(info['git']['uncommitted_app_files'])}"
             if info["git"]["uncommitted_app_files"] else ""), flush=True)
    return info


def footer(info: dict, session: Session) -> None:
    info["loadavg_end"] = loadavg()
    info["wall_s"] = round(time.monotonic() - session.started, 1)
    info["server_log_errors"] = session.server_errors
    print(f"load average at end {' '.join(map(str, info['loadavg_end']))}; wall time {info['wall_s']} s")
    noisy = {k: v for k, v in session.server_errors.items() if v}
    for name, lines in noisy.items():
        print(f"server log {name}: {len(lines)} error-like line(s), first: {lines[0]}")


def default_analysis_mode() -> str:
    """The application's own default DELIBERATE_ANALYSIS (deliberate.config imports only the standard library)."""
    sys.path.insert(0, str(REPO))
    from deliberate import config
    return config.DEFAULTS.get("DELIBERATE_ANALYSIS", "thread")


def result_path(name: str, args) -> Path:
    """benchmarks/results/<name>_<server>.json, with _analysis-<mode> when the analysis mode is not the default."""
    if getattr(args, "out", None):
        return Path(args.out)
    mode = getattr(args, "analysis_mode", None)
    suffix = f"_analysis-{mode}" if mode and mode != default_analysis_mode() else ""
    return RESULTS / f"{name}_{args.server}{suffix}.json"


def common_args(parser) -> None:
    parser.add_argument("--server", choices=SERVER_MODES, default="gevent",
                        help="async mode of both servers: passed to `deliberate serve` as DELIBERATE_SERVER, and "
                             "bare_server.py runs in the same mode (default gevent)")
    parser.add_argument("--deadline", type=float, default=300,
                        help="hard deadline in seconds for the whole run (default 300)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders (server logs)")
    parser.add_argument("--analysis-mode", default=default_analysis_mode(),
                        help="DELIBERATE_ANALYSIS when the analysis is on (default: the application's default, "
                             f"{default_analysis_mode()}; thread runs it in the web process)")
    parser.add_argument("--wait-quiet", type=float, default=0,
                        help="wait up to this many seconds for the machine to be under 25%% busy before starting")
    parser.add_argument("--profile", action="store_true",
                        help="py-spy record the server during the measurement (raw stacks in the temp folder)")


def profile(session: Session, pid: int, seconds: float, out: Path) -> Proc | None:
    spy = VENV_BIN / "py-spy"
    if not spy.exists():
        return None
    return session.spawn(f"py-spy-{pid}", [str(spy), "record", "--pid", str(pid), "--duration", str(int(seconds)),
                                            "--rate", "50", "--format", "raw", "--threads", "--nonblocking",
                                            "--output", str(out)], log=out.with_suffix(".log"))


def top_frames(raw: Path, n: int = 15, own: bool = False) -> list[tuple[str, float]]:
    """From py-spy's raw (collapsed) output: the frames present in the most samples (inclusive share), or with
    `own` the innermost frames (where the time is spent)."""
    if not raw.exists():
        return []
    total, counts = 0, {}
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        try:
            c = int(count)
        except ValueError:
            continue
        total += c
        frames = stack.split(";")
        for frame in ([frames[-1]] if own else set(frames)):
            counts[frame] = counts.get(frame, 0) + c
    if not total:
        return []
    return [(f, round(100 * c / total, 1)) for f, c in sorted(counts.items(), key=lambda kv: -kv[1])[:n]]


def threads_hint(server: str, threads: int | None, clients: int) -> str | None:
    """A gevent server has a handful of threads whatever its clients; many threads means it runs threading."""
    if server == "gevent" and threads is not None and clients >= 100 and threads > clients / 2:
        return (f"warning: {threads} server threads for {clients} clients: the server does not seem to run on "
                f"gevent (does `deliberate serve` honour DELIBERATE_SERVER=gevent yet?)")
    return None
