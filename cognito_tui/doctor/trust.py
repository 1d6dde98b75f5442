"""Checks of the pool's roles and their trust policies (pure functions): the authenticated role
must admit this pool's signed-in users, and, with guest access on, the guests' (unauthenticated)
role this pool's guests, each through the evaluator the local Cognito uses."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .. import ids
from ..errors import AWS_CHECK_ROLES
from ..iam_policy import ALLOW, ConditionResult, StatementResult, as_list, is_iam_operator
from ..role_trust import (
    ACTION, AMR_KEY, AUD_KEY, AUTHENTICATED, PRINCIPAL, PRINCIPAL_TYPE, UNAUTHENTICATED, USERS, Verdict, amrs_of,
    decide, good_trust_policy, has_aud_condition, other_kind, some_identity,
)
from .facts import Facts, trust_document
from .findings import ERROR, WARNING, Finding, would_see
from .trust_fix import repair

WHY = would_see(AWS_CHECK_ROLES)
# Per kind of role: the prefix of its findings' ids, its name, and why letting the other kind in matters.
PREFIX = {AUTHENTICATED: "role.", UNAUTHENTICATED: "guest-role."}
ROLE = {AUTHENTICATED: "authenticated role", UNAUTHENTICATED: "guests' (unauthenticated) role"}
LET_IN = {AUTHENTICATED: "guest identities (amr unauthenticated)",
          UNAUTHENTICATED: "signed-in users (amr authenticated)"}
WHY_LET_IN = {
    AUTHENTICATED: "Anyone with a guest identity of this pool could act as a signed-in user.",
    UNAUTHENTICATED: ("A signed-in user's token could get the guests' role too (the basic flow's "
                      "AssumeRoleWithWebIdentity takes any role whose trust policy admits the token); the "
                      'console makes the guests\' role admit amr "unauthenticated" only.'),
}


def guests_only(finding: Finding) -> bool:
    """A finding about the guests' (unauthenticated) role: it stops guests, not the sign-in."""
    return finding.id.startswith(PREFIX[UNAUTHENTICATED])


def trust_kind(finding: Finding) -> str | None:
    """The kind of role (authenticated, unauthenticated) whose trust policy a finding is about."""
    return next((kind for kind, prefix in PREFIX.items() if finding.id.startswith(f"{prefix}trust-")), None)


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
    guests = bool(facts.config.get("AllowUnauthenticatedIdentities"))
    # One role for both kinds: letting the other kind in is its purpose, and a fix must keep both in.
    shared = guests and roles.get("authenticated") is not None and (
        roles.get("authenticated") == roles.get("unauthenticated"))
    if roles.get("authenticated"):
        findings += check_role(facts, roles["authenticated"], AUTHENTICATED, shared)
    if not guests:
        return findings  # guests get no credentials at all: their role is not asked about
    if not roles.get("unauthenticated"):
        findings.append(Finding(
            "role.unauthenticated-missing", WARNING, pool_id,
            "Guest access is on but the pool has no unauthenticated role, so guests get no credentials.",
            WHY, "Set an unauthenticated role, or turn guest access off if no one needs it."))
    else:
        findings += check_role(facts, roles["unauthenticated"], UNAUTHENTICATED, shared)
    return findings


def check_role(facts: Facts, role_arn: str, kind: str = AUTHENTICATED, shared: bool = False) -> list[Finding]:
    """The role of a kind exists and its trust policy lets this pool's users of that kind assume it
    (shared: the pool's role for the other kind too)."""
    got = facts.role_trust.get(role_arn)
    if got is None:
        return []
    prefix, role = PREFIX[kind], ROLE[kind]
    if got.missing:
        return [Finding(f"{prefix}not-found", ERROR, role_arn,
                        f"The {role} {role_arn} does not exist in IAM.", WHY,
                        "Create the role, or set another: `aws cognito-identity set-identity-pool-roles "
                        f"--identity-pool-id {facts.pool_id} --roles {kind}=ROLE_ARN` (keep the other "
                        "role in --roles).")]
    document = trust_document(got.value) if got.ok else None
    if document is None:
        reason = got.error.message if got.error else "its trust policy is not valid JSON"
        return [Finding(f"{prefix}unreadable", WARNING, role_arn,
                        f"The {role} could not be read: {reason}",
                        "Its trust policy cannot be checked; a bad one gives " + WHY,
                        (got.error.hint if got.error else "") or "Grant iam:GetRole to your identity.")]
    names = [str(p.get("ProviderName")) for p in facts.providers if p.get("ProviderName")]
    return check_trust_policy(document, facts.pool_id, role_arn, names, kind, shared)


def _misspelt(condition: ConditionResult, wanted: str) -> bool:
    key = condition.key.lower()
    return (key != wanted and key.startswith("cognito-identity")
            and key.rsplit(":", 1)[-1] == wanted.rsplit(":", 1)[-1])


def _shown(condition: ConditionResult) -> str:
    return ", ".join(condition.expected) or "(empty)"


def _condition_problem(statement: StatementResult, condition: ConditionResult,
                       pool_id: str, kind: str) -> tuple[str, str]:
    """(check, message) for one condition that keeps this pool's users of the kind out."""
    where = f"The trust policy's {statement.label}"
    if not condition.known:
        if is_iam_operator(condition.operator):
            return ("trust-condition",
                    f"{where} uses {condition.operator}, which cognito-tui cannot evaluate, so it counts the "
                    "statement as not applying (the local Cognito does the same).")
        return ("trust-condition",
                f"{where} uses the condition operator {condition.operator!r}, which IAM does not know "
                "(misspelt?); the statement never applies.")
    key = condition.key.lower()
    if key == AUD_KEY:
        placeholder = "" if all(ids.IDENTITY_POOL_ID.fullmatch(v) for v in condition.expected) else \
            " (a placeholder?)"
        return ("trust-aud",
                f"{where} needs {AUD_KEY} {condition.operator} {_shown(condition)}{placeholder}, which this "
                f"pool's ID {pool_id} does not meet.")
    if key == AMR_KEY:
        got = ", ".join(condition.actual or ()) or "(none)"
        return ("trust-amr",
                f"{where} needs {AMR_KEY} {condition.operator} {_shown(condition)}, which {USERS[kind]} "
                f"(amr {got}) never meet; it should be ForAnyValue:StringLike \"{kind}\".")
    for wanted, check in ((AUD_KEY, "trust-aud"), (AMR_KEY, "trust-amr")):
        if _misspelt(condition, wanted):
            return (check,
                    f"{where}'s condition key {condition.key!r} is misspelt; it must be {wanted!r}. "
                    "A condition on a key that is never sent is never met.")
    return ("trust-condition",
            f"{where}'s condition {condition.describe()} does not hold for this pool's {USERS[kind]}.")


def _principal_names(statement: dict) -> list[str]:
    principal = statement.get("Principal")
    if isinstance(principal, dict):
        return [str(p) for values in principal.values() for p in as_list(values)]
    return [str(principal)] if principal is not None else []


def _refusal(verdict: Verdict, pool_id: str, kind: str) -> list[tuple[str, str]]:
    """Why the trust policy refuses this pool's users of the kind: (check, message) pairs, the check
    without its role prefix."""
    decision = verdict.decision
    if decision.denied_by:
        statement = decision.denied_by[0]
        conditions = "; ".join(c.describe(with_request=False) for c in statement.conditions)
        sent = "; ".join(f"{c.key} {c.request_values()}" for c in statement.conditions if c.actual)
        return [("trust-deny",
                 f"The trust policy's {statement.label} denies this pool's {USERS[kind]} "
                 + (f"(its conditions hold for them: {conditions}; they send {sent})" if conditions
                    else "(it has no conditions)")
                 + "; an explicit Deny wins over every Allow.")]
    allows = [s for s in decision.statements if s.effect == ALLOW and not s.problems]
    trusting = [s for s in allows if s.principal_ok]
    if not trusting:
        named = sorted({p for s in allows for p in _principal_names(s.statement)}) or ["no one"]
        return [("trust-principal",
                 f"The trust policy does not trust {PRINCIPAL} as a {PRINCIPAL_TYPE} principal "
                 f"(it names: {', '.join(named)}).")]
    acting = [s for s in trusting if s.action_ok]
    if not acting:
        actions = sorted({str(a) for s in trusting for a in as_list(s.statement.get("Action"))}) or ["none"]
        return [("trust-action", f"The trust policy allows {', '.join(actions)}, not {ACTION}.")]
    best = min(acting, key=lambda s: (len(s.failed), not has_aud_condition(s)))
    problems: dict[str, str] = {}
    for condition in best.failed:
        check, message = _condition_problem(best, condition, pool_id, kind)
        problems.setdefault(check, message)
    if not has_aud_condition(best) and "trust-aud" not in problems:
        problems["trust-aud"] = (
            f"The trust policy's {best.label} has no {AUD_KEY} condition; IAM requires one naming this "
            f"pool's ID {pool_id}, so that no other identity pool can assume the role.")
    return list(problems.items())


def check_trust_policy(document: dict, pool_id: str, role_arn: str, providers: Sequence[str] = (),
                       kind: str = AUTHENTICATED, shared: bool = False) -> list[Finding]:
    """What keeps a role's trust policy from letting this pool's users of the kind in (signed-in users
    through each provider, or guests), or lets the other kind in too (unless the role is shared: the
    pool's role for both kinds), found by the evaluator the local Cognito uses. The doctor and the
    wizard's Roles step ask this one function about both roles."""
    identity = some_identity(pool_id)
    amrs, others = amrs_of(kind, pool_id, providers), amrs_of(other_kind(kind), pool_id, providers)
    fix = (repair(document, pool_id, identity, amrs, kind, keep_out=[], also=others) if shared
           else repair(document, pool_id, identity, amrs, kind, keep_out=others))
    fix_text = f"{fix.command(role_arn)}  ({fix.describe()})"
    prefix = PREFIX[kind]
    for amr in amrs:
        verdict = decide(document, pool_id, identity, amr)
        if not verdict.allowed:
            through = f" (users of {amr[1]})" if len(amrs) > 1 else ""
            return [Finding(prefix + check, ERROR, role_arn, message + through, WHY, fix_text)
                    for check, message in _refusal(verdict, pool_id, kind)]
    let_in = next((v for v in (decide(document, pool_id, identity, amr) for amr in others) if v.allowed), None)
    if let_in is None or shared:
        return []
    statement = let_in.decision.allowed_by[0]
    has_amr = any(c.key.lower() == AMR_KEY for c in statement.conditions)
    message = (f"The trust policy's {statement.label} lets this pool's {LET_IN[kind]} assume this role too"
               + (f": its {AMR_KEY} condition lets them through." if has_amr else f", having no {AMR_KEY} condition."))
    return [Finding(prefix + "trust-amr-missing", WARNING, role_arn, message, WHY_LET_IN[kind], fix_text)]
