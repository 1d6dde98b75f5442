"""The only place that reaches into moto's in-process backends (user pools, IAM roles, STS)."""

from __future__ import annotations

import functools
import json
import secrets
import string
from typing import Any

from .identity_store import ACCOUNT_ID

PARTITION = "aws"
PRIVATE_JWK_RESOURCE = "cognitoidp/resources/jwks-private.json"
PUBLIC_JWKS_RESOURCE = "cognitoidp/resources/jwks-public.json"


def _cognitoidp_backends():
    from moto.cognitoidp.models import cognitoidp_backends

    return cognitoidp_backends


def user_pool(user_pool_id: str, account_id: str = ACCOUNT_ID) -> Any | None:
    """moto's user pool object for an ID, or None (unknown pool or unknown region prefix)."""
    region = user_pool_id.rsplit("_", 1)[0]
    try:
        backend = _cognitoidp_backends()[account_id][region]
    except KeyError:
        return None
    return backend.user_pools.get(user_pool_id)


def find_client(client_id: str) -> tuple[Any, Any] | None:
    """(user pool, app client) for a client ID in any account and region, as moto itself searches."""
    for account_backends in _cognitoidp_backends().values():
        for region, backend in account_backends.items():
            if region == "global":
                continue
            for pool in backend.user_pools.values():
                client = pool.clients.get(client_id)
                if client is not None:
                    return pool, client
    return None


def find_user(pool: Any, name: Any) -> Any | None:
    """The user a sign-in name means (username or, on alias pools, e-mail or phone), or None."""
    if not isinstance(name, str) or not name:
        return None
    try:
        return pool._get_user(name)  # moto's own lookup, aliases included
    except Exception:  # moto raises its own not-found types
        return None


def user_for_access_token(token: Any) -> tuple[Any, Any] | None:
    """(user pool, user) an access token was issued to, as moto itself looks it up."""
    for account_backends in _cognitoidp_backends().values():
        for region, backend in account_backends.items():
            for pool in ([] if region == "global" else backend.user_pools.values()):
                issued = pool.access_tokens.get(token) if isinstance(token, str) else None
                if issued is not None:
                    user = find_user(pool, issued[1])
                    return (pool, user) if user is not None else None
    return None


def user_by_sub(pool: Any, sub: str) -> Any | None:
    return next((u for u in pool.users.values() if u.id == sub), None)


def iam_role(role_arn: str, account_id: str = ACCOUNT_ID) -> Any | None:
    from moto.iam.models import iam_backends

    try:
        return iam_backends[account_id][PARTITION].get_role_by_arn(role_arn)
    except Exception:  # moto raises its own NotFound types; any failure means "no such role"
        return None


def trust_policy(role: Any) -> dict[str, Any]:
    """The role's trust policy as a dict; moto keeps it as the JSON text it was given."""
    document = role.assume_role_policy_document
    if isinstance(document, dict):
        return document
    try:
        parsed = json.loads(document or "{}")
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def assume_role(role_arn: str, region: str, duration: int, session_name: str) -> Any:
    """Credentials from moto's STS, so GetCallerIdentity with them shows the assumed role."""
    from moto.sts.models import sts_backends

    backend = sts_backends[ACCOUNT_ID][PARTITION]
    return backend.assume_role_with_web_identity(
        region_name=region, role_session_name=session_name, role_arn=role_arn,
        policy=None, duration=duration, external_id=None)


@functools.cache
def private_jwk() -> dict[str, Any]:
    """moto's private JWK (read-only: the result is shared)."""
    from moto.utilities.utils import load_resource

    return load_resource(PRIVATE_JWK_RESOURCE)


@functools.cache
def public_jwks() -> dict[str, Any]:
    """moto's JWKS, the same for every user pool (read-only: the result is shared)."""
    from moto.utilities.utils import load_resource

    return load_resource(PUBLIC_JWKS_RESOURCE)


@functools.cache
def signing_key() -> Any:
    """moto's user-pool signing key, imported once: the import costs ~0.15 s of RSA math.
    (Two threads racing here would both import it; harmless, the results are equal.)"""
    from joserfc import jwk

    return jwk.RSAKey.import_key(private_jwk())


def _lazy_signing_key(_guest: Any) -> Any:
    # joserfc accepts a callable wherever it takes a key, and calls it only when signing.
    return signing_key()


class _CachedJwk:
    """Stands in for joserfc.jwk inside moto.cognitoidp.models: every new user pool gets the one
    shared signing key, imported on first use, instead of importing it again (~110 ms a pool)."""

    def __init__(self, real: Any):
        self._real = real
        self.RSAKey = _CachedRSAKey(real.RSAKey)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class _CachedRSAKey:
    def __init__(self, real: Any):
        self._real = real

    def import_key(self, data: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and data == private_jwk():
            return _lazy_signing_key
        return self._real.import_key(data, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


USER_POOL_ID_STRATEGY = "cognito-tui:aws-user-pool-id"
CLIENT_ID_STRATEGY = "cognito-tui:aws-client-id"
USER_POOL_ID_CHARS = string.ascii_letters + string.digits
CLIENT_ID_CHARS = string.ascii_lowercase + string.digits


def aws_shaped_id(strategy: str | None, *args: Any) -> str:
    """moto's cognitoidp generate_id, with two strategies of ours: the part of a user pool ID
    after "<region>_" (9 letters and digits) and an app client ID (26 lowercase letters and
    digits), shaped as AWS issues them. Any other strategy goes to moto's own generator."""
    if strategy == USER_POOL_ID_STRATEGY:
        return "".join(secrets.choice(USER_POOL_ID_CHARS) for _ in range(9))
    if strategy == CLIENT_ID_STRATEGY:
        return "".join(secrets.choice(CLIENT_ID_CHARS) for _ in range(26))
    from moto.cognitoidp.utils import generate_id

    return generate_id(strategy, *args)


def _issue_token(pool: Any, *args: Any, **kwargs: Any) -> tuple[str, int]:
    from .user_pool_tokens import create_jwt

    return create_jwt(pool, *args, **kwargs)


def install_patches() -> None:
    """Bend moto's user pools towards AWS; idempotent.

    - IDs: moto builds user pool and client IDs from a strategy it reads from its settings;
      models.py looks the strategy and the generator up by module-level name, so pointing those
      names at ours gives AWS-shaped IDs with no other change.
    - Tokens: each pool signs with its own key, and ID tokens carry the group claims.
    - Speed: create_user_pool no longer imports moto's shared key anew (~110 ms a pool)."""
    from moto.cognitoidp import models

    if not isinstance(models.jwk, _CachedJwk):
        models.jwk = _CachedJwk(models.jwk)
    models.get_cognito_idp_user_pool_id_strategy = lambda: USER_POOL_ID_STRATEGY
    models.get_cognito_idp_user_pool_client_id_strategy = lambda: CLIENT_ID_STRATEGY
    models.generate_id = aws_shaped_id
    models.CognitoIdpUserPool.create_jwt = _issue_token


def session_user(session: str) -> Any | None:
    """The user an open sign-in session (InitiateAuth's Session) belongs to, or None."""
    for account_backends in _cognitoidp_backends().values():
        for region, backend in account_backends.items():
            found = None if region == "global" else backend.sessions.get(session)
            if found is not None:
                name, pool = found
                return pool._get_user(name)
    return None


def access_token_owner(token: str) -> tuple[Any, Any, str] | None:
    """(user pool, user, client ID) for an access token moto issued and still honours, or None."""
    for account_backends in _cognitoidp_backends().values():
        for region, backend in account_backends.items():
            if region == "global":
                continue
            for pool in backend.user_pools.values():
                found = pool.access_tokens.get(token)
                if found is not None:
                    client_id, name = found
                    return pool, pool._get_user(name), client_id
    return None


def access_token_user(token: str) -> Any | None:
    owner = access_token_owner(token)
    return owner[1] if owner else None
