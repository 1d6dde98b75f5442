"""Creating a test user from the sign-in view: the question asked first, and the one screen that
shows its password (never a notification, a log record or a file)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from ..modals import ConfirmScreen


def confirm_screen(user) -> ConfirmScreen:
    """Ask before creating `user` (a cognito_tui.signin.new_user.NewUser); Enter answers no."""
    return ConfirmScreen(
        f"Create a test user in user pool {user.user_pool_id}?",
        f"AdminCreateUser makes the user {user.username} (no invitation is sent), then "
        f"AdminSetUserPassword gives it a new random password, permanent, so it signs in at once "
        f"(the pool asks for {user.policy.describe()}). The password is shown once and kept nowhere. "
        "The user stays in the pool until you delete it.",
        yes="Create", no="Cancel")


def delete_command(user, endpoint_url: str | None) -> str:
    endpoint = f" --endpoint-url {endpoint_url}" if endpoint_url else ""
    from ...ids import region_of_user_pool

    region = region_of_user_pool(user.user_pool_id)
    return (f"aws cognito-idp admin-delete-user --region {region}{endpoint} "
            f"--user-pool-id {user.user_pool_id} --username {user.username}")


class NewUserScreen(ModalScreen[None]):
    """The new user's name and password, once: c copies the password (OSC 52), and a mouse can
    select it; Enter or Escape closes. The sign-in form holds them (masked) afterwards."""

    CSS_PATH = "../modals.tcss"
    BINDINGS = [Binding("escape,enter", "close", "Close"), Binding("c", "copy", "Copy password")]

    def __init__(self, user, password: str, endpoint_url: str | None = None):
        super().__init__(classes="modal")
        self.user, self._password, self.endpoint_url = user, password, endpoint_url

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(f"Test user created in {self.user.user_pool_id}"), id="dialog-title")
            yield Static(Content(f"Username  {self.user.username}"), id="new-username")
            yield Static(Content(f"Password  {self._password}"), id="new-password")
            yield Static(Content("Shown only now and kept nowhere: c copies it. The sign-in form is "
                                 "filled in; Enter there signs in. To delete the user later:"),
                         id="dialog-message")
            yield Static(Content(delete_command(self.user, self.endpoint_url)), classes="dim")
            with Horizontal(id="dialog-buttons"):
                yield Button(Content("Copy password (c)"), id="copy")
                yield Button(Content("Close (Enter)"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "copy":
            self.action_copy()
        else:
            self.action_close()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self._password)
        # Not a notification: those are kept in the app's history. The button says it instead.
        self.query_one("#copy", Button).label = Content("Copied (OSC 52)")

    def action_close(self) -> None:
        self._password = ""
        self.dismiss(None)


class NewUserActions:
    """Mixed into SignInScreen: ctrl+n creates a test user in the chosen provider's user pool (the
    pool read first, then the question, then the user, its name and password put in the form)."""

    def action_new_user(self) -> None:
        """Create a test user in the chosen provider's user pool: read the pool, ask, create."""
        select = self.query_one("#provider", Select)
        if select.value is Select.BLANK or not self.providers:
            return
        user_pool_id = self.providers[int(select.value)][0]
        self._status(f"Reading user pool {user_pool_id} (its password policy)...")
        self._read_new_user(user_pool_id)

    def new_user_read(self, user) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._status(f"Creating the test user {user.username}...")
                self._create_new_user(user)
            else:
                self._status("No test user created.")

        self.app.push_screen(confirm_screen(user), answered)

    def new_user_created(self, user, password: str) -> None:
        self.query_one("#username", Input).value = user.username
        self.query_one("#password", Input).value = password
        self._status(f"Test user {user.username} created in {user.user_pool_id}: Enter signs in.")
        self.app.push_screen(NewUserScreen(user, password, self.service.aws.settings.endpoint_url),
                             lambda _none: self.set_focus(self.query_one("#password", Input)))
