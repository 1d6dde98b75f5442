"""Make AWS match a version 2 plan: find each resource by name (or ID), create what is absent in the
order AWS forces (user pool, app client, identity pool, role, SetIdentityPoolRoles), change existing
identity pools with version 1's safe apply, and record every creation the moment it happens.

A second run of the same plan finds everything and changes nothing. A run that fails midway stops
there, says what it created, and a rerun carries on from what exists. With bases (the identity
pools as the user reviewed them, by ID), a pool changed since is a conflict and nothing at all is
written, not even the user pools that would come first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import ids
from ..apply import CONFLICT, FAILED, apply_pool, changed_since
from ..diff import ADDED, CHANGED, UNCHANGED
from ..errors import AccessDeniedError, CognitoTuiError, InputError, NotFoundError
from ..plan import PoolPlan, ProviderSpec, pool_plan_from_config
from ..plan_v2 import IdentityPoolSpec, PlanV2, ProviderRef, RoleSpec, UserPoolSpec
from ..role_trust import good_trust_policy, other_kind
from .record import CHANGED as RECORD_CHANGED
from .record import CREATED, RunRecord
from .steps import CLIENT, IDENTITY_POOL, PROVIDER, ROLE, ROLES, TRUST, USER_POOL, SetupReport
from .trust import PLAN_TAG as TAG
from .trust import admits, made_for, role_name_for, serves_both, tags_for, trust_fix, trust_of

if TYPE_CHECKING:
    from ..aws.api import AwsApi


class AmbiguousNameError(InputError):
    """A name of the plan matches more than one resource: which one is meant cannot be guessed."""

    title = "Ambiguous name"


_BY_ID = {"user pool": "give its user_pools entry `id:` (one of these IDs)",
          "identity pool": "give the identity pool by `id:`", "app client": "give the provider's client_id"}


def _ambiguous(what: str, name: str, where: str, found: list[str]) -> AmbiguousNameError:
    return AmbiguousNameError(f"The {what} name {name!r} matches {len(found)} {what}s {where}: {', '.join(found)}.",
                              f"Rename all but one, or name the {what} by its ID in the plan: {_BY_ID[what]}.")


def apply_v2(aws: AwsApi, plan: PlanV2, *, dry_run: bool = False, bases: dict[str, dict] | None = None) -> SetupReport:
    report = SetupReport(dry_run=dry_run)
    record = None if dry_run else RunRecord(plan.source, aws.settings.endpoint_url)
    try:
        _Run(aws, report, record, bases or {}).plan(plan)
    except CognitoTuiError as exc:
        report.error = exc
    except KeyboardInterrupt:
        report.error = CognitoTuiError("Interrupted.", "Run the same plan again: it finds what exists and carries on.")
        report.error.exit_code = 130
    report.record = record.path if record is not None else None
    return report


class _Run:
    def __init__(self, aws: AwsApi, report: SetupReport, record: RunRecord | None, bases: dict[str, dict]):
        self.aws = aws
        self.bases = bases
        self.report = report
        self.record = record
        self.dry_run = record is None
        # The plan's user pools, and what each resolves to (None: not yet created, in a dry run).
        self.by_name: dict[str, UserPoolSpec] = {}
        self.by_id: dict[str, UserPoolSpec] = {}
        self.user_pool_ids: dict[UserPoolSpec, str | None] = {}
        self.client_ids: dict[tuple[UserPoolSpec, str], str | None] = {}   # (user pool, client name) -> ID
        # Trust policies written (or, in a dry run, that would be) by role ARN: a role of both kinds is
        # fixed once, and the dry run says so too.
        self.trust_written: dict[str, dict] = {}

    def plan(self, plan: PlanV2) -> None:
        for spec in plan.identity_pools:
            if spec.id in self.bases:
                self._unchanged_since_read(spec.id)
        # A provider's `user_pool: NAME` means the entry of that name (a plan file with two is
        # refused); in a plan built in code, one found by name wins over one given by ID.
        for spec in sorted(plan.user_pools, key=lambda s: s.id is not None):
            if spec.id:
                self.by_id[spec.id] = spec
            if spec.name:
                self.by_name.setdefault(spec.name, spec)
        for spec in plan.user_pools:
            self.user_pool(spec)
        for spec in plan.identity_pools:
            self.identity_pool(spec)

    def _unchanged_since_read(self, pool_id: str) -> None:
        conflict = changed_since(pool_id, self.bases[pool_id], self.aws.identity_pools.describe(pool_id))
        if conflict is not None:
            self.report.pools.append(conflict)
            raise conflict.error

    # -- user pools and their clients ---------------------------------------------------------
    def user_pool(self, spec: UserPoolSpec) -> None:
        if spec.id:
            pool_id, name = spec.id, self._user_pool_by_id(spec)
            self.report.add(UNCHANGED, USER_POOL, name, pool_id)
            existing = self.aws.user_pools.list_clients(pool_id)
        else:
            region = spec.region or self.aws.region
            found = self.aws.user_pools.named(spec.name, region)
            if len(found) > 1:
                raise _ambiguous("user pool", spec.name, f"in {region}", [p.id for p in found])
            existing, name = [], spec.name
            if found:
                pool_id = found[0].id
                self.report.add(UNCHANGED, USER_POOL, spec.name, pool_id)
                existing = self.aws.user_pools.list_clients(pool_id)
            else:
                step = self.report.add(ADDED, USER_POOL, spec.name, detail=f"in {region}")
                pool_id = None
                if not self.dry_run:
                    pool_id = self.aws.user_pools.create(spec.name, region, {TAG: spec.name})["Id"]
                    step.id, step.done = pool_id, True
                    self.record.add(CREATED, "user_pool", id=pool_id, name=spec.name, region=region)
        self.user_pool_ids[spec] = pool_id
        of = f"{name} ({pool_id})" if pool_id else name
        for client in spec.clients:
            matches = [c.id for c in existing if c.name == client.name]
            if len(matches) > 1:
                raise _ambiguous("app client", client.name, f"in user pool {pool_id}", matches)
            if matches:
                self.report.add(UNCHANGED, CLIENT, client.name, matches[0])
                self.client_ids[(spec, client.name)] = matches[0]
                continue
            step = self.report.add(ADDED, CLIENT, client.name,
                                   detail=f"public (SRP and refresh sign-in, no secret), of user pool {of}")
            client_id = None
            if not self.dry_run:
                client_id = self.aws.user_pools.create_public_client(pool_id, client.name).id
                step.id, step.done = client_id, True
                self.record.add(CREATED, "client", id=client_id, name=client.name, user_pool_id=pool_id)
            self.client_ids[(spec, client.name)] = client_id

    def _user_pool_by_id(self, spec: UserPoolSpec) -> str:
        """The name of the user pool the plan gives by ID; it must exist, and a name given with it
        must be its own (a plan that names one pool and IDs another is stopped, not guessed at)."""
        try:
            actual = self.aws.user_pools.describe(spec.id).get("Name", "")
        except NotFoundError as exc:
            raise NotFoundError(f"The plan's user pool {spec.id} (given by id) does not exist.",
                                "Check the ID (aws cognito-idp list-user-pools), or give only a `name` "
                                "to find the pool by name or create it.",
                                code=exc.code, aws_message=exc.aws_message) from exc
        except AccessDeniedError as exc:
            raise AccessDeniedError(f"The plan's user pool {spec.id} (given by id) cannot be read from this "
                                    "account.", "A plan adds app clients only to user pools it can read; "
                                    "check the ID and the profile.", code=exc.code, aws_message=exc.aws_message) from exc
        if spec.name is not None and spec.name != actual:
            raise InputError(f"User pool {spec.id} is named {actual!r}, but the plan names it {spec.name!r}.",
                             "Correct the name in the plan, or leave `name` out: the ID alone names the pool.")
        return actual

    # -- providers ----------------------------------------------------------------------------
    def providers(self, spec: IdentityPoolSpec) -> tuple[list[ProviderSpec], list[ProviderRef]]:
        """(providers with IDs, providers of user pools or clients not created yet: dry run only)."""
        resolved, pending = [], []
        for ref in spec.providers or ():
            entry = self.by_id.get(ref.user_pool_id) if ref.user_pool_id else self.by_name.get(ref.user_pool)
            user_pool_id = ref.user_pool_id or self.user_pool_ids.get(entry)
            if ref.client_id:
                client_id = ref.client_id
            elif entry is not None and (entry, ref.client) in self.client_ids:
                client_id = self.client_ids[(entry, ref.client)]
            else:
                client_id = self._client_by_name(user_pool_id, ref.client)
            if ref.user_pool_id and entry is None:
                self._check_outside_pool(ref.user_pool_id, client_id)
            if user_pool_id is None or client_id is None:
                pending.append(ref)
            else:
                resolved.append(ProviderSpec(user_pool_id, client_id, ref.server_side_token_check))
        return resolved, pending

    def _client_by_name(self, user_pool_id: str, name: str) -> str:
        try:
            clients = self.aws.user_pools.list_clients(user_pool_id)
        except (AccessDeniedError, NotFoundError) as exc:
            raise InputError(f"The app client {name!r} cannot be found by name: user pool {user_pool_id} "
                             f"cannot be read from this account ({exc.message})",
                             "Give client_id instead of client for a user pool of another account.") from exc
        matches = [c.id for c in clients if c.name == name]
        if len(matches) > 1:
            raise _ambiguous("app client", name, f"in user pool {user_pool_id}", matches)
        if not matches:
            raise InputError(f"User pool {user_pool_id} has no app client named {name!r}.",
                             "Check the name, or give client_id.")
        return matches[0]

    def _check_outside_pool(self, user_pool_id: str, client_id: str) -> None:
        """A user pool given by ID is read in its own region; one this account cannot read (another
        account's, or a typo) is a warning and is added anyway, as AWS accepts it."""
        try:
            self.aws.user_pools.describe_client(user_pool_id, client_id)
        except (AccessDeniedError, NotFoundError) as exc:
            self.report.warnings.append(
                f"User pool {user_pool_id} / client {client_id} cannot be read from this account "
                f"({exc.message}); added anyway. If it is in another account, that is expected; "
                "otherwise check the IDs.")

    # -- identity pools -----------------------------------------------------------------------
    def identity_pool(self, spec: IdentityPoolSpec) -> None:
        providers, pending = self.providers(spec)
        current = None
        if spec.id:
            current = self.aws.identity_pools.describe(spec.id)
            region = ids.region_of_identity_pool(spec.id)
        else:
            region = spec.region or self.aws.region
            found = self.aws.identity_pools.named(spec.name, region)
            if len(found) > 1:
                raise _ambiguous("identity pool", spec.name, f"in {region}", [p.id for p in found])
            if found:
                current = self.aws.identity_pools.describe(found[0].id)
        if current is None:
            pool_id, name, roles = self._create_pool(spec, region, providers, pending), spec.name, {}
        else:
            pool_id, name = current["IdentityPoolId"], current.get("IdentityPoolName", "")
            self.report.add(UNCHANGED, IDENTITY_POOL, name, pool_id)
            self._update_pool(spec, current, providers, pending)
            roles = self.aws.identity_pools.get_roles(pool_id) if spec.roles else {}
        planned = {kind: role.arn for kind, role in spec.roles}
        for kind, role in spec.roles:
            # One role for both kinds (as the plan has it, else as the pool has it): a fix keeps both in.
            self._role(kind, role, pool_id, name, roles, serves_both(kind, role.arn, planned, roles.get("Roles") or {}))

    def _create_pool(self, spec, region, providers, pending) -> str | None:
        guest = "on" if spec.allow_unauthenticated else "off"
        step = self.report.add(ADDED, IDENTITY_POOL, spec.name, detail=f"in {region}, guest access {guest}")
        for ref in pending:
            self.report.add(ADDED, PROVIDER, ref.label)
        for provider in providers:
            self.report.add(ADDED, PROVIDER, f"user pool {provider.user_pool_id}, client {provider.client_id}")
        if self.dry_run:
            return None
        created = self.aws.identity_pools.create(region, spec.name, bool(spec.allow_unauthenticated),
                                                 [p.to_aws() for p in providers], {TAG: spec.name})
        pool_id = created["IdentityPoolId"]
        step.id, step.done = pool_id, True
        self.record.add(CREATED, "identity_pool", id=pool_id, name=spec.name)
        return pool_id

    def _update_pool(self, spec, current: dict, providers, pending) -> None:
        allow = spec.allow_unauthenticated
        if spec.providers is None and (allow is None or allow == current.get("AllowUnauthenticatedIdentities")):
            return
        base = pool_plan_from_config(current) if spec.providers is None else None
        desired = PoolPlan(current["IdentityPoolId"], base.providers if base else tuple(providers),
                           allow_unauthenticated=allow)
        for ref in pending:
            self.report.add(ADDED, PROVIDER, ref.label, detail=f"on identity pool {current['IdentityPoolId']}")
        # `current` was read by identity_pool just now, after every write that comes before this
        # one: it is the read right before the write that the conflict check needs.
        result = apply_pool(self.aws, desired, dry_run=self.dry_run, base=self.bases.get(desired.id),
                            current=current)
        self.report.pools.append(result)
        if result.backup is not None:
            self.record.add(RECORD_CHANGED, "identity_pool_config", id=desired.id, backup=str(result.backup))
        if result.status in (FAILED, CONFLICT):
            raise result.error

    # -- roles --------------------------------------------------------------------------------
    def _role(self, kind: str, role: RoleSpec, pool_id: str | None, pool_name: str, roles: dict,
              shared: bool = False) -> None:
        arn = self._role_arn(kind, role, pool_id, pool_name, shared)
        have = dict(roles.get("Roles") or {})
        if arn is not None and have.get(kind) == arn:
            return
        shown = arn or role_name_for(pool_name, kind)
        step = self.report.add(CHANGED, ROLES, pool_name, pool_id,
                               detail=f"{kind} role {have.get(kind) or '(none)'} -> {shown}")
        if self.dry_run:
            return
        self.record.add(RECORD_CHANGED, "roles", id=pool_id, before=dict(roles))
        self.aws.identity_pools.set_roles(pool_id, {**have, kind: arn}, roles.get("RoleMappings"))
        roles["Roles"] = {**have, kind: arn}
        step.done = True

    def _role_arn(self, kind: str, role: RoleSpec, pool_id: str | None, pool_name: str,
                  shared: bool = False) -> str | None:
        if role.create:
            name = role_name_for(pool_name, kind)
            try:
                found = self.aws.roles.get_by_name(name)
            except NotFoundError:
                found = None
            if found is None:
                step = self.report.add(ADDED, ROLE, name, detail=f"trusts identity pool {pool_name} for {kind} "
                                       "users; no permissions")
                if self.dry_run:
                    return None
                created = self.aws.roles.create(name, good_trust_policy(pool_id, kind),
                                                f"{kind.capitalize()} role of identity pool {pool_name} ({pool_id})",
                                                tags_for(pool_name, pool_id))
                step.id, step.done = created["Arn"], True
                self.record.add(CREATED, "role", id=created["Arn"], name=name)
                return created["Arn"]
            other = made_for(found)
            if pool_id is not None and other and other != pool_id and not admits(trust_of(found), pool_id, kind):
                raise InputError(f"The role {name} was made for identity pool {other}, not {pool_id}.",
                                 "Give this pool's role by its ARN in the plan, or rename the identity pool.")
            fix = True
        else:
            found = self.aws.roles.get(role.arn)
            name, fix = found.get("RoleName", role.arn), role.fix_trust
        arn = found["Arn"]
        document = self.trust_written.get(arn) or trust_of(found)
        # With fix_trust, what the doctor flags is fixed; without, only a policy that keeps users out is shown.
        fixed = trust_fix(document, pool_id, kind, shared) if fix and pool_id is not None else None
        broken = fixed is not None if fix else pool_id is not None and not admits(document, pool_id, kind)
        if not broken:
            self.report.add(UNCHANGED, ROLE, name, arn)
            return arn
        if not fix:
            self.report.add(UNCHANGED, TRUST, name, arn, detail=f"does NOT admit identity pool {pool_id} for {kind} "
                            "users (add fix_trust: true to correct it)")
            self.report.warnings.append(f"Role {arn}'s trust policy does not admit identity pool {pool_id}: "
                                        "sign-in through it fails until it does.")
            return arn
        users = "authenticated and unauthenticated users (the role serves both)" if shared else f"{kind} users"
        step = self.report.add(CHANGED, TRUST, name, arn,
                               detail=f"admit identity pool {pool_id} for {users}; other statements kept")
        step.trust, self.trust_written[arn] = fixed, fixed.document
        if not self.dry_run:
            self.record.add(RECORD_CHANGED, "trust_policy", id=arn, before=document)
            self.aws.roles.update_trust(arn, fixed.document)
            step.done = True
        return arn

