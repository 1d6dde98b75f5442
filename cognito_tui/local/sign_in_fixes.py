"""Closes moto's user-pool sign-in gaps in front of it, request by request:

- ExplicitAuthFlows: a client only accepts the flows it enables (moto accepts any).
- SRP: moto answers USER_SRP_AUTH with random SALT/SRP_B and never checks the proof, and its
  USER_ID_FOR_SRP (the sub) breaks plain-username pools. Here the server half of SRP runs for
  real, USER_ID_FOR_SRP is the internal username, and a wrong password is refused.
- SECRET_HASH: required for clients with a secret on the flows that carry a username.

Everything that passes the checks is forwarded to moto, which issues the tokens.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ..errors import (AWS_AUTH_FLOW, AWS_CUSTOM_FLOW, AWS_PASSWORD_FLOW, AWS_REFRESH_REVOKED, AWS_SECRET_HASH,
                      AWS_SESSION_EXPIRED, AWS_SRP_FLOW, AWS_WRONG_PASSWORD)
from . import moto_bridge, password_verifiers, srp
from .errors import ServiceError, invalid_parameter, not_authorized

TARGET_PREFIX = "AWSCognitoIdentityProviderService."
WRONG_PASSWORD = AWS_WRONG_PASSWORD
SESSION_EXPIRED = AWS_SESSION_EXPIRED
DEFAULT_FLOWS = frozenset({"ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"})
LEGACY_FLOWS = {"ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
                "CUSTOM_AUTH_FLOW_ONLY": "ALLOW_CUSTOM_AUTH"}
KNOWN_FLOWS = frozenset(LEGACY_FLOWS) | {
    "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH",
    "ALLOW_TOKEN_EXCHANGE_DELEGATION", "ALLOW_TOKEN_EXCHANGE_IMPERSONATION"}
# AuthFlow -> (the ExplicitAuthFlows value it needs, and AWS's error code and text without it)
FLOW_RULES: dict[str, tuple[str, str, str]] = {
    "USER_SRP_AUTH": ("ALLOW_USER_SRP_AUTH", "InvalidParameterException", AWS_SRP_FLOW),
    "USER_PASSWORD_AUTH": ("ALLOW_USER_PASSWORD_AUTH", "InvalidParameterException", AWS_PASSWORD_FLOW),
    "ADMIN_USER_PASSWORD_AUTH": ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "InvalidParameterException",
                                 AWS_AUTH_FLOW),
    "ADMIN_NO_SRP_AUTH": ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "InvalidParameterException",
                          AWS_AUTH_FLOW),
    "REFRESH_TOKEN_AUTH": ("ALLOW_REFRESH_TOKEN_AUTH", "NotAuthorizedException", AWS_REFRESH_REVOKED),
    "REFRESH_TOKEN": ("ALLOW_REFRESH_TOKEN_AUTH", "NotAuthorizedException", AWS_REFRESH_REVOKED),
    "CUSTOM_AUTH": ("ALLOW_CUSTOM_AUTH", "InvalidParameterException", AWS_CUSTOM_FLOW),
}


@dataclass(frozen=True)
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def json(self) -> dict[str, Any]:
        try:
            data = json.loads(self.body or b"{}")
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def with_json(self, data: dict[str, Any]) -> Reply:
        body = json.dumps(data).encode()
        headers = [(k, v) for k, v in self.headers if k.lower() != "content-length"]
        return replace(self, headers=headers + [("Content-Length", str(len(body)))], body=body)


Forward = Callable[[dict[str, Any]], Reply]


def enabled_flows(configured: list[str] | None) -> frozenset[str]:
    """The flows a client accepts. No setting means AWS's defaults; the legacy names keep SRP and
    refresh on (unless CUSTOM_AUTH_FLOW_ONLY)."""
    if not configured:
        return DEFAULT_FLOWS
    flows = {f for f in configured if f.startswith("ALLOW_")}
    legacy = [f for f in configured if f in LEGACY_FLOWS]
    if legacy:
        flows |= {LEGACY_FLOWS[f] for f in legacy} | {"ALLOW_REFRESH_TOKEN_AUTH"}
        if "CUSTOM_AUTH_FLOW_ONLY" not in legacy:
            flows.add("ALLOW_USER_SRP_AUTH")
    return frozenset(flows)


def check_flow(client: Any, auth_flow: Any) -> None:
    rule = FLOW_RULES.get(auth_flow) if isinstance(auth_flow, str) else None
    if rule is None:
        return  # moto rejects unknown flow names itself, with AWS's enum text
    needed, code, message = rule
    if needed not in enabled_flows(client.extended_config.get("ExplicitAuthFlows")):
        raise ServiceError(code, message)


def check_secret_hash(client: Any, username: Any, given: Any) -> None:
    if not client.generate_secret:
        return
    if not given:
        raise not_authorized(f"Client {client.id} is configured with secret but SECRET_HASH was not received")
    digest = hmac.new(client.secret.encode(), f"{username}{client.id}".encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(base64.b64encode(digest).decode(), str(given)):
        raise not_authorized(AWS_SECRET_HASH.replace("<id>", client.id))


def check_client_flows_param(body: dict[str, Any]) -> None:
    """CreateUserPoolClient / UpdateUserPoolClient: unknown ExplicitAuthFlows names are refused."""
    flows = body.get("ExplicitAuthFlows")
    if not isinstance(flows, list) or all(f in KNOWN_FLOWS for f in flows):
        return
    allowed = ", ".join(sorted(KNOWN_FLOWS))
    raise invalid_parameter(
        f"1 validation error detected: Value '[{', '.join(map(str, flows))}]' at 'explicitAuthFlows' "
        f"failed to satisfy constraint: Member must satisfy constraint: "
        f"[Member must satisfy enum value set: [{allowed}]]")


class SignInFixes:
    """The intercepted cognito-idp operations, with the SRP challenges in flight."""

    OPERATIONS = frozenset({"InitiateAuth", "AdminInitiateAuth", "RespondToAuthChallenge",
                            "AdminRespondToAuthChallenge", "CreateUserPoolClient", "UpdateUserPoolClient",
                            "ChangePassword"})

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._challenges: dict[str, srp.Challenge] = {}

    def handle(self, operation: str, body: dict[str, Any], forward: Forward) -> Reply:
        if operation in ("InitiateAuth", "AdminInitiateAuth"):
            return self._initiate_auth(body, forward)
        if operation in ("RespondToAuthChallenge", "AdminRespondToAuthChallenge"):
            return self._respond(body, forward)
        if operation == "ChangePassword":
            found = moto_bridge.user_for_access_token(body.get("AccessToken"))
            if found is not None:
                password_verifiers.learn(found[0].id, found[1], body.get("PreviousPassword"))
            return forward(body)
        check_client_flows_param(body)
        return forward(body)

    def _initiate_auth(self, body: dict[str, Any], forward: Forward) -> Reply:
        found = moto_bridge.find_client(str(body.get("ClientId", "")))
        if found is None:
            return forward(body)  # moto answers an unknown client with AWS's error
        pool, client = found
        flow = body.get("AuthFlow")
        check_flow(client, flow)
        params = body.get("AuthParameters") or {}
        if flow in ("USER_SRP_AUTH", "USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"):
            check_secret_hash(client, params.get("USERNAME"), params.get("SECRET_HASH"))
        if flow in ("USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"):
            user = moto_bridge.find_user(pool, params.get("USERNAME"))
            if user is not None:
                password_verifiers.learn(pool.id, user, params.get("PASSWORD"))
        if flow != "USER_SRP_AUTH":
            return forward(body)
        if not params.get("SRP_A"):
            raise invalid_parameter("Missing required parameter SRP_A")
        big_a = srp.parse_srp_a(params["SRP_A"])
        if big_a is None:
            raise invalid_parameter("SRP_A is not a valid SRP value.")
        reply = forward(body)
        data = reply.json()
        if reply.status != 200 or data.get("ChallengeName") != "PASSWORD_VERIFIER":
            return reply
        return reply.with_json(self._srp_challenge(pool, client, data, str(params.get("USERNAME")), big_a))

    def _srp_challenge(self, pool: Any, client: Any, data: dict[str, Any], login_name: str,
                       big_a: int) -> dict[str, Any]:
        session = data["Session"]
        user = pool.users[data["ChallengeParameters"]["USERNAME"]]  # moto names the internal username
        challenge = srp.start(pool.id, client.id, login_name, user.username, user.username,
                              password_verifiers.for_srp(pool.id, user), big_a, time.time())
        with self._lock:
            self._forget_expired()
            self._challenges[session] = challenge
        data["ChallengeParameters"].update({
            "SALT": challenge.salt_hex,
            "SRP_B": challenge.srp_b_hex,
            "USER_ID_FOR_SRP": challenge.user_id_for_srp,
            # The secret block carries moto's session, so the answer leads back to it.
            "SECRET_BLOCK": base64.b64encode(session.encode()).decode(),
        })
        return data

    def _forget_expired(self) -> None:
        cutoff = time.time() - 15 * 60  # the longest AuthSessionValidity a client can have
        for session in [s for s, c in self._challenges.items() if c.created < cutoff]:
            del self._challenges[session]

    def _take(self, secret_block: Any) -> tuple[str, srp.Challenge]:
        if not secret_block:
            raise invalid_parameter("Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK")
        try:
            session = base64.b64decode(str(secret_block), validate=True).decode()
        except (binascii.Error, ValueError):
            raise not_authorized(SESSION_EXPIRED) from None
        with self._lock:
            challenge = self._challenges.pop(session, None)  # one answer per challenge
        if challenge is None:
            raise not_authorized(SESSION_EXPIRED)
        return session, challenge

    def _respond(self, body: dict[str, Any], forward: Forward) -> Reply:
        if body.get("ChallengeName") != "PASSWORD_VERIFIER":
            return forward(body)
        answers = dict(body.get("ChallengeResponses") or {})
        session, challenge = self._take(answers.get("PASSWORD_CLAIM_SECRET_BLOCK"))
        found = moto_bridge.find_client(str(body.get("ClientId", "")))
        if found is None or found[1].id != challenge.client_id:
            raise not_authorized(WRONG_PASSWORD)
        pool, client = found
        validity = int(client.extended_config.get("AuthSessionValidity") or 3) * 60
        if time.time() - challenge.created > validity:
            raise not_authorized(SESSION_EXPIRED)
        for name in ("USERNAME", "TIMESTAMP", "PASSWORD_CLAIM_SIGNATURE"):
            if not answers.get(name):
                raise invalid_parameter(f"Missing required parameter {name}")
        user = pool.users.get(challenge.username)
        # Clients answer with the challenge's USERNAME, with USER_ID_FOR_SRP, with the name they
        # signed in with, or (clients written against moto) with the sub.
        accepted = (user.username, user.id, challenge.user_id_for_srp, challenge.login_name) if user else ()
        if answers["USERNAME"] not in accepted:
            raise not_authorized(WRONG_PASSWORD)
        check_secret_hash(client, answers["USERNAME"], answers.get("SECRET_HASH"))
        if not srp.signature_ok(challenge, session.encode(), str(answers["TIMESTAMP"]),
                                str(answers["PASSWORD_CLAIM_SIGNATURE"])):
            raise not_authorized(WRONG_PASSWORD)
        # moto puts the name it is given into the tokens' email claim on e-mail-as-username pools,
        # so it gets the name the user signed in with; it resolves aliases itself.
        answers.update({"USERNAME": challenge.login_name, "PASSWORD_CLAIM_SECRET_BLOCK": session})
        return forward({**body, "ChallengeResponses": answers})
