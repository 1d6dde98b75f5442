"""When to refresh: a margin before expiry, 5 minutes, or 20% of the lifetime when that is shorter."""

from __future__ import annotations

from datetime import datetime, timedelta

MAX_MARGIN = 300.0
SHORT_FRACTION = 0.2


def margin(lifetime_seconds: float) -> float:
    """Seconds before expiry to refresh at: 300 for an hour, 12 for a 60-second lifetime."""
    return min(MAX_MARGIN, max(0.0, lifetime_seconds) * SHORT_FRACTION)


def refresh_at(expiration: datetime, lifetime_seconds: float) -> datetime:
    return expiration - timedelta(seconds=margin(lifetime_seconds))


def due(expiration: datetime, lifetime_seconds: float, now: datetime) -> bool:
    return now >= refresh_at(expiration, lifetime_seconds)
