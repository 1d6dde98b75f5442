"""Step: another role for the kind asked about on the Roles step, picked from the account's roles
or typed as its ARN."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from ...wizard.roles import AUTHENTICATED, choose_arn
from ..widgets.row_list import FIT, Column, Row
from .picker import PickerStep


class RolePickScreen(PickerStep):
    FIELD = "role_arn"
    COLUMNS = [Column("Name"), Column("Admits", 6), Column("Account", FIT, "dim")]
    EMPTY = "No roles in this account. Type a role ARN."

    @property
    def kind(self) -> str:
        return self.state.pending_role_kind or AUTHENTICATED

    def compose_body(self) -> ComposeResult:
        pool = self.state.identity_pool_id or "the new identity pool"
        yield Static(Content(f"The {self.kind} role of {pool}"), classes="dim")
        yield from super().compose_body()

    def row_for(self, choice) -> Row:
        account = choice.value.split(":")[4] if choice.value.count(":") >= 5 else ""
        return Row(choice.value, (choice.label, choice.detail, account),
                   ("", "" if choice.detail == "yes" else "yellow", "dim"))

    def accept(self, value: str, results: dict) -> None:
        choose_arn(self.state, self.kind, value)
        self.go_next("chosen")
