"""The roles a version 2 plan creates or checks: their names, tags, and whether a trust policy
admits an identity pool (through the same evaluator the local Cognito's STS uses)."""

from __future__ import annotations

import re

from .. import role_trust
from ..doctor.facts import trust_document
from ..doctor.trust_fix import repair

POOL_TAG = "cognito-tui:identity-pool"
PLAN_TAG = "cognito-tui:plan-name"
MAX_ROLE_NAME = 64
_NOT_IN_ROLE_NAME = re.compile(r"[^\w+=,.@-]", re.ASCII)


def role_name_for(pool_name: str, kind: str) -> str:
    """The console's naming: Cognito_<pool name>Auth_Role / Unauth_Role, cut to IAM's 64 characters."""
    prefix, suffix = "Cognito_", ("Auth_Role" if kind == "authenticated" else "Unauth_Role")
    base = _NOT_IN_ROLE_NAME.sub("_", pool_name)
    return prefix + base[:MAX_ROLE_NAME - len(prefix) - len(suffix)] + suffix


def tags_for(pool_name: str, pool_id: str) -> dict[str, str]:
    return {PLAN_TAG: pool_name, POOL_TAG: pool_id}


def made_for(role: dict) -> str | None:
    """The identity pool the tool made this role for (its tag), if it made it."""
    for tag in role.get("Tags") or []:
        if tag.get("Key") == POOL_TAG:
            return tag.get("Value")
    return None


def trust_of(role: dict) -> dict:
    return trust_document(role) or {}


def some_identity(pool_id: str) -> str:
    """A stand-in identity of the pool: trust policies are asked about a user not known yet."""
    return role_trust.some_identity(pool_id)


def admits(document: dict, pool_id: str, kind: str) -> bool:
    """Whether cognito-identity may assume the role for this pool's users of this kind (the one IAM
    policy evaluator the doctor and the local Cognito use)."""
    return role_trust.admits(document, pool_id, kind)


def needs_fix(document: dict, pool_id: str, kind: str, shared: bool = False) -> bool:
    """The trust policy keeps this pool's users of this kind out, or lets the pool's users of the other
    kind in as well (unless the role is shared: the pool's role for both kinds): what the doctor's
    role.trust-* and guest-role.trust-* findings report."""
    if not admits(document, pool_id, kind):
        return True
    return not shared and admits(document, pool_id, role_trust.other_kind(kind))


def trust_admitting(document: dict | None, pool_id: str, kind: str, shared: bool = False) -> dict:
    """A trust policy that admits the pool's users of this kind (shared: of both kinds): the console's
    one for a new role; for an existing role the doctor's merged fix (every statement about something
    else kept)."""
    if not document:
        return role_trust.good_trust_policy(pool_id, kind)
    also = role_trust.amrs_of(role_trust.other_kind(kind), pool_id) if shared else ()
    return repair(document, pool_id, some_identity(pool_id), role_trust.amrs_of(kind, pool_id), kind,
                  also=also).document
