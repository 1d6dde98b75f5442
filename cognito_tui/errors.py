"""Domain errors: one message, one hint, one exit code; and the table from AWS error codes to them."""

from __future__ import annotations

import re
from dataclasses import dataclass

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_CONFLICT = 3
EXIT_INTERRUPTED = 130


class CognitoTuiError(Exception):
    """An error a person can act on: what went wrong, and what to do about it."""

    exit_code = EXIT_FAILED
    title = "Error"

    def __init__(self, message: str, hint: str = "", *, code: str = "", aws_message: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code
        self.aws_message = aws_message

    def to_dict(self) -> dict:
        out = {"error": self.message, "kind": type(self).__name__, "exit_code": self.exit_code}
        if self.hint:
            out["hint"] = self.hint
        if self.code:
            out["code"] = self.code
        if self.aws_message:
            out["aws_message"] = self.aws_message
        return out

    def one_line(self) -> str:
        return f"{self.message} {self.hint}".strip() if self.hint else self.message


class InputError(CognitoTuiError):
    """Bad usage or bad input: a malformed ID, an invalid plan."""

    exit_code = EXIT_USAGE
    title = "Invalid input"


class ConflictError(CognitoTuiError):
    """The pool changed since it was read; nothing was written."""

    exit_code = EXIT_CONFLICT
    title = "Changed meanwhile"


class AwsError(CognitoTuiError):
    """AWS (or the endpoint) refused or failed the call."""

    title = "AWS error"


class NotFoundError(AwsError):
    title = "Not found"


class AccessDeniedError(AwsError):
    title = "Access denied"


class ThrottledError(AwsError):
    title = "Throttled"


class EndpointError(AwsError):
    """The endpoint could not be reached, or timed out, or answered 5xx."""

    title = "Endpoint unreachable"


class CredentialsError(AwsError):
    title = "No AWS credentials"


class SignInError(AwsError):
    title = "Sign-in failed"


@dataclass(frozen=True)
class _Rule:
    kind: type[CognitoTuiError]
    message: str
    hint: str


# AWS's own error texts (research/aws-rules.md), in this one table: the doctor quotes them, the local
# Cognito answers with them, and from_aws() recognises them by their stem, the part before any
# placeholder (<id>, N >= M).
AWS_NOT_SUPPORTED = "Token is not from a supported provider of this identity pool."
AWS_ISSUER_MISMATCH = "Invalid login token. Issuer doesn't match providerName"
AWS_MISSING_AUD = "Invalid login token. Missing a required claim: aud"
AWS_TOKEN_EXPIRED = "Invalid login token. Token expired: N >= M"
AWS_CHECK_ROLES = "Invalid identity pool configuration. Check assigned IAM roles for this pool."
AWS_UNAUTH_NOT_SUPPORTED = "Unauthenticated access is not supported for this identity pool."
AWS_LOGINS_DONT_MATCH = ("Logins don't match. Please include at least one valid login for this "
                         "identity or identity pool.")
AWS_SECRET_HASH = "Unable to verify secret hash for client <id>"
AWS_WRONG_PASSWORD = "Incorrect username or password."
AWS_AUTH_FLOW = "Auth flow not enabled for this client"
AWS_SRP_FLOW = "USER_SRP_AUTH is not enabled for the client."
AWS_PASSWORD_FLOW = "USER_PASSWORD_AUTH flow not enabled for this client"
AWS_CUSTOM_FLOW = "Custom auth flow not enabled for this client"
AWS_REFRESH_REVOKED = "Refresh Token has been revoked"
AWS_SESSION_EXPIRED = "Invalid session for the user, session is expired."
AWS_INVALID_SESSION = "Invalid session for the user."
AWS_CODE_MISMATCH = "Invalid code received for user"
AWS_MFA_SETUP_MISMATCH = "Code mismatch"
AWS_INVALID_ACCESS_TOKEN = "Invalid Access Token"
AWS_AMBIGUOUS_DENIED = "The ambiguous role mapping rules denied this request."
AWS_LIMIT = "LimitExceededException"


def _stem(aws_text: str) -> str:
    """The part of an AWS text that never varies: up to its first placeholder, without the full stop."""
    return re.split(r"<| N >=", aws_text, maxsplit=1)[0].rstrip(" .:")


# Known AWS error texts first (most specific), matched on their stem within the AWS message.
_TEXT_RULES: list[tuple[str, _Rule]] = [
    (AWS_NOT_SUPPORTED, _Rule(
        SignInError,
        "The identity pool does not list this user pool and app client.",
        "Add the provider (user pool ID + app client ID) to the identity pool, or check the "
        "pool was not recreated with a new ID: run `cognito-tui doctor POOL`.")),
    (AWS_ISSUER_MISMATCH, _Rule(
        SignInError,
        "The logins map key does not match the token's issuer.",
        "Use the key cognito-idp.<region>.amazonaws.com/<user pool id>, built from the token's "
        "`iss` claim (dots, not colons; the region of the user pool ID).")),
    (AWS_MISSING_AUD, _Rule(
        SignInError,
        "An access token was sent where the ID token belongs.",
        "Put the user pool's ID token (token_use = id) in the logins map.")),
    (AWS_TOKEN_EXPIRED, _Rule(
        SignInError,
        "The ID token has expired.",
        "Refresh the user pool tokens (REFRESH_TOKEN_AUTH) and try again.")),
    (AWS_CHECK_ROLES, _Rule(
        AwsError,
        "The identity pool has no usable authenticated role.",
        "Set an authenticated role whose trust policy allows this pool "
        "(cognito-identity.amazonaws.com, sts:AssumeRoleWithWebIdentity, aud = pool ID, "
        "amr = authenticated); `cognito-tui doctor POOL` checks it.")),
    (AWS_UNAUTH_NOT_SUPPORTED, _Rule(
        SignInError,
        "The request had no usable login, so it fell back to guest access, which this pool does not allow.",
        "Send the ID token in the logins map; never call GetId with an empty map for a user.")),
    (AWS_LOGINS_DONT_MATCH, _Rule(
        SignInError,
        "The identity pool does not accept this login.",
        "Check the pool has a Cognito provider for this user pool and client.")),
    (AWS_SECRET_HASH, _Rule(
        SignInError,
        "The app client has a secret and the SECRET_HASH was missing or wrong.",
        "Give the client secret; the hash is computed with the internal username "
        "(USER_ID_FOR_SRP), not an alias.")),
    (AWS_WRONG_PASSWORD, _Rule(
        SignInError,
        "Incorrect username or password.",
        "Check the username and password, and that the user is confirmed.")),
]

_CODE_RULES: dict[str, _Rule] = {
    "ResourceNotFoundException": _Rule(
        NotFoundError, "Not found.", "Check the ID and the region (--region)."),
    "NoSuchEntity": _Rule(
        NotFoundError, "Not found.", "Check the role name or ARN (IAM)."),
    "UserNotFoundException": _Rule(
        SignInError, "No such user in this user pool.", "Check the username and the user pool ID."),
    "UsernameExistsException": _Rule(
        ConflictError, "A user with this name already exists in the user pool.",
        "Pick another name, or delete that user first (AdminDeleteUser)."),
    "UserNotConfirmedException": _Rule(
        SignInError, "The user is not confirmed.", "Confirm the user (AdminConfirmSignUp) first."),
    "PasswordResetRequiredException": _Rule(
        SignInError, "The user must reset the password.", "Reset it (ForgotPassword) and sign in again."),
    "NotAuthorizedException": _Rule(
        SignInError, "Not authorized.", "Check the credentials or token given."),
    "AccessDeniedException": _Rule(
        AccessDeniedError, "Access denied.", "Grant the IAM action named above to your identity."),
    "AccessDenied": _Rule(
        AccessDeniedError, "Access denied.", "Grant the IAM action named above to your identity."),
    "UnauthorizedOperation": _Rule(
        AccessDeniedError, "Access denied.", "Grant the IAM action named above to your identity."),
    "TooManyRequestsException": _Rule(
        ThrottledError, "AWS is throttling requests (rate exceeded).",
        "Wait a little and retry; for bulk changes lower --workers."),
    "ThrottlingException": _Rule(
        ThrottledError, "AWS is throttling requests (rate exceeded).",
        "Wait a little and retry; for bulk changes lower --workers."),
    "LimitExceededException": _Rule(
        AwsError, "An AWS limit was reached.", "Check the quotas (50 user-pool providers per identity pool)."),
    "ConcurrentModificationException": _Rule(
        ConflictError, "Someone else changed the pool at the same moment; nothing was written.",
        "Run the command again: it re-reads the pool first."),
    "ResourceConflictException": _Rule(
        ConflictError, "The change conflicts with the pool's current state.",
        "Re-read the pool and try again."),
    "InvalidParameterException": _Rule(
        InputError, "AWS rejected a parameter.", "Check the IDs and values given."),
    "ValidationException": _Rule(
        InputError, "AWS rejected the request as invalid.", "Check the IDs and values given."),
    "InvalidIdentityPoolConfigurationException": _Rule(
        AwsError, "The identity pool has no usable authenticated role.",
        "Set an authenticated role whose trust policy allows this pool; `cognito-tui doctor POOL` checks it."),
    "ExternalServiceException": _Rule(
        AwsError, "An identity provider behind Cognito failed.", "Retry in a moment."),
    "InternalErrorException": _Rule(
        EndpointError, "Cognito had an internal error.", "Retry in a moment."),
    "InternalFailure": _Rule(EndpointError, "AWS had an internal error.", "Retry in a moment."),
    "ServiceUnavailable": _Rule(EndpointError, "The service is unavailable.", "Retry in a moment."),
    "UnrecognizedClientException": _Rule(
        CredentialsError, "AWS did not recognise the access key.",
        "Check your credentials (--profile, AWS_PROFILE) and that they are for this partition."),
    "InvalidClientTokenId": _Rule(
        CredentialsError, "AWS did not recognise the access key.", "Check your credentials (--profile)."),
    "ExpiredTokenException": _Rule(
        CredentialsError, "Your AWS session credentials have expired.", "Refresh them (e.g. aws sso login) and retry."),
    "InvalidPasswordException": _Rule(
        InputError, "The new password does not meet the user pool's password policy.",
        "Choose a longer password with the required kinds of characters."),
    "CodeMismatchException": _Rule(SignInError, "The code is wrong.", "Type the current code and try again."),
    "ExpiredCodeException": _Rule(SignInError, "The code has expired.", "Ask for a new code."),
    "EnableSoftwareTokenMFAException": _Rule(
        SignInError, "The code does not match the new authenticator.",
        "Type the code the app shows now for this account (the phone's clock must be right)."),
}


def from_aws(code: str, aws_message: str, operation: str = "", status: int = 0) -> CognitoTuiError:
    """Map an AWS error code and text to a domain error, keeping both."""
    where = f" ({operation})" if operation else ""
    for aws_text, rule in _TEXT_RULES:
        if _stem(aws_text) in (aws_message or ""):
            return rule.kind(rule.message, rule.hint, code=code, aws_message=aws_message)
    rule = _CODE_RULES.get(code)
    if rule is not None:
        message = rule.message
        if rule.kind is AccessDeniedError and operation:
            message = f"Access denied: your identity may not call {operation}."
            hint = f"Grant the IAM action {_iam_action(operation)} to your identity, or use another --profile."
            return rule.kind(message, hint, code=code, aws_message=aws_message)
        if rule.kind is NotFoundError and aws_message:
            message = f"Not found{where}: {aws_message}"
        elif aws_message and rule.kind in (InputError, SignInError) and rule.message.endswith("."):
            message = f"{rule.message[:-1]}{where}: {aws_message}"
        return rule.kind(message, rule.hint, code=code, aws_message=aws_message)
    if status >= 500:
        return EndpointError(
            f"The endpoint answered HTTP {status}{where}: {code or 'server error'}.",
            "Retry in a moment; if it persists, check the endpoint (--endpoint-url) or AWS status.",
            code=code, aws_message=aws_message)
    return AwsError(f"AWS error {code}{where}: {aws_message or 'no message'}", "", code=code,
                    aws_message=aws_message)


_SERVICE_PREFIX = {
    "IdentityPool": "cognito-identity", "Identities": "cognito-identity", "Identity": "cognito-identity",
    "GetId": "cognito-identity", "GetCredentialsForIdentity": "cognito-identity",
    "GetOpenIdToken": "cognito-identity",
}


def _iam_action(operation: str) -> str:
    for marker, prefix in _SERVICE_PREFIX.items():
        if marker in operation:
            return f"{prefix}:{operation}"
    if "UserPool" in operation or "Auth" in operation or operation.startswith("Admin"):
        return f"cognito-idp:{operation}"
    if operation in ("GetRole", "ListRoles"):
        return f"iam:{operation}"
    return operation
