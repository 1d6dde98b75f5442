"""Doctor's findings as text for a terminal: grouped by severity, each with what / why / fix."""

from __future__ import annotations

from .findings import ERROR, INFO, SEVERITIES, WARNING, Report

MARKERS = {ERROR: "[E]", WARNING: "[W]", INFO: "[i]"}
HEADINGS = {ERROR: "Errors", WARNING: "Warnings", INFO: "Info"}
_COLORS = {ERROR: "31", WARNING: "33", INFO: "36"}


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    counts = report.counts
    return f"{plural(counts[ERROR], 'error')}, {plural(counts[WARNING], 'warning')}"


def render_text(report: Report, *, color: bool = False) -> str:
    def paint(text: str, severity: str) -> str:
        return f"\033[{_COLORS[severity]}m{text}\033[0m" if color else text

    name = f" ({report.pool_name})" if report.pool_name else ""
    lines = [f"Identity pool {report.pool_id}{name}"]
    for severity in SEVERITIES:
        group = report.of(severity)
        if not group:
            continue
        lines += ["", paint(f"{HEADINGS[severity]} ({len(group)})", severity)]
        for finding in group:
            lines.append(f"  {paint(MARKERS[severity], severity)} {finding.id}  {finding.subject}")
            lines.append(f"      what: {finding.message}")
            lines.append(f"      why:  {finding.why}")
            lines.append(f"      fix:  {finding.fix}")
            if finding.auto_fix is not None:
                lines.append(f"      auto: {finding.auto_fix.describe()}")
    if not report.findings:
        lines += ["", "No problems found."]
    lines += ["", summary_line(report)]
    return "\n".join(lines)
