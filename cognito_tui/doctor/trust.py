"""Checks of the pool's roles and the authenticated role's trust policy (pure functions)."""

from __future__ import annotations

import fnmatch
import json
from typing import Any

from .. import ids
from .facts import Facts, trust_document
from .findings import AWS_CHECK_ROLES, ERROR, WARNING, Finding, would_see

PRINCIPAL = "cognito-identity.amazonaws.com"
ACTION = "sts:AssumeRoleWithWebIdentity"
AUD_KEY = f"{PRINCIPAL}:aud"
AMR_KEY = f"{PRINCIPAL}:amr"
WHY = would_see(AWS_CHECK_ROLES)


def good_trust_policy(pool_id: str, amr: str = "authenticated") -> dict:
    """The trust policy an identity pool role needs (authenticated or unauthenticated)."""
    return {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Federated": PRINCIPAL}, "Action": ACTION,
        "Condition": {"StringEquals": {AUD_KEY: pool_id}, "ForAnyValue:StringLike": {AMR_KEY: amr}}}]}


def _update_trust(role_arn: str, pool_id: str) -> str:
    name = role_arn.rsplit("/", 1)[-1]
    policy = json.dumps(good_trust_policy(pool_id), separators=(",", ":"))
    return f"aws iam update-assume-role-policy --role-name {name} --policy-document '{policy}'"


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
    return check_trust_policy(document, facts.pool_id, role_arn)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _federated(statement: dict) -> list[str]:
    principal = statement.get("Principal")
    if principal == "*":
        return [PRINCIPAL]
    if not isinstance(principal, dict):
        return []
    return [str(p) for p in _as_list(principal.get("Federated"))]


def _allows_action(statement: dict) -> bool:
    return any(isinstance(a, str) and fnmatch.fnmatchcase(ACTION.lower(), a.lower())
               for a in _as_list(statement.get("Action")))


def _conditions(statement: dict) -> list[tuple[str, str, list[str]]]:
    """(operator, key lower-cased, values) for every condition of the statement."""
    out = []
    block = statement.get("Condition")
    if isinstance(block, dict):
        for operator, entries in block.items():
            if isinstance(entries, dict):
                for key, values in entries.items():
                    out.append((str(operator), str(key).lower(), [str(v) for v in _as_list(values)]))
    return out


def _holds(operator: str, patterns: list[str], actual: str) -> bool:
    base = operator.rpartition(":")[2].removesuffix("IfExists")
    if base == "StringEquals":
        return actual in patterns
    if base == "StringEqualsIgnoreCase":
        return actual.lower() in (p.lower() for p in patterns)
    if base == "StringLike":
        return any(fnmatch.fnmatchcase(actual, p.replace("[", "[[]")) for p in patterns)
    return False


def _problems(statement: dict, pool_id: str) -> dict[str, tuple[str, str]]:
    """What is wrong with a statement's aud and amr conditions: check id -> (severity, message)."""
    problems: dict[str, tuple[str, str]] = {}
    conditions = _conditions(statement)
    aud = [(op, values) for op, key, values in conditions if key == AUD_KEY]
    amr = [(op, values) for op, key, values in conditions if key == AMR_KEY]
    typos = [key for _, key, _ in conditions
             if key.startswith("cognito-identity") and key.rsplit(":", 1)[-1] in ("aud", "amr")
             and key not in (AUD_KEY, AMR_KEY)]
    if not aud:
        typo = [k for k in typos if k.endswith(":aud")]
        problems["role.trust-aud"] = (ERROR, (
            f"The trust policy's condition key {typo[0]!r} is misspelt; it must be {AUD_KEY!r}." if typo else
            f"The trust policy has no {AUD_KEY} condition; it must equal this pool's ID {pool_id}."))
    elif not all(_holds(op, values, pool_id) for op, values in aud):
        shown = ", ".join(v for _, values in aud for v in values) or "(empty)"
        placeholder = "" if all(ids.IDENTITY_POOL_ID.fullmatch(v) for _, vs in aud for v in vs) else \
            " (a placeholder?)"
        problems["role.trust-aud"] = (ERROR, (
            f"The trust policy's {AUD_KEY} is {shown}{placeholder}, not this pool's ID {pool_id}."))
    if not amr:
        typo = [k for k in typos if k.endswith(":amr")]
        if typo:
            problems["role.trust-amr"] = (ERROR, (
                f"The trust policy's condition key {typo[0]!r} is misspelt; it must be {AMR_KEY!r}. "
                "A condition on a key that is never sent is never met."))
        else:
            problems["role.trust-amr-missing"] = (WARNING, (
                f"The trust policy has no {AMR_KEY} condition, so guest identities of the pool may "
                "assume this role too."))
    elif not all(_holds(op, values, "authenticated") for op, values in amr):
        shown = ", ".join(v for _, values in amr for v in values) or "(empty)"
        problems["role.trust-amr"] = (ERROR, (
            f"The trust policy's {AMR_KEY} is {shown}, which signed-in users never match; "
            "it must be \"authenticated\"."))
    return problems


def check_trust_policy(document: dict, pool_id: str, role_arn: str) -> list[Finding]:
    """Principal, action, aud and amr of the authenticated role's trust policy."""
    fix = _update_trust(role_arn, pool_id)
    statements = [s for s in _as_list(document.get("Statement"))
                  if isinstance(s, dict) and s.get("Effect") == "Allow"]
    federated = [s for s in statements if PRINCIPAL in _federated(s)]
    if not federated:
        named = sorted({p for s in statements for p in _federated(s)}) or ["no federated principal"]
        return [Finding("role.trust-principal", ERROR, role_arn,
                        f"The trust policy does not trust {PRINCIPAL} (it names: {', '.join(named)}).",
                        WHY, fix)]
    findings: list[Finding] = []
    acting = [s for s in federated if _allows_action(s)]
    if not acting:
        actions = sorted({str(a) for s in federated for a in _as_list(s.get("Action"))}) or ["none"]
        findings.append(Finding("role.trust-action", ERROR, role_arn,
                                f"The trust policy allows {', '.join(actions)}, not {ACTION}.", WHY, fix))
    candidates = [_problems(s, pool_id) for s in (acting or federated)]
    if any(not problems for problems in candidates):
        return findings
    best = min(candidates, key=len)
    for check_id, (severity, message) in best.items():
        why = WHY if severity == ERROR else "Anyone with a guest identity of this pool could act as a signed-in user."
        findings.append(Finding(check_id, severity, role_arn, message, why, fix))
    return findings
