"""Validators named in wizards/*.yaml. Each takes (context, value), raises InputError with the
reason, and may return what it learned (e.g. the client's details). Remote ones call AWS through
context.aws and must run in a worker thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import ids
from ..errors import AccessDeniedError, CognitoTuiError, InputError, NotFoundError
from .state import WizardState

if TYPE_CHECKING:
    from ..aws.api import AwsApi


@dataclass(frozen=True)
class Context:
    state: WizardState
    aws: AwsApi | None = None  # only for remote validators and sources


def identity_pool_id_format(ctx: Context, value: str) -> None:
    ids.validate_identity_pool_id(value)


def user_pool_id_format(ctx: Context, value: str) -> None:
    ids.validate_user_pool_id(value)


def user_pool_exists(ctx: Context, value: str) -> dict:
    """The user pool, read in its own region. One this account cannot read (another account's, or
    gone) is not refused: AWS accepts it, so the result carries a warning instead."""
    try:
        pool = ctx.aws.user_pools.describe(value)
    except (NotFoundError, AccessDeniedError) as exc:
        return {"id": value, "name": "", "unreadable": unreadable_text(value, exc)}
    return {"id": value, "name": pool.get("Name", "")}


def unreadable_text(user_pool_id: str, exc: CognitoTuiError) -> str:
    region = ids.region_of_user_pool(user_pool_id)
    why = "access denied" if isinstance(exc, AccessDeniedError) else f"not found in {region}"
    return (f"User pool {user_pool_id} cannot be read from this account ({why}). If it is in another "
            "account that is expected; otherwise check the ID.")


@dataclass(frozen=True)
class UnreadableClient:
    """An app client of a user pool this account cannot read: added as typed, with a warning."""

    id: str
    warning: str


def client_id_format(ctx: Context, value: str) -> None:
    ids.validate_client_id(value)


def client_in_user_pool(ctx: Context, value: str):
    user_pool_id = ctx.state.pending_user_pool_id
    try:
        return ctx.aws.user_pools.describe_client(user_pool_id, value)
    except AccessDeniedError as exc:
        return UnreadableClient(value, unreadable_text(user_pool_id, exc))
    except NotFoundError as exc:
        try:
            ctx.aws.user_pools.describe(user_pool_id)
        except (NotFoundError, AccessDeniedError) as pool_exc:
            return UnreadableClient(value, unreadable_text(user_pool_id, pool_exc))
        raise InputError(
            f"App client {value} is not a client of user pool {user_pool_id}.",
            "Use a client of this user pool: the identity pool refuses tokens issued to any other.") from exc


def not_already_a_provider(ctx: Context, value: str) -> None:
    key = (ids.provider_name(ctx.state.pending_user_pool_id), value)
    if key in ctx.state.keys():
        raise InputError(f"{ctx.state.pending_user_pool_id} / {value} is already a provider of this pool.",
                         "Pick another client, or go back.")


def role_arn_format(ctx: Context, value: str) -> None:
    from ..plan_v2 import ROLE_ARN

    if not ROLE_ARN.fullmatch(value):
        raise InputError(f"{ids._show(value)} is not an IAM role ARN.",
                         "A role ARN looks like arn:aws:iam::123456789012:role/Name.")


def plan_path(ctx: Context, value: str) -> Path:
    if not value.strip():
        raise InputError("A file name is required.", "For example cognito-plan.yaml.")
    shown = ids._show(value)
    try:
        path = Path(value.strip()).expanduser()
        if path.is_dir():
            raise InputError(f"{shown} is a folder.", "Give a file name.")
        if path.exists():
            raise InputError(f"{shown} exists already.", "Give a new file name; nothing is overwritten.")
        if not path.parent.is_dir():
            raise InputError(f"The folder of {shown} does not exist.", "Create it first, or pick another place.")
    except (OSError, RuntimeError) as exc:  # a name too long, a home folder that does not resolve
        raise InputError(f"Cannot use {shown} as a file name: {exc.__class__.__name__}.",
                         "Give a shorter, plain file name.") from exc
    return path


def client_warnings(details) -> list[str]:
    """What may trouble sign-in with this app client (shown as warnings, not errors)."""
    if isinstance(details, UnreadableClient):
        return [details.warning + " Its secret and sign-in flows cannot be checked."]
    out = []
    if details.has_secret:
        out.append("This client has a secret: sign-in needs its SECRET_HASH, and browser or mobile "
                   "apps cannot keep a secret.")
    if not details.allows_srp:
        out.append("SRP sign-in (ALLOW_USER_SRP_AUTH) is not allowed for this client; the SDKs "
                   "use it by default.")
    return out
