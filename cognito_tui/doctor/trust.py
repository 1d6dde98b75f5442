"""Checks of the pool's roles and the authenticated role's trust policy (pure functions)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .. import ids
from ..errors import AWS_CHECK_ROLES
from ..iam_policy import ALLOW, ConditionResult, StatementResult, as_list, is_iam_operator
from ..role_trust import (
    ACTION, AMR_KEY, AUD_KEY, PRINCIPAL, PRINCIPAL_TYPE, UNAUTHENTICATED, Verdict, authenticated_amr, decide,
    good_trust_policy, has_aud_condition,
)
from .facts import Facts, trust_document
from .findings import ERROR, WARNING, Finding, would_see
from .trust_fix import repair

WHY = would_see(AWS_CHECK_ROLES)
WHY_GUESTS = "Anyone with a guest identity of this pool could act as a signed-in user."
# The doctor asks about a signed-in user it does not know: a stand-in identity and user.
SOME_IDENTITY = "00000000-0000-0000-0000-000000000000"
SOME_USER = "<user sub>"


def check_roles(facts: Facts) -> list[Finding]:
    if not facts.pool.ok or facts.roles is None:
        return []
    pool_id = facts.pool_id
    if not facts.roles.ok:
        error = facts.roles.error
        return [Finding("roles.unreadable", WARNING, pool_id,
                        f"The pool's roles could not be read: {error.message}",
                        "The authenticated role and its trust policy cannot be checked; a bad one gives "
                        + WHY, error.hint or "Grant cognito-identity:GetIdentityPoolRoles to your identity.")]
    roles = facts.roles.value.get("Roles") or {}
    findings: list[Finding] = []
    set_role = (f"aws cognito-identity set-identity-pool-roles --identity-pool-id {pool_id} "
                "--roles authenticated=arn:aws:iam::ACCOUNT:role/ROLE")
    if not roles.get("authenticated"):
        findings.append(Finding(
            "role.authenticated-missing", ERROR, pool_id,
            "The pool has no authenticated role, so signed-in users get no credentials.", WHY,
            f"Create a role with the trust policy {json.dumps(good_trust_policy(pool_id))} and set it: "
            f"{set_role} (keep the unauthenticated role in --roles if the pool has one)."))
    else:
        findings += check_role(facts, roles["authenticated"])
    if facts.config.get("AllowUnauthenticatedIdentities") and not roles.get("unauthenticated"):
        findings.append(Finding(
            "role.unauthenticated-missing", WARNING, pool_id,
            "Guest access is on but the pool has no unauthenticated role, so guests get no credentials.",
            WHY, "Set an unauthenticated role, or turn guest access off if no one needs it."))
    return findings


def check_role(facts: Facts, role_arn: str) -> list[Finding]:
    """The authenticated role exists and its trust policy lets this pool's signed-in users assume it."""
    got = facts.role_trust.get(role_arn)
    if got is None:
        return []
    if got.missing:
        return [Finding("role.not-found", ERROR, role_arn,
                        f"The authenticated role {role_arn} does not exist in IAM.", WHY,
                        "Create the role, or set another: `aws cognito-identity set-identity-pool-roles "
                        f"--identity-pool-id {facts.pool_id} --roles authenticated=ROLE_ARN`.")]
    document = trust_document(got.value) if got.ok else None
    if document is None:
        reason = got.error.message if got.error else "its trust policy is not valid JSON"
        return [Finding("role.unreadable", WARNING, role_arn,
                        f"The authenticated role could not be read: {reason}",
                        "Its trust policy cannot be checked; a bad one gives " + WHY,
                        (got.error.hint if got.error else "") or "Grant iam:GetRole to your identity.")]
    names = [str(p.get("ProviderName")) for p in facts.providers if p.get("ProviderName")]
    return check_trust_policy(document, facts.pool_id, role_arn, names)


def _identity(pool_id: str) -> str:
    return f"{pool_id.split(':', 1)[0]}:{SOME_IDENTITY}"


def _amrs(pool_id: str, providers: Sequence[str]) -> list[list[str]]:
    names = list(dict.fromkeys(providers)) or [f"cognito-idp.{pool_id.split(':', 1)[0]}.amazonaws.com/<user pool id>"]
    return [authenticated_amr(name, SOME_USER) for name in names]


def _misspelt(condition: ConditionResult, wanted: str) -> bool:
    key = condition.key.lower()
    return (key != wanted and key.startswith("cognito-identity")
            and key.rsplit(":", 1)[-1] == wanted.rsplit(":", 1)[-1])


def _shown(condition: ConditionResult) -> str:
    return ", ".join(condition.expected) or "(empty)"


def _condition_problem(statement: StatementResult, condition: ConditionResult,
                       pool_id: str) -> tuple[str, str]:
    """(check id, message) for one condition that keeps this pool's signed-in users out."""
    where = f"The trust policy's {statement.label}"
    if not condition.known:
        if is_iam_operator(condition.operator):
            return ("role.trust-condition",
                    f"{where} uses {condition.operator}, which cognito-tui cannot evaluate, so it counts the "
                    "statement as not applying (the local Cognito does the same).")
        return ("role.trust-condition",
                f"{where} uses the condition operator {condition.operator!r}, which IAM does not know "
                "(misspelt?); the statement never applies.")
    key = condition.key.lower()
    if key == AUD_KEY:
        placeholder = "" if all(ids.IDENTITY_POOL_ID.fullmatch(v) for v in condition.expected) else \
            " (a placeholder?)"
        return ("role.trust-aud",
                f"{where} needs {AUD_KEY} {condition.operator} {_shown(condition)}{placeholder}, which this "
                f"pool's ID {pool_id} does not meet.")
    if key == AMR_KEY:
        got = ", ".join(condition.actual or ()) or "(none)"
        return ("role.trust-amr",
                f"{where} needs {AMR_KEY} {condition.operator} {_shown(condition)}, which signed-in users "
                f"(amr {got}) never meet; it should be ForAnyValue:StringLike \"authenticated\".")
    for wanted, check_id in ((AUD_KEY, "role.trust-aud"), (AMR_KEY, "role.trust-amr")):
        if _misspelt(condition, wanted):
            return (check_id,
                    f"{where}'s condition key {condition.key!r} is misspelt; it must be {wanted!r}. "
                    "A condition on a key that is never sent is never met.")
    return ("role.trust-condition",
            f"{where}'s condition {condition.describe()} does not hold for this pool's signed-in users.")


def _principal_names(statement: dict) -> list[str]:
    principal = statement.get("Principal")
    if isinstance(principal, dict):
        return [str(p) for values in principal.values() for p in as_list(values)]
    return [str(principal)] if principal is not None else []


def _refusal(verdict: Verdict, pool_id: str) -> list[tuple[str, str]]:
    """Why the trust policy refuses this pool's signed-in users: (check id, message) pairs."""
    decision = verdict.decision
    if decision.denied_by:
        statement = decision.denied_by[0]
        conditions = "; ".join(c.describe(with_request=False) for c in statement.conditions)
        sent = "; ".join(f"{c.key} {c.request_values()}" for c in statement.conditions if c.actual)
        return [("role.trust-deny",
                 f"The trust policy's {statement.label} denies this pool's signed-in users "
                 + (f"(its conditions hold for them: {conditions}; they send {sent})" if conditions
                    else "(it has no conditions)")
                 + "; an explicit Deny wins over every Allow.")]
    allows = [s for s in decision.statements if s.effect == ALLOW and not s.problems]
    trusting = [s for s in allows if s.principal_ok]
    if not trusting:
        named = sorted({p for s in allows for p in _principal_names(s.statement)}) or ["no one"]
        return [("role.trust-principal",
                 f"The trust policy does not trust {PRINCIPAL} as a {PRINCIPAL_TYPE} principal "
                 f"(it names: {', '.join(named)}).")]
    acting = [s for s in trusting if s.action_ok]
    if not acting:
        actions = sorted({str(a) for s in trusting for a in as_list(s.statement.get("Action"))}) or ["none"]
        return [("role.trust-action", f"The trust policy allows {', '.join(actions)}, not {ACTION}.")]
    best = min(acting, key=lambda s: (len(s.failed), not has_aud_condition(s)))
    problems: dict[str, str] = {}
    for condition in best.failed:
        check_id, message = _condition_problem(best, condition, pool_id)
        problems.setdefault(check_id, message)
    if not has_aud_condition(best) and "role.trust-aud" not in problems:
        problems["role.trust-aud"] = (
            f"The trust policy's {best.label} has no {AUD_KEY} condition; IAM requires one naming this "
            f"pool's ID {pool_id}, so that no other identity pool can assume the role.")
    return list(problems.items())


def check_trust_policy(document: dict, pool_id: str, role_arn: str,
                       providers: Sequence[str] = ()) -> list[Finding]:
    """What keeps the authenticated role's trust policy from letting this pool's signed-in users in
    (through each provider), found by the evaluator the local Cognito uses."""
    identity = _identity(pool_id)
    amrs = _amrs(pool_id, providers)
    fix = repair(document, pool_id, identity, amrs)
    fix_text = f"{fix.command(role_arn)}  ({fix.describe()})"
    for amr in amrs:
        verdict = decide(document, pool_id, identity, amr)
        if not verdict.allowed:
            through = f" (users of {amr[1]})" if len(amrs) > 1 else ""
            return [Finding(check_id, ERROR, role_arn, message + through, WHY, fix_text)
                    for check_id, message in _refusal(verdict, pool_id)]
    guest = decide(document, pool_id, identity, [UNAUTHENTICATED])
    if not guest.allowed:
        return []
    statement = guest.decision.allowed_by[0]
    has_amr = any(c.key.lower() == AMR_KEY for c in statement.conditions)
    message = (f"The trust policy's {statement.label} lets this pool's guest identities (amr unauthenticated) "
               "assume this role too" + (f": its {AMR_KEY} condition lets them through." if has_amr else
                                         f", having no {AMR_KEY} condition."))
    return [Finding("role.trust-amr-missing", WARNING, role_arn, message, WHY_GUESTS, fix_text)]
