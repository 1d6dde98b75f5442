"""Software-token MFA as AWS does it, in front of moto (which hands every user the fixed secret
"asdfasdfasdf" and checks no code unless told to):

- the user pool's MfaConfiguration is honoured: OFF never challenges, OPTIONAL challenges a user
  who has an authenticator, ON sends MFA_SETUP to a user without one (MFAS_CAN_SETUP as AWS's
  JSON text) and SOFTWARE_TOKEN_MFA to a user with one;
- AssociateSoftwareToken makes a random base32 secret per call (20 bytes, as RFC 4226 advises);
- VerifySoftwareToken and the SOFTWARE_TOKEN_MFA answer check the code as RFC 6238 does (HMAC-SHA1,
  6 digits, 30-second steps, one step of drift either way); a wrong code is refused with AWS's
  errors (EnableSoftwareTokenMFAException on setup, CodeMismatchException on sign-in);
- the MFA_SETUP answer is accepted only with a session that VerifySoftwareToken handed out.

The secrets live on moto's user objects, so they go wherever moto's state goes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import struct
import threading
import time
from typing import Any

from ..errors import AWS_CODE_MISMATCH, AWS_INVALID_ACCESS_TOKEN, AWS_INVALID_SESSION, AWS_MFA_SETUP_MISMATCH
from . import moto_bridge
from .errors import ServiceError, invalid_parameter, not_authorized
from .sign_in_fixes import Forward, Reply, check_secret_hash

STEP_SECONDS = 30
DIGITS = 6
DRIFT_STEPS = 1
SECRET_BYTES = 20
# Attributes kept on moto's user objects.
SECRET_ATTR = "cognito_tui_totp_secret"
PENDING_ATTR = "cognito_tui_totp_pending"
MFA_CHALLENGES = ("SOFTWARE_TOKEN_MFA", "SMS_MFA", "MFA_SETUP", "SELECT_MFA_TYPE")
INVALID_SESSION = AWS_INVALID_SESSION


def new_secret() -> str:
    """A random base32 secret without padding (32 characters for 20 bytes)."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode().rstrip("=")


def totp(secret: str, at: float, step: int = STEP_SECONDS, digits: int = DIGITS) -> str:
    """The RFC 6238 code of `secret` (base32) at Unix time `at`."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at // step)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10 ** digits).zfill(digits)


def code_ok(secret: str | None, code: Any, now: float | None = None) -> bool:
    """The code matches this step or one step either side of it."""
    if not secret or not isinstance(code, str) or not code.isdigit() or len(code) != DIGITS:
        return False
    now = time.time() if now is None else now
    return any(hmac.compare_digest(totp(secret, now + drift * STEP_SECONDS), code)
               for drift in range(-DRIFT_STEPS, DRIFT_STEPS + 1))


def has_authenticator(user: Any) -> bool:
    return bool(getattr(user, SECRET_ATTR, None))


def export(user: Any) -> dict[str, str] | None:
    """The user's authenticator secrets, for the state file (None when there are none)."""
    kept = {name: getattr(user, name, None) for name in (SECRET_ATTR, PENDING_ATTR)}
    return {k: v for k, v in kept.items() if v} or None


def restore(user: Any, data: Any) -> None:
    for name in (SECRET_ATTR, PENDING_ATTR):
        value = data.get(name) if isinstance(data, dict) else None
        setattr(user, name, value if isinstance(value, str) and value else None)


class MfaFixes:
    """The intercepted operations; the chain passes anything else on."""

    OPERATIONS = frozenset({"InitiateAuth", "RespondToAuthChallenge", "AssociateSoftwareToken",
                            "VerifySoftwareToken"})

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._setup_sessions: set[str] = set()  # handed out by VerifySoftwareToken for MFA_SETUP

    def handle(self, operation: str, body: dict[str, Any], forward: Forward) -> Reply:
        if operation == "AssociateSoftwareToken":
            return _json(self._associate(body))
        if operation == "VerifySoftwareToken":
            return self._verify(body, forward)
        if operation == "RespondToAuthChallenge":
            name = body.get("ChallengeName")
            if name == "SOFTWARE_TOKEN_MFA":
                self._check_sign_in_code(body)
            elif name == "MFA_SETUP":
                self._check_setup_session(body)
        return self._after_password(body, forward(body), forward)

    # -- which challenge follows the password ---------------------------------------------------

    def _after_password(self, body: dict[str, Any], reply: Reply, forward: Forward) -> Reply:
        data = reply.json()
        name = data.get("ChallengeName")
        if reply.status != 200 or name not in MFA_CHALLENGES:
            return reply
        found = moto_bridge.find_client(str(body.get("ClientId", "")))
        if found is None:
            return reply
        pool, client = found
        username = (data.get("ChallengeParameters") or {}).get("USERNAME") or _username_of(data.get("Session"))
        user = pool.users.get(username) if username else None
        if user is None:
            return reply
        wanted = _challenge_for(pool, user)
        if wanted is None:  # OFF, or OPTIONAL without an authenticator: no MFA step at all
            return self._complete(client, data, username, forward)
        params = dict(data.get("ChallengeParameters") or {})
        params.setdefault("USERNAME", username)
        if wanted == "MFA_SETUP":
            params["MFAS_CAN_SETUP"] = json.dumps(["SOFTWARE_TOKEN_MFA"])
        return reply.with_json({**data, "ChallengeName": wanted, "ChallengeParameters": params})

    def _complete(self, client: Any, data: dict[str, Any], username: str, forward: Forward) -> Reply:
        """Finish moto's MFA step for it: its checks are off, so any answer passes."""
        name = data["ChallengeName"]
        responses = {"USERNAME": username}
        if name in ("SOFTWARE_TOKEN_MFA", "SMS_MFA"):
            responses[f"{name}_CODE"] = "000000"
        if client.generate_secret:
            digest = hmac.new(client.secret.encode(), f"{username}{client.id}".encode(), hashlib.sha256)
            responses["SECRET_HASH"] = base64.b64encode(digest.digest()).decode()
        return forward({"ClientId": client.id, "ChallengeName": "MFA_SETUP" if name == "SELECT_MFA_TYPE" else name,
                        "Session": data.get("Session"), "ChallengeResponses": responses})

    # -- answers --------------------------------------------------------------------------------

    def _check_sign_in_code(self, body: dict[str, Any]) -> None:
        answers = body.get("ChallengeResponses") or {}
        user = _session_user(body.get("Session"))
        found = moto_bridge.find_client(str(body.get("ClientId", "")))
        if found is not None and found[1].generate_secret:
            check_secret_hash(found[1], answers.get("USERNAME"), answers.get("SECRET_HASH"))
        if not code_ok(getattr(user, SECRET_ATTR, None), answers.get("SOFTWARE_TOKEN_MFA_CODE")):
            raise ServiceError("CodeMismatchException", AWS_CODE_MISMATCH)

    def _check_setup_session(self, body: dict[str, Any]) -> None:
        with self._lock:
            if body.get("Session") not in self._setup_sessions:
                raise not_authorized(INVALID_SESSION)
            self._setup_sessions.discard(body.get("Session"))

    def _associate(self, body: dict[str, Any]) -> dict[str, Any]:
        user, session = self._user_of(body)
        secret = new_secret()
        setattr(user, PENDING_ATTR, secret)
        return {"SecretCode": secret, **({"Session": session} if session else {})}

    def _verify(self, body: dict[str, Any], forward: Forward) -> Reply:
        user, session = self._user_of(body)
        code = body.get("UserCode")
        if not isinstance(code, str) or not code.isdigit() or len(code) != DIGITS:
            raise invalid_parameter("1 validation error detected: Value at 'userCode' failed to satisfy "
                                    "constraint: Member must satisfy regular expression pattern: [0-9]+")
        pending = getattr(user, PENDING_ATTR, None)
        if not pending:
            raise not_authorized("AssociateSoftwareToken was not called for this user.")
        if not code_ok(pending, code):
            raise ServiceError("EnableSoftwareTokenMFAException", AWS_MFA_SETUP_MISMATCH)
        reply = forward(body)  # moto marks the user verified and opens the next session
        if reply.status != 200:
            return reply
        setattr(user, SECRET_ATTR, pending)
        setattr(user, PENDING_ATTR, None)
        next_session = reply.json().get("Session")
        if session:  # set up during sign-in (MFA_SETUP): the app becomes the user's MFA method
            user.software_token_mfa_enabled = True
            user.preferred_mfa_setting = "SOFTWARE_TOKEN_MFA"
        if session and next_session:
            with self._lock:
                self._setup_sessions.add(next_session)
            return reply
        # With an access token AWS returns only the status: the authenticator is linked.
        return reply.with_json({"Status": "SUCCESS"})

    def _user_of(self, body: dict[str, Any]) -> tuple[Any, str | None]:
        session, token = body.get("Session"), body.get("AccessToken")
        if session:
            user = _session_user(session)
            if user is None:
                raise not_authorized(INVALID_SESSION)
            return user, session
        if token:
            user = moto_bridge.access_token_user(str(token))
            if user is None:
                raise not_authorized(AWS_INVALID_ACCESS_TOKEN)
            return user, None
        raise invalid_parameter("Either AccessToken or Session must be given.")


def _challenge_for(pool: Any, user: Any) -> str | None:
    config = getattr(pool, "mfa_config", "OFF") or "OFF"
    if config == "ON":
        return "SOFTWARE_TOKEN_MFA" if has_authenticator(user) else "MFA_SETUP"
    if config == "OPTIONAL" and has_authenticator(user) and getattr(user, "software_token_mfa_enabled", True):
        return "SOFTWARE_TOKEN_MFA"
    return None


def _session_user(session: Any) -> Any | None:
    found = moto_bridge.session_user(str(session)) if session else None
    return found


def _username_of(session: Any) -> str | None:
    user = _session_user(session)
    return user.username if user is not None else None


def _json(data: dict[str, Any]) -> Reply:
    body = json.dumps(data).encode()
    return Reply(200, [("Content-Type", "application/x-amz-json-1.1"), ("Content-Length", str(len(body)))], body)
