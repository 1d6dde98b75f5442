"""The TUI's dialogs, shared by the wizard and the sign-in view: an error (Retry / Cancel), a
yes/no question, and a one-line answer (a name, a path, a password)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ..errors import CognitoTuiError


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
    """A yes/no question: True only for an explicit yes (y, or the yes button); n and Escape
    answer no. focus: the button Enter presses at first ("no" unless saying yes is harmless)."""

    CSS_PATH = "modals.tcss"

    BINDINGS = [Binding("escape", "answer(False)", "No"), Binding("n", "answer(False)", show=False),
                Binding("y", "answer(True)", show=False)]

    def __init__(self, title: str, message: str = "", *, yes: str = "Yes", no: str = "No",
                 focus: str = "no", classes: str = ""):
        super().__init__(classes=f"modal {classes}".strip())
        self.title_text, self.message, self.yes, self.no, self.focus_id = title, message, yes, no, focus

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.title_text), id="dialog-title")
            if self.message:
                yield Static(Content(self.message), id="dialog-message")
            with Horizontal(id="dialog-buttons"):
                yield Button(Content(f"{self.yes} (y)"), id="yes", variant="primary")
                yield Button(Content(f"{self.no} (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one(f"#{self.focus_id}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


def resume_screen(summary: str) -> ConfirmScreen:
    """Offer to resume an unfinished draft (Enter resumes)."""
    return ConfirmScreen("Resume where you left off?", summary, yes="Resume", no="Start over",
                         focus="yes", classes="resume-modal")


class InputScreen(ModalScreen[str | None]):
    """Ask for one line; Enter answers (stripped), Escape cancels (None). check(value) may raise
    CognitoTuiError to refuse an answer: the reason shows under the field and the dialog stays."""

    CSS_PATH = "modals.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", *, check: Callable[[str], object] | None = None,
                 password: bool = False, action: str = "Enter confirms"):
        super().__init__(classes="modal")
        self.title_text, self.value, self.check = title, value, check
        self.password, self.action = password, action

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.title_text), id="dialog-title")
            yield Input(self.value, password=self.password, id="answer")
            yield Static("", id="answer-error", markup=False)
            yield Static(Content(f"{self.action}; Escape cancels."), classes="dim")

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.check is not None:
            try:
                self.check(event.value)
            except CognitoTuiError as exc:
                self.query_one("#answer-error", Static).update(Content(exc.one_line()))
                return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
