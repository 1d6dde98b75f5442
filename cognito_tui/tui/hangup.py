"""The terminal going away (an SSH link that drops, a closed window: SIGHUP), or `kill` (SIGTERM),
ends the app as quitting does. Without this Python dies on the spot: the demo's temporary folder
stays behind, and nothing the app set up is taken down."""

from __future__ import annotations

import asyncio
import os
import signal
import threading

from textual.app import App

GRACE = 5.0  # seconds the app has to end after a hang-up before the process ends anyway


def end_with_the_terminal(app: App) -> None:
    """Call from the app's on_mount. In a browser, Textual's web driver handles these itself;
    headless (tests) there is no terminal, and the signals stay the test runner's."""
    if app.is_web or app.is_headless:
        return
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGHUP, _hung_up, app)
    code = 128 + signal.SIGTERM  # the shell's convention for "ended by signal N"
    loop.add_signal_handler(signal.SIGTERM, lambda: app.exit(code, return_code=code))


def _hung_up(app: App) -> None:
    """The terminal is gone: what the app still writes to it goes nowhere instead of failing
    (Textual's output thread would die on the first failed write and the exit would wait on it
    for ever), and should the exit still stall, the process ends after GRACE seconds."""
    code = 128 + signal.SIGHUP
    nowhere = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(nowhere, fd)
    os.close(nowhere)
    timer = threading.Timer(GRACE, os._exit, (code,))
    timer.daemon = True
    timer.start()
    app.exit(code, return_code=code)
