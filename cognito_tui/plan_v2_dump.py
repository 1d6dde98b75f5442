"""A version 2 plan (plan_v2.PlanV2) as the text the v2 reader takes back: one writer for the
wizard's "Write this plan", `export --plan-version 2` and the doctor's trust fix. Resources named
by name stay named by name, so applying the file again finds them and changes nothing; a user pool
that exists is written with its `id:` too, as its name may be shared."""

from __future__ import annotations

from .plan import _quote
from .plan_v2 import PLAN_VERSION_2, ROLE_KINDS, IdentityPoolSpec, PlanV2, ProviderRef, RoleSpec


def dump_plan_spec(plan: PlanV2, comments: dict[str, str] | None = None) -> str:
    """comments: a note above an identity pool, by its ID or name (e.g. the pool's name)."""
    lines = [f"version: {PLAN_VERSION_2}"]
    if plan.user_pools:
        lines.append("user_pools:")
        for spec in plan.user_pools:
            # An existing user pool by its ID (names are not unique in a region), its name beside it.
            first = [f"id: {_quote(spec.id)}"] if spec.id else []
            first += [f"name: {_quote(spec.name)}"] if spec.name else []
            lines += [f"  - {first[0]}", *(f"    {line}" for line in first[1:])]
            if spec.region and not spec.id:
                lines.append(f"    region: {_quote(spec.region)}")
            if spec.clients:
                lines.append("    clients:")
                lines += [f"      - name: {_quote(client.name)}" for client in spec.clients]
    lines.append("identity_pools:")
    for pool in plan.identity_pools:
        note = (comments or {}).get(pool.id or pool.name or "")
        if note:
            lines.append(f"  # {_printable_comment(note)}")
        lines += _pool_lines(pool)
    return "\n".join(lines) + "\n"


def dump_plan_v2(pools: list[tuple[dict, dict]]) -> str:
    """Existing identity pools as a version 2 plan: (configuration, GetIdentityPoolRoles) per pool.
    Pools are named by ID and user pools by ID, so applying it changes nothing."""
    from .plan import pool_plan_from_config

    specs, comments = [], {}
    for config, roles in pools:
        plan = pool_plan_from_config(config)
        guests = bool(config.get("AllowUnauthenticatedIdentities"))
        arns = {k: v for k, v in ((roles or {}).get("Roles") or {}).items() if k in ROLE_KINDS and v}
        if arns.get("unauthenticated") and not guests:
            arns.pop("unauthenticated")  # a plan allows it only with guest access on
        specs.append(IdentityPoolSpec(id=plan.id, allow_unauthenticated=guests, providers=_refs(plan.providers),
                                      roles=tuple((kind, RoleSpec(arn)) for kind, arn in arns.items())))
        if config.get("IdentityPoolName"):
            comments[plan.id] = config["IdentityPoolName"]
    return dump_plan_spec(PlanV2((), tuple(specs)), comments)


def dump_fix_plan_v2(pool, roles: dict[str, str], note: str) -> str:
    """The doctor's fixes as a version 2 plan: the pool's providers (a plan.PoolPlan) and the roles whose
    trust policy it flags (kind -> role ARN) with fix_trust, so `apply` corrects them too. A guests'
    role comes with guest access, which the plan keeps on (the doctor asks about it only then)."""
    kinds = [kind for kind in ROLE_KINDS if roles.get(kind)]
    guests = True if "unauthenticated" in kinds else None
    spec = IdentityPoolSpec(id=pool.id, allow_unauthenticated=guests, providers=_refs(pool.providers),
                            roles=tuple((kind, RoleSpec(roles[kind], fix_trust=True)) for kind in kinds))
    return dump_plan_spec(PlanV2((), (spec,)), {pool.id: note})


def _refs(providers) -> tuple[ProviderRef, ...]:
    return tuple(ProviderRef(user_pool_id=p.user_pool_id, client_id=p.client_id,
                             server_side_token_check=p.server_side_token_check) for p in providers)


def _printable_comment(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:120]


def _pool_lines(pool: IdentityPoolSpec) -> list[str]:
    lines = [f"  - id: {_quote(pool.id)}" if pool.id else f"  - name: {_quote(pool.name or '')}"]
    if pool.region and not pool.id:
        lines.append(f"    region: {_quote(pool.region)}")
    if pool.allow_unauthenticated is not None:
        lines.append(f"    allow_unauthenticated: {_bool(pool.allow_unauthenticated)}")
    if pool.providers is not None:
        lines.append("    cognito_providers:" if pool.providers else "    cognito_providers: []")
        for ref in pool.providers:
            pool_key, pool_value = ("user_pool", ref.user_pool) if ref.user_pool else ("user_pool_id", ref.user_pool_id)
            client_key, client_value = ("client", ref.client) if ref.client else ("client_id", ref.client_id)
            lines.append(f"      - {pool_key}: {_quote(pool_value or '')}")
            lines.append(f"        {client_key}: {_quote(client_value or '')}")
            lines.append(f"        server_side_token_check: {_bool(ref.server_side_token_check)}")
    if pool.roles:
        lines.append("    roles:")
        for kind, role in pool.roles:
            if role.create:
                lines.append(f'      {kind}: "create"')
            elif role.fix_trust:
                lines += [f"      {kind}:", f"        arn: {_quote(role.arn)}", "        fix_trust: true"]
            else:
                lines.append(f"      {kind}: {_quote(role.arn)}")
    return lines


def _bool(value: bool) -> str:
    return "true" if value else "false"
