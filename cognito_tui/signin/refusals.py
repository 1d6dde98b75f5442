"""Why the identity pool refused a sign-in, in the doctor's words: the role, the pool and what is
wrong, instead of AWS's one text for every bad role ("Check assigned IAM roles for this pool")."""

from __future__ import annotations

import logging
import re

from ..errors import CognitoTuiError, SignInError

log = logging.getLogger(__name__)


class PoolRefusedError(SignInError):
    """The identity pool's setup (its roles, its providers), not the user, stopped the sign-in."""

    def __init__(self, message: str, hint: str, *, identity_pool_id: str, code: str = "", aws_message: str = ""):
        super().__init__(message, hint, code=code, aws_message=aws_message)
        self.identity_pool_id = identity_pool_id

# What GetId / GetCredentialsForIdentity answer when the pool's setup (not the user) is at fault:
# no usable authenticated role, or a token the pool does not accept.
EXPLAINED_CODES = {"InvalidIdentityPoolConfigurationException", "NotAuthorizedException"}
# The findings about the pool itself being unreadable say nothing about why it refused.
_NOT_A_CAUSE = {"pool.unreadable", "pool.not-found"}
_SHORT_FIX = 160


def explain_refusal(aws, identity_pool_id: str, error: CognitoTuiError, id_token: str | None = None) -> CognitoTuiError:
    """The refusal, named: the doctor's first error for the pool (and token), with the role it
    concerns. Returns `error` itself when it is not about the pool's setup."""
    if error.code not in EXPLAINED_CODES:
        return error
    doctor = f"`cognito-tui doctor {identity_pool_id}` shows every check and the fix."
    causes = _causes(aws, identity_pool_id, id_token)
    if not causes:
        hint = re.sub(r"\bPOOL\b", identity_pool_id, error.hint) if error.hint else doctor
        return PoolRefusedError(f"Identity pool {identity_pool_id} refused: {error.message}", hint,
                                identity_pool_id=identity_pool_id, code=error.code, aws_message=error.aws_message)
    first = causes[0]
    about = f"its authenticated role {first.subject}: " if first.subject.startswith("arn:") else ""
    more = f" ({len(causes) - 1} more problem{'s' if len(causes) > 2 else ''} found)" if len(causes) > 1 else ""
    # A short fix reads well on one line; a long one (a whole trust policy) is the doctor's to show.
    hint = f"{first.fix} {doctor}" if len(first.fix) <= _SHORT_FIX else doctor
    return PoolRefusedError(f"Identity pool {identity_pool_id} gave no credentials: {about}{first.message}{more}",
                            hint, identity_pool_id=identity_pool_id, code=error.code, aws_message=error.aws_message)


def _causes(aws, identity_pool_id: str, id_token: str | None) -> list:
    from ..doctor import ERROR, diagnose

    try:
        report, _ = diagnose(aws, identity_pool_id, token=id_token)
    except Exception as exc:  # noqa: BLE001 - the explanation is a bonus; the refusal is still shown
        log.debug("no doctor explanation for %s: %s", identity_pool_id, exc)
        return []
    return [f for f in report.of(ERROR) if f.id not in _NOT_A_CAUSE]
