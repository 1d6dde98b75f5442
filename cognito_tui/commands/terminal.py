"""The full-screen commands need a terminal: without one they refuse at once, in one line, before
anything (Textual, a local server, a read-ahead) starts, so no escape code is ever written."""

from __future__ import annotations

import os
import sys

from ..errors import InputError

# What to run instead, headless, for each full-screen command.
HEADLESS = {
    "wizard": "cognito-tui export POOL -o plan.yaml; edit it; cognito-tui apply plan.yaml",
    "demo": "cognito-tui local (the local Cognito alone, for the headless commands)",
    "signin": "cognito-tui credentials --identity-pool-id ID --user-pool-id ID --client-id ID --username NAME",
}
NAMES = {"wizard": "The wizard", "demo": "The demo", "signin": "The sign-in view"}


def _is_tty(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


def require_terminal(command: str) -> None:
    """Raise InputError (exit 2) unless stdin and stdout are a terminal that can draw the screen."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return  # served through another driver (textual-serve's web driver): no terminal needed
    name, instead = NAMES[command], HEADLESS[command]
    if not (_is_tty(sys.stdin) and _is_tty(sys.stdout)):
        raise InputError(f"{name} needs a terminal on stdin and stdout.", f"Without one, use: {instead}")
    # A dumb terminal (Emacs' M-x shell, some CI consoles) cannot move the cursor, so a full-screen
    # view would come out as a stream of escape codes; refuse rather than draw garbage.
    if os.environ.get("TERM") == "dumb":
        raise InputError(f"{name} cannot draw on TERM=dumb (no cursor movement).",
                         f"Set TERM (e.g. xterm-256color) if the terminal can, or use: {instead}")
