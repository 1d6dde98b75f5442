"""No command: the configuration wizard against AWS (or --endpoint-url)."""

from __future__ import annotations


def register(sub) -> None:  # the default command has no parser of its own
    return None


def run(args) -> int:
    from .. import startup_gc
    from ..tui.hangup import ended_with_the_terminal
    from .terminal import require_terminal

    require_terminal("wizard")
    startup_gc.hold()  # until the first step is drawn; the read-ahead helper forks with it held, too
    try:
        with ended_with_the_terminal():  # a hang-up or a kill from here on ends it as quitting does
            return _run(args)
    finally:
        startup_gc.resume()  # when it ended before a step was drawn


def _run(args) -> int:
    from ..aws import prefetch
    from ..settings import DRAFTS, READ_AHEAD, switched_on
    from .options import settings_from

    settings = settings_from(args)
    drafts = switched_on(DRAFTS)  # read before anything starts: a bad value is one line, no screen
    if getattr(args, "regions", None):
        import dataclasses

        from ..aws.session import Clients
        from ..fleet.sweep import resolve_regions

        settings = dataclasses.replace(settings, regions=tuple(resolve_regions(args.regions, Clients(settings))))
    # Before Textual loads: the pools' first page is read on another core while the screen draws.
    first_page = prefetch.start(settings) if switched_on(READ_AHEAD) else None
    from ..tui.launch import run_wizard

    try:
        return run_wizard(settings, first_pools_page=first_page, drafts=drafts)
    finally:
        if first_page is not None:
            first_page.close()
