"""What a sign-in holds: the provider chosen, user-pool tokens, ID-token claims, AWS credentials."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..ids import provider_name

# States of the sign-in machine. The challenge states are named as Cognito names the challenges.
SIGNED_OUT = "SIGNED_OUT"
CLIENT_SECRET_REQUIRED = "CLIENT_SECRET_REQUIRED"
NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED"
SOFTWARE_TOKEN_MFA = "SOFTWARE_TOKEN_MFA"
SMS_MFA = "SMS_MFA"
MFA_SETUP = "MFA_SETUP"
SELECT_MFA_TYPE = "SELECT_MFA_TYPE"
SIGNED_IN = "SIGNED_IN"
CHALLENGES = (CLIENT_SECRET_REQUIRED, NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA, SMS_MFA, MFA_SETUP,
              SELECT_MFA_TYPE)

# What to ask the person for, per challenge: (prompt, answer is secret).
PROMPTS = {
    CLIENT_SECRET_REQUIRED: ("App client secret", True),
    NEW_PASSWORD_REQUIRED: ("New password (the user must set one)", True),
    SOFTWARE_TOKEN_MFA: ("Code from the authenticator app", False),
    SMS_MFA: ("Code sent by SMS", False),
    MFA_SETUP: ("Code from the authenticator app (to finish its setup)", False),
    SELECT_MFA_TYPE: ("MFA method", False),
}


@dataclass(frozen=True)
class Provider:
    """One Cognito provider of an identity pool: a user pool and one of its app clients."""

    user_pool_id: str
    client_id: str

    @property
    def name(self) -> str:
        return provider_name(self.user_pool_id)


@dataclass(frozen=True)
class Challenge:
    name: str
    parameters: dict = field(default_factory=dict)

    @property
    def prompt(self) -> str:
        text = PROMPTS.get(self.name, (self.name, True))[0]
        where = self.parameters.get("CODE_DELIVERY_DESTINATION")
        return f"{text} ({where})" if where else text

    @property
    def secret(self) -> bool:
        return PROMPTS.get(self.name, ("", True))[1]


@dataclass(frozen=True)
class AuthenticatorSetup:
    """A TOTP secret to put in an authenticator app (AssociateSoftwareToken's answer)."""

    secret: str = field(repr=False)
    account: str = ""
    issuer: str = ""

    @property
    def uri(self) -> str:
        from .qr import otpauth_uri

        return otpauth_uri(self.secret, self.account, self.issuer)


@dataclass(frozen=True)
class Tokens:
    id_token: str = field(repr=False)
    access_token: str = field(repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    expires_in: int = 3600


@dataclass(frozen=True)
class IdTokenClaims:
    """The claims that matter for the identity pool, from the ID token itself."""

    iss: str
    aud: str
    token_use: str
    exp: datetime
    sub: str = ""
    username: str = ""  # cognito:username, the internal username
    signature: str = "not checked"  # "verified", or why it was not checked

    @property
    def provider_key(self) -> str:
        """The logins-map key: the issuer without https:// (cognito-idp.<region>.amazonaws.com/<pool>)."""
        return self.iss.removeprefix("https://")

    def seconds_left(self, now: datetime | None = None) -> float:
        return (self.exp - (now or utcnow())).total_seconds()


@dataclass(frozen=True)
class Credentials:
    """Temporary AWS credentials from GetCredentialsForIdentity."""

    identity_id: str
    access_key_id: str
    secret_key: str = field(repr=False)
    session_token: str = field(repr=False)
    expiration: datetime = field(default_factory=lambda: utcnow())
    received_at: datetime = field(default_factory=lambda: utcnow())

    @property
    def lifetime(self) -> float:
        return max(0.0, (self.expiration - self.received_at).total_seconds())

    def seconds_left(self, now: datetime | None = None) -> float:
        return (self.expiration - (now or utcnow())).total_seconds()

    def for_boto(self) -> dict[str, str]:
        """The shape Aws.caller_identity takes (Cognito's own field names)."""
        return {"AccessKeyId": self.access_key_id, "SecretKey": self.secret_key,
                "SessionToken": self.session_token}

    @classmethod
    def from_response(cls, response: dict, received_at: datetime | None = None) -> "Credentials":
        expiration = response["Expiration"]
        if not isinstance(expiration, datetime):
            expiration = datetime.fromtimestamp(float(expiration), timezone.utc)
        if expiration.tzinfo is None:
            expiration = expiration.replace(tzinfo=timezone.utc)
        return cls(identity_id=response["IdentityId"], access_key_id=response["AccessKeyId"],
                   secret_key=response["SecretKey"], session_token=response["SessionToken"],
                   expiration=expiration.astimezone(timezone.utc), received_at=received_at or utcnow())


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def mask(secret: str | None, *, keep: int = 0) -> str:
    """A secret as the screen shows it until revealed: its length only (plus a non-secret prefix)."""
    if not secret:
        return "(none)"
    shown = secret[:keep] if keep else ""
    return f"{shown}{'•' * 8} ({len(secret)} characters, hidden)"
