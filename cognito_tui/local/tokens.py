"""JWTs: checking user-pool ID tokens as cognito-identity does, and signing OpenID tokens.

User-pool tokens are signed with their pool's own key (signing_keys); GetId checks a token
against the key set of the pool its issuer names. OpenID tokens from GetOpenIdToken are signed
with the RS256 key that ships inside moto (kid "dummy").
"""

from __future__ import annotations

import functools
import re
import time
import uuid
from typing import Any

from .. import jwt_claims
from ..errors import AWS_ISSUER_MISMATCH, AWS_MISSING_AUD
from . import moto_bridge, signing_keys
from .errors import not_authorized

OPEN_ID_TOKEN_TTL = 600  # seconds; GetOpenIdToken tokens last ten minutes on AWS
OPEN_ID_ISSUER = "https://cognito-identity.amazonaws.com"
KEY_ID = "dummy"  # the kid in moto's JWKS
USER_POOL_ISSUER = re.compile(r"^https://cognito-idp\.([a-z0-9-]+)\.amazonaws\.com/([\w-]+_[0-9a-zA-Z]+)$")

NOT_A_TOKEN = "Invalid login token. Not a valid OpenId Connect identity token."
BAD_SIGNATURE = "Invalid login token. Couldn't verify signed token."
WRONG_ISSUER = AWS_ISSUER_MISMATCH  # AWS's texts, from the one table in cognito_tui.errors
MISSING_AUD = AWS_MISSING_AUD


def unverified_parts(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, claims) of a compact JWS without checking it, or NotAuthorized if it is not one."""
    try:
        return jwt_claims.unverified_parts(token)
    except jwt_claims.NotAJwt:
        raise not_authorized(NOT_A_TOKEN) from None


@functools.cache
def _open_id_keys() -> Any:
    from joserfc.jwk import KeySet

    return KeySet.import_key_set(moto_bridge.public_jwks())


def open_id_signature_valid(token: str) -> bool:
    """Is the token signed with the key GetOpenIdToken signs with?"""
    from joserfc import jwt
    from joserfc.errors import JoseError

    try:
        jwt.decode(token, _open_id_keys(), algorithms=["RS256"])
    except (JoseError, ValueError):
        return False
    return True


def verify_login(provider_name: str, token: str, now: int | None = None) -> dict[str, Any]:
    """The claims of a user-pool ID token sent under logins[provider_name], checked as AWS checks
    them: issuer = https://<provider name>, signed by the pool's key, not expired, has aud."""
    now = int(time.time()) if now is None else now
    _, claims = unverified_parts(token)
    if claims.get("iss") != f"https://{provider_name}":
        raise not_authorized(WRONG_ISSUER)
    match = USER_POOL_ISSUER.match(claims["iss"])
    # AWS fetches the issuer's JWKS; a user pool that does not exist (any more) has none.
    if (not match or moto_bridge.user_pool(match.group(2)) is None
            or not signing_keys.verify(match.group(2), token)):
        raise not_authorized(BAD_SIGNATURE)
    expires = claims.get("exp")
    if not isinstance(expires, (int, float)):
        raise not_authorized("Invalid login token. Missing a required claim: exp")
    if now >= expires:
        raise not_authorized(f"Invalid login token. Token expired: {now} >= {int(expires)}")
    if "aud" not in claims:
        raise not_authorized(MISSING_AUD)
    if claims.get("token_use", "id") != "id":
        raise not_authorized("Invalid login token. Not an ID token.")
    return claims


def sign(claims: dict[str, Any]) -> str:
    """An RS256 JWT signed with moto's key (OpenID tokens of the identity pools)."""
    from joserfc import jwt

    return jwt.encode({"kid": KEY_ID, "alg": "RS256"}, claims, moto_bridge.signing_key())


def sign_user_pool_token(claims: dict[str, Any]) -> str:
    """A token exactly as the local user pool named by its `iss` would sign it (tests use it to
    build expired or tampered ID tokens)."""
    match = USER_POOL_ISSUER.match(str(claims.get("iss", "")))
    if not match:
        raise ValueError("the claims need the iss of a user pool")
    return signing_keys.sign(match.group(2), claims)


def open_id_token(identity_id: str, pool_id: str, amr: list[str], ttl: int = OPEN_ID_TOKEN_TTL) -> str:
    """The OpenID Connect token GetOpenIdToken returns: sub = identity, aud = identity pool."""
    now = int(time.time())
    return sign({
        "iss": OPEN_ID_ISSUER,
        "sub": identity_id,
        "aud": pool_id,
        "amr": amr,
        "iat": now,
        "exp": now + ttl,
        "jti": str(uuid.uuid4()),
    })
