"""The terminal going away (an SSH link that drops, a closed window: SIGHUP), or `kill` (SIGTERM),
ends the app as quitting does. Without this Python dies on the spot: the demo's temporary folder
stays behind, and nothing the app set up is taken down."""

from __future__ import annotations

import asyncio
import signal

from textual.app import App


def end_with_the_terminal(app: App) -> None:
    """Call from the app's on_mount. In a browser, Textual's web driver handles these itself;
    headless (tests) there is no terminal, and the signals stay the test runner's."""
    if app.is_web or app.is_headless:
        return
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGHUP, signal.SIGTERM):
        code = 128 + signum  # the shell's convention for "ended by signal N"
        loop.add_signal_handler(signum, lambda code=code: app.exit(code, return_code=code))
