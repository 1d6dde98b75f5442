"""The frame every step shares: "Step N of M", the help panel, the keys bar, the doctor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ... import startup_gc
from ...errors import CognitoTuiError
from ...wizard.spec import StepSpec
from ..flow import BACK, Flow
from ..widgets.key_bar import KeyBar
from ..workers import BlockingWork

WIDE = 100  # from this width on, the help panel shows by default


class StepScreen(BlockingWork, Screen[str]):
    """A wizard step. Subclasses yield their body from compose_body, read the wizard file's fields
    through field() and leave through go_next(move) or BACK."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("f1", "toggle_help", "Help"),
        Binding("question_mark", "toggle_help", "Help", show=False),
    ]

    def __init__(self, step: StepSpec, flow: Flow):
        super().__init__(classes="step")
        self.step = step
        self.flow = flow

    @property
    def state(self):
        return self.flow.state

    def field(self, name: str, kind: str):
        """The wizard file's field `name` of this step (a `kind` field), its reads recorded."""
        return self.flow.field(self.step, name, kind)

    def go_next(self, move: str) -> None:
        """Leave by the forward move `move`, to the step the wizard file names for it."""
        self.go(self.flow.move(self.step, move))

    def compose(self) -> ComposeResult:
        yield Static(Content(self.header()), id="step-header")
        banner = self.flow.banner(self.app.is_web)
        if banner:
            yield Static(Content(banner), id="demo-banner")
        with Horizontal(id="step-body"):
            with Vertical(id="step-main"):
                yield from self.compose_body()
            if self._help_wanted():
                yield self._help_panel()
        yield KeyBar(id="keys")

    def header(self) -> str:
        number, total = self.flow.position(self.step.id)
        return f"Step {number} of {total}: {self.step.title}"

    def show_header(self) -> None:
        """Draw "Step N of M" again, after an answer that changes which steps lie ahead."""
        self.query_one("#step-header", Static).update(Content(self.header()))

    def _help_panel(self) -> VerticalScroll:
        return VerticalScroll(Static(Content(self.step.help + self.flow.demo_help()), id="help-text"),
                              id="help-panel", can_focus=False)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self._apply_help()
        self.mounted()
        self.call_after_refresh(startup_gc.resume)  # the first step is on the screen

    def on_resize(self) -> None:
        self._apply_help()

    def mounted(self) -> None:
        """Subclasses start their work here (Textual calls every on_mount in the MRO itself)."""

    def _help_wanted(self) -> bool:
        visible = self.flow.help_visible
        return self.app.size.width >= WIDE if visible is None else visible

    @property
    def help_shown(self) -> bool:
        panels = self.query("#help-panel")
        return bool(panels) and panels.first().display

    def _apply_help(self) -> None:
        """Show or hide the help panel; it is built the first time it shows (not at all at 80
        columns until F1), which keeps it off the first screen's path."""
        wanted, panels = self._help_wanted(), self.query("#help-panel")
        if panels:
            panels.first().display = wanted
        elif wanted:
            self.query_one("#step-body").mount(self._help_panel())

    def action_toggle_help(self) -> None:
        self.flow.help_visible = not self.help_shown
        self._apply_help()

    def can_go_back(self) -> bool:
        return bool(self.step.back)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back" and not self.can_go_back():
            return False
        return True

    def action_back(self) -> None:
        if self.can_go_back():
            self.dismiss(BACK)

    def doctor_pending(self) -> bool:
        """True while the doctor should check the pool as it will be after the save."""
        state = self.state
        return state.base is not None and state.has_changes and not self.flow.saved

    def run_doctor(self, on_report: Callable[[Any], None], *, group: str = "doctor",
                   on_error: Callable[[CognitoTuiError], bool] | None = None, aws: Any = None) -> None:
        """The doctor's end-to-end checks in a worker, on the pool as it will be after the save
        (providers and the Roles step's choices) while there are unsaved changes, else on the pool
        as it is now; on_report(Report). aws: what to read through (the service's gateway by default)."""
        state, service = self.state, self.flow.service
        pool_id = self.doctor_pool_id()
        intended = None
        if self.doctor_pending():
            from ...diff import desired_config

            intended = desired_config(state.base, state.pool_plan())

        choices, pool_name = (dict(state.roles), state.identity_pool_name) if intended is not None else ({}, "")

        def diagnose():
            from ...doctor import fetch_facts, run_checks
            from ...wizard.roles import with_role_choices

            gateway = aws or service.aws
            facts = fetch_facts(gateway, pool_id, config=intended)
            return run_checks(with_role_choices(facts, choices, pool_name, gateway))

        self.run_blocking(diagnose, on_report, group=group, on_error=on_error)

    def doctor_pool_id(self) -> str:
        """The pool the doctor checks ("" while it is a new pool, not created yet)."""
        return self.state.identity_pool_id

    def action_doctor(self) -> None:
        """Run the doctor and show its findings in the doctor's screen."""
        from ..doctor_view import DoctorScreen

        pool_id = self.doctor_pool_id()
        if not pool_id:
            self.notify("The new identity pool does not exist yet: the doctor checks it after Save.", markup=False)
            return
        title = f"Doctor (as it will be after saving): {pool_id}" if self.doctor_pending() else f"Doctor: {pool_id}"
        self.notify(f"Running the doctor on {pool_id}…", markup=False, timeout=2)
        self.run_doctor(lambda report: self.app.push_screen(DoctorScreen(report, title=title)))

    def go(self, target: str) -> None:
        self.flow.autosave()
        self.dismiss(target)
