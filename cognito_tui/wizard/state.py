"""The wizard's answers: the chosen pool (or a new one), its configuration as read, the wanted
provider list (with the user pools and app clients to create), and the plan they make."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .. import ids
from ..errors import InputError
from .creations import IDENTITY_POOL, USER_POOL, NewProvider, check_name

if TYPE_CHECKING:
    from ..diff import PoolDiff
    from ..plan import PoolPlan, ProviderSpec
    from ..plan_v2 import PlanV2, RoleSpec

# plan and diff (and so yaml) load on first use: the wizard's first screen needs neither.

DRAFT_VERSION = 1


@dataclass
class WizardState:
    identity_pool_id: str = ""
    identity_pool_name: str = ""
    base: dict | None = None  # the pool's configuration as read at the providers step
    providers: list[ProviderSpec] = field(default_factory=list)
    step: str = ""
    pending_user_pool_id: str = ""
    # The Roles step's choices, by kind (authenticated/unauthenticated): RoleSpec(None) creates a
    # role, RoleSpec(arn) sets that role, RoleSpec(arn, fix_trust=True) also corrects its trust
    # policy. A kind that is absent keeps the pool's role as it is.
    roles: dict[str, RoleSpec] = field(default_factory=dict)
    # What Save creates. A new identity pool has no ID (identity_pool_id empty) and is named by
    # identity_pool_name; new_providers name the app clients (and user pools) to create.
    allow_unauthenticated: bool = False  # guest access of a new identity pool
    new_providers: list[NewProvider] = field(default_factory=list)
    pending_user_pool_name: str = ""  # the user pool the app client step is for, by name
    pending_role_kind: str = ""  # the role kind whose role is being picked from the list

    def choose_pool(self, pool_id: str, name: str = "") -> None:
        """Pick an identity pool; answers about another pool are dropped."""
        if pool_id != self.identity_pool_id:
            self._forget()
        self.identity_pool_id = pool_id
        self.identity_pool_name = name or self.identity_pool_name

    def choose_new_pool(self, name: str, allow_unauthenticated: bool) -> None:
        """A new identity pool, created on Save; answers about another pool are dropped."""
        name = check_name(IDENTITY_POOL, name)
        if not self.creating_pool or name != self.identity_pool_name:
            self._forget()
        self.identity_pool_id, self.identity_pool_name = "", name
        self.allow_unauthenticated = allow_unauthenticated

    def _forget(self) -> None:
        self.base = None
        self.providers = []
        self.new_providers = []
        self.pending_user_pool_id = self.pending_user_pool_name = ""
        self.roles = {}
        self.allow_unauthenticated = False

    @property
    def creating_pool(self) -> bool:
        """The identity pool is a new one (to be created on Save)."""
        return not self.identity_pool_id and bool(self.identity_pool_name)

    @property
    def chosen(self) -> bool:
        """An identity pool is chosen: an existing one, or a new one."""
        return bool(self.identity_pool_id) or self.creating_pool

    @property
    def ready(self) -> bool:
        """The providers can be edited: the pool has been read, or it is a new one."""
        return self.base is not None or self.creating_pool

    @property
    def region(self) -> str:
        """The identity pool's region ("" for a new pool: the session's)."""
        return ids.region_of_identity_pool(self.identity_pool_id) if self.identity_pool_id else ""

    @property
    def label(self) -> str:
        if self.creating_pool:
            return f"new identity pool {self.identity_pool_name}"
        return f"identity pool {self.identity_pool_id}"

    def set_base(self, config: dict) -> None:
        """The pool as just read: the provider list starts as the pool's own."""
        from ..plan import pool_plan_from_config

        self.providers = list(pool_plan_from_config(config).providers)
        self.base = config
        self.identity_pool_name = config.get("IdentityPoolName", self.identity_pool_name)

    def keys(self) -> set[tuple[str, str]]:
        return {p.key for p in self.providers}

    def add_new(self, provider: NewProvider) -> None:
        """A provider whose app client (and maybe user pool) Save creates."""
        if provider.key in {p.key for p in self.new_providers}:
            raise InputError(f"User pool {provider.user_pool} already has a new app client named "
                             f"{provider.client!r} in this change.", "Give the client another name.")
        if len(self.providers) + len(self.new_providers) >= ids.MAX_PROVIDERS_PER_POOL:
            raise InputError(f"An identity pool takes at most {ids.MAX_PROVIDERS_PER_POOL} user-pool providers.", "")
        self.new_providers.append(provider)

    def add(self, spec: ProviderSpec) -> None:
        if spec.key in self.keys():
            raise InputError(f"{spec.user_pool_id} / {spec.client_id} is already a provider of this pool.", "")
        if len(self.providers) + len(self.new_providers) >= ids.MAX_PROVIDERS_PER_POOL:
            raise InputError(f"An identity pool takes at most {ids.MAX_PROVIDERS_PER_POOL} user-pool providers.", "")
        self.providers.append(spec)

    def remove(self, index: int) -> ProviderSpec:
        return self.providers.pop(index)

    def toggle_check(self, index: int) -> ProviderSpec:
        spec = self.providers[index]
        self.providers[index] = replace(spec, server_side_token_check=not spec.server_side_token_check)
        return self.providers[index]

    def toggle_new_check(self, index: int) -> NewProvider:
        new = self.new_providers[index]
        self.new_providers[index] = replace(new, server_side_token_check=not new.server_side_token_check)
        return self.new_providers[index]

    def pool_plan(self) -> PoolPlan:
        from ..plan import PoolPlan

        return PoolPlan(self.identity_pool_id, tuple(self.providers))

    def diff(self) -> PoolDiff:
        from ..diff import diff_pool

        return diff_pool(self.base or {"IdentityPoolId": self.identity_pool_id}, self.pool_plan())

    @property
    def has_changes(self) -> bool:
        if self.creating_pool or self.new_providers or self.roles:
            return True
        return self.base is not None and self.diff().has_changes

    def plan_v2(self, source: str = "<wizard>") -> PlanV2:
        """The answers as a version 2 plan: the same plan Save applies and "Write this plan" writes.
        The identity pool is named by ID, or by name when it is new; new app clients by name, in a
        user pool given by ID when it exists (by name when it is new), so a second run finds them
        and changes nothing."""
        from ..plan_v2 import ClientSpec, IdentityPoolSpec, PlanV2, ProviderRef, UserPoolSpec

        # New app clients, by their user pool: an existing one by ID (its name may be shared in
        # its region), a new one by name, so a second run finds both again.
        clients: dict[tuple[str, str, str], list[str]] = {}
        for new in self.new_providers:
            names = clients.setdefault((new.user_pool_id, new.user_pool, new.region), [])
            if new.client not in names:
                names.append(new.client)
        user_pools = tuple(UserPoolSpec(name, None if pool_id else region or None,
                                        tuple(ClientSpec(c) for c in names), pool_id or None)
                           for (pool_id, name, region), names in clients.items())
        providers = tuple(ProviderRef(user_pool_id=p.user_pool_id, client_id=p.client_id,
                                      server_side_token_check=p.server_side_token_check) for p in self.providers)
        providers += tuple(ProviderRef(user_pool=None if p.user_pool_id else p.user_pool,
                                       user_pool_id=p.user_pool_id or None, client=p.client,
                                       server_side_token_check=p.server_side_token_check) for p in self.new_providers)
        roles = tuple(self.roles.items())
        if self.creating_pool:
            pool = IdentityPoolSpec(name=self.identity_pool_name, allow_unauthenticated=self.allow_unauthenticated,
                                    providers=providers, roles=roles)
        else:
            pool = IdentityPoolSpec(id=self.identity_pool_id, providers=providers, roles=roles)
        return PlanV2(user_pools, (pool,), source=source)

    def is_new(self, spec: ProviderSpec) -> bool:
        base = {(p.get("ProviderName"), p.get("ClientId")) for p in (self.base or {}).get("CognitoIdentityProviders") or []}
        return spec.key not in base

    def rebase(self, config: dict) -> None:
        """Carry this session's edits (added, removed, check changed) over to a freshly read pool."""
        from ..plan import pool_plan_from_config

        before = {p.key: p for p in pool_plan_from_config(self.base).providers} if self.base else {}
        mine = {p.key: p for p in self.providers}
        added = [p for key, p in mine.items() if key not in before]
        removed = {key for key in before if key not in mine}
        changed = {key: p.server_side_token_check for key, p in mine.items()
                   if key in before and before[key].server_side_token_check != p.server_side_token_check}
        result: list[ProviderSpec] = []
        for spec in pool_plan_from_config(config).providers:
            if spec.key in removed:
                continue
            if spec.key in changed:
                spec = replace(spec, server_side_token_check=changed[spec.key])
            result.append(spec)
        have = {p.key for p in result}
        result += [p for p in added if p.key not in have]
        self.base = config
        self.providers = result

    def to_draft(self) -> dict:
        """What a draft keeps: IDs, the provider list, the pool as read, the step. Never secrets."""
        return {
            "version": DRAFT_VERSION,
            "step": self.step,
            "identity_pool_id": self.identity_pool_id,
            "identity_pool_name": self.identity_pool_name,
            "pending_user_pool_id": self.pending_user_pool_id,
            "providers": [{"user_pool_id": p.user_pool_id, "client_id": p.client_id,
                           "server_side_token_check": p.server_side_token_check} for p in self.providers],
            "base": self.base,
            "roles": {kind: {"arn": spec.arn, "fix_trust": spec.fix_trust} for kind, spec in self.roles.items()},
            "allow_unauthenticated": self.allow_unauthenticated,
            "new_providers": [p.to_draft() for p in self.new_providers],
            "pending_user_pool_name": self.pending_user_pool_name,
            "pending_role_kind": self.pending_role_kind,
        }

    @classmethod
    def from_draft(cls, data: dict) -> "WizardState":
        """Rebuild answers from a draft, checking every ID again (a draft file can be edited)."""
        from ..plan import ProviderSpec

        if not isinstance(data, dict) or data.get("version") != DRAFT_VERSION:
            raise InputError("The draft is from another version.", "Start over.")
        pool_id = data.get("identity_pool_id") or ""
        if pool_id:
            ids.validate_identity_pool_id(pool_id)
        providers = []
        for item in data.get("providers") or []:
            providers.append(ProviderSpec(ids.validate_user_pool_id(item["user_pool_id"]),
                                          ids.validate_client_id(item["client_id"]),
                                          bool(item.get("server_side_token_check", False))))
        pending = data.get("pending_user_pool_id") or ""
        if pending:
            ids.validate_user_pool_id(pending)
        base = data.get("base")
        if base is not None and (not isinstance(base, dict) or base.get("IdentityPoolId") != pool_id):
            raise InputError("The draft's pool configuration does not match its pool.", "Start over.")
        name = str(data.get("identity_pool_name") or "")
        if not pool_id and name:  # a new identity pool: its name is what the plan will create
            check_name(IDENTITY_POOL, name)
        new = data.get("new_providers") or []
        if not isinstance(new, list):
            raise InputError("The draft's new providers are not readable.", "Start over.")
        pending_name = data.get("pending_user_pool_name") or ""
        if pending_name:
            pending_name = check_name(USER_POOL, pending_name)
        return cls(pool_id, name, base, providers, str(data.get("step") or ""), pending,
                   _roles_from_draft(data.get("roles")), bool(data.get("allow_unauthenticated", False)),
                   [NewProvider.from_draft(item) for item in new], pending_name,
                   _role_kind_from_draft(data.get("pending_role_kind")))


def _role_kind_from_draft(kind) -> str:
    """The role kind being picked ("" when none; a draft written before it was kept has none)."""
    from ..plan_v2 import ROLE_KINDS

    if not kind:
        return ""
    if kind not in ROLE_KINDS:
        raise InputError("The draft's role kind is not readable.", "Start over.")
    return kind


def _roles_from_draft(data) -> dict:
    from ..plan_v2 import ROLE_ARN, ROLE_KINDS, RoleSpec

    if data is None:
        return {}
    if not isinstance(data, dict) or not set(data) <= set(ROLE_KINDS):
        raise InputError("The draft's role choices are not readable.", "Start over.")
    roles = {}
    for kind, item in data.items():
        if not isinstance(item, dict):
            raise InputError(f"The draft's {kind} role is not readable.", "Start over.")
        arn = item.get("arn")
        if arn is not None and not (isinstance(arn, str) and ROLE_ARN.fullmatch(arn)):
            raise InputError(f"The draft's {kind} role is not a role ARN.", "Start over.")
        roles[kind] = RoleSpec(arn, bool(item.get("fix_trust", False)))
    return roles
