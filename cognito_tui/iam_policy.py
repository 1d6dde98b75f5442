"""IAM policy evaluation for one request, with the reason for the answer.

The rules are IAM's documented ones (IAM User Guide, "Policy evaluation logic", "Condition
operators", "Set operators for multivalued context keys"):
- an explicit Deny wins; otherwise some Allow must apply; otherwise the request is implicitly denied;
- a statement applies when its Principal (or NotPrincipal), Action (or NotAction) and every
  condition match; actions are compared case-insensitively with `*` and `?` wildcards;
- condition key names are case-insensitive, values are case-sensitive except for ...IgnoreCase;
  condition values may be a list or a scalar; several values of one key are ORed (for a negated
  operator: the request value must match none of them);
- a key missing from the request makes a condition false, except for a negated operator
  (StringNot...), an ...IfExists operator, and ForAllValues (true for an empty set); ForAnyValue
  is false for an empty set;
- without a set qualifier a multi-valued key matches when any of its values does (a negated
  operator: when none does).

Only the String operators are evaluated. Any other operator (Numeric, Date, Bool, Null, Arn,
IpAddress, an unknown or misspelt name) cannot be checked here: the condition counts as not
holding, so its statement does not apply, and the decision says so rather than guessing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

ALLOW, DENY = "Allow", "Deny"
SET_QUALIFIERS = ("ForAnyValue", "ForAllValues")


@dataclass(frozen=True)
class Request:
    """Who asks (a principal of one type, e.g. Federated), for which action, with which context keys."""

    principal_type: str
    principal: str
    action: str
    context: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def values(self, key: str) -> tuple[str, ...] | None:
        """The request's values for a condition key (case-insensitive), None when it is absent."""
        wanted = key.lower()
        for name, values in self.context.items():
            if name.lower() == wanted:
                return tuple(values)
        return None


@dataclass(frozen=True)
class ConditionResult:
    operator: str
    key: str
    expected: tuple[str, ...]
    actual: tuple[str, ...] | None
    holds: bool
    known: bool = True  # False: an operator this evaluator cannot check

    def describe(self, with_request: bool = True) -> str:
        values = ", ".join(json.dumps(v) for v in self.expected) or "(none)"
        if not self.known:
            return f"{self.operator} on {self.key} (an operator that cannot be checked here)"
        if not with_request:
            return f"{self.operator} {self.key} [{values}]"
        return f"{self.operator} {self.key} [{values}] (the request has {self.request_values()})"

    def request_values(self) -> str:
        return "none" if self.actual is None else ", ".join(json.dumps(v) for v in self.actual) or "(empty)"


@dataclass(frozen=True)
class StatementResult:
    index: int  # 1-based, as people count statements
    statement: Mapping[str, Any]
    effect: str
    principal_ok: bool
    action_ok: bool
    conditions: tuple[ConditionResult, ...]
    problems: tuple[str, ...] = ()  # why IAM would not accept the statement as written

    @property
    def sid(self) -> str:
        sid = self.statement.get("Sid")
        return sid if isinstance(sid, str) else ""

    @property
    def label(self) -> str:
        return f"statement {self.index}" + (f" (Sid {self.sid!r})" if self.sid else "")

    @property
    def failed(self) -> tuple[ConditionResult, ...]:
        return tuple(c for c in self.conditions if not c.holds)

    @property
    def applies(self) -> bool:
        return not self.problems and self.principal_ok and self.action_ok and not self.failed

    def why_not(self) -> str:
        """Why the statement does not apply to the request (empty when it does)."""
        if self.problems:
            return "; ".join(self.problems)
        if not self.principal_ok:
            return "the principal does not match"
        if not self.action_ok:
            return "the action does not match"
        return "; ".join(f"{c.describe()} does not hold" for c in self.failed)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    statements: tuple[StatementResult, ...]

    @property
    def denied_by(self) -> tuple[StatementResult, ...]:
        return tuple(s for s in self.statements if s.effect == DENY and s.applies)

    @property
    def allowed_by(self) -> tuple[StatementResult, ...]:
        return tuple(s for s in self.statements if s.effect == ALLOW and s.applies)

    def explain(self) -> str:
        if self.denied_by:
            return "; ".join(f"{s.label} denies it explicitly" for s in self.denied_by)
        if self.allowed:
            return f"{self.allowed_by[0].label} allows it"
        allows = [s for s in self.statements if s.effect == ALLOW]
        if not allows:
            return "no statement allows anything"
        return "no statement allows it: " + "; ".join(f"{s.label}: {s.why_not()}" for s in allows)


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def evaluate(policy: Mapping[str, Any], request: Request) -> Decision:
    """IAM's answer for one request against one policy document."""
    raw = policy.get("Statement") if isinstance(policy, Mapping) else None
    results = tuple(_statement(i, s, request) for i, s in enumerate(as_list(raw), start=1))
    denied = any(s.effect == DENY and s.applies for s in results)
    allowed = not denied and any(s.effect == ALLOW and s.applies for s in results)
    return Decision(allowed, results)


def _statement(index: int, statement: Any, request: Request) -> StatementResult:
    if not isinstance(statement, Mapping):
        return StatementResult(index, {}, "", False, False, (), ("it is not a JSON object",))
    problems = []
    effect = statement.get("Effect")
    if effect not in (ALLOW, DENY):
        problems.append(f"its Effect {effect!r} is neither \"Allow\" nor \"Deny\"")
    if ("Principal" in statement) == ("NotPrincipal" in statement):
        problems.append("it needs exactly one of Principal and NotPrincipal")
    if ("Action" in statement) == ("NotAction" in statement):
        problems.append("it needs exactly one of Action and NotAction")
    if "NotPrincipal" in statement:
        principal_ok = not _principal_matches(statement["NotPrincipal"], request)
    else:
        principal_ok = _principal_matches(statement.get("Principal"), request)
    if "NotAction" in statement:
        action_ok = not _action_matches(statement["NotAction"], request.action)
    else:
        action_ok = _action_matches(statement.get("Action"), request.action)
    block = statement.get("Condition", {})
    if not isinstance(block, Mapping):
        problems.append("its Condition is not a JSON object")
        block = {}
    conditions = []
    for operator, entries in block.items():
        if not isinstance(entries, Mapping):
            problems.append(f"its condition {operator} is not a JSON object of keys")
            continue
        for key, expected in entries.items():
            conditions.append(condition(str(operator), str(key), expected, request))
    return StatementResult(index, statement, str(effect) if effect in (ALLOW, DENY) else "",
                           principal_ok, action_ok, tuple(conditions), tuple(problems))


def _principal_matches(principal: Any, request: Request) -> bool:
    if principal == "*":
        return True
    if not isinstance(principal, Mapping):
        return False
    # "Principal": {"AWS": "*"} means every principal, as "Principal": "*" does.
    if "*" in as_list(principal.get("AWS")):
        return True
    names = [str(p).lower() for p in as_list(principal.get(request.principal_type))]
    return "*" in names or request.principal.lower() in names


def _wildcard(pattern: str, flags: int = 0) -> re.Pattern[str]:
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(body, flags | re.DOTALL)


def _action_matches(actions: Any, action: str) -> bool:
    return any(isinstance(a, str) and _wildcard(a, re.IGNORECASE).fullmatch(action)
               for a in as_list(actions))


def _text(value: Any) -> str:
    """A condition value as IAM compares it: strings as they are, true/false/numbers as JSON writes them."""
    return value if isinstance(value, str) else json.dumps(value)


_MATCHERS: dict[str, tuple[Callable[[str, str], bool], bool]] = {
    # operator -> (match one request value against one policy value, negated)
    "StringEquals": (lambda actual, p: actual == p, False),
    "StringNotEquals": (lambda actual, p: actual == p, True),
    "StringEqualsIgnoreCase": (lambda actual, p: actual.lower() == p.lower(), False),
    "StringNotEqualsIgnoreCase": (lambda actual, p: actual.lower() == p.lower(), True),
    "StringLike": (lambda actual, p: bool(_wildcard(p).fullmatch(actual)), False),
    "StringNotLike": (lambda actual, p: bool(_wildcard(p).fullmatch(actual)), True),
}


# IAM's other operators: valid in a policy, but not evaluated here (see the module docstring).
OTHER_OPERATORS = frozenset({
    "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan",
    "NumericGreaterThanEquals", "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals",
    "DateGreaterThan", "DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
    "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null"})


def is_iam_operator(operator: str) -> bool:
    """Whether IAM knows the operator at all (a misspelt one makes IAM refuse the policy)."""
    qualifier, _, base = operator.rpartition(":")
    base = base.removesuffix("IfExists")
    return qualifier in ("", *SET_QUALIFIERS) and (base in _MATCHERS or base in OTHER_OPERATORS)


def parse_operator(operator: str) -> tuple[str, str, bool] | None:
    """(set qualifier or "", base operator, if-exists) for a String operator; None for any other."""
    qualifier, _, base = operator.rpartition(":")
    if_exists = base.endswith("IfExists")
    base = base.removesuffix("IfExists")
    if qualifier not in ("", *SET_QUALIFIERS) or base not in _MATCHERS:
        return None
    return qualifier, base, if_exists


def condition(operator: str, key: str, expected: Any, request: Request) -> ConditionResult:
    """One condition (operator, key, policy values) against the request."""
    patterns = tuple(_text(v) for v in as_list(expected))
    actual = request.values(key)
    parsed = parse_operator(operator)
    if parsed is None:
        return ConditionResult(operator, key, patterns, actual, holds=False, known=False)
    qualifier, base, if_exists = parsed
    matcher, negated = _MATCHERS[base]
    present = [v for v in (actual or ()) if v != ""]
    if not present:
        if if_exists:
            holds = True
        elif qualifier == "ForAllValues":
            holds = True
        elif qualifier == "ForAnyValue":
            holds = False
        else:
            holds = negated
        return ConditionResult(operator, key, patterns, actual, holds)

    def matches(value: str) -> bool:
        return any(matcher(value, p) for p in patterns)

    if qualifier == "ForAllValues":
        holds = all(matches(v) != negated for v in present)
    elif qualifier == "ForAnyValue":
        holds = any(matches(v) != negated for v in present)
    else:
        hit = any(matches(v) for v in present)
        holds = not hit if negated else hit
    return ConditionResult(operator, key, patterns, actual, holds)
