"""`cognito-tui local`: run the local Cognito in the foreground until Ctrl-C or SIGTERM."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from typing import Any, TextIO

from .demo import base_export_lines
from .server import start_local_cognito


def run_foreground(host: str, port: int, seed: bool, credential_ttl: int, out: TextIO = sys.stdout,
                   state_file: Path | None = None) -> int:
    """Print `export` lines, serve until interrupted, stop cleanly; 0 after a clean stop."""
    server = start_local_cognito(host, port, seed=seed, credential_ttl=credential_ttl, state_file=state_file)
    stopping = threading.Event()
    previous = _on_sigterm(stopping.set)
    try:
        lines = (server.demo.export_lines(server.endpoint_url) if server.demo
                 else base_export_lines(server.endpoint_url, server.region))
        for line in lines:
            print(line, file=out, flush=True)
        if state_file is not None:
            what = "restored from" if server.restored else "new; saving to"
            print(f"State: {what} {state_file}", file=sys.stderr, flush=True)
        print(f"Local Cognito serving on {server.endpoint_url} (region {server.region}). "
              "Press Ctrl-C to stop.", file=sys.stderr, flush=True)
        # A timed wait, so Ctrl-C is noticed promptly on every platform.
        while not stopping.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        _restore_sigterm(previous)
    print("Local Cognito stopped.", file=sys.stderr, flush=True)
    return 0


def _on_sigterm(callback: Any) -> Any:
    """Route SIGTERM to callback; only the main thread may install signal handlers."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, lambda signum, frame: callback())


def _restore_sigterm(previous: Any) -> None:
    if previous is not None and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, previous)
