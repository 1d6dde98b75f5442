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


def aws_config_file(environ: dict | None = None) -> Path:
    """AWS_CONFIG_FILE if set, else ~/.aws/config: the file the SDKs and the CLI read profiles from."""
    value = (os.environ if environ is None else environ).get("AWS_CONFIG_FILE")
    return Path(os.path.expanduser(value)) if value else Path.home() / ".aws" / "config"


def aws_credentials_file(environ: dict | None = None) -> Path:
    """AWS_SHARED_CREDENTIALS_FILE if set, else ~/.aws/credentials (as the SDKs and the CLI read it)."""
    value = (os.environ if environ is None else environ).get("AWS_SHARED_CREDENTIALS_FILE")
    return Path(os.path.expanduser(value)) if value else Path.home() / ".aws" / "credentials"


def shown(path: Path) -> str:
    """A path as a hint names it: ~ for the home folder."""
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) and path != home else str(path)
