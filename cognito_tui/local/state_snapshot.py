"""The local Cognito's whole state as plain JSON data, and back.

What is kept: user pools (configuration, schema, MFA setting), their app clients (with secrets),
groups (role and precedence), users (attributes, status, password as an SRP salt and verifier,
MFA flags, group membership), refresh tokens and unexpired access tokens; each pool's signing
key; IAM roles (trust policy, inline policies, attached managed policies that exist); identity
pools (configuration, roles, role mappings) and identities. Not kept: user-pool domains,
identity providers and resource servers, customer managed IAM policies, SRP challenges in flight.

The data names no types: every object's class is decided here by where it sits, so a file can
only supply values. restore() builds everything first and installs it only when all of it built,
so a bad file changes nothing.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import datetime
from typing import Any

from .. import jwt_claims
from . import mfa, moto_bridge, password_verifiers, signing_keys
from .demo import DemoData
from .identity_store import ACCOUNT_ID, Identity, IdentityPool, IdentityStore, RegionState

POOL_FIELDS = ("id", "arn", "name", "status", "mfa_config", "sms_mfa_config", "token_mfa_config",
               "extended_config")
CLIENT_FIELDS = ("id", "secret", "generate_secret", "extended_config")
USER_FIELDS = ("id", "username", "enabled", "attributes", "sms_mfa_enabled",
               "software_token_mfa_enabled", "token_verified", "confirmation_code", "preferred_mfa_setting")
ROLE_FIELDS = ("id", "name", "path", "assume_role_policy_document", "description", "tags",
               "max_session_duration", "permissions_boundary_arn", "policies")


class SnapshotError(ValueError):
    """The state data is not what a saved state looks like."""


def _when(value: datetime) -> str:
    return value.isoformat()


def _parse_when(text: Any) -> datetime:
    if not isinstance(text, str):
        raise SnapshotError(f"a date is {type(text).__name__}, not text")
    return datetime.fromisoformat(text)


def _pick(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _put(obj: Any, data: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        setattr(obj, name, data[name])


# ------------------------------------------------------------------ export

def _export_user_pool(pool: Any) -> dict[str, Any]:
    return {
        **_pick(pool, POOL_FIELDS),
        "created": _when(pool.creation_date), "modified": _when(pool.last_modified_date),
        "schema": [dict(vars(attribute)) for attribute in pool.schema_attributes.values()],
        "clients": [_pick(c, CLIENT_FIELDS) for c in pool.clients.values()],
        "groups": [{"name": g.group_name, "description": g.description, "role_arn": g.role_arn,
                    "precedence": g.precedence, "created": _when(g.creation_date),
                    "modified": _when(g.last_modified_date)} for g in pool.groups.values()],
        "users": [{**_pick(u, USER_FIELDS), "status": str(getattr(u.status, "value", u.status)),
                   "password_verifier": password_verifiers.export(pool.id, u), "totp": mfa.export(u),
                   "created": _when(u.create_date), "modified": _when(u.last_modified_date),
                   "groups": sorted(g.group_name for g in u.groups)} for u in pool.users.values()],
        # moto keeps every token it ever issued; ID tokens it never looks up again, and access
        # tokens only until they expire, so only those still alive are kept.
        "tokens": {"refresh": pool.refresh_tokens, "access": _live(pool.access_tokens)},
    }


def _live(issued: dict[str, Any]) -> dict[str, Any]:
    now = time.time()
    return {token: owner for token, owner in issued.items() if _expiry(token) > now}


def _expiry(token: str) -> float:
    try:
        return float(jwt_claims.unverified_parts(token)[1]["exp"])
    except (jwt_claims.NotAJwt, KeyError, TypeError, ValueError):
        return 0.0


def _export_role(role: Any) -> dict[str, Any]:
    return {**_pick(role, ROLE_FIELDS), "created": _when(role.create_date),
            "managed_policy_arns": sorted(p.arn for p in role.managed_policies.values())}


def export_state(store: IdentityStore, demo: DemoData | None) -> dict[str, Any]:
    """Everything the local Cognito holds for its account, as JSON-ready data."""
    from moto.cognitoidp.models import cognitoidp_backends
    from moto.iam.models import iam_backends

    pools = [_export_user_pool(pool)
             for region, backend in cognitoidp_backends[ACCOUNT_ID].items() if region != "global"
             for pool in backend.user_pools.values()]
    roles = [_export_role(r) for r in iam_backends[ACCOUNT_ID][moto_bridge.PARTITION].roles.values()]
    keys = signing_keys.export_keys()
    with store.lock:
        regions = [{"region": region, "pools": [dataclasses.asdict(p) for p in state.pools.values()],
                    "identities": [dataclasses.asdict(i) for i in state.identities.values()]}
                   for (account, region), state in store.regions().items() if account == ACCOUNT_ID]
    return {
        "user_pools": pools,
        "signing_keys": {p["id"]: keys[p["id"]] for p in pools if p["id"] in keys},
        "iam_roles": roles,
        "identity_regions": regions,
        "demo": dataclasses.asdict(demo) if demo else None,
    }


# ------------------------------------------------------------------ restore

def _build_user_pool(data: dict[str, Any]) -> Any:
    from moto.cognitoidp import models
    from moto.cognitoidp.models import cognitoidp_backends

    region = str(data["id"]).rsplit("_", 1)[0]
    if region not in cognitoidp_backends[ACCOUNT_ID].regions:
        raise SnapshotError(f"user pool {data['id']} names no known region")
    pool = models.CognitoIdpUserPool(ACCOUNT_ID, region, str(data["name"]), {})
    _put(pool, data, POOL_FIELDS)
    pool.creation_date, pool.last_modified_date = _parse_when(data["created"]), _parse_when(data["modified"])
    pool.schema_attributes = {}
    for fields in data["schema"]:
        attribute = object.__new__(models.CognitoIdpUserPoolAttribute)
        vars(attribute).update({str(k): v for k, v in dict(fields).items()})
        pool.schema_attributes[attribute.name] = attribute
    for fields in data["clients"]:
        client = models.CognitoIdpUserPoolClient(pool.id, bool(fields["generate_secret"]), {})
        _put(client, fields, CLIENT_FIELDS)
        pool.clients[client.id] = client
    for fields in data["groups"]:
        group = models.CognitoIdpGroup(pool.id, fields["name"], fields["description"],
                                       fields["role_arn"], fields["precedence"])
        group.creation_date, group.last_modified_date = _parse_when(fields["created"]), _parse_when(fields["modified"])
        pool.groups[group.group_name] = group
    for fields in data["users"]:
        user = models.CognitoIdpUser(pool.id, fields["username"], None, models.UserStatus(fields["status"]), [])
        _put(user, fields, USER_FIELDS)
        password_verifiers.restore(user, fields["password_verifier"])
        mfa.restore(user, fields.get("totp"))
        user.attribute_lookup = models.flatten_attrs(user.attributes)
        user.create_date, user.last_modified_date = _parse_when(fields["created"]), _parse_when(fields["modified"])
        for name in fields["groups"]:
            group = pool.groups[name]
            group.users.add(user)
            user.groups.add(group)
        pool.users[user.username] = user
    tokens = data["tokens"]
    pool.refresh_tokens = {k: tuple(v) if v else None for k, v in dict(tokens["refresh"]).items()}
    pool.access_tokens = {k: tuple(v) for k, v in dict(tokens["access"]).items()}
    return pool


def _build_role(data: dict[str, Any]) -> tuple[Any, list[str]]:
    from moto.iam.models import Role

    role = Role(ACCOUNT_ID, moto_bridge.PARTITION, str(data["id"]), str(data["name"]),
                str(data["assume_role_policy_document"]), data["path"], None, data["description"],
                list(data["tags"]), data["max_session_duration"])
    _put(role, data, ROLE_FIELDS)
    role.policies = {str(k): str(v) for k, v in dict(data["policies"]).items()}
    role.create_date = _parse_when(data["created"])
    return role, [str(arn) for arn in data["managed_policy_arns"]]


def _build_region(data: dict[str, Any]) -> tuple[str, RegionState]:
    state = RegionState()
    for fields in data["pools"]:
        pool = IdentityPool(**dict(fields))
        state.pools[pool.pool_id] = pool
    for fields in data["identities"]:
        identity = Identity(**dict(fields))
        state.identities[identity.identity_id] = identity
        for provider, subject in identity.logins.items():
            state.by_login[(identity.pool_id, provider, subject)] = identity.identity_id
    return str(data["region"]), state


def restore_state(data: dict[str, Any], store: IdentityStore) -> DemoData | None:
    """Install a saved state into moto's backends and the store; returns the saved demo data.
    Raises SnapshotError, and changes nothing, when any part of it does not fit."""
    from moto.cognitoidp.models import cognitoidp_backends
    from moto.iam.models import iam_backends

    try:
        pools = [_build_user_pool(p) for p in data["user_pools"]]
        roles = [_build_role(r) for r in data["iam_roles"]]
        regions = [_build_region(r) for r in data["identity_regions"]]
        demo = DemoData(**dict(data["demo"])) if data["demo"] is not None else None
        keys = dict(data["signing_keys"])
        signing_keys.import_keys(keys)
    except SnapshotError:
        raise
    except KeyError as exc:
        raise SnapshotError(f"a field is missing: {exc}") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise SnapshotError(f"a field has the wrong shape: {exc}") from exc
    iam = iam_backends[ACCOUNT_ID][moto_bridge.PARTITION]
    for role, policy_arns in roles:
        iam.roles[role.id] = role
        for arn in policy_arns:
            policy = iam.managed_policies.get(arn)
            if policy is not None:
                policy.attach_to(role)
    for pool in pools:
        cognitoidp_backends[ACCOUNT_ID][pool.region].user_pools[pool.id] = pool
    with store.lock:
        for region, state in regions:
            store.replace_region(region, state)
    return demo
