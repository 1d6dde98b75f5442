"""A filterable list of rows that draws only the lines on screen, so 1,000 rows filter at once."""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True)
class Column:
    title: str
    width: int = 0  # 0: takes the width left over; FIT: as wide as its widest cell
    style: str = ""


FIT = -1


@dataclass
class Row:
    key: str
    cells: tuple[str, ...]
    styles: tuple[str, ...] = ()


class RowList(ScrollView, can_focus=True):
    """Rows of literal text (never markup). Up/Down/PageUp/PageDown/Home/End move; Enter selects.
    A pinned row (e.g. "+ New …") stays below the rows whatever the filter; it is no match, so it
    never counts in match_count and never takes the cursor from a row that matches."""

    COMPONENT_CLASSES = {"row-list--cursor", "row-list--header"}
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "select", "Choose", show=False),
    ]
    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, row_list: "RowList", key: str | None):
            super().__init__()
            self.row_list = row_list
            self.key = key

    class Selected(Message):
        def __init__(self, row_list: "RowList", key: str):
            super().__init__()
            self.row_list = row_list
            self.key = key

    class Scrolled(Message):
        def __init__(self, row_list: "RowList"):
            super().__init__()
            self.row_list = row_list

    class Resized(Message):
        """The list's width changed (terminal resized, help panel toggled): headers redraw."""

        def __init__(self, row_list: "RowList"):
            super().__init__()
            self.row_list = row_list

    def __init__(self, columns: list[Column], **kwargs):
        super().__init__(**kwargs)
        self.columns = columns
        self._rows: list[Row] = []
        self._index: dict[str, int] = {}
        self._hay: list[str] = []
        self._view: list[int] = []
        self._needle = ""
        self._fit = [len(c.title) for c in columns]
        self._pinned: Row | None = None

    # data -------------------------------------------------------------------------------
    def add_rows(self, rows: list[Row]) -> None:
        start = len(self._rows)
        for offset, row in enumerate(rows):
            self._index[row.key] = start + offset
            self._rows.append(row)
            self._hay.append("\0".join(row.cells).lower())
            self._measure(row.cells)
            if self._needle in self._hay[-1]:
                self._view.append(start + offset)
        self._changed(keep=True)

    def set_rows(self, rows: list[Row]) -> None:
        key = self.highlighted_key
        self._rows, self._index, self._hay, self._view = [], {}, [], []
        self._fit = [len(c.title) for c in self.columns]
        self.add_rows(rows)
        if key is not None:
            self.highlight(key)

    def update_row(self, key: str, cells: tuple[str, ...], styles: tuple[str, ...] = ()) -> None:
        index = self._index.get(key)
        if index is None:
            return
        self._rows[index] = Row(key, cells, styles)
        self._hay[index] = "\0".join(cells).lower()
        self._measure(cells)
        self.refresh()

    def _measure(self, cells: tuple[str, ...]) -> None:
        for i, column in enumerate(self.columns):
            if column.width == FIT and i < len(cells):
                self._fit[i] = max(self._fit[i], len(cells[i]))

    def pin(self, row: Row | None) -> None:
        """The row kept last, under the rows, whatever the filter (None: no such row)."""
        self._pinned = row
        self._changed(keep=True)

    @property
    def pinned_highlighted(self) -> bool:
        return self._pinned is not None and self.cursor == len(self._view)

    def set_filter(self, text: str) -> None:
        needle = text.strip().lower()
        if needle == self._needle:
            return
        self._needle = needle
        self._view = [i for i, hay in enumerate(self._hay) if needle in hay]
        self._changed(keep=False)

    def highlight(self, key: str) -> None:
        if self._pinned is not None and key == self._pinned.key:
            self.cursor = len(self._view)
            return
        index = self._index.get(key)
        if index is not None and index in self._view:
            self.cursor = self._view.index(index)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def match_count(self) -> int:
        return len(self._view)

    @property
    def highlighted_key(self) -> str | None:
        if 0 <= self.cursor < len(self._view):
            return self._rows[self._view[self.cursor]].key
        if self.pinned_highlighted:
            return self._pinned.key
        return None

    def keys(self) -> list[str]:
        """Every row's key (matching the filter or not), in order; not the pinned row's."""
        return [row.key for row in self._rows]

    def row(self, key: str) -> Row | None:
        index = self._index.get(key)
        return None if index is None else self._rows[index]

    def visible_keys(self) -> list[str]:
        top = int(self.scroll_y)
        return [self._rows[i].key for i in self._view[top:top + max(self.size.height, 1)]]

    @property
    def _lines(self) -> int:
        """Lines the list shows: the matching rows and the pinned row."""
        return len(self._view) + (self._pinned is not None)

    def _changed(self, keep: bool) -> None:
        self.virtual_size = Size(self.size.width, self._lines)
        if not keep:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = min(self.cursor, self._lines - 1) if keep else 0
        self.refresh()

    # movement ---------------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self._lines - 1)) if self._lines else 0

    def watch_cursor(self, value: int) -> None:
        height = max(self.size.height, 1)
        top = int(self.scroll_y)
        if value < top:
            self.scroll_to(y=value, animate=False, immediate=True)
        elif value >= top + height:
            self.scroll_to(y=value - height + 1, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted_key))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if round(old) != round(new):
            self.post_message(self.Scrolled(self))

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(self.size.height - 1, 1)

    def action_jump(self, where: int) -> None:
        self.cursor = 0 if where == 0 else self._lines - 1

    def action_select(self) -> None:
        key = self.highlighted_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    async def _on_click(self, event) -> None:
        index = int(self.scroll_y) + event.y
        if 0 <= index < self._lines:
            if index == self.cursor:
                self.action_select()
            self.cursor = index

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self._lines)
        self.post_message(self.Resized(self))

    # drawing ----------------------------------------------------------------------------
    def widths(self, total: int) -> list[int]:
        sized = [self._fit[i] if c.width == FIT else c.width for i, c in enumerate(self.columns)]
        gaps = len(self.columns) - 1
        flex = sum(1 for w in sized if not w)
        left = max(total - sum(sized) - gaps, 8 * flex)
        return [w or max(left // max(flex, 1), 8) for w in sized]

    def line_text(self, cells: tuple[str, ...], styles: tuple[str, ...], width: int) -> Text:
        text = Text(no_wrap=True, end="")
        for i, (column, cell_width) in enumerate(zip(self.columns, self.widths(width))):
            cell = Text(cells[i] if i < len(cells) else "", style=(styles[i] if i < len(styles) and styles[i] else column.style))
            cell.truncate(cell_width, overflow="ellipsis", pad=True)
            if i:
                text.append(" ")
            text.append_text(cell)
        text.truncate(width, pad=True)
        return text

    def header_text(self, width: int) -> Text:
        return self.line_text(tuple(c.title for c in self.columns), (), width)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = int(self.scroll_y) + y
        base = self.rich_style
        if index >= self._lines:
            return Strip([Segment(" " * width, base)], width)
        if index < len(self._view):
            row = self._rows[self._view[index]]
            text = self.line_text(row.cells, row.styles, width)
        else:  # the pinned row's text spans the columns
            row = self._pinned
            text = Text(" ".join(row.cells), style=row.styles[0] if row.styles else "", no_wrap=True, end="")
            text.truncate(width, overflow="ellipsis", pad=True)
        if index == self.cursor:
            text.stylize(self.get_component_rich_style("row-list--cursor"))
        segments = list(text.render(self.app.console))
        return Strip(segments, width).apply_style(base if isinstance(base, Style) else Style()).crop(0, width)
