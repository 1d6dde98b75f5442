"""What a version 2 plan does, step by step: each creation, change or kept resource as one line in
apply's `+ add / - REMOVE / ~ change` form, and the report a run gives."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..apply import CONFLICT, FAILED, PoolResult
from ..diff import ADDED, CHANGED, UNCHANGED, DiffLine, render_diff, render_lines
from ..wrapping import DEFAULT_WIDTH
from ..errors import EXIT_CONFLICT, EXIT_FAILED, EXIT_OK, CognitoTuiError

if TYPE_CHECKING:
    from ..doctor.trust_fix import TrustFix

USER_POOL, CLIENT, IDENTITY_POOL, ROLE, ROLES, TRUST, PROVIDER = (
    "user pool", "app client", "identity pool", "role", "roles", "trust policy", "provider")


@dataclass
class Step:
    """One resource the plan touches: kind is added (created), changed or unchanged (kept)."""

    kind: str
    what: str
    name: str
    id: str | None = None
    detail: str = ""
    done: bool = False
    trust: TrustFix | None = None  # a trust policy change: the policy it writes, and what it keeps and drops

    @property
    def text(self) -> str:
        who = f"{self.what} {self.name}" if self.name else self.what
        if self.id and self.id != self.name:
            who += f" ({self.id})"
        if self.kind == ADDED and self.what not in (PROVIDER,):
            who = f"new {who}"
        return f"{who}: {self.detail}" if self.detail else who

    def to_dict(self) -> dict:
        out = {"change": self.kind, "type": self.what.replace(" ", "_"), "name": self.name, "id": self.id,
               "done": self.done}
        if self.detail:
            out["detail"] = self.detail
        if self.trust is not None:
            out["trust_policy"] = self.trust.document
        return out


@dataclass
class SetupReport:
    steps: list[Step] = field(default_factory=list)
    pools: list[PoolResult] = field(default_factory=list)  # provider changes to existing pools (v1's apply)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    record: Path | None = None
    error: CognitoTuiError | None = None

    def add(self, kind: str, what: str, name: str, id: str | None = None, detail: str = "") -> Step:
        step = Step(kind, what, name, id, detail)
        self.steps.append(step)
        return step

    @property
    def created(self) -> list[Step]:
        return [s for s in self.steps if s.kind == ADDED and s.done and s.what != PROVIDER]

    @property
    def has_changes(self) -> bool:
        return any(s.kind != UNCHANGED for s in self.steps) or any(
            r.diff is not None and r.diff.has_changes for r in self.pools)

    @property
    def exit_code(self) -> int:
        if self.error is not None:
            return self.error.exit_code
        if any(r.status == FAILED for r in self.pools):
            return EXIT_FAILED
        if any(r.status == CONFLICT for r in self.pools):
            return EXIT_CONFLICT
        return EXIT_OK

    def to_dict(self) -> dict:
        out = {"ok": self.exit_code == EXIT_OK, "dry_run": self.dry_run, "version": 2,
               "changes": [s.to_dict() for s in self.steps if s.kind != UNCHANGED],
               "unchanged": [s.to_dict() for s in self.steps if s.kind == UNCHANGED],
               "created": [s.to_dict() for s in self.created],
               "pools": [r.to_dict() for r in self.pools], "warnings": list(self.warnings)}
        if self.record is not None:
            out["record"] = str(self.record)
        if self.error is not None:
            out["error"] = self.error.to_dict()
        return out


def step_lines(steps: list[Step]) -> list[DiffLine]:
    """One diff line per step, in diff.py's `+ add / - REMOVE / ~ change` form (the terminal and the
    wizard's review draw the same lines)."""
    return [DiffLine(step.kind, step.text) for step in steps]


def render_steps(steps: list[Step], *, color: bool = False, width: int = DEFAULT_WIDTH) -> list[str]:
    """One entry per step in diff.py's `+ add / - REMOVE / ~ change` form, wrapped without cutting an ID."""
    return render_lines(step_lines(steps), width=width, color=color)


def render_report(report: SetupReport, *, color: bool = False) -> str:
    lines = ["Dry run: what this plan would do (nothing written):" if report.dry_run else "What this plan did:"]
    lines += render_steps(report.steps, color=color)
    for result in report.pools:
        if result.diff is not None and result.diff.has_changes:
            lines.append(render_diff(result.diff, color=color))
        if result.backup is not None:
            lines.append(f"  backup: {result.backup}")
        if result.error is not None:
            lines.append(f"  error: {result.error.one_line()}")
    lines += [f"  warning: {w}" for w in report.warnings]
    if report.error is not None:
        created = report.created
        lines.append(f"FAILED: {report.error.one_line()}")
        if created:
            lines.append("Created before the failure (a rerun finds them and carries on):")
            lines += [f"  {s.what} {s.name} {s.id}" for s in created]
    elif not report.has_changes:
        lines.append("Nothing to change: everything already matches the plan.")
    elif report.dry_run:
        lines.append("Dry run: nothing was created or changed.")
    else:
        lines.append("Changes saved successfully.")
    if report.record is not None:
        lines.append(f"Run record (for `cognito-tui rollback`): {report.record}")
    return "\n".join(lines)
