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
        Binding("a", "choose('user_pool')", "Add another"),
        Binding("y", "choose('user_pool')", show=False),
        Binding("n", "choose('review')", "Review"),
        Binding("r", "choose('review')", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        field = self.step.field("add_another")
        state = self.state
        lines = [f"Identity pool {state.identity_pool_id} will list:"]
        for spec in state.providers:
            mark = "+" if state.is_new(spec) else " "
            lines.append(f" {mark} {spec.user_pool_id}\n     client {spec.client_id}")
        yield Static(Content("\n".join(lines)), id="provider-summary")
        yield Static(Content(field.label), classes="section-title")
        with Horizontal(id="choice-buttons"):
            yield Button(Content("Add another user pool (a)"), id="user_pool")
            yield Button(Content("Go on to review (n)"), id="review", variant="primary")

    def mounted(self) -> None:
        super().mounted()
        self.query_one("#review", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.go(event.button.id)

    def action_choose(self, target: str) -> None:
        self.go(target)
