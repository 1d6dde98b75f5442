"""Step: add another user pool, or go on to the review."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Static

from .base import StepScreen


class AddAnotherScreen(StepScreen):
    BINDINGS = [
        Binding("a", "choose('add')", "Add another"),
        Binding("y", "choose('add')", show=False),
        Binding("n", "choose('review')", "Review"),
        Binding("r", "choose('review')", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        question = self.field("add_another", "confirm")
        state = self.state
        lines = [f"{state.label[0].upper()}{state.label[1:]} will list:"]
        for spec in state.providers:
            mark = "+" if state.is_new(spec) else " "
            lines.append(f" {mark} {spec.user_pool_id}\n     client {spec.client_id}")
        for new in state.new_providers:
            lines.append(f" + {new.user_pool_id or 'new user pool ' + new.user_pool}\n     new client {new.client}")
        yield Static(Content("\n".join(lines)), id="provider-summary")
        yield Static(Content(question.label), classes="section-title")
        with Horizontal(id="choice-buttons"):
            yield Button(Content("Add another user pool (a)"), id="add")
            yield Button(Content("Go on to review (n)"), id="review", variant="primary")

    def mounted(self) -> None:
        super().mounted()
        # The question's default answer is the button Enter presses.
        self.query_one("#add" if self.field("add_another", "confirm").default else "#review", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.go_next(event.button.id)

    def action_choose(self, move: str) -> None:
        self.go_next(move)
