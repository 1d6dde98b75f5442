"""Doctor's findings on screen: a scrollable view grouped by severity, and a modal around it.

Every string shown comes from AWS or the user, so it is wrapped in Content and never read as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..doctor.findings import ERROR, INFO, SEVERITIES, WARNING, Finding, Report
from ..doctor.render import HEADINGS, MARKERS, Said, merge_repeats


def _text(value: str, classes: str) -> Static:
    return Static(Content(value), classes=classes)


def summary_text(findings: list[Finding]) -> str:
    def count(severity: str, noun: str) -> str:
        n = sum(1 for f in findings if f.severity == severity)
        return f"{n} {noun}{'' if n == 1 else 's'}"

    if not findings:
        return "No problems found."
    return f"{count(ERROR, 'error')}, {count(WARNING, 'warning')}, {count(INFO, 'note')}"


class DoctorView(VerticalScroll, can_focus=True):
    """Findings grouped by severity (errors first); each shows what, why, fix and any automatic fix."""

    DEFAULT_CSS = Path(__file__).with_name("doctor_view.tcss").read_text(encoding="utf-8")

    def __init__(self, findings: Iterable[Finding] | Report = (), *, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.findings = self._as_list(findings)

    @staticmethod
    def _as_list(findings: Iterable[Finding] | Report) -> list[Finding]:
        return list(findings.findings if isinstance(findings, Report) else findings)

    def compose(self) -> ComposeResult:
        yield _text(summary_text(self.findings), "summary")
        for severity in SEVERITIES:
            group = [f for f in self.findings if f.severity == severity]
            if not group:
                continue
            yield _text(f"{HEADINGS[severity]} ({len(group)})", f"heading -{severity}")
            for said in merge_repeats(group):
                yield self._finding(said)

    def _finding(self, said: Said) -> Vertical:
        finding = said.finding
        severity = finding.severity if finding.severity in SEVERITIES else INFO
        parts = [_text(f"{MARKERS[severity]} {finding.id}: {'; '.join(said.subjects)}", "title"),
                 _text(finding.message, "line what")]
        if not said.why_above:
            parts.append(_text(f"Why: {finding.why}", "line label-why"))
        parts.append(_text(f"Fix: {finding.fix}", "line fix"))
        if finding.auto_fix is not None:
            parts.append(_text(f"Automatic fix: {finding.auto_fix.describe()}", "line label-auto"))
        return Vertical(*parts, classes=f"finding -{severity}")

    async def show(self, findings: Iterable[Finding] | Report) -> None:
        """Replace the findings shown (e.g. after running doctor again)."""
        self.findings = self._as_list(findings)
        await self.remove_children()
        await self.mount_all(list(self.compose()))
        self.scroll_home(animate=False)


class DoctorScreen(ModalScreen[None]):
    """DoctorView in a dialog; Escape or Close dismisses it."""

    CSS_PATH = "doctor_screen.tcss"
    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(self, findings: Iterable[Finding] | Report, title: str = "Doctor") -> None:
        super().__init__()
        self.findings = findings
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield _text(self.title_text, "dialog-title")
            yield DoctorView(self.findings, id="doctor-view")
            with Horizontal(classes="buttons"):
                yield Static("Arrows/PgUp/PgDn scroll, Escape closes", classes="help", markup=False)
                yield Button("Close", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one(DoctorView).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
