"""The trust-policy fix: this pool's users of the role's kind (signed-in users for the authenticated
role, guests for the unauthenticated one) may assume the role, those of the other kind may not, and
nothing else changes.

IAM's UpdateAssumeRolePolicy replaces the whole document, so the fix is a merged document: every
statement that is not about this pool (another service, another identity pool) is kept as it is,
this pool's broken statements are replaced by the one a console-made role has, and a Deny that
refuses this pool's users of that kind is dropped. The fix says what it keeps, replaces and drops.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import ids, role_trust
from ..iam_policy import ALLOW, DENY, as_list, evaluate


@dataclass(frozen=True)
class TrustFix:
    document: dict
    kept: tuple[str, ...]
    replaced: tuple[str, ...]
    dropped: tuple[str, ...]
    added: tuple[str, ...] = (role_trust.AUTHENTICATED,)  # the kinds whose console statement it adds
    kind: str = role_trust.AUTHENTICATED
    shared: bool = False  # the role serves both kinds

    def command(self, role_arn: str) -> str:
        name = role_arn.rsplit("/", 1)[-1]
        policy = json.dumps(self.document, separators=(",", ":"))
        return f"aws iam update-assume-role-policy --role-name {name} --policy-document {shlex.quote(policy)}"

    def describe(self) -> str:
        users, others = role_trust.USERS[self.kind], role_trust.USERS[role_trust.other_kind(self.kind)]
        if self.shared:
            users = f"{users} or {others}"
        statement = ("the statements console-made roles have (for signed-in users and for guests)"
                     if len(self.added) == 2 else
                     f"the statement a console-made role for {role_trust.USERS[self.added[0]]} has"
                     if self.shared and self.added else "the statement a console-made role has")
        parts = []
        if self.kept:
            parts.append("It keeps " + "; ".join(self.kept) + ".")
        if self.replaced and self.added:
            parts.append("It replaces " + "; ".join(self.replaced) + f" with {statement}.")
        elif self.replaced:
            parts.append("It removes " + "; ".join(self.replaced) + f" (broken, or letting this pool's {others} in).")
        elif self.added:
            parts.append(f"It adds {statement}.")
        if self.dropped:
            parts.append("It drops " + "; ".join(self.dropped) + f", which refuses this pool's {users}.")
        return " ".join(parts)


def _label(index: int, statement: Any) -> str:
    sid = statement.get("Sid") if isinstance(statement, Mapping) else None
    return f"statement {index}" + (f" (Sid {sid!r})" if isinstance(sid, str) and sid else "")


def _principals(statement: Mapping[str, Any]) -> str:
    principal = statement.get("Principal", statement.get("NotPrincipal"))
    if principal == "*":
        return "*"
    if isinstance(principal, Mapping):
        return ", ".join(str(p) for values in principal.values() for p in as_list(values)) or "nobody"
    return "nobody"


def _aud_values(statement: Mapping[str, Any]) -> list[str]:
    block = statement.get("Condition")
    if not isinstance(block, Mapping):
        return []
    return [str(v) for entries in block.values() if isinstance(entries, Mapping)
            for key, values in entries.items() if str(key).lower() == role_trust.AUD_KEY
            for v in as_list(values)]


def _for_other_pools(statement: Mapping[str, Any], pool_id: str) -> list[str]:
    """The other identity pools a statement is scoped to (empty when it may be about this pool)."""
    auds = _aud_values(statement)
    if auds and pool_id not in auds and all(ids.IDENTITY_POOL_ID.fullmatch(a) for a in auds):
        return auds
    return []


def _kept_label(index: int, statement: Any, pool_id: str) -> str:
    if not isinstance(statement, Mapping):
        return _label(index, statement)
    trusting = role_trust.trusts_cognito_identity(statement)
    others = _for_other_pools(statement, pool_id) if trusting else []
    if others:
        what = f"identity pool {', '.join(others)}"
    elif trusting and pool_id in _aud_values(statement):
        what = "this identity pool"
    else:
        what = _principals(statement)
    return f"{_label(index, statement)} ({statement.get('Effect', '?')} for {what})"


def repair(document: Mapping[str, Any], pool_id: str, identity_id: str, amrs: Sequence[Sequence[str]],
           kind: str = role_trust.AUTHENTICATED, keep_out: Sequence[Sequence[str]] | None = None,
           also: Sequence[Sequence[str]] = ()) -> TrustFix:
    """The merged trust policy that lets pool_id's users of kind (each amr in amrs) in, and those with
    an amr in keep_out (by default the pool's users of the other kind) not. also: the other kind's amrs
    for a role that serves both kinds (keep_out then empty): they are let in too."""
    if keep_out is None:
        keep_out = [] if also else role_trust.amrs_of(role_trust.other_kind(kind), pool_id)
    outsiders = [role_trust.request(pool_id, identity_id, amr) for amr in keep_out]
    admitted = [role_trust.request(pool_id, identity_id, amr) for amr in [*amrs, *also]]
    statements = as_list(document.get("Statement"))
    kept_statements: list[Any] = []
    kept, replaced, dropped = [], [], []
    for index, statement in enumerate(statements, start=1):
        if not isinstance(statement, Mapping):
            kept_statements.append(statement)
            kept.append(_label(index, statement))
            continue
        alone = {"Statement": [statement]}
        results = [evaluate(alone, r).statements[0] for r in admitted]
        if statement.get("Effect") == DENY and any(r.applies for r in results):
            dropped.append(_label(index, statement))
            continue
        if (statement.get("Effect") == ALLOW and role_trust.trusts_cognito_identity(statement)
                and not _for_other_pools(statement, pool_id)):
            good = any(_admits(alone, pool_id, identity_id, wanted) for wanted in (amrs, also) if wanted)
            if not good or any(evaluate(alone, r).allowed for r in outsiders):
                replaced.append(_label(index, statement))
                continue
        kept_statements.append(statement)
        kept.append(_kept_label(index, statement, pool_id))
    merged = {key: value for key, value in document.items() if key != "Statement"}
    merged.setdefault("Version", "2012-10-17")
    added = []
    for wanted, wanted_kind in ((amrs, kind), (also, role_trust.other_kind(kind))):
        if wanted and not _admits({"Statement": kept_statements}, pool_id, identity_id, wanted):
            kept_statements.append(role_trust.good_statement(pool_id, wanted_kind))
            added.append(wanted_kind)
    merged["Statement"] = kept_statements
    return TrustFix(merged, tuple(kept), tuple(replaced), tuple(dropped), tuple(added), kind, bool(also))


def _admits(policy: Mapping[str, Any], pool_id: str, identity_id: str, amrs: Sequence[Sequence[str]]) -> bool:
    return all(role_trust.decide(policy, pool_id, identity_id, amr).allowed for amr in amrs)
