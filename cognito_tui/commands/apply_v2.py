"""`cognito-tui apply` of a version 2 plan: find or create, then configure; creations recorded."""

from __future__ import annotations

import sys

from ..errors import EXIT_USAGE


def run_v2(args, plan, aws) -> int:
    from ..setup.converge import apply_v2
    from ..setup.steps import render_report
    from .output import confirm_write, stdin_is_tty, use_color

    if args.yes and not args.dry_run:
        return _finish(apply_v2(aws, plan), args.json)
    preview = apply_v2(aws, plan, dry_run=True)
    if args.dry_run or preview.error is not None or not preview.has_changes:
        return _finish(preview, args.json)
    if not args.json:
        print(render_report(preview, color=use_color()))
    if not stdin_is_tty():
        sys.stderr.write("cognito-tui: not applied: there is no terminal to confirm on. "
                         "Run again with --yes to apply the changes above.\n")
        return EXIT_USAGE
    if not confirm_write("Create and change what is listed above?", yes=False):
        sys.stderr.write("cognito-tui: nothing written.\n")
        return 0
    # What was confirmed is the preview: a pool changed since it was read for it is a conflict,
    # and nothing at all is written (as the wizard's Save does with the pool it reviewed).
    return _finish(apply_v2(aws, plan, bases=_previewed(preview)), args.json)


def _previewed(preview) -> dict[str, dict]:
    """The existing identity pools the preview would change, each as it was read for the preview."""
    from ..apply import WOULD_CHANGE

    return {r.pool_id: r.base for r in preview.pools if r.status == WOULD_CHANGE and r.base is not None}


def _finish(report, json_mode: bool) -> int:
    from ..setup.steps import render_report
    from .output import print_json, use_color

    if json_mode:
        print_json(report.to_dict())
    else:
        text = render_report(report, color=use_color())
        (sys.stderr if report.error is not None else sys.stdout).write(text + "\n")
    return report.exit_code
