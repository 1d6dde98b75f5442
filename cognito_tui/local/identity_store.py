"""In-memory state of the local cognito-identity: identity pools and identities, per account and region."""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from .errors import not_found

ACCOUNT_ID = "123456789012"  # moto's default account; every unsigned or dummy-key call lands here


@dataclass
class IdentityPool:
    """One identity pool. Everything UpdateIdentityPool sets lives in the config fields."""

    pool_id: str
    name: str
    allow_unauthenticated: bool
    allow_classic_flow: bool = False
    supported_login_providers: dict[str, str] = field(default_factory=dict)
    developer_provider_name: str | None = None
    open_id_connect_provider_arns: list[str] = field(default_factory=list)
    cognito_identity_providers: list[dict[str, Any]] = field(default_factory=list)
    saml_provider_arns: list[str] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    role_mappings: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def region(self) -> str:
        return self.pool_id.split(":", 1)[0]

    def to_json(self) -> dict[str, Any]:
        """The pool as DescribeIdentityPool returns it: empty optional collections are left out."""
        out: dict[str, Any] = {
            "IdentityPoolId": self.pool_id,
            "IdentityPoolName": self.name,
            "AllowUnauthenticatedIdentities": self.allow_unauthenticated,
            "AllowClassicFlow": self.allow_classic_flow,
        }
        optional = {
            "SupportedLoginProviders": self.supported_login_providers,
            "DeveloperProviderName": self.developer_provider_name,
            "OpenIdConnectProviderARNs": self.open_id_connect_provider_arns,
            "CognitoIdentityProviders": self.cognito_identity_providers,
            "SamlProviderARNs": self.saml_provider_arns,
        }
        out.update({key: value for key, value in optional.items() if value})
        out["IdentityPoolTags"] = dict(self.tags)
        return out

    def cognito_provider(self, provider_name: str) -> list[dict[str, Any]]:
        """The pool's Cognito provider entries for one user pool (one per app client)."""
        return [p for p in self.cognito_identity_providers if p["ProviderName"] == provider_name]

    def has_any_provider(self) -> bool:
        return bool(self.cognito_identity_providers or self.supported_login_providers
                    or self.open_id_connect_provider_arns or self.saml_provider_arns
                    or self.developer_provider_name)


@dataclass
class Identity:
    identity_id: str
    pool_id: str
    # provider name -> the subject that provider vouched for ("sub" of the ID token)
    logins: dict[str, str] = field(default_factory=dict)
    created: float = field(default_factory=time.time)
    modified: float = field(default_factory=time.time)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"IdentityId": self.identity_id,
                               "CreationDate": self.created, "LastModifiedDate": self.modified}
        if self.logins:
            out["Logins"] = sorted(self.logins)
        return out


@dataclass
class RegionState:
    pools: dict[str, IdentityPool] = field(default_factory=dict)
    identities: dict[str, Identity] = field(default_factory=dict)
    # (pool id, provider name, subject) -> identity id: the same user always gets the same identity
    by_login: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def pool(self, pool_id: str) -> IdentityPool:
        found = self.pools.get(pool_id)
        if found is None:
            raise not_found(f"IdentityPool '{pool_id}' not found.")
        return found

    def identity(self, identity_id: str) -> Identity:
        found = self.identities.get(identity_id)
        if found is None or found.pool_id not in self.pools:
            raise not_found(f"Identity '{identity_id}' not found.")
        return found

    def delete_pool(self, pool_id: str) -> None:
        self.pool(pool_id)
        del self.pools[pool_id]
        for identity_id in [i for i, v in self.identities.items() if v.pool_id == pool_id]:
            self.delete_identity(identity_id)

    def delete_identity(self, identity_id: str) -> None:
        identity = self.identities.pop(identity_id)
        for provider, subject in identity.logins.items():
            self.by_login.pop((identity.pool_id, provider, subject), None)


class IdentityStore:
    """All regions' state behind one lock: requests arrive on several server threads."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._regions: dict[tuple[str, str], RegionState] = {}

    def region(self, region: str, account_id: str = ACCOUNT_ID) -> RegionState:
        with self.lock:
            return self._regions.setdefault((account_id, region), RegionState())

    def regions(self) -> dict[tuple[str, str], RegionState]:
        """(account, region) -> state; hold the lock while using it."""
        return self._regions

    def replace_region(self, region: str, state: RegionState, account_id: str = ACCOUNT_ID) -> None:
        with self.lock:
            self._regions[(account_id, region)] = state


def new_id(region: str) -> str:
    """An identity pool or identity ID: <region>:<uuid>, as AWS makes them."""
    return f"{region}:{uuid.uuid4()}"


def pool_arn(region: str, pool_id: str, account_id: str = ACCOUNT_ID) -> str:
    return f"arn:aws:cognito-identity:{region}:{account_id}:identitypool/{pool_id}"
