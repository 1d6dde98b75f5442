"""Doctor's findings as text for a terminal: grouped by severity, each with what / why / fix,
wrapped at the terminal's width; a note that holds for several subjects is said once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..wrapping import DEFAULT_WIDTH, wrap
from .findings import ERROR, INFO, SEVERITIES, WARNING, Finding, Report

MARKERS = {ERROR: "[E]", WARNING: "[W]", INFO: "[i]"}
HEADINGS = {ERROR: "Errors", WARNING: "Warnings", INFO: "Info"}
_COLORS = {ERROR: "31", WARNING: "33", INFO: "36"}
_LABEL = " " * 6


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    counts = report.counts
    return f"{plural(counts[ERROR], 'error')}, {plural(counts[WARNING], 'warning')}"


@dataclass(frozen=True)
class Said:
    """A finding as shown once: every subject it holds for, and whether its `why` was said just above."""

    finding: Finding
    subjects: tuple[str, ...]
    why_above: bool = False


def merge_repeats(findings: Iterable[Finding]) -> list[Said]:
    """Findings that say the same thing (the same check, text and fix) about several subjects, such
    as a note on each provider of the pool, once each with all their subjects; findings of one
    check kept together, so a `why` they share is said once."""
    merged: dict[tuple, list] = {}
    for finding in findings:
        key = (finding.id, finding.severity, finding.message, finding.why, finding.fix, finding.auto_fix)
        merged.setdefault(key, [finding, []])[1].append(finding.subject)
    order = {check: index for index, check in enumerate(dict.fromkeys(key[0] for key in merged))}
    out: list[Said] = []
    for finding, subjects in sorted(merged.values(), key=lambda item: order[item[0].id]):
        above = bool(out) and out[-1].finding.id == finding.id and out[-1].finding.why == finding.why
        out.append(Said(finding, tuple(subjects), above))
    return out


def render_text(report: Report, *, color: bool = False, width: int = DEFAULT_WIDTH) -> str:
    def paint(text: str, severity: str) -> str:
        return f"\033[{_COLORS[severity]}m{text}\033[0m" if color else text

    name = f" ({report.pool_name})" if report.pool_name else ""
    lines = wrap(f"Identity pool {report.pool_id}{name}", width)
    for severity in SEVERITIES:
        group = report.of(severity)
        if not group:
            continue
        lines += ["", paint(f"{HEADINGS[severity]} ({len(group)})", severity)]
        for said in merge_repeats(group):
            finding, subjects, marker = said.finding, said.subjects, MARKERS[severity]
            if len(subjects) == 1:
                head = wrap(f"{finding.id}  {subjects[0]}", width, indent=f"  {marker} ", hang=_LABEL)
            else:
                head = wrap(f"{finding.id}  ({len(subjects)} of them)", width, indent=f"  {marker} ", hang=_LABEL)
                for subject in subjects:
                    head += wrap(subject, width, indent=f"{_LABEL}- ", hang=_LABEL + "  ")
            head[0] = head[0].replace(marker, paint(marker, severity), 1)
            lines += head
            lines += _labelled("what:", finding.message, width)
            if not said.why_above:
                lines += _labelled("why: ", finding.why, width)
            lines += _labelled("fix: ", finding.fix, width)
            if finding.auto_fix is not None:
                lines += _labelled("auto:", finding.auto_fix.describe(), width)
    if not report.findings:
        lines += ["", "No problems found."]
    lines += ["", summary_line(report)]
    return "\n".join(lines)


def _labelled(label: str, text: str, width: int) -> list[str]:
    return wrap(text, width, indent=f"{_LABEL}{label} ", hang=" " * (len(_LABEL) + len(label) + 1))
