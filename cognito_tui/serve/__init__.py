"""`cognito-tui serve`: run the guarded textual-serve server and say where it is."""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from collections.abc import Sequence

from ..errors import CognitoTuiError, InputError

WILDCARDS = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def page_url(host: str, port: int, token: str) -> str:
    if host in WILDCARDS:
        host = socket.gethostname()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/{token}/"


def _log_sessions() -> None:
    """Sessions starting and ending, one line each on stderr (never a URL: it holds the token)."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    for name, level in (("cognito-tui.serve", logging.INFO), ("textual-serve", logging.WARNING)):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.addHandler(handler)
        logger.propagate = False


def serve(argv: Sequence[str], *, host: str, port: int, title: str) -> int:
    """Serve argv (the app command) until Ctrl-C; the URL goes to stdout, the notes to stderr."""
    import asyncio
    import importlib.util

    if importlib.util.find_spec("textual_serve") is None:
        raise InputError("Serving in a browser needs textual-serve.",
                         "Install it with: pip install 'cognito-tui[serve]'")
    from .server import GuardedServer

    server = GuardedServer(argv, host=host, port=port, title=title)
    _log_sessions()

    def ready(real_port: int) -> None:
        if not is_loopback(host):
            sys.stderr.write(
                f"WARNING: listening on {host}, not loopback: anyone who can reach this port and\n"
                "learns the URL acts with your AWS credentials, and the page travels unencrypted.\n"
                "Prefer the default 127.0.0.1 and an SSH tunnel from the other machine:\n"
                f"  ssh -L {real_port}:127.0.0.1:{real_port} {socket.gethostname()}\n")
        sys.stdout.write(page_url(host, real_port, server.token) + "\n")
        sys.stdout.flush()
        sys.stderr.write(
            "Open the URL above in a browser. Keep it private: whoever has it gets a session\n"
            "acting with this machine's AWS credentials. Each tab is its own session; closing\n"
            "the tab ends it. Ctrl-C stops the server and every session.\n")
        sys.stderr.flush()

    try:
        asyncio.run(server.run(ready))
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise CognitoTuiError(f"Cannot listen on {host}:{port}: {reason}.",
                              "Choose another --port (0 = any free port) or --host.") from exc
    sys.stderr.write("Stopped; every session has ended.\n")
    return 0
