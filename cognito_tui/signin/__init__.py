"""Sign a user in through a user pool to an identity pool and get AWS credentials. No UI here."""

from .cache import IdentityCache
from .formats import FORMATS, as_dict, as_json, as_process, env_lines
from .machine import SignIn
from .model import (CHALLENGES, CLIENT_SECRET_REQUIRED, NEW_PASSWORD_REQUIRED, SIGNED_IN, SIGNED_OUT,
                    SMS_MFA, SOFTWARE_TOKEN_MFA, Challenge, Credentials, IdTokenClaims, Provider, Tokens,
                    mask)
from .schedule import margin as refresh_margin
from .tokens import logins_map, masked_logins, unverified_claims

__all__ = [
    "CHALLENGES", "CLIENT_SECRET_REQUIRED", "NEW_PASSWORD_REQUIRED", "SIGNED_IN", "SIGNED_OUT", "SMS_MFA",
    "SOFTWARE_TOKEN_MFA", "Challenge", "Credentials", "FORMATS", "IdTokenClaims", "IdentityCache", "Provider",
    "SignIn", "Tokens", "as_dict", "as_json", "as_process", "env_lines", "logins_map", "mask",
    "masked_logins", "refresh_margin", "unverified_claims",
]
