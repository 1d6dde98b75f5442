"""The roles a version 2 plan creates or checks: their names, tags, and whether a trust policy
admits an identity pool (through the same evaluator the local Cognito's STS uses)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .. import role_trust
from ..doctor.facts import trust_document
from ..doctor.trust_fix import TrustFix, repair

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


def serves_both(kind: str, arn: str | None, planned: Mapping[str, str | None], current: Mapping[str, str]) -> bool:
    """The role (by ARN) will be the pool's role for both kinds: the other kind's role as the plan (or
    the wizard's Roles step) sets it, else as the pool has it, is the same role."""
    other = role_trust.other_kind(kind)
    return arn is not None and arn == planned.get(other, current.get(other))


def trust_fix(document: dict, pool_id: str, kind: str, shared: bool = False) -> TrustFix | None:
    """What a trust fix writes to an existing role (None when the doctor flags nothing, so nothing is
    written): the doctor's merged fix, every statement about something else kept, admitting this
    pool's users of the kind and keeping the other kind out, or (shared: the role serves both kinds)
    admitting both. Save writes it, the dry run reports it and Review judges and shows it."""
    if not needs_fix(document, pool_id, kind, shared):
        return None
    also = role_trust.amrs_of(role_trust.other_kind(kind), pool_id) if shared else ()
    return repair(document, pool_id, some_identity(pool_id), role_trust.amrs_of(kind, pool_id), kind, also=also)
