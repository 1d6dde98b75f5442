"""What a Textual app shows, as text rows (for asserting on wrapping and on what is visible)."""

from __future__ import annotations

from textual.geometry import Region


def screen_lines(app) -> list[str]:
    """The whole screen as drawn, one string per terminal row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def widget_lines(widget) -> list[str]:
    """One widget's content as drawn at its present size, one string per row."""
    width, height = widget.size
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, width, height))]


def shown_whole(app, value: str, start: int = 30) -> str:
    """As much of value as the screen row it begins on shows (all of it when it fits), after
    checking that its rest is not wrapped onto the next row: an ID or ARN is never broken."""
    rows = screen_lines(app)
    (index,) = [i for i, row in enumerate(rows) if value[:start] in row]
    row = rows[index]
    shown = row[row.index(value[:start]):].rstrip()
    assert value.startswith(shown[:len(value)]), (value, row)
    shown = shown[:len(value)]
    if shown != value and index + 1 < len(rows):
        assert value[len(shown):][:8] not in rows[index + 1], (row, rows[index + 1])
    return shown
