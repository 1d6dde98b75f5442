"""Identity pools (cognito-identity): list, describe, update by read-modify-write, roles."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .session import Clients, call, pages

# Every field UpdateIdentityPool takes. AWS resets any field not sent, so all are always sent.
POOL_FIELDS = (
    "IdentityPoolId",
    "IdentityPoolName",
    "AllowUnauthenticatedIdentities",
    "AllowClassicFlow",
    "SupportedLoginProviders",
    "DeveloperProviderName",
    "OpenIdConnectProviderARNs",
    "CognitoIdentityProviders",
    "SamlProviderARNs",
    "IdentityPoolTags",
)
PAGE_SIZE = 60


@dataclass(frozen=True)
class PoolSummary:
    id: str
    name: str

    @property
    def region(self) -> str:
        return self.id.split(":", 1)[0]


def _summaries(items: list[dict]) -> list[PoolSummary]:
    return [PoolSummary(p["IdentityPoolId"], p.get("IdentityPoolName", "")) for p in items]


def pool_config(response: dict) -> dict:
    """The pool's configuration as UpdateIdentityPool takes it (no response metadata)."""
    return {key: response[key] for key in POOL_FIELDS if key in response}


class IdentityPools:
    def __init__(self, clients: Clients, first_page=None):
        self._clients = clients
        self._first_page = first_page  # a prefetch.FirstPage read ahead at start-up, used once

    def _client(self, pool_id: str | None = None):
        region = pool_id.split(":", 1)[0] if pool_id and ":" in pool_id else None
        return self._clients.client("cognito-identity", region)

    def pages(self, page_size: int = PAGE_SIZE, region: str | None = None) -> Iterator[list[PoolSummary]]:
        """Yield identity pools (of the session's region, or `region`) page by page, following
        NextToken to the end. The session region's first listing starts from the page read ahead
        at start-up, when there is one."""
        response = None
        if region is None or region == self._clients.region:
            first, self._first_page = self._first_page, None
            response = first.take() if first is not None else None
        token = None
        if response is not None:
            yield _summaries(response["IdentityPools"])
            token = response.get("NextToken")
            if not token:
                return
        client = self._clients.client("cognito-identity", region)
        for page in pages(client, "ListIdentityPools", "IdentityPools", page_size, token=token):
            yield _summaries(page)

    def named(self, name: str, region: str) -> list[PoolSummary]:
        """Every identity pool of that region with exactly this name (names are not unique on AWS)."""
        client = self._clients.client("cognito-identity", region)
        return [p for page in pages(client, "ListIdentityPools", "IdentityPools", PAGE_SIZE)
                for p in _summaries(page) if p.name == name]

    def create(self, region: str, name: str, allow_unauthenticated: bool, providers: list[dict],
               tags: dict[str, str]) -> dict:
        client = self._clients.client("cognito-identity", region)
        return pool_config(call(client, "CreateIdentityPool", IdentityPoolName=name,
                                AllowUnauthenticatedIdentities=allow_unauthenticated,
                                CognitoIdentityProviders=providers, IdentityPoolTags=tags))

    def delete(self, pool_id: str) -> None:
        call(self._client(pool_id), "DeleteIdentityPool", IdentityPoolId=pool_id)

    def describe(self, pool_id: str) -> dict:
        return pool_config(call(self._client(pool_id), "DescribeIdentityPool", IdentityPoolId=pool_id))

    def update(self, config: dict) -> dict:
        """Send the complete configuration (read-modify-write); returns the pool as AWS now has it."""
        params = pool_config(config)
        return pool_config(call(self._client(params["IdentityPoolId"]), "UpdateIdentityPool", **params))

    def get_roles(self, pool_id: str) -> dict:
        response = call(self._client(pool_id), "GetIdentityPoolRoles", IdentityPoolId=pool_id)
        return {"Roles": response.get("Roles", {}), "RoleMappings": response.get("RoleMappings", {})}

    def set_roles(self, pool_id: str, roles: dict, role_mappings: dict | None = None) -> None:
        params = {"IdentityPoolId": pool_id, "Roles": roles}
        if role_mappings:
            params["RoleMappings"] = role_mappings
        call(self._client(pool_id), "SetIdentityPoolRoles", **params)
