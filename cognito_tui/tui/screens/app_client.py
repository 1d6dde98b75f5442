"""Step: the app client. It must belong to the chosen user pool; a secret or a missing SRP flow
is flagged (Enter a second time adds it anyway)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from ...errors import AccessDeniedError, CognitoTuiError, NotFoundError
from ...plan import ProviderSpec
from ...wizard.validators import client_warnings
from ..widgets.check_box import MarkedCheckbox
from ..widgets.row_list import FIT, Column, Row
from .picker import PickerStep


class AppClientScreen(PickerStep):
    FIELD = "client_id"
    COLUMNS = [Column("Name"), Column("App client ID", FIT), Column("Secret", 6), Column("SRP", 4)]
    EMPTY = "This user pool has no app clients. Create one first, or type an ID."
    BINDINGS = [Binding("ctrl+t", "toggle_check", "Server check")]

    def __init__(self, step, flow):
        super().__init__(step, flow)
        self.details: dict[str, object] = {}
        self.warned: str | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(Content(f"App clients of user pool {self.state.pending_user_pool_id}"), classes="dim")
        yield from super().compose_body()

    def compose_extra(self) -> ComposeResult:
        toggle = self.field("server_side_token_check", "toggle")
        yield MarkedCheckbox(Content(toggle.label), toggle.default, id="check")

    def action_toggle_check(self) -> None:
        box = self.query_one("#check", MarkedCheckbox)
        box.value = not box.value

    def load_failed(self, error: CognitoTuiError) -> bool:
        """A user pool this account cannot read (another account's) has clients it cannot list:
        the ID is typed instead, and added with a warning."""
        if not isinstance(error, (AccessDeniedError, NotFoundError)):
            return False
        self.loaded = True
        self.set_status(f"The app clients of user pool {self.state.pending_user_pool_id} cannot be listed "
                        "from this account. Type the app client ID.", "warn")
        return True

    def row_for(self, choice) -> Row:
        return Row(choice.value, (choice.label, choice.value, "…", "…"))

    def rows_shown(self) -> None:
        """Read the secret and SRP flags of the clients on screen."""
        service, user_pool_id = self.flow.service, self.state.pending_user_pool_id
        self.describe_visible(lambda client_id: service.describe_client(user_pool_id, client_id), self.on_details)

    def on_details(self, item) -> None:
        client_id, details = item
        row = self.choices.row(client_id)
        if row is None:
            return
        if details is None:
            self.choices.update_row(client_id, row.cells[:2] + ("?", "?"))
            return
        self.details[client_id] = details
        secret = "yes" if details.has_secret else "no"
        srp = "yes" if details.allows_srp else "NO"
        self.choices.update_row(client_id, row.cells[:2] + (secret, srp),
                                ("", "dim", "yellow" if details.has_secret else "", "" if details.allows_srp else "bold yellow"))

    def checked(self, value: str, results: dict) -> None:
        details = results.get("client_in_user_pool")
        warnings = client_warnings(details) if details is not None else []
        self.set_status(" ".join(warnings) or f"App client {value} belongs to this user pool. Enter uses it.",
                        "warn" if warnings else "ok")

    def accept(self, value: str, results: dict) -> None:
        details = results.get("client_in_user_pool")
        warnings = client_warnings(details) if details is not None else []
        if warnings and self.warned != value:
            self.warned = value
            self.set_status("Warning: " + " ".join(warnings) + " Enter again adds it anyway.", "warn")
            return
        check = self.query_one("#check", MarkedCheckbox).value
        try:
            self.state.add(ProviderSpec(self.state.pending_user_pool_id, value, check))
        except CognitoTuiError as exc:
            self.set_status(exc.one_line(), "error")
            return
        self.go_next("added")
