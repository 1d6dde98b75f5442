"""Buttons side by side that wrap onto more rows when the width runs out.

Textual's Horizontal cuts what does not fit: at 60 columns Save's last button ("Quit") was cut off.
ButtonRow is a grid whose columns take their buttons' widths and whose column count is as many as
the width holds (one at least), so every button shown keeps its whole label. The keys and the
focus order are the buttons' own, whatever the rows.
"""

from __future__ import annotations

from textual.containers import Container
from textual.geometry import Size
from textual.widgets import Button


class ButtonRow(Container):
    """Styled in the wizard's tcss: layout grid, auto columns, a gutter of one column between them."""

    def on_mount(self) -> None:
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        """As many columns as the shown buttons fit in; called again when one is shown or hidden."""
        buttons = [button for button in self.query_children(Button) if button.display]
        columns = columns_that_fit([self.button_width(button) for button in buttons], self.size.width,
                                   self.styles.grid_gutter_horizontal)
        if self.styles.grid_size_columns != columns:
            self.styles.grid_size_columns = columns

    def button_width(self, button: Button) -> int:
        """The columns a button takes: its label, padding and border, at least its min-width."""
        viewport = self.app.size
        content = button.get_content_width(Size(self.size.width, 1), viewport)
        minimum = button.styles.min_width
        least = int(minimum.resolve(self.size, viewport)) if minimum is not None else 0
        return max(content + button.styles.gutter.width, least) + button.styles.margin.width


def columns_that_fit(widths: list[int], room: int, gutter: int = 0) -> int:
    """The most columns that lay these widths out row by row within room (each column as wide as
    its widest); 1 when not even two fit side by side."""
    for columns in range(len(widths), 1, -1):
        widest = [max(widths[start::columns]) for start in range(columns)]
        if sum(widest) + gutter * (columns - 1) <= room:
            return columns
    return 1
