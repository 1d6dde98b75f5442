"""Actions named in wizards/*.yaml."""

from __future__ import annotations

from pathlib import Path

from ..private_files import write_atomic

from .validators import Context


def apply_pool_plan(ctx: Context):
    """Save: the same apply as `cognito-tui apply`, based on the configuration the user reviewed."""
    from ..apply import apply_pool

    return apply_pool(ctx.aws, ctx.state.pool_plan(), base=ctx.state.base)


def plan_text(ctx: Context) -> str:
    """The pool's provider list as a plan file for `cognito-tui apply`."""
    from ..plan import Plan, dump_plan

    return dump_plan(Plan((ctx.state.pool_plan(),)),
                     comments={ctx.state.identity_pool_id: ctx.state.identity_pool_name}
                     if ctx.state.identity_pool_name else None)


def write_plan(ctx: Context, path: Path) -> Path:
    """Write the plan file (plan_text) to path; never overwrites."""
    return write_atomic(path, plan_text(ctx), mode=0o644, exclusive=True)
