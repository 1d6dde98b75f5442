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
