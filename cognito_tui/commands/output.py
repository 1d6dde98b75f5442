"""Shared output for commands: errors as one line (or JSON), confirmation prompts, JSON dumps."""

from __future__ import annotations

import json
import os
import sys

from ..errors import CognitoTuiError, InputError


def print_error(error: CognitoTuiError, *, json_mode: bool = False, stream=None) -> None:
    stream = stream or sys.stderr
    if json_mode:
        stream.write(json.dumps(error.to_dict(), default=str) + "\n")
    else:
        hint = f" {error.hint}" if error.hint else ""
        stream.write(f"cognito-tui: {error.message}{hint}\n")
        for issue in getattr(error, "issues", [])[1:]:
            stream.write(f"cognito-tui: {issue.render(getattr(error, 'source', ''))}\n")
    stream.flush()


def print_failure(line: str, results=None, errors=None) -> None:
    """A failure line on stderr, after what was already printed on the results stream (stdout)."""
    (results or sys.stdout).flush()  # a terminal showing both gets them in order
    errors = errors or sys.stderr
    errors.write(f"cognito-tui: {line}\n")
    errors.flush()


def output_width(stream=None) -> int:
    """Columns to wrap text at: the terminal's width, or 80 when the output is not a terminal."""
    import shutil

    from ..wrapping import DEFAULT_WIDTH

    stream = stream or sys.stdout
    try:
        if not stream.isatty():
            return DEFAULT_WIDTH
    except (AttributeError, ValueError):
        return DEFAULT_WIDTH
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def print_json(data: object, stream=None) -> None:
    stream = stream or sys.stdout
    stream.write(json.dumps(data, indent=2, default=str) + "\n")
    stream.flush()


def use_color(stream=None) -> bool:
    stream = stream or sys.stdout
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def terminal_width(stream=None) -> int | None:
    """The terminal's width when `stream` (stdout) is one; None for a pipe or file."""
    import shutil

    stream = stream or sys.stdout
    try:
        return shutil.get_terminal_size().columns if stream.isatty() else None
    except (AttributeError, ValueError, OSError):
        return None


def stdin_is_tty() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def confirm_write(question: str, *, yes: bool) -> bool:
    """True to go ahead. Without a TTY, --yes is required: refuse with a clear error otherwise."""
    if yes:
        return True
    if not stdin_is_tty():
        raise InputError("Refusing to write without confirmation: no terminal to ask on.",
                         "Review with --dry-run, then run again with --yes.")
    sys.stderr.write(f"{question} [y/N] ")
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes")
