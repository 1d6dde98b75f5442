"""The plan file, version 2: user pools and app clients found by name or created, identity pools by
name or ID, providers that name a user pool and client of the plan, and the pool's roles.

Read with version 1's reader (every error names the file, the line and the field); version 1 keeps
its meaning. The shape:

    version: 2
    user_pools:
      - name: shop-users            # found again by name; created when absent
        region: us-east-1           # optional: the session's region
        clients:
          - name: shop-web          # a public client: SRP + refresh flows, no secret
      - id: us-east-1_AbCdEf123     # an existing user pool, by ID (names are not unique): never created
        name: staff                 # optional with id; when given it must be the pool's name
        clients:
          - name: staff-web         # found by name in that pool, or created there
    identity_pools:
      - name: shop-identities       # or id: <identity pool ID>
        allow_unauthenticated: false
        cognito_providers:
          - user_pool: shop-users   # or user_pool_id: <id> (also of an entry above given by id)
            client: shop-web        # or client_id: <id>
            server_side_token_check: false
        roles:
          authenticated: create     # or a role ARN, or {arn: ARN, fix_trust: true}
          unauthenticated: create   # only with allow_unauthenticated: true
          fix_trust: true           # correct the trust policy of a role given by ARN
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from . import ids
from .plan import MAX_POOLS, _kind, _line, _Reader

PLAN_VERSION_2 = 2
CREATE = "create"
ROLE_KINDS = ("authenticated", "unauthenticated")
ROLE_ARN = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$", re.ASCII)
USER_POOL_NAME, CLIENT_NAME, IDENTITY_POOL_NAME = ids.USER_POOL_NAME, ids.CLIENT_NAME, ids.IDENTITY_POOL_NAME

_TOP_KEYS = {"version", "user_pools", "identity_pools"}
_USER_POOL_KEYS = {"id", "name", "region", "clients"}
_CLIENT_KEYS = {"name"}
_POOL_KEYS = {"id", "name", "region", "allow_unauthenticated", "cognito_providers", "roles"}
_PROVIDER_KEYS = {"user_pool", "user_pool_id", "client", "client_id", "server_side_token_check"}
_ROLES_KEYS = {"authenticated", "unauthenticated", "fix_trust"}
_ROLE_KEYS = {"arn", "fix_trust"}


@dataclass(frozen=True)
class ClientSpec:
    name: str


@dataclass(frozen=True)
class UserPoolSpec:
    """A user pool found by name (created when absent), or an existing one by ID (never created;
    a name given with it must be the pool's own)."""

    name: str | None
    region: str | None = None
    clients: tuple[ClientSpec, ...] = ()
    id: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.id})" if self.name and self.id else (self.name or self.id or "")


@dataclass(frozen=True)
class ProviderRef:
    """A provider as the plan names it: a user pool of the plan (by name) or an ID, and a client of
    that pool by name or ID."""

    user_pool: str | None = None
    user_pool_id: str | None = None
    client: str | None = None
    client_id: str | None = None
    server_side_token_check: bool = False

    @property
    def label(self) -> str:
        return f"user pool {self.user_pool or self.user_pool_id}, client {self.client or self.client_id}"


@dataclass(frozen=True)
class RoleSpec:
    """`create`, or an existing role by ARN; fix_trust corrects its trust policy when it does not
    admit the identity pool."""

    arn: str | None = None
    fix_trust: bool = False

    @property
    def create(self) -> bool:
        return self.arn is None


@dataclass(frozen=True)
class IdentityPoolSpec:
    id: str | None = None
    name: str | None = None
    region: str | None = None
    allow_unauthenticated: bool | None = None
    providers: tuple[ProviderRef, ...] | None = None  # None: leave the pool's providers as they are
    roles: tuple[tuple[str, RoleSpec], ...] = ()      # (authenticated|unauthenticated, spec)

    @property
    def label(self) -> str:
        return f"identity pool {self.name or self.id}"

    def role(self, kind: str) -> RoleSpec | None:
        return dict(self.roles).get(kind)


@dataclass(frozen=True)
class PlanV2:
    user_pools: tuple[UserPoolSpec, ...]
    identity_pools: tuple[IdentityPoolSpec, ...]
    source: str = "<plan>"
    version: int = PLAN_VERSION_2


class ReaderV2(_Reader):
    known: dict[str, list[UserPoolSpec]] = {}  # the plan's user pools by name

    def plan_v2(self, root: yaml.Node) -> tuple[tuple[UserPoolSpec, ...], tuple[IdentityPoolSpec, ...]]:
        top = self.mapping(root, "", _TOP_KEYS)
        if top is None:
            return (), ()
        user_pools = tuple(self.items(root, top, "user_pools", self.user_pool, required=False))
        seen_pools: dict[tuple, int] = {}
        for index, (node, spec) in enumerate(user_pools):
            key = ("id", spec.id) if spec.id else ("name", spec.name, spec.region)
            if key in seen_pools:
                self.fail(node, f"user_pools[{index}].{key[0]}",
                          f"User pool {spec.id or repr(spec.name)} is listed twice (first at line {seen_pools[key]}).")
            seen_pools.setdefault(key, _line(node))
        self.known = {}
        for _, spec in user_pools:
            if spec.name:
                self.known.setdefault(spec.name, []).append(spec)
        pools = tuple(self.items(root, top, "identity_pools", self.identity_pool, required=True))
        seen: dict[str, int] = {}
        for node, pool in pools:
            key = pool.id or f"name:{pool.name}@{pool.region}"
            if key in seen:
                self.fail(node, "identity_pools", f"{pool.label} is listed twice (first at line {seen[key]}).")
            seen.setdefault(key, _line(node))
        return tuple(s for _, s in user_pools), tuple(p for _, p in pools)

    def items(self, root: yaml.Node, top: dict, key: str, read, *, required: bool):
        if key not in top:
            if required:
                self.fail(root, key, "Missing: list the identity pools to create or configure.")
            return []
        seq = top[key][1]
        if isinstance(seq, yaml.ScalarNode) and seq.tag == "tag:yaml.org,2002:null" and not required:
            return []
        if not isinstance(seq, yaml.SequenceNode):
            self.fail(seq, key, f"Expected a list, found {_kind(seq)}.")
            return []
        if len(seq.value) > MAX_POOLS:
            self.fail(seq, key, f"More than {MAX_POOLS} entries in one plan.")
            return []
        out = []
        for index, item in enumerate(seq.value):
            spec = read(item, f"{key}[{index}]")
            if spec is not None:
                out.append((item, spec))
        return out

    def text(self, fields: dict, field: str, key: str, pattern: re.Pattern, what: str) -> str | None:
        if key not in fields:
            return None
        node = fields[key][1]
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            self.fail(node, f"{field}.{key}", f"Expected text, found {_kind(node)}.")
            return None
        if not pattern.fullmatch(node.value):
            self.fail(node, f"{field}.{key}", f"Not a valid {what}: 1-128 letters, digits, spaces and +=,.@-_.")
            return None
        return node.value

    def flag(self, fields: dict, field: str, key: str) -> bool | None:
        if key not in fields:
            return None
        node = fields[key][1]
        if not (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool"):
            self.fail(node, f"{field}.{key}", f"Expected true or false, found {_kind(node)}.")
            return None
        return node.value.lower() in ("true", "yes", "on", "y")

    def region(self, fields: dict, field: str) -> str | None:
        if "region" not in fields:
            return None
        node = fields["region"][1]
        if not isinstance(node, yaml.ScalarNode) or not ids.REGION.fullmatch(str(node.value)):
            self.fail(node, f"{field}.region", "Expected a region such as us-east-1.")
            return None
        return node.value

    def user_pool(self, node: yaml.Node, field: str) -> UserPoolSpec | None:
        fields = self.mapping(node, field, _USER_POOL_KEYS)
        if fields is None:
            return None
        name = self.text(fields, field, "name", USER_POOL_NAME, "user pool name")
        pool_id = (self.identifier(fields, node, field, "id", ids.validate_user_pool_id)
                   if "id" in fields else None)
        if "name" not in fields and "id" not in fields:
            self.fail(node, f"{field}.name", "Missing: the user pool's name (found again by it, or created) "
                      "or the `id` of an existing one.")
        if "id" in fields and "region" in fields:
            self.fail(fields["region"][0], f"{field}.region", "A user pool ID names its region already.")
        region = self.region(fields, field)
        clients: list[ClientSpec] = []
        if "clients" in fields:
            seq = fields["clients"][1]
            if not isinstance(seq, yaml.SequenceNode):
                self.fail(seq, f"{field}.clients", f"Expected a list, found {_kind(seq)}.")
            else:
                for index, item in enumerate(seq.value):
                    where = f"{field}.clients[{index}]"
                    sub = self.mapping(item, where, _CLIENT_KEYS)
                    if sub is None:
                        continue
                    if "name" not in sub:
                        self.fail(item, f"{where}.name", "Missing: the app client's name.")
                        continue
                    client = self.text(sub, where, "name", CLIENT_NAME, "app client name")
                    if client is None:
                        continue
                    if client in {c.name for c in clients}:
                        self.fail(item, f"{where}.name", f"Client {client!r} is listed twice.")
                        continue
                    clients.append(ClientSpec(client))
        if name is None and pool_id is None:
            return None
        if ("name" in fields and name is None) or ("id" in fields and pool_id is None):
            return None
        return UserPoolSpec(name, None if pool_id else region, tuple(clients), pool_id)

    def identity_pool(self, node: yaml.Node, field: str) -> IdentityPoolSpec | None:
        fields = self.mapping(node, field, _POOL_KEYS)
        if fields is None:
            return None
        pool_id = name = None
        if "id" in fields:
            pool_id = self.identifier(fields, node, field, "id", ids.validate_identity_pool_id)
        name = self.text(fields, field, "name", IDENTITY_POOL_NAME, "identity pool name")
        if "id" not in fields and "name" not in fields:
            self.fail(node, field, "Give the pool's `name` (found again, or created) or its `id`.")
            return None
        if "id" in fields and "region" in fields:
            self.fail(fields["region"][0], f"{field}.region", "An identity pool ID names its region already.")
        region = self.region(fields, field)
        allow = self.flag(fields, field, "allow_unauthenticated")
        providers = None
        if "cognito_providers" in fields:
            providers = self.providers(fields["cognito_providers"][1], f"{field}.cognito_providers")
        roles: list[tuple[str, RoleSpec]] = []
        if "roles" in fields:
            roles = self.roles(fields["roles"][1], f"{field}.roles")
            if dict(roles).get("unauthenticated") and allow is not True:
                self.fail(fields["roles"][1], f"{field}.roles.unauthenticated",
                          "An unauthenticated role needs `allow_unauthenticated: true` on this pool.")
        if (pool_id is None and name is None) or (providers is None and "cognito_providers" in fields):
            return None
        return IdentityPoolSpec(pool_id, name, region, allow, providers, tuple(roles))

    def providers(self, seq: yaml.Node, name: str) -> tuple[ProviderRef, ...] | None:
        items = self.provider_items(seq, name)
        if items is None:
            return None
        out: list[ProviderRef] = []
        for index, item in enumerate(items):
            where = f"{name}[{index}]"
            fields = self.mapping(item, where, _PROVIDER_KEYS)
            if fields is None:
                continue
            ref = self.provider_ref(item, fields, where)
            if ref is None:
                continue
            if ref in out:
                self.fail(item, where, f"Duplicate provider {ref.label}.")
                continue
            out.append(ref)
        return tuple(out)

    def provider_ref(self, item: yaml.Node, fields: dict, where: str) -> ProviderRef | None:
        ok = True
        for one, other, what in (("user_pool", "user_pool_id", "user pool"), ("client", "client_id", "app client")):
            if (one in fields) == (other in fields):
                self.fail(item, f"{where}.{one}", f"Give exactly one of `{one}` (a name) and `{other}` for the {what}.")
                ok = False
        user_pool = self.text(fields, where, "user_pool", USER_POOL_NAME, "user pool name")
        client = self.text(fields, where, "client", CLIENT_NAME, "app client name")
        user_pool_id = (self.identifier(fields, item, where, "user_pool_id", ids.validate_user_pool_id)
                        if "user_pool_id" in fields else None)
        client_id = (self.identifier(fields, item, where, "client_id", ids.validate_client_id)
                     if "client_id" in fields else None)
        check = self.flag(fields, where, "server_side_token_check") or False
        if user_pool is not None:
            specs = self.known.get(user_pool, [])
            spec = specs[0] if len(specs) == 1 else None
            if not specs:
                self.fail(item, f"{where}.user_pool", f"No user pool named {user_pool!r} in user_pools; "
                          "add it there, or give user_pool_id.")
            elif spec is None:
                self.fail(item, f"{where}.user_pool", f"{len(specs)} entries of user_pools are named "
                          f"{user_pool!r}; give user_pool_id instead (and `id` on that entry).")
            elif client is not None and client not in {c.name for c in spec.clients}:
                self.fail(item, f"{where}.client", f"User pool {user_pool!r} has no client named {client!r} "
                          "in the plan; add it under its clients, or give client_id.")
        if not ok or (user_pool is None and user_pool_id is None) or (client is None and client_id is None):
            return None
        return ProviderRef(user_pool, user_pool_id, client, client_id, check)

    def roles(self, node: yaml.Node, field: str) -> list[tuple[str, RoleSpec]]:
        fields = self.mapping(node, field, _ROLES_KEYS)
        if fields is None:
            return []
        fix_all = self.flag(fields, field, "fix_trust") or False
        out = []
        for kind in ROLE_KINDS:
            if kind not in fields:
                continue
            value = fields[kind][1]
            where = f"{field}.{kind}"
            if isinstance(value, yaml.MappingNode):
                sub = self.mapping(value, where, _ROLE_KEYS)
                if sub is None:
                    continue
                arn = self.role_arn(sub["arn"][1], f"{where}.arn") if "arn" in sub else None
                if "arn" not in sub:
                    self.fail(value, f"{where}.arn", "Missing: the role's ARN.")
                if arn is not None:
                    out.append((kind, RoleSpec(arn, bool(self.flag(sub, where, "fix_trust")) or fix_all)))
            elif isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:str" and value.value == CREATE:
                out.append((kind, RoleSpec(None, False)))
            else:
                arn = self.role_arn(value, where)
                if arn is not None:
                    out.append((kind, RoleSpec(arn, fix_all)))
        return out

    def role_arn(self, node: yaml.Node, where: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str" \
                or not ROLE_ARN.fullmatch(node.value):
            self.fail(node, where, '"create", or a role ARN such as arn:aws:iam::123456789012:role/Name.')
            return None
        return node.value


def read_v2(root: yaml.Node, issues: list) -> tuple[tuple[UserPoolSpec, ...], tuple[IdentityPoolSpec, ...]]:
    return ReaderV2(issues).plan_v2(root)
