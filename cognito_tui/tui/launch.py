"""Run the wizard in the terminal (the `cognito-tui` and `cognito-tui demo` commands)."""

from __future__ import annotations

from typing import Any

from ..settings import Settings


def run_wizard(settings: Settings, demo: Any = None) -> int:
    """Open the wizard; returns the exit code."""
    from .app import create_app

    app = create_app(settings, demo)
    result = app.run()
    return int(result or 0) if app.return_code in (None, 0) else int(app.return_code)
