"""Sign a user in through a user pool to an identity pool and get AWS credentials. No UI here.

Names are loaded on first use: `credentials` answering from its cache needs only a few of them,
and a credential_process pays every import on every call."""

import importlib

_HOMES = {
    ".cache": ("IdentityCache",),
    ".formats": ("FORMATS", "as_dict", "as_json", "as_process", "env_lines"),
    ".machine": ("SignIn",),
    ".model": ("CHALLENGES", "CLIENT_SECRET_REQUIRED", "MFA_SETUP", "NEW_PASSWORD_REQUIRED", "SELECT_MFA_TYPE",
               "SIGNED_IN", "SIGNED_OUT", "SMS_MFA", "SOFTWARE_TOKEN_MFA", "AuthenticatorSetup", "Challenge",
               "Credentials", "IdTokenClaims", "Provider", "Tokens", "mask"),
    ".schedule": ("refresh_margin",),
    ".tokens": ("logins_map", "masked_logins", "unverified_claims"),
}
_WHERE = {name: module for module, names in _HOMES.items() for name in names}
_RENAMED = {"refresh_margin": "margin"}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__():
    return __all__
