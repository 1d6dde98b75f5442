"""Run the wizard in the terminal (the `cognito-tui` and `cognito-tui demo` commands)."""

from __future__ import annotations

from typing import Any

from ..settings import Settings


def run_wizard(settings: Settings, demo: Any = None, first_pools_page: Any = None, drafts: bool | None = None) -> int:
    """Open the wizard; returns the exit code. first_pools_page: the pools' first page, being
    read ahead (aws.prefetch), used by the first listing. drafts: as create_app takes it."""
    from .app import create_app
    from .hangup import run_in_terminal
    from .service import WizardService

    app = create_app(settings, demo, service=WizardService(settings, demo, first_pools_page=first_pools_page),
                     drafts=drafts)
    return run_in_terminal(app)
