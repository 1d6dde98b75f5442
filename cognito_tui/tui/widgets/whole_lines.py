"""Lines of literal text whose IDs, ARNs, paths and commands are never cut: prose wraps at spaces to
the width shown (an ID longer than that keeps a line of its own), a value line is never wrapped,
and the area scrolls sideways when a line is wider than it (Left/Right by a word's width, Home/End
to a line's start and end)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.widgets import Static

from ...wrapping import wrap


@dataclass(frozen=True)
class Line:
    text: str
    whole: bool = False  # a value to copy (ID, ARN, path, command): one line, never wrapped
    indent: str = ""
    hang: str | None = None  # the indent of a wrapped prose line's continuation (indent's width by default)
    style: str = ""


def value(text: str, indent: str = "  ") -> Line:
    return Line(text, whole=True, indent=indent)


SIDEWAYS = 10  # columns a Left/Right moves: one at a time, a 150-column path takes 70 key presses


class WholeLines(ScrollableContainer):
    """A scrollable area showing Lines; drawn again for the width it has whenever that changes."""

    BINDINGS = [
        Binding("left", f"sideways(-{SIDEWAYS})", "Scroll left", show=False),
        Binding("right", f"sideways({SIDEWAYS})", "Scroll right", show=False),
        Binding("home", "sideways(-1000000)", "Line start", show=False),
        Binding("end", "sideways(1000000)", "Line end", show=False),
    ]

    def __init__(self, lines: list[Line] | None = None, *, focus_if_too_wide: bool = False, **kwargs) -> None:
        """focus_if_too_wide: focusable (to scroll sideways) only while a line is wider than the area,
        so a few lines among other controls take no Tab stop of their own when they fit."""
        super().__init__(**kwargs)
        self.lines: list[Line] = list(lines or [])
        self.widest = 0  # the widest line drawn, in columns
        self.focus_if_too_wide = focus_if_too_wide
        if focus_if_too_wide:
            self.can_focus = False

    @property
    def too_wide(self) -> bool:
        """A line is wider than the area: it has to be scrolled to."""
        return self.widest > self.size.width

    def action_sideways(self, columns: int) -> None:
        self.scroll_to(x=max(0, min(self.scroll_x + columns, self.max_scroll_x)), animate=False)

    def compose(self):
        yield Static("", classes="whole-lines-text", markup=False)

    def on_mount(self) -> None:
        if self.lines:
            self.draw()

    def show(self, lines: list[Line]) -> None:
        self.lines = list(lines)
        self.draw()

    @property
    def text(self) -> str:
        """The lines as drawn now."""
        return str(self.query_one(".whole-lines-text", Static).content)

    @property
    def plain(self) -> str:
        """The lines as given, before any wrapping: one a line."""
        return "\n".join(line.indent + line.text for line in self.lines)

    def on_resize(self) -> None:
        self.draw()

    def draw(self) -> None:
        # Room for a vertical scrollbar whether or not one shows: a line never depends on it.
        width = max(self.size.width - self.styles.scrollbar_size_vertical, 1)
        text, widest = Text(), 0
        for line in self.lines:
            rows = [line.indent + line.text] if line.whole else wrap(line.text, width, indent=line.indent,
                                                                     hang=line.hang)
            for row in rows:
                if text:
                    text.append("\n")
                text.append(row, style=line.style)
                widest = max(widest, len(row))
        self.widest = widest
        if self.focus_if_too_wide:
            self.can_focus = self.size.width > 0 and widest > width
        self.query_one(".whole-lines-text", Static).update(text)
