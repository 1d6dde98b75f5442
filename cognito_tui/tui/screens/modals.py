"""Modals: the error (Retry / Cancel), a yes/no question, resume a draft, ask a file name."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ...errors import CognitoTuiError


class ErrorScreen(ModalScreen[bool]):
    """An error a person can act on; dismisses True for Retry."""

    CSS_PATH = "modals.tcss"  # parsed when the first dialog opens, not on every start

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("r", "retry", "Retry")]

    def __init__(self, error: CognitoTuiError, *, retry: bool = True):
        super().__init__(classes="modal error-modal")
        self.error = error
        self.can_retry = retry

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.error.title), id="dialog-title")
            yield Static(Content(self.error.message), id="error-message")
            if self.error.hint:
                yield Static(Content(self.error.hint), id="error-hint")
            if self.error.code:
                yield Static(Content(f"AWS code: {self.error.code}"), id="error-code")
            with Horizontal(id="dialog-buttons"):
                if self.can_retry:
                    yield Button(Content("Retry"), id="retry", variant="primary")
                yield Button(Content("Cancel"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "retry")

    def action_retry(self) -> None:
        if self.can_retry:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; y/n keys, Escape is no."""

    CSS_PATH = "modals.tcss"  # parsed when the first dialog opens, not on every start

    BINDINGS = [Binding("escape", "answer(False)", "No"), Binding("n", "answer(False)", show=False),
                Binding("y", "answer(True)", show=False)]
    FOCUS = "no"

    def __init__(self, title: str, message: str, yes: str = "Yes", no: str = "No"):
        super().__init__(classes="modal")
        self.title_text, self.message, self.yes, self.no = title, message, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.title_text), id="dialog-title")
            yield Static(Content(self.message), id="dialog-message")
            with Horizontal(id="dialog-buttons"):
                yield Button(Content(self.yes), id="yes", variant="primary")
                yield Button(Content(self.no), id="no")

    def on_mount(self) -> None:
        self.query_one(f"#{self.FOCUS}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ResumeScreen(ConfirmScreen):
    """Offer to resume an unfinished draft."""

    FOCUS = "yes"

    def __init__(self, summary: str):
        super().__init__("Resume where you left off?", summary, yes="Resume", no="Start over")
        self.add_class("resume-modal")


class PathScreen(ModalScreen[str | None]):
    """Ask for a file name; check(value) raises CognitoTuiError to refuse it (shown inline)."""

    CSS_PATH = "modals.tcss"  # parsed when the first dialog opens, not on every start

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, default: str, check: Callable[[str], object]):
        super().__init__(classes="modal")
        self.title_text, self.default, self.check = title, default, check

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.title_text), id="dialog-title")
            yield Input(value=self.default, id="path-input")
            yield Static("", id="path-error", markup=False)
            yield Static(Content("Enter writes the file; Escape cancels."), classes="dim")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.check(event.value)
        except CognitoTuiError as exc:
            self.query_one("#path-error", Static).update(Content(exc.one_line()))
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
