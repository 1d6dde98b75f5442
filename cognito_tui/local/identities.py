"""Identities: GetId, GetCredentialsForIdentity, GetOpenIdToken, ListIdentities, DescribeIdentity,
DeleteIdentities, with the login checks and error texts of AWS."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from .. import role_trust
from ..errors import AWS_CHECK_ROLES, AWS_LOGINS_DONT_MATCH, AWS_NOT_SUPPORTED, AWS_UNAUTH_NOT_SUPPORTED
from . import moto_bridge, role_mappings, tokens, validation as v
from .errors import ServiceError, ValidationErrors, invalid_parameter, not_authorized
from .identity_pools import paginate, pool_id_param
from .identity_store import Identity, IdentityPool, RegionState, new_id

SESSION_NAME = "CognitoIdentityCredentials"
# AWS's texts, from the one table the doctor and the error mapping use.
UNAUTH_NOT_SUPPORTED = AWS_UNAUTH_NOT_SUPPORTED
NOT_SUPPORTED_PROVIDER = AWS_NOT_SUPPORTED
LOGINS_DONT_MATCH = AWS_LOGINS_DONT_MATCH
BAD_ROLE_CONFIG = AWS_CHECK_ROLES
CLASSIC_FLOW_OFF = "Basic (classic) flow is not enabled, please use enhanced flow."


@dataclass(frozen=True)
class Login:
    """One logins-map entry that passed every check."""

    provider: str
    subject: str
    claims: dict[str, Any]

    @property
    def amr(self) -> list[str]:
        return role_trust.authenticated_amr(self.provider, self.subject)


def _logins_param(body: dict[str, Any]) -> dict[str, str]:
    errors = ValidationErrors()
    logins = v.string_map(errors, body, "Logins", "logins", v.LOGIN_PROVIDER_NAME, v.LOGIN_TOKEN)
    v.max_entries(errors, logins, "logins", 10)
    errors.raise_if_any()
    return logins


def _identity_id_param(body: dict[str, Any]) -> str:
    errors = ValidationErrors()
    identity_id = v.string(errors, body, "IdentityId", "identityId", v.IDENTITY_ID, required=True)
    errors.raise_if_any()
    assert identity_id is not None
    return identity_id


def _non_cognito_providers(pool: IdentityPool) -> set[str]:
    """Logins keys of the pool's other providers (social, OpenID Connect, SAML)."""
    keys = set(pool.supported_login_providers)
    keys.update(arn.rsplit("/", 1)[-1] for arn in pool.open_id_connect_provider_arns)
    keys.update(pool.saml_provider_arns)
    return keys


def _server_side_check(entry: dict[str, Any], claims: dict[str, Any]) -> None:
    """ServerSideTokenCheck: the user must still exist and be enabled in the user pool."""
    user_pool_id = entry["ProviderName"].rsplit("/", 1)[-1]
    pool = moto_bridge.user_pool(user_pool_id)
    user = moto_bridge.user_by_sub(pool, str(claims.get("sub"))) if pool else None
    if user is None or not user.enabled:
        raise not_authorized("Invalid login token. The user is no longer valid in the user pool.")


def verify_login(pool: IdentityPool, provider: str, token: str) -> Login:
    """Check one logins entry against the pool as AWS does; raise NotAuthorized with its text."""
    if provider in _non_cognito_providers(pool):
        raise not_authorized(f"The local Cognito verifies only Cognito user pool logins, not {provider}.")
    claims = tokens.verify_login(provider, token)
    entries = pool.cognito_provider(provider)
    if not entries:
        raise not_authorized(NOT_SUPPORTED_PROVIDER if pool.has_any_provider() else LOGINS_DONT_MATCH)
    entry = next((e for e in entries if e["ClientId"] == claims.get("aud")), None)
    if entry is None:
        raise not_authorized(NOT_SUPPORTED_PROVIDER)
    if entry.get("ServerSideTokenCheck"):
        _server_side_check(entry, claims)
    if not claims.get("sub"):
        raise not_authorized("Invalid login token. Missing a required claim: sub")
    return Login(provider, str(claims["sub"]), claims)


def verify_logins(pool: IdentityPool, logins: dict[str, str]) -> list[Login]:
    return [verify_login(pool, provider, token) for provider, token in logins.items()]


def _link(state: RegionState, identity: Identity, logins: list[Login]) -> None:
    for login in logins:
        key = (identity.pool_id, login.provider, login.subject)
        state.by_login[key] = identity.identity_id
        identity.logins[login.provider] = login.subject
    identity.modified = time.time()


def _identity_for(state: RegionState, pool: IdentityPool, logins: list[Login]) -> Identity:
    """The identity these logins belong to: the same one every time for the same user."""
    for login in logins:
        known = state.by_login.get((pool.pool_id, login.provider, login.subject))
        if known and known in state.identities:
            identity = state.identities[known]
            _link(state, identity, [x for x in logins if x.provider not in identity.logins])
            return identity
    identity = Identity(new_id(pool.region), pool.pool_id)
    state.identities[identity.identity_id] = identity
    _link(state, identity, logins)
    return identity


def get_id(state: RegionState, body: dict[str, Any]) -> dict[str, Any]:
    errors = ValidationErrors()
    v.string(errors, body, "AccountId", "accountId", v.StringRule(r"\d+", 1, 15))
    errors.raise_if_any()
    pool = state.pool(pool_id_param(body))
    logins = _logins_param(body)
    if not logins:
        if not pool.allow_unauthenticated:
            raise not_authorized(UNAUTH_NOT_SUPPORTED)
        identity = Identity(new_id(pool.region), pool.pool_id)
        state.identities[identity.identity_id] = identity
        return {"IdentityId": identity.identity_id}
    return {"IdentityId": _identity_for(state, pool, verify_logins(pool, logins)).identity_id}


def _authorize(state: RegionState, identity: Identity, pool: IdentityPool,
               logins: dict[str, str]) -> Login | None:
    """The login that entitles the caller to this identity (None: unauthenticated access)."""
    if not logins:
        if identity.logins:
            raise not_authorized(f"Access to Identity '{identity.identity_id}' is forbidden.")
        if not pool.allow_unauthenticated:
            raise not_authorized(UNAUTH_NOT_SUPPORTED)
        return None
    verified = verify_logins(pool, logins)
    if not identity.logins:
        # An unauthenticated identity becomes authenticated when a login nobody else holds arrives.
        free = [x for x in verified if (pool.pool_id, x.provider, x.subject) not in state.by_login]
        if not free:
            raise not_authorized(LOGINS_DONT_MATCH)
        _link(state, identity, free)
        return free[0]
    for login in verified:
        if identity.logins.get(login.provider) == login.subject:
            return login
    raise not_authorized(LOGINS_DONT_MATCH)


def _credentials(pool: IdentityPool, identity: Identity, role_arn: str | None,
                 amr: list[str], ttl: int) -> dict[str, Any]:
    role = moto_bridge.iam_role(role_arn) if role_arn else None
    if role is None or not role_trust.decide(moto_bridge.trust_policy(role), pool.pool_id,
                                             identity.identity_id, amr).allowed:
        raise ServiceError("InvalidIdentityPoolConfigurationException", BAD_ROLE_CONFIG)
    assert role_arn is not None
    assumed = moto_bridge.assume_role(role_arn, pool.region, ttl, SESSION_NAME)
    return {
        "AccessKeyId": assumed.access_key_id,
        "SecretKey": assumed.secret_access_key,
        "SessionToken": assumed.session_token,
        "Expiration": int(time.time()) + ttl,
    }


def get_credentials_for_identity(state: RegionState, body: dict[str, Any], ttl: int) -> dict[str, Any]:
    identity_id = _identity_id_param(body)
    errors = ValidationErrors()
    custom_role = v.string(errors, body, "CustomRoleArn", "customRoleArn", v.ARN)
    errors.raise_if_any()
    identity = state.identity(identity_id)
    pool = state.pool(identity.pool_id)
    login = _authorize(state, identity, pool, _logins_param(body))
    if login is None:
        role_arn, amr = pool.roles.get("unauthenticated"), ["unauthenticated"]
    else:
        role_arn = role_mappings.resolve(pool.roles, pool.role_mappings, login.provider, login.claims, custom_role)
        amr = login.amr
    credentials = _credentials(pool, identity, role_arn, amr, ttl)
    return {"IdentityId": identity_id, "Credentials": credentials}


def get_open_id_token(state: RegionState, body: dict[str, Any]) -> dict[str, Any]:
    identity = state.identity(_identity_id_param(body))
    pool = state.pool(identity.pool_id)
    login = _authorize(state, identity, pool, _logins_param(body))
    if not pool.allow_classic_flow:
        raise invalid_parameter(CLASSIC_FLOW_OFF)
    amr = login.amr if login else ["unauthenticated"]
    token = tokens.open_id_token(identity.identity_id, pool.pool_id, amr)
    return {"IdentityId": identity.identity_id, "Token": token}


def list_identities(state: RegionState, body: dict[str, Any]) -> dict[str, Any]:
    errors = ValidationErrors()
    limit = v.integer(errors, body, "MaxResults", "maxResults", 1, 60, required=True)
    token = v.string(errors, body, "NextToken", "nextToken", v.PAGINATION_KEY)
    errors.raise_if_any()
    pool = state.pool(pool_id_param(body))
    assert limit is not None
    members = [i for i in state.identities.values() if i.pool_id == pool.pool_id]
    page, next_token = paginate(members, limit, token)
    out: dict[str, Any] = {"IdentityPoolId": pool.pool_id, "Identities": [i.to_json() for i in page]}
    if next_token:
        out["NextToken"] = next_token
    return out


def describe_identity(state: RegionState, body: dict[str, Any]) -> dict[str, Any]:
    return state.identity(_identity_id_param(body)).to_json()


def delete_identities(state: RegionState, body: dict[str, Any]) -> dict[str, Any]:
    errors = ValidationErrors()
    ids = v.string_list(errors, body, "IdentityIdsToDelete", "identityIdsToDelete", v.IDENTITY_ID)
    if not 1 <= len(ids) <= 60:
        errors.add(ids, "identityIdsToDelete", "Member must have length between 1 and 60")
    errors.raise_if_any()
    for identity_id in ids:
        # Deleting an identity that is not there is not an error (the ErrorCode enum has no such case).
        if identity_id in state.identities:
            state.delete_identity(identity_id)
    return {"UnprocessedIdentityIds": []}
