"""Fleets: every identity pool across regions and accounts (inventory), and what is done to all
of them at once (doctor --all, export --all)."""

from .sweep import (
    ACCESS_DENIED, FAILED, NOT_ENABLED, OK, THROTTLED, Account, Inventory, PoolRow, RegionResult,
    open_accounts, resolve_regions, sweep,
)

__all__ = [
    "ACCESS_DENIED", "Account", "FAILED", "Inventory", "NOT_ENABLED", "OK", "PoolRow", "RegionResult",
    "THROTTLED", "open_accounts", "resolve_regions", "sweep",
]
