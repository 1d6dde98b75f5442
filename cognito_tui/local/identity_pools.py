"""Identity pool operations: create, describe, update (replaces everything), delete, list, tags, roles."""

from __future__ import annotations

import base64
import re
from typing import Any

from . import moto_bridge, validation as v
from .errors import ServiceError, ValidationErrors, invalid_parameter, not_found
from .identity_store import IdentityPool, RegionState, new_id

MAX_COGNITO_PROVIDERS = 50
POOL_ARN = re.compile(r"^arn:aws:cognito-identity:([a-z0-9-]+):(\d{12}):identitypool/(.+)$")
ROLE_MAPPING_TYPES = ("Token", "Rules")
AMBIGUOUS_RESOLUTIONS = ("AuthenticatedRole", "Deny")
MATCH_TYPES = ("Equals", "Contains", "StartsWith", "NotEqual")


def pool_id_param(body: dict[str, Any]) -> str:
    """IdentityPoolId, well formed (ValidationException otherwise)."""
    errors = ValidationErrors()
    pool_id = v.string(errors, body, "IdentityPoolId", "identityPoolId", v.IDENTITY_POOL_ID, required=True)
    errors.raise_if_any()
    assert pool_id is not None
    return pool_id


def _cognito_providers(errors: ValidationErrors, body: dict[str, Any]) -> list[dict[str, Any]]:
    providers = []
    for index, raw in enumerate(v.sequence(body, "CognitoIdentityProviders", "cognitoIdentityProviders"), 1):
        if not isinstance(raw, dict):
            raise ServiceError("SerializationException", "Expected an object for 'cognitoIdentityProviders'.")
        where = f"cognitoIdentityProviders.{index}.member"
        name = v.string(errors, raw, "ProviderName", f"{where}.providerName", v.PROVIDER_NAME)
        client = v.string(errors, raw, "ClientId", f"{where}.clientId", v.PROVIDER_CLIENT_ID)
        check = v.boolean(errors, raw, "ServerSideTokenCheck", f"{where}.serverSideTokenCheck")
        entry: dict[str, Any] = {"ServerSideTokenCheck": check}
        if name is not None:
            entry["ProviderName"] = name
        if client is not None:
            entry["ClientId"] = client
        providers.append(entry)
    if len(providers) > MAX_COGNITO_PROVIDERS:
        raise ServiceError("LimitExceededException",
                           f"An identity pool can have at most {MAX_COGNITO_PROVIDERS} Cognito user pool providers.")
    for entry in providers:
        if "ProviderName" not in entry or "ClientId" not in entry:
            raise invalid_parameter("Each Cognito identity provider needs a ProviderName and a ClientId.")
    return providers


def config_from_request(body: dict[str, Any], pool_id: str) -> IdentityPool:
    """A complete pool configuration from a Create/UpdateIdentityPool request: every optional
    field the request leaves out takes its default, exactly as AWS resets it on update."""
    errors = ValidationErrors()
    name = v.string(errors, body, "IdentityPoolName", "identityPoolName", v.IDENTITY_POOL_NAME, required=True)
    allow_unauth = v.boolean(errors, body, "AllowUnauthenticatedIdentities",
                             "allowUnauthenticatedIdentities", required=True)
    classic = v.boolean(errors, body, "AllowClassicFlow", "allowClassicFlow")
    logins = v.string_map(errors, body, "SupportedLoginProviders", "supportedLoginProviders",
                          v.LOGIN_PROVIDER_NAME, v.LOGIN_PROVIDER_ID)
    v.max_entries(errors, logins, "supportedLoginProviders", 10)
    developer = v.string(errors, body, "DeveloperProviderName", "developerProviderName",
                         v.DEVELOPER_PROVIDER_NAME)
    oidc = v.string_list(errors, body, "OpenIdConnectProviderARNs", "openIdConnectProviderARNs", v.ARN)
    saml = v.string_list(errors, body, "SamlProviderARNs", "samlProviderARNs", v.ARN)
    tags = v.string_map(errors, body, "IdentityPoolTags", "identityPoolTags", v.TAG_KEY, v.TAG_VALUE)
    providers = _cognito_providers(errors, body)
    errors.raise_if_any()
    assert name is not None
    return IdentityPool(pool_id=pool_id, name=name, allow_unauthenticated=allow_unauth,
                        allow_classic_flow=classic, supported_login_providers=logins,
                        developer_provider_name=developer, open_id_connect_provider_arns=oidc,
                        cognito_identity_providers=providers, saml_provider_arns=saml, tags=tags)


def create_identity_pool(state: RegionState, region: str, body: dict[str, Any]) -> dict[str, Any]:
    pool = config_from_request(body, new_id(region))
    state.pools[pool.pool_id] = pool
    return pool.to_json()


def describe_identity_pool(state: RegionState, body: dict[str, Any]) -> dict[str, Any]:
    return state.pool(pool_id_param(body)).to_json()


def update_identity_pool(state: RegionState, body: dict[str, Any]) -> dict[str, Any]:
    pool_id = pool_id_param(body)
    current = state.pool(pool_id)
    new = config_from_request(body, pool_id)
    if current.developer_provider_name:
        if new.developer_provider_name not in (None, current.developer_provider_name):
            raise invalid_parameter("Cannot change the developer provider name once it is set.")
        new.developer_provider_name = current.developer_provider_name
    new.roles, new.role_mappings = current.roles, current.role_mappings  # not part of the update
    state.pools[pool_id] = new
    return new.to_json()


def delete_identity_pool(state: RegionState, body: dict[str, Any]) -> dict[str, Any]:
    state.delete_pool(pool_id_param(body))
    return {}


def paginate(items: list[Any], limit: int, token: str | None) -> tuple[list[Any], str | None]:
    """One page of items and the NextToken for the rest (None on the last page)."""
    start = _decode_token(token) if token else 0
    end = start + limit
    return items[start:end], (_encode_token(end) if end < len(items) else None)


def _encode_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def _decode_token(token: str) -> int:
    try:
        kind, _, number = base64.urlsafe_b64decode(token.encode()).decode().partition(":")
        if kind == "offset" and number.isdigit():
            return int(number)
    except (ValueError, UnicodeError):
        pass
    raise invalid_parameter("The pagination token is invalid.")


def list_identity_pools(state: RegionState, body: dict[str, Any]) -> dict[str, Any]:
    errors = ValidationErrors()
    limit = v.integer(errors, body, "MaxResults", "maxResults", 1, 60, required=True)
    token = v.string(errors, body, "NextToken", "nextToken", v.PAGINATION_KEY)
    errors.raise_if_any()
    assert limit is not None
    page, next_token = paginate(list(state.pools.values()), limit, token)
    out: dict[str, Any] = {"IdentityPools": [{"IdentityPoolId": p.pool_id, "IdentityPoolName": p.name}
                                             for p in page]}
    if next_token:
        out["NextToken"] = next_token
    return out


def _pool_for_arn(state: RegionState, region: str, body: dict[str, Any]) -> IdentityPool:
    errors = ValidationErrors()
    arn = v.string(errors, body, "ResourceArn", "resourceArn", v.ARN, required=True)
    errors.raise_if_any()
    assert arn is not None
    match = POOL_ARN.match(arn)
    if not match:
        raise invalid_parameter(f"Invalid resource ARN: {arn}")
    if match.group(1) != region or match.group(3) not in state.pools:
        raise not_found(f"Resource {arn} not found.")
    return state.pools[match.group(3)]


def tag_resource(state: RegionState, region: str, body: dict[str, Any]) -> dict[str, Any]:
    errors = ValidationErrors()
    tags = v.string_map(errors, body, "Tags", "tags", v.TAG_KEY, v.TAG_VALUE)
    errors.raise_if_any()
    pool = _pool_for_arn(state, region, body)
    if len({**pool.tags, **tags}) > 50:
        raise ServiceError("LimitExceededException", "A resource can have at most 50 tags.")
    pool.tags.update(tags)
    return {}


def untag_resource(state: RegionState, region: str, body: dict[str, Any]) -> dict[str, Any]:
    errors = ValidationErrors()
    keys = v.string_list(errors, body, "TagKeys", "tagKeys", v.TAG_KEY)
    errors.raise_if_any()
    pool = _pool_for_arn(state, region, body)
    for key in keys:
        pool.tags.pop(key, None)
    return {}


def list_tags_for_resource(state: RegionState, region: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"Tags": dict(_pool_for_arn(state, region, body).tags)}


def _check_role(arn: Any, where: str) -> str:
    if not isinstance(arn, str):
        raise ServiceError("SerializationException", f"Expected a string for '{where}'.")
    if moto_bridge.iam_role(arn) is None:
        raise invalid_parameter(f"Invalid role ARN {arn}: the role does not exist.")
    return arn


def _check_role_mapping(name: str, mapping: Any) -> dict[str, Any]:
    if not isinstance(mapping, dict):
        raise ServiceError("SerializationException", f"Expected an object for 'roleMappings.{name}'.")
    kind = mapping.get("Type")
    if kind not in ROLE_MAPPING_TYPES:
        raise invalid_parameter(f"Role mapping for {name}: Type must be one of {', '.join(ROLE_MAPPING_TYPES)}.")
    if mapping.get("AmbiguousRoleResolution") not in AMBIGUOUS_RESOLUTIONS:
        raise invalid_parameter(f"Role mapping for {name}: AmbiguousRoleResolution must be one of "
                                f"{', '.join(AMBIGUOUS_RESOLUTIONS)}.")
    if kind == "Rules":
        rules = (mapping.get("RulesConfiguration") or {}).get("Rules")
        if not isinstance(rules, list) or not 1 <= len(rules) <= 25:
            raise invalid_parameter(f"Role mapping for {name}: Rules needs 1 to 25 rules.")
        for rule in rules:
            if not isinstance(rule, dict) or rule.get("MatchType") not in MATCH_TYPES:
                raise invalid_parameter(f"Role mapping for {name}: each rule needs Claim, MatchType "
                                        f"({', '.join(MATCH_TYPES)}), Value and RoleARN.")
            if not rule.get("Claim") or "Value" not in rule:
                raise invalid_parameter(f"Role mapping for {name}: each rule needs Claim and Value.")
            _check_role(rule.get("RoleARN"), f"roleMappings.{name}.rules.roleARN")
    elif mapping.get("RulesConfiguration"):
        raise invalid_parameter(f"Role mapping for {name}: RulesConfiguration is only for Type Rules.")
    return mapping


def set_identity_pool_roles(state: RegionState, body: dict[str, Any]) -> dict[str, Any]:
    pool = state.pool(pool_id_param(body))
    roles = v.mapping(body, "Roles", "roles")
    if "Roles" not in body:
        errors = ValidationErrors()
        errors.add(None, "roles", "Member must not be null")
        errors.raise_if_any()
    for kind, arn in roles.items():
        if kind not in ("authenticated", "unauthenticated"):
            errors = ValidationErrors()
            errors.add(kind, "roles.key", "Member must satisfy regular expression pattern: (un)?authenticated")
            errors.raise_if_any()
        _check_role(arn, f"roles.{kind}")
    mappings = v.mapping(body, "RoleMappings", "roleMappings")
    if len(mappings) > 10:
        raise invalid_parameter("At most 10 role mappings are allowed.")
    checked = {name: _check_role_mapping(name, m) for name, m in mappings.items()}
    pool.roles = dict(roles)
    pool.role_mappings = checked
    return {}


def get_identity_pool_roles(state: RegionState, body: dict[str, Any]) -> dict[str, Any]:
    pool = state.pool(pool_id_param(body))
    out: dict[str, Any] = {"IdentityPoolId": pool.pool_id, "Roles": dict(pool.roles)}
    if pool.role_mappings:
        out["RoleMappings"] = pool.role_mappings
    return out
