"""Choice sources named in wizards/*.yaml: each yields pages of choices (so a long list paints
its first page at once). Remote ones call AWS through context.aws, in a worker thread."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .validators import Context


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    detail: str = ""  # a short note the list shows beside the label


def identity_pools(ctx: Context) -> Iterator[list[Choice]]:
    """The pools of the connection's region, or of each region given with --regions in turn."""
    regions = getattr(getattr(ctx.aws, "settings", None), "regions", ())
    listings = [ctx.aws.identity_pools.pages(region=r) for r in regions] if regions else [ctx.aws.identity_pools.pages()]
    for listing in listings:  # generators: each region is read only when the previous one is done
        for page in listing:
            yield [Choice(p.id, p.name) for p in page]


def user_pools(ctx: Context) -> Iterator[list[Choice]]:
    for page in ctx.aws.user_pools.pages():
        yield [Choice(p.id, p.name) for p in page]


def app_clients(ctx: Context) -> Iterator[list[Choice]]:
    if not ctx.state.pending_user_pool_id:  # a new user pool: no clients yet
        return
    yield [Choice(c.id, c.name) for c in ctx.aws.user_pools.list_clients(ctx.state.pending_user_pool_id)]


def roles(ctx: Context) -> Iterator[list[Choice]]:
    """The account's IAM roles, each with whether its trust policy admits the identity pool (for the
    role kind being picked), from the trust policy ListRoles returns: no call per role."""
    from .roles import AUTHENTICATED, status_of

    pool_id, kind = ctx.state.identity_pool_id, ctx.state.pending_role_kind or AUTHENTICATED
    providers = [p.provider_name for p in ctx.state.providers]
    for page in ctx.aws.roles.pages():
        choices = []
        for role in page:
            arn = role.get("Arn", "")
            admits = pool_id and status_of(role, arn, pool_id, kind, providers).admits
            choices.append(Choice(arn, role.get("RoleName", ""), "yes" if admits else "no" if pool_id else ""))
        yield choices
