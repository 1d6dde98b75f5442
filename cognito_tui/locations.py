"""Where cognito-tui keeps its files (XDG base directories)."""

from __future__ import annotations

import os
from pathlib import Path


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "cognito-tui"


def backups_dir() -> Path:
    return state_dir() / "backups"


def drafts_dir() -> Path:
    return state_dir() / "drafts"


def cache_dir() -> Path:
    """Files that can be rebuilt at any time (identity IDs, parsed wizard definitions)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cognito-tui"
