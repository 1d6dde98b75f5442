"""Connection settings: profile, region, endpoint URL, retries and timeouts."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    profile: str | None = None
    region: str | None = None
    endpoint_url: str | None = None
    retry_mode: str = "standard"
    max_attempts: int = 5
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    # The regions the wizard lists identity pools from (--regions); empty: `region` alone.
    regions: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, profile: str | None = None, region: str | None = None,
                 endpoint_url: str | None = None, environ: dict | None = None) -> "Settings":
        """Command-line values win; then AWS_PROFILE, AWS_REGION/AWS_DEFAULT_REGION, AWS_ENDPOINT_URL."""
        env = os.environ if environ is None else environ
        return cls(
            profile=profile or env.get("AWS_PROFILE") or None,
            region=region or env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or None,
            endpoint_url=endpoint_url or env.get("AWS_ENDPOINT_URL") or None,
        )


# The wizard's own switches, from the environment; each is on unless set to an "off" word.
DRAFTS = "COGNITO_TUI_DRAFTS"  # keep unfinished answers as a draft, offered at the next start
READ_AHEAD = "COGNITO_TUI_READ_AHEAD"  # read the first page of pools in a helper process at start
_ON, _OFF = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def switched_on(name: str, environ: dict | None = None) -> bool:
    """The on/off setting `name`: on when unset or empty, off for 0/false/no/off (any case);
    any other value is refused with the words it takes."""
    from .errors import InputError

    value = (os.environ if environ is None else environ).get(name, "").strip().lower()
    if not value or value in _ON:
        return True
    if value in _OFF:
        return False
    raise InputError(f"{name} is set to {value[:40]!r}, which is neither on nor off.",
                     f"Set {name}=0 (or false, no, off) to turn it off; unset it, or 1, to keep it on.")
