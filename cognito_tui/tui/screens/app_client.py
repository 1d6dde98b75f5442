"""Step: the app client. It must belong to the chosen user pool; a secret or a missing SRP flow
is flagged (Enter a second time adds it anyway). "+ New app client" names a public client (SRP and
refresh sign-in, no secret) that Save creates; a new user pool has no other."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from ... import ids
from ...errors import AccessDeniedError, CognitoTuiError, InputError, NotFoundError
from ...plan import ProviderSpec
from ...wizard.creations import CLIENT, NewProvider, check_name
from ...wizard.validators import client_warnings
from ..widgets.check_box import MarkedCheckbox
from ..widgets.row_list import FIT, Column, Row
from .picker import PickerStep


class AppClientScreen(PickerStep):
    FIELD = "client_id"
    COLUMNS = [Column("Name"), Column("App client ID", FIT), Column("Secret", 6), Column("SRP", 4)]
    EMPTY = "This user pool has no app clients. Enter creates a new one; or type an ID."
    NEW_LABEL = "+ New app client"
    BINDINGS = [Binding("ctrl+t", "toggle_check", "Server check")]

    def __init__(self, step, flow):
        super().__init__(step, flow)
        self.details: dict[str, object] = {}
        self.warned: str | None = None

    def compose_body(self) -> ComposeResult:
        if self.new_user_pool:
            about = f"New user pool {self.state.pending_user_pool_name}: it has no app clients yet"
        else:
            about = f"App clients of user pool {self.state.pending_user_pool_id}"
        yield Static(Content(about), classes="dim")
        yield from super().compose_body()

    @property
    def new_user_pool(self) -> bool:
        return not self.state.pending_user_pool_id

    def load(self) -> None:
        if not self.new_user_pool:
            super().load()
            return
        self.choices.set_rows([])
        self.pin_new()
        self.on_loaded()

    def refresh_status(self) -> None:
        if self.new_user_pool and self.loaded:
            self.set_status("A new user pool has no app clients yet: Enter creates one.")
            return
        super().refresh_status()

    def check(self, value: str, *, accept: bool) -> None:
        if self.new_user_pool:
            self.set_status("A new user pool has no app clients yet: Ctrl+N creates one.", "error")
            return
        super().check(value, accept=accept)

    def can_create(self) -> bool:
        # A user pool this account cannot read has no name to find it by again.
        return self.new_user_pool or bool(self.state.pending_user_pool_name)

    def new_item(self, name: str) -> None:
        def check(value: str) -> str:
            value = check_name(CLIENT, value)
            if value in self.listed_names():
                raise InputError(f"User pool {self.state.pending_user_pool_id} has an app client named {value!r} "
                                 f"already ({self.listed_names()[value]}).", "Pick it from the list, or give another name.")
            return value

        where = f"new user pool {self.state.pending_user_pool_name}" if self.new_user_pool else \
            f"user pool {self.state.pending_user_pool_id}"
        self.ask_name(f"New app client of {where}: its name (public: SRP and refresh sign-in, no secret)",
                      name, check, self.created)

    def created(self, name: str) -> None:
        state = self.state
        user_pool_id = state.pending_user_pool_id
        region = ids.region_of_user_pool(user_pool_id) if user_pool_id else state.region
        check = self.query_one("#check", MarkedCheckbox).value
        try:
            state.add_new(NewProvider(state.pending_user_pool_name, name, user_pool_id, region, check))
        except CognitoTuiError as exc:
            self.set_status(exc.one_line(), "error")
            return
        self.go_next("added")

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
