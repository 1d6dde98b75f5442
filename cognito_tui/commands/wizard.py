"""No command: the configuration wizard against AWS (or --endpoint-url)."""

from __future__ import annotations


def register(sub) -> None:  # the default command has no parser of its own
    return None


def run(args) -> int:
    from ..cli import settings_from
    from ..tui.launch import run_wizard

    return run_wizard(settings_from(args))
