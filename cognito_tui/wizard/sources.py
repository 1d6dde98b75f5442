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
