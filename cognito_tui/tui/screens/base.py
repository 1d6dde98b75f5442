"""The frame every step shares: "Step N of M", the help panel, the footer, blocking calls in workers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ...errors import CognitoTuiError
from ...wizard.spec import StepSpec
from ..flow import BACK, Flow

WIDE = 100  # from this width on, the help panel shows by default


def unexpected(exc: BaseException) -> CognitoTuiError:
    error = CognitoTuiError(f"Unexpected error: {type(exc).__name__}: {exc}",
                            "Retry; if it happens again, please report it.")
    error.title = "Unexpected error"
    return error


class Answer(Message):
    """What a worker produced (its result, or one item of a stream), for the screen that asked."""

    def __init__(self, worker: Worker, item: Any, handler: Callable[[Any], None]):
        super().__init__()
        self.worker, self.item, self.handler = worker, item, handler


@dataclass
class Request:
    """What to do with a worker's outcome; run_blocking keeps one per running worker."""

    retry: Callable[[], object]
    on_end: Callable[[], None] | None
    on_error: Callable[[CognitoTuiError], bool] | None
    on_cancel: Callable[[], None] | None


class StepScreen(Screen[str]):
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
        self._requests: dict[Worker, Request] = {}  # running workers: what to do with their outcome
        self._latest: dict[str, Worker] = {}  # each group's last request

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
        self.run_blocking(diagnose, lambda report: self.app.push_screen(DoctorScreen(report, title=title)),
                          group="doctor")

    def go(self, target: str) -> None:
        self.flow.autosave()
        self.dismiss(target)

    # blocking calls -------------------------------------------------------------------------
    def run_blocking(self, fn: Callable[[], Any], on_answer: Callable[[Any], None], *, group: str,
                     each: bool = False, on_end: Callable[[], None] | None = None,
                     on_error: Callable[[CognitoTuiError], bool] | None = None,
                     on_cancel: Callable[[], None] | None = None) -> Worker:
        """Run fn in a Textual thread worker, exclusive in its group: a newer request replaces an
        older one, whose answers are then dropped. on_answer(result) runs on the UI thread (with
        each=True, once per item fn yields, so a list's first page paints while the rest loads;
        then on_end()). A failure ends the worker in the ERROR state: the error modal opens
        (Retry / Cancel, then on_cancel) unless on_error handles it (returns True)."""

        def job() -> None:
            worker = get_current_worker()
            for item in fn() if each else (fn(),):
                if worker.is_cancelled:
                    return
                self.post_message(Answer(worker, item, on_answer))

        def retry() -> Worker:
            return self.run_blocking(fn, on_answer, group=group, each=each, on_end=on_end,
                                     on_error=on_error, on_cancel=on_cancel)

        self.cancel_blocking(group)
        worker = self.run_worker(job, name=group, group=group, thread=True, exclusive=True, exit_on_error=False)
        self._requests[worker] = Request(retry, on_end, on_error, on_cancel)
        self._latest[group] = worker
        return worker

    def cancel_blocking(self, group: str) -> None:
        """Drop the answers of the group's last request, even one that has finished whose answers
        are still on their way (exclusive workers cancel only running ones)."""
        previous = self._latest.pop(group, None)
        if previous is not None:
            previous.cancel()
            self._requests.pop(previous, None)

    def on_answer(self, message: Answer) -> None:
        message.stop()
        if not message.worker.is_cancelled and self.is_attached:
            message.handler(message.item)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        request = self._requests.pop(worker, None)
        if self._latest.get(worker.group) is worker:
            del self._latest[worker.group]
        if request is None or worker.is_cancelled or not self.is_attached:
            return
        if event.state == WorkerState.SUCCESS:
            if request.on_end is not None:
                request.on_end()
            return
        error = worker.error
        error = error if isinstance(error, CognitoTuiError) else unexpected(error)
        if request.on_error is not None and request.on_error(error):
            return
        from ..modals import ErrorScreen

        def answered(retry: bool | None) -> None:
            if retry:
                request.retry()
            elif request.on_cancel is not None:
                request.on_cancel()

        self.app.push_screen(ErrorScreen(error), answered)
