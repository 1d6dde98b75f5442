"""RevokeToken as AWS does it (moto has none): a refresh token is revoked for good, with the access
tokens it issued; REFRESH_TOKEN_AUTH then fails with "Refresh Token has been revoked". Also a
refresh token is only honoured for the app client it was issued to. GlobalSignOut is moto's own
(it revokes every refresh token of the user and forgets the access tokens)."""

from __future__ import annotations

import base64
import json
from typing import Any

from ..errors import AWS_REFRESH_REVOKED
from . import moto_bridge
from .errors import ServiceError, invalid_parameter, not_authorized
from .sign_in_fixes import Forward, Reply

REVOKED = AWS_REFRESH_REVOKED


class TokenRevocation:
    OPERATIONS = frozenset({"RevokeToken", "InitiateAuth"})

    def handle(self, operation: str, body: dict[str, Any], forward: Forward) -> Reply:
        if operation == "RevokeToken":
            self._revoke(body)
            return _empty()
        if body.get("AuthFlow") in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
            self._check_refresh_client(body)
        return forward(body)

    def _check_refresh_client(self, body: dict[str, Any]) -> None:
        found = moto_bridge.find_client(str(body.get("ClientId", "")))
        token = (body.get("AuthParameters") or {}).get("REFRESH_TOKEN")
        if found is None or not token:
            return  # moto answers these with AWS's errors
        issued = found[0].refresh_tokens.get(token)
        if issued is None and token in found[0].refresh_tokens:
            raise not_authorized(REVOKED)
        if issued is None or issued[0] != found[1].id:
            raise not_authorized("Invalid Refresh Token")

    def _revoke(self, body: dict[str, Any]) -> None:
        token, client_id = body.get("Token"), body.get("ClientId")
        if not token or not client_id:
            raise invalid_parameter("Token and ClientId are required.")
        found = moto_bridge.find_client(str(client_id))
        if found is None:
            raise ServiceError("ResourceNotFoundException", f"User pool client {client_id} does not exist.")
        pool, client = found
        if client.extended_config.get("EnableTokenRevocation") is False:
            raise ServiceError("UnsupportedOperationException", "Token revocation is not enabled for this client.")
        if client.generate_secret and body.get("ClientSecret") != client.secret:
            raise not_authorized("Client authentication failed.")
        if str(token).count(".") == 2:
            raise ServiceError("UnsupportedTokenTypeException", "The token type is not supported.")
        issued = pool.refresh_tokens.get(token)
        if issued is None:
            return  # unknown or already revoked: RFC 7009 says the call still succeeds
        issued_to, _username, origin_jti = issued
        if issued_to != client.id:
            raise not_authorized("The token was not issued to this client.")
        pool.refresh_tokens[token] = None
        for access_token in [t for t in pool.access_tokens if _origin_jti(t) == origin_jti]:
            pool.access_tokens.pop(access_token, None)


def _origin_jti(jwt_text: str) -> str | None:
    try:
        payload = jwt_text.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return None
    return claims.get("origin_jti") if isinstance(claims, dict) else None


def _empty() -> Reply:
    return Reply(200, [("Content-Type", "application/x-amz-json-1.1"), ("Content-Length", "2")], b"{}")
