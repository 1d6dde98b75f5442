"""Does a role's trust policy let cognito-identity assume it for this pool and login?

STS evaluates the trust policy when cognito-identity asks for credentials; a policy that does not
allow the pool makes AWS answer InvalidIdentityPoolConfigurationException. This is the subset of
IAM policy evaluation that trust policies for identity pools use: Principal Federated, Action,
and String* conditions with ForAnyValue/ForAllValues and IfExists. An operator it does not know
counts as not satisfied, so an odd policy is refused rather than waved through.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from typing import Any

FEDERATED_PRINCIPAL = "cognito-identity.amazonaws.com"
ACTION = "sts:AssumeRoleWithWebIdentity"
CONTEXT_PREFIX = "cognito-identity.amazonaws.com:"


def request_context(pool_id: str, identity_id: str, amr: list[str]) -> dict[str, list[str]]:
    """The condition keys cognito-identity sends along (keys are compared case-insensitively)."""
    return {
        f"{CONTEXT_PREFIX}aud": [pool_id],
        f"{CONTEXT_PREFIX}sub": [identity_id],
        f"{CONTEXT_PREFIX}amr": list(amr),
    }


def allows(policy: dict[str, Any], context: dict[str, list[str]]) -> bool:
    """True when some Allow statement matches and no Deny statement does."""
    statements = _as_list(policy.get("Statement"))
    matching = [s for s in statements if isinstance(s, dict) and _statement_matches(s, context)]
    if any(str(s.get("Effect")) == "Deny" for s in matching):
        return False
    return any(str(s.get("Effect")) == "Allow" for s in matching)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _statement_matches(statement: dict[str, Any], context: dict[str, list[str]]) -> bool:
    if "NotPrincipal" in statement or "NotAction" in statement:
        return False  # not used by identity-pool trust policies; refuse rather than guess
    return (_principal_matches(statement.get("Principal"))
            and _action_matches(statement.get("Action"))
            and _conditions_hold(statement.get("Condition") or {}, context))


def _principal_matches(principal: Any) -> bool:
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    return FEDERATED_PRINCIPAL in _as_list(principal.get("Federated"))


def _action_matches(action: Any) -> bool:
    return any(isinstance(a, str) and fnmatch.fnmatchcase(ACTION.lower(), a.lower())
               for a in _as_list(action))


def _conditions_hold(conditions: Any, context: dict[str, list[str]]) -> bool:
    if not isinstance(conditions, dict):
        return False
    lowered = {key.lower(): values for key, values in context.items()}
    for operator, block in conditions.items():
        if not isinstance(block, dict):
            return False
        for key, expected in block.items():
            if not _condition_holds(str(operator), lowered.get(str(key).lower()), _as_list(expected)):
                return False
    return True


def _string_equals(actual: str, pattern: str) -> bool:
    return actual == pattern


def _string_equals_ignore_case(actual: str, pattern: str) -> bool:
    return actual.lower() == pattern.lower()


def _string_like(actual: str, pattern: str) -> bool:
    # IAM wildcards: * any run, ? one character; no character classes.
    escaped = pattern.replace("[", "[[]")
    return fnmatch.fnmatchcase(actual, escaped)


_MATCHERS: dict[str, tuple[Callable[[str, str], bool], bool]] = {
    # name -> (matcher, negated)
    "StringEquals": (_string_equals, False),
    "StringNotEquals": (_string_equals, True),
    "StringEqualsIgnoreCase": (_string_equals_ignore_case, False),
    "StringNotEqualsIgnoreCase": (_string_equals_ignore_case, True),
    "StringLike": (_string_like, False),
    "StringNotLike": (_string_like, True),
}


def _condition_holds(operator: str, actual: list[str] | None, expected: list[Any]) -> bool:
    set_operator, _, base = operator.rpartition(":")
    if_exists = base.endswith("IfExists")
    base = base.removesuffix("IfExists")
    if base not in _MATCHERS or set_operator not in ("", "ForAnyValue", "ForAllValues"):
        return False
    matcher, negated = _MATCHERS[base]
    patterns = [str(p) for p in expected]
    if not actual:
        # A missing key: ForAllValues holds vacuously; negated operators and IfExists hold too.
        return set_operator == "ForAllValues" or negated or if_exists

    def value_ok(value: str) -> bool:
        hit = any(matcher(value, p) for p in patterns)
        return not hit if negated else hit

    if set_operator == "ForAllValues":
        return all(value_ok(v) for v in actual)
    # Plain operators on a multi-valued key behave like ForAnyValue.
    return any(value_ok(v) for v in actual)
