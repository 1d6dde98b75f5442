"""Everything doctor checks, fetched once (concurrently), so the checks can be pure functions."""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from .. import ids
from ..errors import CognitoTuiError, NotFoundError

DEFAULT_WORKERS = 8
_MISSING_CODES = {"ResourceNotFoundException", "NoSuchEntity", "NoSuchEntityException"}
_TRAILING_USER_POOL = re.compile(r"([a-z]{2}(?:-[a-z]+)+-\d+_[0-9A-Za-z]+)$", re.ASCII)


@dataclass(frozen=True)
class Fetched:
    """One fact: its value, or the domain error that reading it raised."""

    value: Any = None
    error: CognitoTuiError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def missing(self) -> bool:
        # IAM says NoSuchEntity where Cognito says ResourceNotFoundException.
        return isinstance(self.error, NotFoundError) or getattr(self.error, "code", "") in _MISSING_CODES


@dataclass
class Facts:
    pool_id: str
    pool: Fetched
    roles: Fetched | None = None
    role_trust: dict[str, Fetched] = field(default_factory=dict)      # role ARN -> IAM GetRole Role
    user_pools: dict[str, Fetched] = field(default_factory=dict)      # user pool ID -> description
    clients: dict[tuple[str, str], Fetched] = field(default_factory=dict)  # (user pool, client) -> ClientDetails
    client_homes: dict[str, str] = field(default_factory=dict)        # client ID -> the user pool it is really in
    token: str | None = None
    now: float = field(default_factory=time.time)

    @property
    def config(self) -> dict:
        return self.pool.value if self.pool.ok and isinstance(self.pool.value, dict) else {}

    @property
    def providers(self) -> list[dict]:
        return list(self.config.get("CognitoIdentityProviders") or [])


def intended_user_pool(provider_name: str) -> str | None:
    """The user pool a provider name means, even when the name itself is malformed."""
    if not isinstance(provider_name, str):
        return None
    match = ids.PROVIDER_NAME.fullmatch(provider_name)
    candidate = match.group("pool") if match else None
    if candidate is None:
        found = _TRAILING_USER_POOL.search(provider_name)
        candidate = found.group(1) if found else None
    try:
        return ids.validate_user_pool_id(candidate) if candidate else None
    except CognitoTuiError:
        return None


def trust_document(role: dict) -> dict | None:
    """The role's trust policy as a dict: IAM returns it URL-encoded JSON, boto3 usually decoded."""
    document = role.get("AssumeRolePolicyDocument")
    if isinstance(document, dict):
        return document
    if isinstance(document, str):
        for text in (document, urllib.parse.unquote(document)):
            try:
                parsed = json.loads(text)
            except ValueError:
                continue
            if isinstance(parsed, dict):
                return parsed
    return None


def _attempt(fn, *args) -> Fetched:
    try:
        return Fetched(fn(*args))
    except CognitoTuiError as exc:
        return Fetched(error=exc)


def fetch_facts(aws, pool_id: str, *, token: str | None = None, workers: int = DEFAULT_WORKERS,
                config: dict | None = None) -> Facts:
    """Read the pool, its roles and their trust policies, its user pools and clients; each once.

    With config (e.g. the change under review), that configuration is checked instead of the
    pool's current one; everything it refers to is still read from AWS."""
    pool = Fetched(config) if config is not None else _attempt(aws.identity_pools.describe, pool_id)
    facts = Facts(pool_id, pool, token=token)
    if not facts.pool.ok:
        return facts
    wanted: dict[str, set[str]] = {}
    for provider in facts.providers:
        user_pool = intended_user_pool(provider.get("ProviderName", ""))
        if user_pool:
            wanted.setdefault(user_pool, set()).add(provider.get("ClientId", ""))

    def roles_and_trust() -> tuple[Fetched, dict[str, Fetched]]:
        roles = _attempt(aws.identity_pools.get_roles, pool_id)
        arns = sorted({arn for arn in ((roles.value or {}).get("Roles") or {}).values() if arn}) if roles.ok else []
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(arns) or 1))) as inner:
            found = dict(zip(arns, inner.map(lambda arn: _attempt(aws.get_role, arn), arns)))
        return roles, found

    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="doctor") as pool:
        roles_future = pool.submit(roles_and_trust)
        user_pool_futures = {up: pool.submit(_attempt, aws.user_pools.describe, up) for up in wanted}
        client_futures = {(up, c): pool.submit(_attempt, aws.user_pools.describe_client, up, c)
                          for up, clients in wanted.items() for c in sorted(clients) if c}
        facts.user_pools = {up: f.result() for up, f in user_pool_futures.items()}
        facts.clients = {key: f.result() for key, f in client_futures.items()}
        # A client missing from its user pool is often a client of another pool on this identity pool.
        lost = {c for (up, c), got in facts.clients.items() if got.missing and facts.user_pools[up].ok}
        for (up, c), got in facts.clients.items():
            if c in lost and got.ok:
                facts.client_homes.setdefault(c, up)
        lost -= set(facts.client_homes)
        homes = {(other, c): pool.submit(_attempt, aws.user_pools.describe_client, other, c)
                 for c in sorted(lost) for other in wanted
                 if (other, c) not in facts.clients and facts.user_pools[other].ok}
        for (other, c), future in homes.items():
            if future.result().ok:
                facts.client_homes.setdefault(c, other)
        facts.roles, facts.role_trust = roles_future.result()
    return facts
