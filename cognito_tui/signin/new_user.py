"""A test user to sign in with: a name the user pool accepts, a strong password its policy accepts
(made with `secrets`, handed back once and kept nowhere), created with AdminCreateUser (no
invitation sent) and a permanent AdminSetUserPassword. The user stays until someone deletes it."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass

from ..errors import AccessDeniedError, CognitoTuiError, ConflictError, NotFoundError

# Among the symbols Cognito accepts in a password; none needs quoting in JSON, and none is special
# to a shell inside quotes, so the password can be pasted anywhere.
SYMBOLS = "-_.+=@"
LENGTH = 20  # ~120 bits from 68 characters; longer when the pool asks for more
MAX_LENGTH = 256  # AdminSetUserPassword's limit
# Placeholder values for standard attributes a pool may require (custom ones cannot be required).
_REQUIRED_VALUES = {
    "name": "cognito-tui test user", "given_name": "Test", "family_name": "User", "middle_name": "T",
    "nickname": "tester", "preferred_username": "", "profile": "https://example.com/",
    "picture": "https://example.com/p.png", "website": "https://example.com/", "gender": "unspecified",
    "birthdate": "1970-01-01", "zoneinfo": "Etc/UTC", "locale": "en-US", "address": "example",
}


@dataclass(frozen=True)
class PasswordPolicy:
    """DescribeUserPool's Policies.PasswordPolicy (AWS's defaults where absent)."""

    minimum_length: int = 8
    uppercase: bool = True
    lowercase: bool = True
    numbers: bool = True
    symbols: bool = True

    @classmethod
    def of(cls, user_pool: dict) -> PasswordPolicy:
        policy = (user_pool.get("Policies") or {}).get("PasswordPolicy") or {}
        return cls(int(policy.get("MinimumLength", 8)), bool(policy.get("RequireUppercase", True)),
                   bool(policy.get("RequireLowercase", True)), bool(policy.get("RequireNumbers", True)),
                   bool(policy.get("RequireSymbols", True)))

    def describe(self) -> str:
        kinds = [kind for kind, wanted in (("upper case", self.uppercase), ("lower case", self.lowercase),
                                           ("digits", self.numbers), ("symbols", self.symbols)) if wanted]
        return f"at least {self.minimum_length} characters" + (f", with {', '.join(kinds)}" if kinds else "")


def new_password(policy: PasswordPolicy) -> str:
    """A random password that meets the policy: one character of every kind whatever the policy
    asks (so any policy is met), the rest drawn from all of them, in a random order."""
    kinds = (string.ascii_uppercase, string.ascii_lowercase, string.digits, SYMBOLS)
    length = min(MAX_LENGTH, max(LENGTH, policy.minimum_length))
    chars = [secrets.choice(kind) for kind in kinds]
    alphabet = "".join(kinds)
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


@dataclass(frozen=True)
class NewUser:
    """The user about to be created (read from the pool before asking; no secret in it)."""

    user_pool_id: str
    username: str
    attributes: tuple[tuple[str, str], ...]
    policy: PasswordPolicy


def plan_new_user(aws, user_pool_id: str) -> NewUser:
    """Read the pool (its password policy, what a username must be, required attributes) and pick
    a fresh username for it. Raises one clear error when the pool cannot be read from here."""
    try:
        pool = aws.user_pools.describe(user_pool_id)
    except CognitoTuiError as exc:
        raise _explained(exc, user_pool_id, "DescribeUserPool") from exc
    tag = secrets.token_hex(4)
    kinds = set(pool.get("UsernameAttributes") or ())
    phone = f"+1555{secrets.randbelow(10**7):07d}"  # 555: the numbering plan's fictional prefix
    email = f"cognito-tui-test-{tag}@example.com"
    if "email" in kinds:
        username = email
    elif "phone_number" in kinds:
        username = phone
    else:
        username = f"cognito-tui-test-{tag}"
    attributes = {}
    for attribute in pool.get("SchemaAttributes") or ():
        name = attribute.get("Name", "")
        if not attribute.get("Required") or name in ("sub", "email_verified", "phone_number_verified"):
            continue
        if name == "email":
            attributes[name] = username if username == email else email
        elif name == "phone_number":
            attributes[name] = username if username == phone else phone
        elif name in _REQUIRED_VALUES:
            attributes[name] = _REQUIRED_VALUES[name] or username.split("@")[0]
    if username == email:
        attributes.pop("email", None)  # Cognito sets it from the username
    if username == phone:
        attributes.pop("phone_number", None)
    return NewUser(user_pool_id, username, tuple(sorted(attributes.items())), PasswordPolicy.of(pool))


def create_new_user(aws, user: NewUser) -> str:
    """Create the user with a new permanent password and return that password (the only copy;
    log records are cleaned of it before anything is sent)."""
    from .redact import install

    password = new_password(user.policy)
    install().remember(password)
    try:
        aws.user_pools.create_user(user.user_pool_id, user.username, password, dict(user.attributes))
    except CognitoTuiError as exc:
        raise _explained(exc, user.user_pool_id, "AdminCreateUser", user.username) from exc
    return password


def _explained(exc: CognitoTuiError, user_pool_id: str, operation: str, username: str = "") -> CognitoTuiError:
    """The failures an operator meets here, each as one message saying what to do."""
    left = getattr(exc, "left_behind", "")
    if isinstance(exc, NotFoundError):
        error: CognitoTuiError = NotFoundError(
            f"User pool {user_pool_id} cannot be read from this account (another account's, or "
            "deleted).", "Create the test user with that account's credentials, or pick another provider.",
            code=exc.code, aws_message=exc.aws_message)
    elif isinstance(exc, AccessDeniedError):
        action = (exc.message.rsplit(" call ", 1)[-1].rstrip(".") if " call " in exc.message else operation)
        error = AccessDeniedError(
            f"Access denied: your identity may not call {action} on user pool {user_pool_id}.",
            "A test user needs cognito-idp:DescribeUserPool, AdminCreateUser and AdminSetUserPassword; "
            "use a profile that has them.", code=exc.code, aws_message=exc.aws_message)
    elif exc.code == "UsernameExistsException":
        error = ConflictError(
            f"A user named {username} already exists in user pool {user_pool_id}; nothing was changed.",
            "Try again: each attempt picks a new name.", code=exc.code, aws_message=exc.aws_message)
    else:
        error = type(exc)(f"Creating a test user in user pool {user_pool_id} failed: {exc.message}",
                          exc.hint, code=exc.code, aws_message=exc.aws_message)
    if left:
        error.message = f"{error.message} {left}"
    return error
