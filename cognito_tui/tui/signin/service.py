"""What the sign-in view needs from the core, as blocking calls for thread workers.

Imports the core (and through it boto3) lazily, so the screen paints before boto3 loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class View:
    """A snapshot of the sign-in for the screen: taken in the worker, read on the UI thread."""

    state: str
    prompt: str = ""
    prompt_secret: bool = True
    claims: Any = None  # cognito_tui.signin.IdTokenClaims
    logins: dict = field(default_factory=dict, repr=False)
    identity_id: str = ""
    credentials: Any = field(default=None, repr=False)  # cognito_tui.signin.Credentials
    refresh_at: datetime | None = None
    has_secret: bool = False
    user_pool_id: str = ""
    client_id: str = ""
    authenticator: Any = field(default=None, repr=False)  # cognito_tui.signin.AuthenticatorSetup
    qr_lines: tuple = field(default=(), repr=False)  # its QR code, drawn in the worker


class SignInService:
    """Talks to AWS (or a local endpoint) for the sign-in view.

    Build it from a Settings, or hand it an existing cognito_tui.aws.gateway.Aws (the wizard's),
    so the view shares its clients, retries and endpoint."""

    def __init__(self, settings=None, aws=None):
        self._settings = settings
        self._aws = aws

    @classmethod
    def coerce(cls, value) -> "SignInService":
        if isinstance(value, SignInService):
            return value
        if value is None or type(value).__name__ == "Settings":
            return cls(settings=value)
        return cls(aws=value)  # an Aws gateway

    @property
    def aws(self):
        if self._aws is None:
            from ...aws.gateway import Aws

            self._aws = Aws(self._settings)
        return self._aws

    def providers(self, identity_pool_id: str) -> list[tuple[str, str]]:
        """The pool's Cognito providers as (user pool ID, client ID), malformed names skipped."""
        from ...errors import InputError
        from ...ids import parse_provider_name, validate_identity_pool_id

        validate_identity_pool_id(identity_pool_id)
        config = self.aws.identity_pools.describe(identity_pool_id)
        out = []
        for item in config.get("CognitoIdentityProviders") or []:
            try:
                out.append((parse_provider_name(item.get("ProviderName", "")), item.get("ClientId", "")))
            except InputError:
                continue
        return out

    def new_signin(self, identity_pool_id: str, user_pool_id: str, client_id: str):
        from ...signin import Provider, SignIn

        return SignIn(self.aws, identity_pool_id, Provider(user_pool_id, client_id))

    def plan_new_user(self, user_pool_id: str):
        """The test user to create in this pool (cognito_tui.signin.new_user.NewUser)."""
        from ...signin.new_user import plan_new_user

        return plan_new_user(self.aws, user_pool_id)

    def create_new_user(self, user) -> str:
        """Create it; returns its password, the only copy."""
        from ...signin.new_user import create_new_user

        return create_new_user(self.aws, user)

    @staticmethod
    def view(signin) -> View:
        challenge = signin.challenge
        setup = signin.authenticator if signin.state == "MFA_SETUP" else None
        qr_lines: tuple = ()
        if setup is not None:
            from ...signin.qr import qr_lines as draw

            qr_lines = tuple(draw(setup.uri))
        return View(
            state=signin.state, prompt=challenge.prompt if challenge else "",
            prompt_secret=challenge.secret if challenge else True, claims=signin.claims,
            logins=dict(signin.logins), identity_id=signin.identity_id or "",
            credentials=signin.credentials, refresh_at=signin.refresh_at(),
            has_secret=signin.uses_client_secret,
            user_pool_id=signin.provider.user_pool_id, client_id=signin.provider.client_id,
            authenticator=setup, qr_lines=qr_lines)
