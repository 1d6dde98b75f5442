"""`python -m cognito_tui`: the same as the `cognito-tui` command (how `serve` starts its sessions)."""

from .cli import entry

entry()
