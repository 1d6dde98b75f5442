"""The core's diff lines (cognito_tui.diff) on screen: the mark in a column of its own and the text
wrapping beside it at spaces, as `cognito-tui apply` and `rollback` print them."""

from __future__ import annotations

from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ...diff import ADDED, CHANGED, REMOVED, UNCHANGED, DiffLine
from .whole_lines import Line

STYLES = {ADDED: "green", REMOVED: "bold red", CHANGED: "yellow", UNCHANGED: "dim"}


def diff_grid(lines: list[DiffLine]) -> Padding:
    """A two-column grid (mark, text), indented as the terminal's lines are, that reflows with the
    widget's width; text stays literal."""
    grid = Table.grid(padding=(0, 2), pad_edge=False, expand=True)
    grid.add_column(no_wrap=True, width=8)
    grid.add_column(ratio=1, overflow="fold")
    for line in lines:
        style = STYLES[line.kind]
        grid.add_row(Text(line.mark, style=style), Text(line.text, style=style))
    return Padding(grid, (0, 0, 0, 2))


def diff_rows(lines: list[DiffLine]) -> list[Line]:
    """The same lines for a WholeLines area (which never cuts an ID): the mark, then the text
    wrapped at spaces beside it."""
    return [Line(line.text, indent=f"  {line.mark:<8}  ", style=STYLES[line.kind]) for line in lines]
