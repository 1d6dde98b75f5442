"""`cognito-tui apply PLAN`: make identity pools match a plan file."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_USAGE

HELP = "make identity pools match a plan file (diff, backup, write, verify)"
DESCRIPTION = """\
Make each identity pool in PLAN have exactly the Cognito providers the plan lists.
Providers not listed are removed; every other setting of the pool is kept as it is.
A version 2 plan also finds or creates user pools, app clients, identity pools and
their roles by name; each creation is recorded in a run record that `rollback` undoes.
Before each write the pool's full configuration is backed up (see `rollback`);
after it the pool is read back and checked.

example:
  cognito-tui apply plan.yaml --dry-run     # show the diff, change nothing
  cognito-tui apply plan.yaml --yes --json  # apply without asking, JSON report"""


def register(sub) -> None:
    from .options import add_connection_options

    parser = sub.add_parser("apply", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("plan", metavar="PLAN", help="plan file (YAML, version 1 or 2)")
    parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    parser.add_argument("--yes", "-y", action="store_true", help="apply without asking (required without a TTY)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    parser.add_argument("--workers", type=int, default=8, metavar="N",
                        help="pools applied at once (default 8)")
    add_connection_options(parser, suppress=True)


def run(args) -> int:
    from ..apply import WOULD_CHANGE, apply_plan
    from ..aws.gateway import Aws
    from .options import settings_from
    from ..plan import Plan, load_plan
    from .output import confirm_write, print_json, stdin_is_tty
    from .report import print_report

    if args.workers < 1:
        from ..errors import InputError
        raise InputError("--workers must be at least 1.", "")
    plan = load_plan(args.plan)
    aws = Aws(settings_from(args))
    aws.clients.session()  # a bad profile is one error now, not one per pool later
    if not isinstance(plan, Plan):
        from .apply_v2 import run_v2

        return run_v2(args, plan, aws)
    progress = _progress(len(plan.pools), quiet=args.json)

    if args.dry_run:
        report = apply_plan(aws, plan, dry_run=True, workers=args.workers, on_result=progress)
        return _finish(report, args.json, print_json, print_report)
    if args.yes:
        report = apply_plan(aws, plan, workers=args.workers, on_result=progress)
        return _finish(report, args.json, print_json, print_report)

    # Interactive: show the diff, ask, then write only where the pool is still as it was shown.
    preview = apply_plan(aws, plan, dry_run=True, workers=args.workers, on_result=progress)
    if not preview.by_status(WOULD_CHANGE) or preview.exit_code:
        return _finish(preview, args.json, print_json, print_report)
    if not args.json:
        print_report(preview)
    if not stdin_is_tty():
        sys.stderr.write("cognito-tui: not applied: there is no terminal to confirm on. "
                         "Run again with --yes to apply the changes above.\n")
        return EXIT_USAGE
    if not confirm_write(f"Apply these changes to {len(preview.by_status(WOULD_CHANGE))} pool(s)?", yes=False):
        sys.stderr.write("cognito-tui: nothing written.\n")
        return 0
    bases = {r.pool_id: r.base for r in preview.by_status(WOULD_CHANGE)}
    todo = Plan(tuple(p for p in plan.pools if p.id in bases), plan.source)
    report = apply_plan(aws, todo, workers=args.workers, bases=bases, on_result=progress)
    return _finish(report, args.json, print_json, print_report)


def _finish(report, json_mode: bool, print_json, print_report) -> int:
    if json_mode:
        print_json(report.to_dict())
    else:
        print_report(report)
    return 130 if report.interrupted else report.exit_code


def _progress(total: int, *, quiet: bool):
    """Progress on stderr when it is a terminal and there is more than one pool."""
    if quiet or total < 2 or not sys.stderr.isatty():
        return None
    done = [0]

    def tick(result) -> None:
        done[0] += 1
        sys.stderr.write(f"\r[{done[0]}/{total}] {result.pool_id} {result.status}\033[K")
        if done[0] == total:
            sys.stderr.write("\r\033[K")
        sys.stderr.flush()

    return tick
