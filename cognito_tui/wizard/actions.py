"""Actions named in wizards/*.yaml."""

from __future__ import annotations

from pathlib import Path

from ..private_files import write_atomic

from .validators import Context


def apply_setup_plan(ctx: Context):
    """Save: the same version 2 apply as `cognito-tui apply`. An existing identity pool is checked
    against the configuration the user reviewed: changed meanwhile, it is a conflict and nothing
    is written. Returns the apply's SetupReport."""
    from ..setup.converge import apply_v2

    state = ctx.state
    bases = {state.identity_pool_id: state.base} if state.identity_pool_id and state.base is not None else {}
    return apply_v2(ctx.aws, state.plan_v2(), bases=bases)


def preview_setup_plan(ctx: Context):
    """Review: a dry run of that apply (what Save would create or change; nothing written)."""
    from ..setup.converge import apply_v2

    return apply_v2(ctx.aws, ctx.state.plan_v2(), dry_run=True)


def plan_text(ctx: Context) -> str:
    """The answers as a version 2 plan file for `cognito-tui apply`."""
    from ..plan_v2_dump import dump_plan_spec

    state = ctx.state
    comments = {state.identity_pool_id: state.identity_pool_name} \
        if state.identity_pool_id and state.identity_pool_name else None
    return dump_plan_spec(state.plan_v2(), comments)


def write_plan(ctx: Context, path: Path) -> Path:
    """Write the plan file (plan_text) to path; never overwrites."""
    return write_atomic(path, plan_text(ctx), mode=0o644, exclusive=True)
