"""Step: the user pool, picked from the account's pools or typed; format, region and existence
are checked as you type."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from ...ids import region_of_identity_pool
from ..widgets.row_list import FIT, Column, Row
from .picker import PickerStep


class UserPoolScreen(PickerStep):
    FIELD = "user_pool_id"
    COLUMNS = [Column("Name"), Column("User pool ID", FIT)]
    EMPTY = "No user pools in this region. Type a user pool ID."

    def compose_body(self) -> ComposeResult:
        region = region_of_identity_pool(self.state.identity_pool_id)
        yield Static(Content(f"For identity pool {self.state.identity_pool_id} (region {region})"), classes="dim")
        yield from super().compose_body()

    def row_for(self, choice) -> Row:
        return Row(choice.value, (choice.label, choice.value))

    def after_rows(self) -> None:
        if self.state.pending_user_pool_id:
            self.choices.highlight(self.state.pending_user_pool_id)

    def checked(self, value: str, results: dict) -> None:
        found = results.get("user_pool_exists") or {}
        name = f" ({found['name']})" if found.get("name") else ""
        self.set_status(f"User pool {value}{name} found, same region. Enter uses it.", "ok")

    def accept(self, value: str, results: dict) -> None:
        if value != self.state.pending_user_pool_id:
            self.state.pending_user_pool_id = value
        self.go_next("chosen")
