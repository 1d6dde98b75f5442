"""Python's garbage collector held off while the wizard starts, until its first step is drawn.

Starting the wizard creates a few hundred thousand objects (Textual, its styles, the wizard's
modules and screens) and none of them is garbage, yet the collector walks them again and again
meanwhile: about a tenth of the time to the first screen. So collection waits until the first step
has been drawn; then what the start made is set aside for good (gc.freeze: the modules, classes and
styles live as long as the process) and collection goes on as usual for everything after.
benchmarks/REPORT.md has the row with it and without.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """From here, no collection until resume(); call it first thing in the command."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def resume() -> None:
    """Collection goes on, with what was made until now left out of it; only after hold()."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
