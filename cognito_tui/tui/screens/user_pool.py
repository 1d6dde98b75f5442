"""Step: the user pool, picked from the account's pools or typed; its format is checked as you
type and it is read in its own region. One this account cannot read is a warning, never a refusal.
"+ New user pool" names one that Save creates (in the identity pool's region)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from ...errors import InputError
from ... import ids
from ...wizard.creations import USER_POOL, check_name
from ..widgets.row_list import FIT, Column, Row
from .picker import NEW, PickerStep

PENDING = NEW + ":"  # a row for a user pool this change creates already: its key is PENDING + name


class UserPoolScreen(PickerStep):
    FIELD = "user_pool_id"
    COLUMNS = [Column("Name"), Column("User pool ID", FIT)]
    EMPTY = "No user pools in this region. Enter creates a new one; or type a user pool ID."
    NEW_LABEL = "+ New user pool"

    def compose_body(self) -> ComposeResult:
        region = self.state.region or self.flow.settings.region or "the session's region"
        yield Static(Content(f"For {self.state.label} (region {region})"), classes="dim")
        yield from super().compose_body()

    def row_for(self, choice) -> Row:
        return Row(choice.value, (choice.label, choice.value))

    def after_rows(self) -> None:
        if self.state.pending_user_pool_id:
            self.choices.highlight(self.state.pending_user_pool_id)
        elif self.state.pending_user_pool_name:
            self.choices.highlight(NEW)

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
        row = self.choices.row(value)
        self.state.pending_user_pool_id = value
        self.state.pending_user_pool_name = row.cells[0] if row else (results.get("user_pool_exists") or {}).get("name", "")
        self.go_next("chosen")

    def on_loaded(self) -> None:
        """The user pools this change creates already, after the account's: one can take a second client."""
        names = dict.fromkeys(p.user_pool for p in self.state.new_providers if not p.user_pool_id)
        self.choices.add_rows([Row(PENDING + name, (name, "new: created on Save")) for name in names])
        super().on_loaded()

    def check(self, value: str, *, accept: bool) -> None:
        if value.startswith(PENDING):
            if accept:
                self.created(value[len(PENDING):])
            return
        super().check(value, accept=accept)

    def new_item(self, name: str) -> None:
        def check(value: str) -> str:
            value = check_name(USER_POOL, value)
            if value in self.listed_names():
                raise InputError(f"A user pool named {value!r} exists already ({self.listed_names()[value]}).",
                                 "Pick it from the list (Save can add a new app client to it), or give another name.")
            return value

        self.ask_name("New user pool: its name", name or self.new_pool_name(), check, self.created)

    def new_pool_name(self) -> str:
        return "" if self.state.pending_user_pool_id else self.state.pending_user_pool_name

    def created(self, name: str) -> None:
        self.state.pending_user_pool_id, self.state.pending_user_pool_name = "", name
        self.go_next("chosen")
