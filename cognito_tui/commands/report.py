"""Human-readable apply reports for the terminal: results and diffs on stdout, failures on stderr."""

from __future__ import annotations

import sys

from ..apply import CHANGED, CONFLICT, FAILED, SKIPPED, UNCHANGED, WOULD_CHANGE, ApplyReport
from ..diff import render_config_changes, render_diff
from .output import output_width, print_failure, use_color

_VERDICT = {
    UNCHANGED: "nothing to change",
    WOULD_CHANGE: "would change (dry run; nothing written)",
    CHANGED: "Changes saved successfully.",
    FAILED: "FAILED",
    CONFLICT: "CONFLICT: changed by someone else since it was read; nothing written",
    SKIPPED: "skipped (interrupted before it was written)",
}


def print_report(report: ApplyReport, stream=None, errors=None) -> None:
    stream = stream or sys.stdout
    color, width = use_color(stream), output_width(stream)
    for result in report.results:
        if result.diff is not None and (result.diff.has_changes or result.status != UNCHANGED):
            stream.write(render_diff(result.diff, color=color, width=width) + "\n")
        else:
            stream.write(f"Identity pool {result.pool_id}\n")
        stream.write(f"  => {_VERDICT[result.status]}\n")
        if result.changed_meanwhile and result.status == CONFLICT:
            stream.write("  changed meanwhile:\n"
                         + render_config_changes(result.changed_meanwhile, color=color, width=width) + "\n")
        if result.backup is not None:
            stream.write(f"  backup: {result.backup}\n")
        if result.error is not None:
            print_failure(f"{result.pool_id}: {result.error.one_line()}", stream, errors)
    counts = report.to_dict()["counts"]
    summary = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()) or "no pools"
    stream.write(("Dry run: " if report.dry_run else "") + f"{len(report.results)} pool(s): {summary}.\n")
    failed = [r.pool_id for r in report.results if r.status in (FAILED, CONFLICT)]
    if failed:
        print_failure(f"Not applied: {', '.join(failed)}", stream, errors)
    if report.interrupted:
        stream.write("Interrupted: pools marked skipped were not touched; each other pool is entirely "
                     "old or entirely new. Run the same command again to finish.\n")
    stream.flush()
