"""User-pool sign-in (SRP with pycognito's AWSSRP), refresh, token verification, and the identity
pool's GetId / GetCredentialsForIdentity. The only module that imports pycognito."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import threading
from dataclasses import dataclass, field

from ..errors import CognitoTuiError, SignInError
from ..ids import region_of_identity_pool, region_of_user_pool
from .session import Clients, call
from .user_pools import UserPools

log = logging.getLogger(__name__)

# AWS's texts when a client has a secret and none (or a wrong one) was sent. moto reports a missing
# SECRET_HASH as NotAuthorizedException with the text "None", so that is matched on its own below.
_SECRET_TEXTS = ("secret hash", "configured for secret", "secret was not received", "secret_hash")


class ClientSecretRequired(SignInError):
    """The app client has a secret and the request carried none (or a wrong one)."""


@dataclass(frozen=True)
class AuthStep:
    """One answer from the user pool: tokens, or the next challenge to answer."""

    result: dict | None = field(default=None, repr=False)
    challenge: str | None = None
    session: str | None = field(default=None, repr=False)
    parameters: dict = field(default_factory=dict)
    username: str = ""  # the internal username (USERNAME of the challenge), used for SECRET_HASH


def secret_hash(username: str, client_id: str, client_secret: str) -> str:
    """Base64 HMAC-SHA256 of username + client ID, keyed with the client secret (AWS's SECRET_HASH)."""
    digest = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _secret_problem(error: CognitoTuiError) -> bool:
    if error.code != "NotAuthorizedException":
        return False
    text = (error.aws_message or "").lower()
    return any(needle in text for needle in _SECRET_TEXTS) or text.strip() == "none"


class UserPoolAuth:
    """InitiateAuth / RespondToAuthChallenge against one Clients factory (retries, endpoint apply)."""

    def __init__(self, clients: Clients):
        self._clients = clients
        self._user_pools = UserPools(clients)

    def _idp(self, user_pool_id: str):
        return self._clients.client("cognito-idp", region_of_user_pool(user_pool_id))

    def _call(self, operation: str, user_pool_id: str, **params) -> dict:
        try:
            return call(self._idp(user_pool_id), operation, **params)
        except CognitoTuiError as exc:
            if _secret_problem(exc):
                raise ClientSecretRequired(
                    "The app client has a secret, and it was missing or wrong.",
                    "Give the client secret (or use an identity allowed to call DescribeUserPoolClient).",
                    code=exc.code, aws_message=exc.aws_message) from exc
            raise

    def client_secret(self, user_pool_id: str, client_id: str) -> str | None:
        """The client's secret via DescribeUserPoolClient (None when it has none)."""
        _details, secret = self._user_pools.describe_client(user_pool_id, client_id, with_secret=True)
        return secret

    def srp(self, user_pool_id: str, client_id: str, username: str, password: str,
            client_secret: str | None) -> AuthStep:
        """USER_SRP_AUTH: InitiateAuth, then the PASSWORD_VERIFIER answer (2 calls)."""
        from pycognito.aws_srp import AWSSRP

        helper = AWSSRP(username=username, password=password, pool_id=user_pool_id,
                        client_id=client_id, client=self._idp(user_pool_id), client_secret=client_secret)
        auth_params = helper.get_auth_params()
        log.debug("InitiateAuth USER_SRP_AUTH: user pool %s, client %s", user_pool_id, client_id)
        first = self._call("InitiateAuth", user_pool_id, AuthFlow="USER_SRP_AUTH",
                           AuthParameters=auth_params, ClientId=client_id)
        if first.get("ChallengeName") != "PASSWORD_VERIFIER":
            return _step(first, username)
        answer = helper.process_challenge(first["ChallengeParameters"], auth_params)
        params = {"ClientId": client_id, "ChallengeName": "PASSWORD_VERIFIER", "ChallengeResponses": answer}
        if first.get("Session"):
            params["Session"] = first["Session"]
        response = self._call("RespondToAuthChallenge", user_pool_id, **params)
        return _step(response, answer["USERNAME"])

    def respond(self, user_pool_id: str, client_id: str, step: AuthStep, answers: dict[str, str],
                client_secret: str | None) -> AuthStep:
        """Answer a challenge (new password, MFA code) with the internal username and SECRET_HASH."""
        responses = {"USERNAME": step.username, **answers}
        if client_secret:
            responses["SECRET_HASH"] = secret_hash(step.username, client_id, client_secret)
        params = {"ClientId": client_id, "ChallengeName": step.challenge, "ChallengeResponses": responses}
        if step.session:
            params["Session"] = step.session
        log.debug("RespondToAuthChallenge %s: user pool %s", step.challenge, user_pool_id)
        return _step(self._call("RespondToAuthChallenge", user_pool_id, **params), step.username)

    def refresh(self, user_pool_id: str, client_id: str, refresh_token: str, username: str,
                client_secret: str | None) -> dict:
        """REFRESH_TOKEN_AUTH; SECRET_HASH uses the internal username (cognito:username)."""
        params = {"REFRESH_TOKEN": refresh_token}
        if client_secret:
            params["SECRET_HASH"] = secret_hash(username, client_id, client_secret)
        log.debug("InitiateAuth REFRESH_TOKEN_AUTH: user pool %s, client %s", user_pool_id, client_id)
        response = self._call("InitiateAuth", user_pool_id, AuthFlow="REFRESH_TOKEN_AUTH",
                              AuthParameters=params, ClientId=client_id)
        result = response.get("AuthenticationResult")
        if not result:
            raise SignInError("The user pool did not return new tokens on refresh.",
                              "Sign in again.", code=response.get("ChallengeName") or "")
        return result

    # -- authenticator apps (TOTP), sign-out --------------------------------------------------

    def associate_software_token(self, user_pool_id: str, *, session: str | None = None,
                                 access_token: str | None = None) -> tuple[str, str | None]:
        """AssociateSoftwareToken: (the new secret, the session to go on with, if any)."""
        params = {"Session": session} if session else {"AccessToken": access_token}
        log.debug("AssociateSoftwareToken: user pool %s", user_pool_id)
        response = self._call("AssociateSoftwareToken", user_pool_id, **params)
        return response["SecretCode"], response.get("Session") or session

    def verify_software_token(self, user_pool_id: str, code: str, *, session: str | None = None,
                              access_token: str | None = None, device_name: str = "cognito-tui") -> str | None:
        """VerifySoftwareToken: links the authenticator; returns the session to go on with."""
        params = {"Session": session} if session else {"AccessToken": access_token}
        log.debug("VerifySoftwareToken: user pool %s", user_pool_id)
        response = self._call("VerifySoftwareToken", user_pool_id, UserCode=code,
                              FriendlyDeviceName=device_name, **params)
        return response.get("Session")

    def prefer_software_token(self, user_pool_id: str, access_token: str) -> None:
        self._call("SetUserMFAPreference", user_pool_id, AccessToken=access_token,
                   SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})

    def mfa_methods(self, user_pool_id: str, access_token: str) -> list[str]:
        """The user's MFA methods (GetUser's UserMFASettingList), e.g. ["SOFTWARE_TOKEN_MFA"]."""
        return list(self._call("GetUser", user_pool_id, AccessToken=access_token).get("UserMFASettingList") or [])

    def revoke(self, user_pool_id: str, client_id: str, refresh_token: str, client_secret: str | None) -> None:
        """RevokeToken: the refresh token and the tokens it issued stop working."""
        params = {"Token": refresh_token, "ClientId": client_id}
        if client_secret:
            params["ClientSecret"] = client_secret
        self._call("RevokeToken", user_pool_id, **params)

    def global_sign_out(self, user_pool_id: str, access_token: str) -> None:
        """GlobalSignOut: every refresh token of the user, on every device, stops working."""
        self._call("GlobalSignOut", user_pool_id, AccessToken=access_token)


def _step(response: dict, username: str) -> AuthStep:
    params = response.get("ChallengeParameters") or {}
    return AuthStep(result=response.get("AuthenticationResult"), challenge=response.get("ChallengeName"),
                    session=response.get("Session"), parameters=dict(params),
                    username=params.get("USERNAME") or username)


class IdentityAuth:
    """The enhanced flow: GetId, then GetCredentialsForIdentity (both unsigned calls)."""

    def __init__(self, clients: Clients):
        self._clients = clients

    def _client(self, identity_pool_id_or_identity_id: str):
        region = region_of_identity_pool(identity_pool_id_or_identity_id)
        return self._clients.client("cognito-identity", region)

    def get_id(self, identity_pool_id: str, logins: dict[str, str]) -> str:
        log.debug("GetId: identity pool %s, providers %s", identity_pool_id, sorted(logins))
        return call(self._client(identity_pool_id), "GetId", IdentityPoolId=identity_pool_id,
                    Logins=logins)["IdentityId"]

    def get_credentials(self, identity_id: str, logins: dict[str, str]) -> dict:
        log.debug("GetCredentialsForIdentity: identity %s", identity_id)
        response = call(self._client(identity_id), "GetCredentialsForIdentity", IdentityId=identity_id,
                        Logins=logins)
        return {"IdentityId": response.get("IdentityId", identity_id), **response["Credentials"]}


class Jwks:
    """The user pool's signing keys, fetched once per pool: from the endpoint when one is set
    (the local Cognito serves them there), from AWS otherwise. Never falls back to AWS."""

    def __init__(self, endpoint_url: str | None, timeout: float = 10.0):
        self._endpoint = endpoint_url.rstrip("/") if endpoint_url else None
        self._timeout = timeout
        self._lock = threading.Lock()
        self._keys: dict[str, dict] = {}

    def url(self, user_pool_id: str) -> str:
        base = self._endpoint or f"https://cognito-idp.{region_of_user_pool(user_pool_id)}.amazonaws.com"
        return f"{base}/{user_pool_id}/.well-known/jwks.json"

    def keys(self, user_pool_id: str) -> dict:
        with self._lock:
            found = self._keys.get(user_pool_id)
        if found is not None:
            return found
        import urllib.request  # only when keys are fetched: it is not on the sign-in's path

        with urllib.request.urlopen(self.url(user_pool_id), timeout=self._timeout) as response:  # noqa: S310
            keys = json.loads(response.read().decode())
        with self._lock:
            self._keys[user_pool_id] = keys
        return keys


def verify_id_token(token: str, keys: dict, *, issuer: str, client_id: str, leeway: float = 60) -> dict:
    """Check an ID token's signature, issuer, audience and expiry; return its claims."""
    import jwt

    try:
        kid = jwt.get_unverified_header(token).get("kid")
        matching = [k for k in keys.get("keys", []) if k.get("kid") == kid]
        if not matching:
            raise SignInError(f"The ID token is signed with key {kid!r}, which the user pool does not publish.",
                              "Check the user pool ID and the endpoint.")
        key = jwt.PyJWK(matching[0]).key
        return jwt.decode(token, key, algorithms=["RS256"], audience=client_id, issuer=issuer,
                          leeway=leeway, options={"require": ["aud", "iss", "exp"], "verify_iat": False})
    except jwt.PyJWTError as exc:
        raise SignInError(f"The ID token did not pass verification: {exc}.",
                          "Check the user pool ID, the app client ID and the clock.") from exc
