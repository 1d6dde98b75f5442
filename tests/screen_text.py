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
