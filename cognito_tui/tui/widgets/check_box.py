"""A check box whose mark is there only when it is on."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class MarkedCheckbox(Checkbox):
    """Textual's Checkbox draws its X on and off alike and tells them apart by colour alone, which
    NO_COLOR (and a monochrome terminal, and some eyes) cannot see: here off is an empty box."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class MarkedRadioButton(RadioButton):
    """A radio button with its dot only when it is chosen, for the same reason as MarkedCheckbox."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "\u25cf" if self.value else " "
        return super()._button
