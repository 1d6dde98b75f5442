"""A version 2 plan (plan_v2.PlanV2) as the text the v2 reader takes back: what the wizard's
"Write this plan" writes. Resources named by name stay named by name, so applying the file again
finds them and changes nothing."""

from __future__ import annotations

from .plan import _quote
from .plan_v2 import PLAN_VERSION_2, IdentityPoolSpec, PlanV2, _printable_comment


def dump_plan_spec(plan: PlanV2, comments: dict[str, str] | None = None) -> str:
    """comments: a note above an identity pool, by its ID or name (e.g. the pool's name)."""
    lines = [f"version: {PLAN_VERSION_2}"]
    if plan.user_pools:
        lines.append("user_pools:")
        for spec in plan.user_pools:
            lines.append(f"  - name: {_quote(spec.name)}")
            if spec.region:
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
