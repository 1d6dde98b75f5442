"""Which IAM role an authenticated login gets: the identity pool's role mappings (Token or Rules)
for its provider, else the pool's authenticated role, as GetCredentialsForIdentity picks it.

Token: a CustomRoleArn that is among the token's `cognito:roles`, else `cognito:preferred_role`.
Rules: the first rule (in order) whose claim matches; a CustomRoleArn overrides the order when it
is the role of a matching rule. Nothing chosen is ambiguous: AmbiguousRoleResolution says whether
the authenticated role applies or the request is denied.
"""

from __future__ import annotations

from typing import Any

from ..errors import AWS_AMBIGUOUS_DENIED
from .errors import not_authorized

AMBIGUOUS_DENIED = AWS_AMBIGUOUS_DENIED


def rule_matches(rule: dict[str, Any], claims: dict[str, Any]) -> bool:
    """Does one rule match the token's claims? A list claim (cognito:groups) Contains a member."""
    value, wanted, kind = claims.get(rule["Claim"]), str(rule["Value"]), rule["MatchType"]
    if value is None:
        return kind == "NotEqual"
    if kind == "Contains":
        return wanted in value if isinstance(value, list) else wanted in str(value)
    text = " ".join(map(str, value)) if isinstance(value, list) else str(value)
    return {"Equals": text == wanted, "StartsWith": text.startswith(wanted),
            "NotEqual": text != wanted}[kind]


def mapping_for(role_mappings: dict[str, dict[str, Any]], provider: str, client_id: Any) -> dict[str, Any] | None:
    """The mapping for a login: keyed `<provider>:<app client ID>` for user pools, as AWS keys it
    (a key with the provider alone is accepted too)."""
    return role_mappings.get(f"{provider}:{client_id}") or role_mappings.get(provider)


def _from_token(claims: dict[str, Any], custom_role_arn: str | None) -> str | None:
    offered = claims.get("cognito:roles") or []
    if custom_role_arn and custom_role_arn in offered:
        return custom_role_arn
    preferred = claims.get("cognito:preferred_role")
    return str(preferred) if preferred else None


def _from_rules(rules: list[dict[str, Any]], claims: dict[str, Any], custom_role_arn: str | None) -> str | None:
    matching = [str(r["RoleARN"]) for r in rules if rule_matches(r, claims)]
    if custom_role_arn and custom_role_arn in matching:
        return custom_role_arn
    return matching[0] if matching else None


def resolve(roles: dict[str, str], role_mappings: dict[str, dict[str, Any]], provider: str,
            claims: dict[str, Any], custom_role_arn: str | None) -> str | None:
    """The role ARN for this login (None when the pool has no role for it at all)."""
    default = roles.get("authenticated")
    mapping = mapping_for(role_mappings, provider, claims.get("aud"))
    if mapping is None:
        return default
    if mapping["Type"] == "Token":
        chosen = _from_token(claims, custom_role_arn)
    else:
        chosen = _from_rules(mapping["RulesConfiguration"]["Rules"], claims, custom_role_arn)
    if chosen:
        return chosen
    if mapping["AmbiguousRoleResolution"] == "Deny":
        raise not_authorized(AMBIGUOUS_DENIED)
    return default
