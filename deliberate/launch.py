"""The `deliberate` console script. Serving commands run on gevent: one event loop holds thousands of
WebSockets in one OS thread (docs/scaling.md has the measurements that chose it). gevent must patch the standard
library before anything else imports it, so this module imports nothing of the application until it has decided.
"""
from __future__ import annotations

import sys

from deliberate.config import ConfigError, server_mode  # config imports only os, secrets and pathlib

SERVING_COMMANDS = {"serve", "demo"}


def _command(argv: list[str]) -> str | None:
    return next((arg for arg in argv if not arg.startswith("-")), None)


def main() -> None:
    if _command(sys.argv[1:]) in SERVING_COMMANDS:
        try:
            mode = server_mode()
        except ConfigError as exc:
            sys.exit(f"Error: {exc}")
        if mode == "gevent":
            from gevent import monkey

            monkey.patch_all()
    from deliberate.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
