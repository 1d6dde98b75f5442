"""The wizard's answers: the chosen pool, its configuration as read, and the wanted provider list."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .. import ids
from ..errors import InputError

if TYPE_CHECKING:
    from ..diff import PoolDiff
    from ..plan import PoolPlan, ProviderSpec
    from ..plan_v2 import RoleSpec

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

    def choose_pool(self, pool_id: str, name: str = "") -> None:
        """Pick an identity pool; answers about another pool are dropped."""
        if pool_id != self.identity_pool_id:
            self.base = None
            self.providers = []
            self.pending_user_pool_id = ""
            self.roles = {}
        self.identity_pool_id = pool_id
        self.identity_pool_name = name or self.identity_pool_name

    def set_base(self, config: dict) -> None:
        """The pool as just read: the provider list starts as the pool's own."""
        from ..plan import pool_plan_from_config

        self.providers = list(pool_plan_from_config(config).providers)
        self.base = config
        self.identity_pool_name = config.get("IdentityPoolName", self.identity_pool_name)

    def keys(self) -> set[tuple[str, str]]:
        return {p.key for p in self.providers}

    def add(self, spec: ProviderSpec) -> None:
        if spec.key in self.keys():
            raise InputError(f"{spec.user_pool_id} / {spec.client_id} is already a provider of this pool.", "")
        if len(self.providers) >= ids.MAX_PROVIDERS_PER_POOL:
            raise InputError(f"An identity pool takes at most {ids.MAX_PROVIDERS_PER_POOL} user-pool providers.", "")
        self.providers.append(spec)

    def remove(self, index: int) -> ProviderSpec:
        return self.providers.pop(index)

    def toggle_check(self, index: int) -> ProviderSpec:
        spec = self.providers[index]
        self.providers[index] = replace(spec, server_side_token_check=not spec.server_side_token_check)
        return self.providers[index]

    def pool_plan(self) -> PoolPlan:
        from ..plan import PoolPlan

        return PoolPlan(self.identity_pool_id, tuple(self.providers))

    def diff(self) -> PoolDiff:
        from ..diff import diff_pool

        return diff_pool(self.base or {"IdentityPoolId": self.identity_pool_id}, self.pool_plan())

    @property
    def has_changes(self) -> bool:
        return self.base is not None and self.diff().has_changes

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
        return cls(pool_id, str(data.get("identity_pool_name") or ""), base, providers,
                   str(data.get("step") or ""), pending, _roles_from_draft(data.get("roles")))


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
