"""The sign-in state machine: SRP sign-in, challenges, logins map, GetId, credentials, refresh.

Blocking; the TUI runs each method in a thread worker, the `credentials` command calls it directly.
A first sign-in costs 4 API calls (InitiateAuth, RespondToAuthChallenge, GetId,
GetCredentialsForIdentity); a client secret that must be fetched adds DescribeUserPoolClient and
one more InitiateAuth; a cached identity ID saves the GetId.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from ..errors import CognitoTuiError, InputError, SignInError
from ..ids import validate_client_id, validate_identity_pool_id, validate_user_pool_id
from . import schedule
from .cache import IdentityCache
from .model import (CLIENT_SECRET_REQUIRED, MFA_SETUP, NEW_PASSWORD_REQUIRED, SELECT_MFA_TYPE, SIGNED_IN,
                    SIGNED_OUT, SMS_MFA, SOFTWARE_TOKEN_MFA, AuthenticatorSetup, Challenge, Credentials,
                    IdTokenClaims, Provider, Tokens, utcnow)
from .redact import install as install_redactor
from .tokens import claims_of, logins_map, unverified_claims

log = logging.getLogger(__name__)

_ANSWER_KEYS = {NEW_PASSWORD_REQUIRED: "NEW_PASSWORD", SOFTWARE_TOKEN_MFA: "SOFTWARE_TOKEN_MFA_CODE",
                SMS_MFA: "SMS_MFA_CODE", SELECT_MFA_TYPE: "ANSWER", MFA_SETUP: ""}
# A cached identity ID that the pool no longer knows (deleted identity, recreated pool) fails these.
_STALE_IDENTITY_CODES = {"ResourceNotFoundException"}


class SignIn:
    """Sign one user in to one identity pool through one Cognito provider.

    `state` is one of model.SIGNED_OUT, SIGNED_IN or a challenge of model.CHALLENGES; `challenge`
    says what to ask for in a challenge state. In MFA_SETUP, `authenticator` holds the secret to
    show (QR code and text) and the answer is a code from the app.
    """

    def __init__(self, aws, identity_pool_id: str, provider: Provider, *,
                 client_secret: str | None = None, fetch_secret: bool = True,
                 verify_signature: bool = True, cache: IdentityCache | None = None):
        from ..aws.auth import IdentityAuth, Jwks, UserPoolAuth

        self.identity_pool_id = validate_identity_pool_id(identity_pool_id)
        validate_user_pool_id(provider.user_pool_id)
        validate_client_id(provider.client_id)
        self.provider = provider
        self.aws = aws
        self._user_pool = UserPoolAuth(aws.clients)
        self._identity = IdentityAuth(aws.clients)
        self._jwks = Jwks(aws.settings.endpoint_url, timeout=aws.settings.read_timeout) if verify_signature else None
        self._cache = cache if cache is not None else IdentityCache()
        self._secret = client_secret or None
        self._fetch_secret = fetch_secret
        self._redactor = install_redactor()
        self._redactor.remember(client_secret)
        self._lock = threading.RLock()
        self._reset()

    def _reset(self) -> None:
        self.state = SIGNED_OUT
        self.challenge: Challenge | None = None
        self.tokens: Tokens | None = None
        self.claims: IdTokenClaims | None = None
        self.logins: dict[str, str] = {}
        self.identity_id: str | None = None
        self.credentials: Credentials | None = None
        self.last_refresh: datetime | None = None
        self._username = ""
        self._password: str | None = None
        self._step = None
        self.authenticator: AuthenticatorSetup | None = None

    # -- sign-in -------------------------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> str:
        """Start a sign-in. Returns the new state: SIGNED_IN, or a challenge to answer()."""
        if not username:
            raise InputError("A username is required.", "")
        if not password:
            raise InputError("A password is required.", "")
        with self._lock:
            self._reset()
            self._username, self._password = username, password
            self._redactor.remember(password)
            return self._srp()

    def answer(self, value: str) -> str:
        """Answer the current challenge (client secret, new password or MFA code)."""
        with self._lock:
            if self.state == CLIENT_SECRET_REQUIRED:
                if not value:
                    raise InputError("The client secret is required for this app client.", "")
                self._secret = value.strip()
                self._redactor.remember(self._secret)
                return self._srp()
            key = _ANSWER_KEYS.get(self.state)
            if key is None or self._step is None:
                raise InputError("There is no challenge to answer.", "Sign in first.")
            if not value:
                raise InputError(f"{self.challenge.prompt if self.challenge else 'An answer'} is required.", "")
            if self.state == NEW_PASSWORD_REQUIRED:
                self._redactor.remember(value)
            if self.state == MFA_SETUP:
                return self._finish_setup(value.strip())
            try:
                step = self._user_pool.respond(self.provider.user_pool_id, self.provider.client_id,
                                               self._step, {key: value.strip() if key != "NEW_PASSWORD" else value},
                                               self._secret)
            except CognitoTuiError as exc:
                if "session" in (exc.aws_message or "").lower():
                    self._reset()  # Cognito ended the session (expired or too many tries): start over
                raise
            return self._after(step)

    def _srp(self) -> str:
        from ..aws.auth import ClientSecretRequired

        pool, client = self.provider.user_pool_id, self.provider.client_id
        try:
            step = self._user_pool.srp(pool, client, self._username, self._password or "", self._secret)
        except ClientSecretRequired:
            if self._secret is None and self._fetch_secret:
                secret = self._describe_secret()
                if secret:
                    self._secret = secret
                    self._redactor.remember(secret)
                    return self._srp()
            self.state, self.challenge = CLIENT_SECRET_REQUIRED, Challenge(CLIENT_SECRET_REQUIRED)
            if self._secret is not None:  # a secret was given and is wrong: say so, ask again
                self._secret = None
                raise
            return self.state
        return self._after(step)

    def _describe_secret(self) -> str | None:
        try:
            return self._user_pool.client_secret(self.provider.user_pool_id, self.provider.client_id)
        except CognitoTuiError as exc:  # not permitted, or no credentials: ask the person instead
            log.debug("DescribeUserPoolClient failed (%s); asking for the client secret", exc.code or exc)
            return None

    def _after(self, step) -> str:
        if step.result:
            self._step = None
            self._password = None  # not needed any more; do not keep it in memory
            self._use_tokens(step.result, refresh_token=step.result.get("RefreshToken"))
            self._get_credentials()
            self.state, self.challenge = SIGNED_IN, None
            return self.state
        name = step.challenge or ""
        if name == MFA_SETUP:
            return self._start_setup(step)
        if name in _ANSWER_KEYS:
            self._step = step
            self.state, self.challenge = name, Challenge(name, _public(step.parameters))
            return self.state
        self._reset()
        raise SignInError(f"The user pool asked for the {name or 'unknown'} challenge, which is not supported yet.",
                          "Supported: NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA, SMS_MFA, SELECT_MFA_TYPE "
                          "and MFA_SETUP. Complete this step in your app or the Cognito console, then sign in again.",
                          code=name)

    # -- authenticator setup (MFA_SETUP) ---------------------------------------------------------

    def _start_setup(self, step) -> str:
        """MFA_SETUP: ask the user pool for a TOTP secret (AssociateSoftwareToken) to show."""
        import json
        from dataclasses import replace

        methods = step.parameters.get("MFAS_CAN_SETUP") or "[]"
        try:
            can = json.loads(methods) if isinstance(methods, str) else list(methods)
        except ValueError:
            can = []
        if can and "SOFTWARE_TOKEN_MFA" not in can:
            self._reset()
            raise SignInError("The user pool requires MFA and offers only SMS, which cannot be set up here.",
                              "Add a phone number to the user in your app or the Cognito console, then sign in "
                              "again.", code=MFA_SETUP)
        secret, session = self._user_pool.associate_software_token(self.provider.user_pool_id, session=step.session)
        self._redactor.remember(secret)
        self._step = replace(step, session=session)
        self.authenticator = AuthenticatorSetup(secret, account=self._username or step.username,
                                                issuer=self.provider.user_pool_id)
        self.state, self.challenge = MFA_SETUP, Challenge(MFA_SETUP)
        return self.state

    def _finish_setup(self, code: str) -> str:
        """VerifySoftwareToken with the app's code, then the MFA_SETUP answer; the sign-in goes on."""
        from dataclasses import replace

        assert self._step is not None
        pool, client = self.provider.user_pool_id, self.provider.client_id
        session = self._user_pool.verify_software_token(pool, code, session=self._step.session)
        step = self._user_pool.respond(pool, client, replace(self._step, session=session or self._step.session),
                                       {}, self._secret)
        self.authenticator = None
        return self._after(step)

    def add_authenticator(self) -> AuthenticatorSetup:
        """Signed in: a new TOTP secret for this user (replacing any app linked before once
        confirmed with confirm_authenticator)."""
        with self._lock:
            if self.state != SIGNED_IN or self.tokens is None:
                raise InputError("Not signed in.", "Sign in first.")
            secret, _ = self._user_pool.associate_software_token(self.provider.user_pool_id,
                                                                 access_token=self.tokens.access_token)
            self._redactor.remember(secret)
            account = self._username or (self.claims.username if self.claims else "")
            self.authenticator = AuthenticatorSetup(secret, account=account, issuer=self.provider.user_pool_id)
            return self.authenticator

    def confirm_authenticator(self, code: str) -> None:
        """VerifySoftwareToken with the app's code, then make the app the preferred MFA method."""
        with self._lock:
            if self.tokens is None or self.authenticator is None:
                raise InputError("There is no authenticator being set up.", "Start the setup first.")
            pool = self.provider.user_pool_id
            self._user_pool.verify_software_token(pool, code.strip(), access_token=self.tokens.access_token)
            self._user_pool.prefer_software_token(pool, self.tokens.access_token)
            self.authenticator = None

    def has_authenticator(self) -> bool:
        if self.tokens is None:
            raise InputError("Not signed in.", "Sign in first.")
        methods = self._user_pool.mfa_methods(self.provider.user_pool_id, self.tokens.access_token)
        return "SOFTWARE_TOKEN_MFA" in methods

    # -- tokens and credentials ----------------------------------------------------------------

    def _use_tokens(self, result: dict, refresh_token: str | None) -> None:
        id_token = result.get("IdToken")
        if not id_token:
            raise SignInError("The user pool returned no ID token.", "Check the app client's settings.")
        tokens = Tokens(id_token=id_token, access_token=result.get("AccessToken", ""),
                        refresh_token=refresh_token or (self.tokens.refresh_token if self.tokens else None),
                        expires_in=int(result.get("ExpiresIn") or 3600))
        self._redactor.remember(tokens.id_token, tokens.access_token, tokens.refresh_token)
        claims = claims_of(unverified_claims(id_token), self._verify(id_token))
        self.logins = logins_map(id_token, claims)
        self.tokens, self.claims = tokens, claims

    def _verify(self, id_token: str) -> str:
        if self._jwks is None:
            return "not checked"
        from ..aws.auth import verify_id_token

        pool = self.provider.user_pool_id
        try:
            keys = self._jwks.keys(pool)
        except (OSError, ValueError) as exc:  # the identity pool still checks the signature itself
            log.debug("JWKS for %s not fetched: %s", pool, exc)
            return f"not checked (signing keys unavailable: {exc})"
        verify_id_token(id_token, keys, issuer=f"https://{self.provider.name}", client_id=self.provider.client_id)
        return "verified"

    def _cache_key(self) -> str:
        assert self.claims is not None
        return IdentityCache.key(self.identity_pool_id, self.claims.provider_key, self.claims.sub)

    def _get_credentials(self) -> Credentials:
        try:
            return self._fetch_credentials()
        except CognitoTuiError as exc:
            from .refusals import explain_refusal

            explained = explain_refusal(self.aws, self.identity_pool_id, exc,
                                        self.tokens.id_token if self.tokens else None)
            if explained is exc:
                raise
            raise explained from exc

    def _fetch_credentials(self) -> Credentials:
        key = self._cache_key()
        identity_id = self.identity_id or self._cache.get(key)
        if identity_id:
            try:
                return self._credentials_for(identity_id)
            except CognitoTuiError as exc:
                if exc.code not in _STALE_IDENTITY_CODES:
                    raise
                log.debug("cached identity %s is stale (%s); asking GetId again", identity_id, exc.code)
                self._cache.drop(key)
        identity_id = self._identity.get_id(self.identity_pool_id, self.logins)
        self._cache.put(key, identity_id)
        return self._credentials_for(identity_id)

    def _credentials_for(self, identity_id: str) -> Credentials:
        received = utcnow()
        response = self._identity.get_credentials(identity_id, self.logins)
        credentials = Credentials.from_response(response, received)
        self._redactor.remember(credentials.secret_key, credentials.session_token)
        self.identity_id, self.credentials, self.last_refresh = credentials.identity_id, credentials, received
        return credentials

    # -- refresh -------------------------------------------------------------------------------

    def refresh_at(self) -> datetime | None:
        """When the next automatic refresh is due (credentials or ID token, whichever is first)."""
        if self.state != SIGNED_IN or self.credentials is None:
            return None
        at = schedule.refresh_at(self.credentials.expiration, self.credentials.lifetime)
        if self.claims is not None and self.tokens is not None and self.tokens.refresh_token:
            at = min(at, schedule.refresh_at(self.claims.exp, float(self.tokens.expires_in)))
        return at

    def refresh_due(self, now: datetime | None = None) -> bool:
        at = self.refresh_at()
        return at is not None and (now or utcnow()) >= at

    def refresh(self, *, force_tokens: bool = False) -> Credentials:
        """New credentials; first new user-pool tokens (REFRESH_TOKEN_AUTH) when the ID token is
        within the margin of its expiry, or when forced."""
        with self._lock:
            if self.state != SIGNED_IN or self.tokens is None or self.claims is None:
                raise InputError("Not signed in.", "Sign in first.")
            token_margin = schedule.margin(float(self.tokens.expires_in))
            if force_tokens or self.claims.seconds_left() <= token_margin:
                self.refresh_tokens()
            return self._get_credentials()

    def resume(self, refresh_token: str, internal_username: str, identity_id: str | None = None) -> Credentials:
        """Sign in again from a stored refresh token: REFRESH_TOKEN_AUTH, then
        GetCredentialsForIdentity with the identity ID given (2 calls; GetId only when it is stale)."""
        with self._lock:
            self._reset()
            self._redactor.remember(refresh_token)
            result = self._user_pool.refresh(self.provider.user_pool_id, self.provider.client_id,
                                             refresh_token, internal_username, self._secret)
            self._use_tokens(result, refresh_token=result.get("RefreshToken") or refresh_token)
            self.identity_id = identity_id
            credentials = self._get_credentials()
            self.state, self.challenge = SIGNED_IN, None
            return credentials

    def refresh_tokens(self) -> Tokens:
        with self._lock:
            if self.tokens is None or self.claims is None or not self.tokens.refresh_token:
                raise SignInError("There is no refresh token to renew the sign-in with.", "Sign in again.")
            result = self._user_pool.refresh(self.provider.user_pool_id, self.provider.client_id,
                                             self.tokens.refresh_token, self.claims.username, self._secret)
            self._use_tokens(result, refresh_token=result.get("RefreshToken"))
            assert self.tokens is not None
            return self.tokens

    # -- the rest ------------------------------------------------------------------------------

    @property
    def uses_client_secret(self) -> bool:
        return self._secret is not None

    @property
    def client_secret(self) -> str | None:
        """The app client's secret in use (given, fetched or typed), for storing with the sign-in."""
        return self._secret

    def prove(self) -> dict:
        """STS GetCallerIdentity with the temporary credentials: UserId, Account, Arn."""
        if self.credentials is None:
            raise InputError("Not signed in.", "Sign in first.")
        return self.aws.caller_identity(self.credentials.for_boto())

    def sign_out(self) -> None:
        """Forget tokens, credentials and any password or secret held; keep the identity-ID cache."""
        with self._lock:
            self._reset()


def _public(parameters: dict) -> dict:
    """Challenge parameters safe to show (no session data)."""
    keep = ("CODE_DELIVERY_DESTINATION", "CODE_DELIVERY_DELIVERY_MEDIUM", "requiredAttributes", "MFAS_CAN_CHOOSE")
    return {k: v for k, v in parameters.items() if k in keep}
