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
    return _finish(apply_v2(aws, plan), args.json)


def _finish(report, json_mode: bool) -> int:
    from ..setup.steps import render_report
    from .output import print_json, use_color

    if json_mode:
        print_json(report.to_dict())
    else:
        text = render_report(report, color=use_color())
        (sys.stderr if report.error is not None else sys.stdout).write(text + "\n")
    return report.exit_code
