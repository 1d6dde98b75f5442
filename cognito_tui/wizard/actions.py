"""Actions named in wizards/*.yaml."""

from __future__ import annotations

import os
from pathlib import Path

from .validators import Context


def apply_pool_plan(ctx: Context):
    """Save: the same apply as `cognito-tui apply`, based on the configuration the user reviewed."""
    from ..apply import apply_pool

    return apply_pool(ctx.aws, ctx.state.pool_plan(), base=ctx.state.base)


def write_plan(ctx: Context, path: Path) -> Path:
    """Write the pool's provider list as a plan file for `cognito-tui apply`; never overwrites."""
    from ..plan import Plan, dump_plan

    text = dump_plan(Plan((ctx.state.pool_plan(),)),
                     comments={ctx.state.identity_pool_id: ctx.state.identity_pool_name}
                     if ctx.state.identity_pool_name else None)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    return path
