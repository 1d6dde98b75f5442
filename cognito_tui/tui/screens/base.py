"""The frame every step shares: "Step N of M", the help panel, the footer, blocking calls in workers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...errors import CognitoTuiError
from ...wizard.spec import StepSpec
from ..flow import BACK, Flow

WIDE = 100  # from this width on, the help panel shows by default


def unexpected(exc: BaseException) -> CognitoTuiError:
    error = CognitoTuiError(f"Unexpected error: {type(exc).__name__}: {exc}",
                            "Retry; if it happens again, please report it.")
    error.title = "Unexpected error"
    return error


class CallDone(Message):
    def __init__(self, group: str, generation: int, result: Any, on_done: Callable[[Any], None]):
        super().__init__()
        self.group, self.generation, self.result, self.on_done = group, generation, result, on_done


class CallFailed(Message):
    def __init__(self, group: str, generation: int, error: CognitoTuiError,
                 retry: Callable[[], None], on_error: Callable[[CognitoTuiError], bool] | None,
                 on_cancel: Callable[[], None] | None):
        super().__init__()
        self.group, self.generation, self.error = group, generation, error
        self.retry, self.on_error, self.on_cancel = retry, on_error, on_cancel


class StepScreen(Screen[str]):
    """A wizard step. Subclasses yield their body from compose_body and dismiss with a step id,
    NEXT or BACK."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("f1", "toggle_help", "Help"),
        Binding("question_mark", "toggle_help", "Help", show=False),
    ]

    def __init__(self, step: StepSpec, flow: Flow):
        super().__init__(classes="step")
        self.step = step
        self.flow = flow
        self._generations: dict[str, int] = {}

    @property
    def state(self):
        return self.flow.state

    def compose(self) -> ComposeResult:
        number, total = self.flow.spec.number(self.step.id), len(self.flow.spec.steps)
        yield Static(Content(f"Step {number} of {total}: {self.step.title}"), id="step-header")
        banner = self.flow.banner(self.app.is_web)
        if banner:
            yield Static(Content(banner), id="demo-banner")
        with Horizontal(id="step-body"):
            with Vertical(id="step-main"):
                yield from self.compose_body()
            if self._help_wanted():
                yield self._help_panel()
        yield Footer()

    def _help_panel(self) -> VerticalScroll:
        return VerticalScroll(Static(Content(self.step.help + self.flow.demo_help()), id="help-text"),
                              id="help-panel", can_focus=False)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self._apply_help()
        self.mounted()

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

    def action_doctor(self) -> None:
        """Run the doctor's end-to-end checks and show the findings: on the pool as it will be
        after the save while there are unsaved changes, else on the pool as it is now."""
        from ..doctor_view import DoctorScreen

        state, service = self.state, self.flow.service
        pool_id = state.identity_pool_id
        pending = state.base is not None and state.has_changes and not self.flow.saved
        intended = None
        if pending:
            from ...diff import desired_config

            intended = desired_config(state.base, state.pool_plan())
        title = f"Doctor (as it will be after saving): {pool_id}" if pending else f"Doctor: {pool_id}"

        def diagnose():
            from ...doctor import diagnose

            return diagnose(service.aws, pool_id, config=intended)[0]

        self.notify(f"Running the doctor on {pool_id}…", markup=False, timeout=2)
        self.call(diagnose, lambda report: self.app.push_screen(DoctorScreen(report, title=title)), group="doctor")

    def go(self, target: str) -> None:
        self.flow.autosave()
        self.dismiss(target)

    # blocking calls -------------------------------------------------------------------------
    def call(self, fn: Callable[[], Any], on_done: Callable[[Any], None], *, group: str = "call",
             on_error: Callable[[CognitoTuiError], bool] | None = None,
             on_cancel: Callable[[], None] | None = None) -> None:
        """Run fn in a thread; on_done(result) runs on the UI thread. A failure opens the error
        modal (Retry / Cancel) unless on_error handles it (returns True). A newer call in the same
        group makes an older one's answer stale: it is dropped."""
        generation = self._generations.get(group, 0) + 1
        self._generations[group] = generation

        def retry() -> None:
            self.call(fn, on_done, group=group, on_error=on_error, on_cancel=on_cancel)

        def job() -> None:
            try:
                result = fn()
            except CognitoTuiError as exc:
                self.post_message(CallFailed(group, generation, exc, retry, on_error, on_cancel))
            except Exception as exc:  # noqa: BLE001 - shown in the error modal, never crashes the app
                self.post_message(CallFailed(group, generation, unexpected(exc), retry, on_error, on_cancel))
            else:
                self.post_message(CallDone(group, generation, result, on_done))

        self.run_worker(job, thread=True, group=group, exit_on_error=False, name=group)

    def stream(self, fn: Callable[[], Any], on_item: Callable[[Any], None], *, group: str = "stream",
               on_end: Callable[[], None] | None = None,
               on_error: Callable[[CognitoTuiError], bool] | None = None,
               on_cancel: Callable[[], None] | None = None) -> None:
        """Like call, for a generator: each item reaches on_item as soon as it is produced
        (a list's first page paints while the rest loads)."""
        generation = self._generations.get(group, 0) + 1
        self._generations[group] = generation

        def retry() -> None:
            self.stream(fn, on_item, group=group, on_end=on_end, on_error=on_error, on_cancel=on_cancel)

        def job() -> None:
            try:
                for item in fn():
                    self.post_message(CallDone(group, generation, item, on_item))
            except CognitoTuiError as exc:
                self.post_message(CallFailed(group, generation, exc, retry, on_error, on_cancel))
            except Exception as exc:  # noqa: BLE001 - shown in the error modal, never crashes the app
                self.post_message(CallFailed(group, generation, unexpected(exc), retry, on_error, on_cancel))
            else:
                if on_end is not None:
                    self.post_message(CallDone(group, generation, None, lambda _: on_end()))

        self.run_worker(job, thread=True, group=group, exit_on_error=False, name=group)

    def cancel_calls(self, group: str) -> None:
        self._generations[group] = self._generations.get(group, 0) + 1

    def _current(self, message: CallDone | CallFailed) -> bool:
        return self._generations.get(message.group) == message.generation and self.is_attached

    def on_call_done(self, message: CallDone) -> None:
        message.stop()
        if self._current(message):
            message.on_done(message.result)

    def on_call_failed(self, message: CallFailed) -> None:
        message.stop()
        if not self._current(message):
            return
        if message.on_error is not None and message.on_error(message.error):
            return
        from ..modals import ErrorScreen

        def answered(retry: bool | None) -> None:
            if retry:
                message.retry()
            elif message.on_cancel is not None:
                message.on_cancel()

        self.app.push_screen(ErrorScreen(message.error), answered)
