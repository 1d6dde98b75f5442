"""Step: the user pool, picked from the account's pools or typed; its format is checked as you
type and it is read in its own region. One this account cannot read is a warning, never a refusal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from ... import ids
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

    warned: str | None = None

    def checked(self, value: str, results: dict) -> None:
        found = results.get("user_pool_exists") or {}
        if found.get("unreadable"):
            self.set_status(found["unreadable"] + " Enter adds it anyway.", "warn")
            return
        name = f" ({found['name']})" if found.get("name") else ""
        where = ids.region_of_user_pool(value)
        self.set_status(f"User pool {value}{name} found in {where}. Enter uses it.", "ok")

    def accept(self, value: str, results: dict) -> None:
        unreadable = (results.get("user_pool_exists") or {}).get("unreadable")
        if unreadable and self.warned != value:
            self.warned = value
            self.set_status("Warning: " + unreadable + " Enter again adds it anyway.", "warn")
            return
        if value != self.state.pending_user_pool_id:
            self.state.pending_user_pool_id = value
        self.go_next("chosen")
