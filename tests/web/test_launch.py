"""The `deliberate` launcher: serving commands run on gevent unless DELIBERATE_SERVER says otherwise, and a bad
setting is refused before anything starts."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from deliberate.launch import SERVING_COMMANDS, _command

DELIBERATE = str(Path(sys.executable).parent / "deliberate")


@pytest.mark.parametrize("argv,command", [(["serve", "--port", "5000"], "serve"), (["--help"], None),
                                          (["demo"], "demo"), (["db", "upgrade"], "db")])
def test_the_command_is_the_first_word(argv, command):
    assert _command(argv) == command
    assert (command in SERVING_COMMANDS) == (command in ("serve", "demo"))


def test_a_bad_server_mode_is_refused_before_serving(tmp_path):
    env = {**os.environ, "DELIBERATE_SERVER": "tornado", "DELIBERATE_ENV": "development",
           "DELIBERATE_INSTANCE_PATH": str(tmp_path)}
    run = subprocess.run([DELIBERATE, "serve", "--port", "1"], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    assert "DELIBERATE_SERVER must be one of gevent, threading, got 'tornado'" in run.stderr
    assert not (tmp_path / "deliberate.sqlite3").exists()  # refused before the database was touched


def test_other_commands_do_not_patch_the_standard_library(tmp_path):
    code = ("import sys; sys.argv = ['deliberate', 'db', 'upgrade']\n"
            "from deliberate import launch\n"
            "try:\n    launch.main()\nexcept SystemExit:\n    pass\n"
            "from gevent import monkey; print(monkey.is_module_patched('socket'))")
    env = {**os.environ, "DELIBERATE_ENV": "development", "DELIBERATE_INSTANCE_PATH": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "False"
