"""Blocking work in Textual thread workers, the TUI's one way: exclusive per group (a newer request
replaces an older one and the older one's answers are dropped), answers back as messages, a failure
as the worker's ERROR state, shown in the error modal with Retry unless the screen handles it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.worker import Worker, WorkerState, get_current_worker

from ..errors import CognitoTuiError


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


class BlockingWork:
    """Mixed into a Screen: run_blocking(fn, on_answer, group=...) and its message handlers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._requests: dict[Worker, Request] = {}  # running workers: what to do with their outcome
        self._latest: dict[str, Worker] = {}  # each group's last request

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
        from .modals import ErrorScreen

        def answered(retry: bool | None) -> None:
            if retry:
                request.retry()
            elif request.on_cancel is not None:
                request.on_cancel()

        self.app.push_screen(ErrorScreen(error), answered)
