"""ID-token claims and the logins map, built from the token's own issuer."""

from __future__ import annotations

from datetime import datetime, timezone

from .. import jwt_claims
from ..errors import SignInError
from .model import IdTokenClaims

MAX_TOKEN_LENGTH = 50_000


def unverified_claims(token: str) -> dict:
    """The JWT payload, decoded without checking the signature (the identity pool checks it)."""
    try:
        return jwt_claims.unverified_claims(token)
    except jwt_claims.NotAJwt as exc:
        raise SignInError(f"The user pool returned a token that cannot be read: {exc}.",
                          "Check the endpoint answers as Cognito does.") from exc


def claims_of(claims: dict, signature: str = "not checked") -> IdTokenClaims:
    aud = claims.get("aud", "")
    if isinstance(aud, list):
        aud = aud[0] if aud else ""
    exp = claims.get("exp")
    return IdTokenClaims(
        iss=str(claims.get("iss", "")), aud=str(aud), token_use=str(claims.get("token_use", "")),
        exp=datetime.fromtimestamp(float(exp), timezone.utc) if exp is not None else datetime.now(timezone.utc),
        sub=str(claims.get("sub", "")), username=str(claims.get("cognito:username") or claims.get("sub", "")),
        signature=signature)


def logins_map(token: str, claims: IdTokenClaims) -> dict[str, str]:
    """{issuer without https://: ID token}, exactly as GetId and the SDKs take it.

    Refuses anything but an ID token: an access token has no `aud`, and the identity pool answers
    "Missing a required claim: aud" for it."""
    if claims.token_use != "id":
        raise SignInError(
            f"Refusing to send a token with token_use={claims.token_use!r} to the identity pool.",
            "Put the user pool's ID token (token_use = id) in the logins map, not the access token.")
    if not claims.iss.startswith("https://cognito-idp."):
        raise SignInError(f"The ID token's issuer {claims.iss!r} is not a Cognito user pool.",
                          "Check the user pool and the endpoint.")
    if len(token) > MAX_TOKEN_LENGTH:
        raise SignInError("The ID token is longer than the identity pool accepts (50,000 characters).",
                          "Trim the custom claims the user pool adds (pre-token-generation trigger).")
    return {claims.provider_key: token}


def masked_logins(logins: dict[str, str]) -> dict[str, str]:
    """The logins map with each token shown as its first characters (the JWT header) and length."""
    return {key: f"{token[:10]}… ({len(token)} characters)" for key, token in logins.items()}
