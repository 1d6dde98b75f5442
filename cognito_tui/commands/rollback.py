"""`cognito-tui rollback FILE`: restore a pool from a backup written before a save."""

from __future__ import annotations

import argparse
import sys

HELP = "restore a pool from a backup, or undo a version 2 plan's run from its record"
DESCRIPTION = """\
Restore an identity pool's whole configuration from a backup that cognito-tui wrote
before a save. Shows what would change first; the present configuration is itself
backed up before the restore.

Backups live in $XDG_STATE_HOME/cognito-tui/backups/<pool id>/ (default ~/.local/state).
Given the run record of a version 2 plan (backups/runs/), it deletes what that run created,
newest first, and puts back the trust policies, roles and pools it changed. A user pool
that has users is not deleted.

example:
  cognito-tui rollback ~/.local/state/cognito-tui/backups/us-east-1:0f4a.../20261126T101500.000000Z.yaml"""


def register(sub) -> None:
    from .options import add_connection_options

    parser = sub.add_parser("rollback", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", metavar="FILE", help="backup file")
    parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    parser.add_argument("--yes", "-y", action="store_true", help="restore without asking (required without a TTY)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON on stdout")
    add_connection_options(parser, suppress=True)


def run(args) -> int:
    from ..apply import CHANGED, FAILED, UNCHANGED, restore_pool
    from ..aws.gateway import Aws
    from ..backup import read_backup
    from .options import settings_from
    from ..setup.record import load_record
    from .output import confirm_write

    record = load_record(args.file)
    if record is not None:
        return _rollback_run(args, record)
    backup = read_backup(args.file)
    aws = Aws(settings_from(args))
    preview = restore_pool(aws, backup, dry_run=True)
    if preview.status == FAILED and preview.error is not None:
        raise preview.error  # nothing was read, so nothing to compare: the error alone
    if preview.status == UNCHANGED or args.dry_run:
        return _show(preview, args.json)
    if not args.json:
        _print_changes(f"Restoring identity pool {preview.pool_id} to the backup changes:", preview)
    if not confirm_write("Restore this backup?", yes=args.yes):
        sys.stderr.write("cognito-tui: nothing written.\n")
        return 0
    result = restore_pool(aws, backup)
    code = _show(result, args.json, quiet_changes=True)
    return code if result.status != CHANGED else 0


def _rollback_run(args, entries: list[dict]) -> int:
    from ..aws.gateway import Aws
    from ..setup.rollback import rollback_run
    from ..setup.steps import render_steps
    from .options import settings_from
    from .output import confirm_write, print_json, use_color

    aws = Aws(settings_from(args))
    preview = rollback_run(aws, entries, dry_run=True)
    if not preview.steps:
        print("The run record lists nothing to undo.") if not args.json else print_json(preview.to_dict())
        return 0
    if args.dry_run or not (args.json or args.yes):
        print("Undoing this run would, newest first:" + (" (dry run; nothing written)" if args.dry_run else ""))
        print("\n".join(render_steps(preview.steps, color=use_color())))
    if args.dry_run:
        return 0
    if not confirm_write("Delete and restore what is listed above?", yes=args.yes):
        sys.stderr.write("cognito-tui: nothing written.\n")
        return 0
    report = rollback_run(aws, entries)
    if args.json:
        print_json(report.to_dict())
    else:
        print("Undone, newest first:")
        print("\n".join(render_steps(report.steps, color=use_color())))
        if report.error is not None:
            sys.stderr.write(f"cognito-tui: {report.error.one_line()}\n")
        else:
            print("Rolled back: everything this run created is deleted, everything it replaced put back.")
    return report.exit_code


def _print_changes(title: str, result) -> None:
    from ..diff import render_config_changes
    from ..wrapping import wrap
    from .output import output_width, use_color

    width = output_width(sys.stdout)
    print("\n".join(wrap(title, width, hang="  ")))
    print(render_config_changes(result.changed_meanwhile, color=use_color(sys.stdout), width=width))


def _show(result, json_mode: bool, quiet_changes: bool = False) -> int:
    from ..apply import FAILED
    from .output import print_failure, print_json

    if json_mode:
        print_json(result.to_dict())
    else:
        if not quiet_changes:
            _print_changes(f"Identity pool {result.pool_id}:", result)
        verdict = {"unchanged": "already matches the backup; nothing to do",
                   "would_change": "would be restored (dry run; nothing written)",
                   "changed": "restored from the backup.", "failed": "FAILED"}[result.status]
        print(f"  => {verdict}")
        if result.backup:
            print(f"  backup of the configuration before the restore: {result.backup}")
        if result.error:
            print_failure(result.error.one_line())
    return result.error.exit_code if result.status == FAILED and result.error else 0
