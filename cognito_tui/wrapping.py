"""Text for a terminal, wrapped at spaces (never inside a word or an ID) with a hanging indent."""

from __future__ import annotations

import textwrap

DEFAULT_WIDTH = 80
_MIN_TEXT = 20  # columns of text kept beside an indent, however narrow the terminal


def wrap(text: str, width: int = DEFAULT_WIDTH, *, indent: str = "", hang: str | None = None) -> list[str]:
    """text as lines of at most width columns: the first starts with indent, the others with hang
    (spaces as wide as indent by default). A word longer than a line keeps its own line, whole."""
    hang = " " * len(indent) if hang is None else hang
    width = max(width, max(len(indent), len(hang)) + _MIN_TEXT)
    lines = textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=hang,
                          break_long_words=False, break_on_hyphens=False)
    # A word too long for its indented line gives up indent rather than be cut by the terminal.
    lines = [line[min(len(line) - width, len(line) - len(line.lstrip(" "))):] if len(line) > width else line
             for line in lines]
    return lines or [indent.rstrip()]
