"""When the app runs in a browser (`cognito-tui serve`): files go to the browser as downloads,
and a banner says that the app is served, by whom, and against which account or endpoint."""

from __future__ import annotations

import getpass
import io
import os
import socket
from typing import Any

from textual.app import App

from ..settings import Settings


def deliver(app: App, text: str, filename: str) -> bool:
    """In a browser, hand text to it as a file download and return True; in a terminal, False
    (the caller writes the file itself)."""
    if not app.is_web:
        return False
    app.deliver_text(io.StringIO(text), save_filename=filename, mime_type="text/plain")
    return True


def end_with_the_server(app: App) -> None:
    """In a browser: quit once the server that started this session is gone (killed outright,
    it can no longer say so; Textual's web driver does not quit when its input ends)."""
    if not app.is_web:
        return
    server = os.getppid()

    def check() -> None:
        if os.getppid() != server:
            app.exit(0)

    app.set_interval(1.0, check)


def served_banner(settings: Settings, demo: Any = None, account: str = "") -> str:
    """One line (plain text, never markup: the names come from the environment and AWS)."""
    try:
        who = f"{getpass.getuser()}@{socket.gethostname()}"
    except (KeyError, OSError):
        who = socket.gethostname()
    if demo is not None:
        target = f"the demo, on a local Cognito at {settings.endpoint_url}; nothing reaches AWS"
    else:
        parts = [f"account {account}" if account else "",
                 f"profile {settings.profile}" if settings.profile else "",
                 f"region {settings.region}" if settings.region else "",
                 f"endpoint {settings.endpoint_url}" if settings.endpoint_url else "AWS"]
        target = ", ".join(p for p in parts if p)
    return f"In a browser, served by {who}: {target}"
