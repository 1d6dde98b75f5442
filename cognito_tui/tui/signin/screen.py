"""The live sign-in view: sign in through one of the pool's Cognito providers and watch the
credentials (claims, logins map, identity ID, expiry countdown, auto-refresh, caller ARN)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, ProgressBar, Select, Static

from ..widgets.key_bar import KeyBar
from . import panels
from .actions import CredentialActions
from .background import SignInWork
from .challenge import ChallengeStep
from .known_user import KnownUser
from .new_user import NewUserActions
from .service import SignInService, View

SIGNED_IN = "SIGNED_IN"  # cognito_tui.signin.SIGNED_IN, without importing the core at load time
_NEEDS_SIGNIN = {"reveal", "refresh", "copy_env", "copy_json", "save_profile", "sign_out", "snippets"}


class StatusLine(Static):
    """The form's status line. An error is scrolled into sight whole, also once it has grown
    taller (its new height is known only then): at 60x20 the form is taller than the screen."""

    def on_resize(self) -> None:
        if self.has_class("error"):
            self.scroll_visible(animate=False)


class SignInScreen(ChallengeStep, CredentialActions, NewUserActions, SignInWork, Screen[None]):
    """Sign a user in and show the result live.

    service: a SignInService, a cognito_tui.aws.gateway.Aws, or a Settings.
    identity_pool_id: the pool to sign in to; asked for when None.
    providers: the pool's Cognito providers as (user pool ID, app client ID); read from the pool
        (DescribeIdentityPool, in a worker) when None.
    known_user: a user to fill the form in with while its own user pool and app client are the
        provider chosen (the demo's throwaway user; the password stays masked).
    Dismisses with None when the person leaves (Escape).
    """

    CSS_PATH = "signin.tcss"
    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("r", "refresh", "Refresh"),
        Binding("v", "reveal", "Reveal"),
        Binding("c", "copy_env", "Copy env"),
        Binding("j", "copy_json", "JSON"),
        Binding("p", "save_profile", "Profile"),
        Binding("u", "snippets", "Use in app"),
        Binding("o", "sign_out", "Sign out"),
        Binding("d", "doctor", "Doctor"),
        # Enter in the username moves on at once, like Tab (see tui/keys.py): keys typed after it
        # belong to the password, never to the username.
        Binding("enter", "to_password", show=False, priority=True),
        Binding("f2", "show_qr", "QR code"),
        Binding("ctrl+n", "new_user", "New test user"),
    ]

    def __init__(self, service, identity_pool_id: str | None = None,
                 providers: list[tuple[str, str]] | None = None, *, known_user: KnownUser | None = None,
                 name: str | None = None) -> None:
        super().__init__(name=name)
        self.known_user = known_user
        self.service = SignInService.coerce(service)
        self.identity_pool_id = identity_pool_id or ""
        self.providers: list[tuple[str, str]] = list(providers or [])
        self._given_providers = providers is not None
        self.view: View | None = None
        self.caller: dict | None = None
        self.revealed = False
        self.refresh_status = ""
        self._signin = None
        self._refreshing = False
        # The first field to type in gets the focus as the screen starts, not one step later, so
        # keys typed as it opens land there.
        self.AUTO_FOCUS = "#username" if self.identity_pool_id else "#pool"

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(Text("Sign in: user pool -> identity pool -> AWS credentials"), id="title")
        # Not a Tab stop of its own: the fields inside scroll it into view. As one, Tab from
        # "Sign in" landed on an invisible focus where Enter did nothing.
        with VerticalScroll(id="form", can_focus=False):
            pool = Input(self.identity_pool_id, placeholder="us-east-1:0f4a7c2e-...", id="pool")
            pool.border_title = "Identity pool ID (Enter to load its providers)"
            yield pool
            select: Select[int] = Select([], prompt="Cognito provider (user pool / app client)",
                                         id="provider", allow_blank=True)
            yield select
            user = Input(placeholder="username", id="username")
            user.border_title = "Username"
            yield user
            password = Input(placeholder="password", password=True, id="password")
            password.border_title = "Password"
            yield password
            with Vertical(id="challenge-box"):
                yield Static("", id="challenge-prompt", markup=False)
                yield Input(password=True, id="challenge")
                confirm = Input(password=True, id="challenge-confirm")
                confirm.border_title = "The new password again"
                yield confirm
            yield Button("Sign in", id="go", variant="primary")
            yield StatusLine("", id="status", markup=False)
        with VerticalScroll(id="results"):
            # What matters most first, so it is visible at 80x24 without scrolling.
            yield Static(id="credentials", classes="panel", markup=False)
            yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="countdown")
            yield Static(id="caller", classes="panel", markup=False)
            yield Static(id="refresh", classes="panel", markup=False)
            yield Static(id="claims", classes="panel", markup=False)
            yield Static(id="logins", classes="panel", markup=False)
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        titles = {"claims": "ID token claims", "logins": "Logins map (as an SDK takes it)",
                  "credentials": "Temporary AWS credentials", "caller": "Proof: STS GetCallerIdentity",
                  "refresh": "Auto-refresh"}
        for widget_id, title in titles.items():
            self.query_one(f"#{widget_id}").border_title = title
        self.query_one("#challenge-box").display = False
        self.query_one("#results").display = False
        self._fill_providers()
        if self.identity_pool_id:
            self.query_one("#pool", Input).disabled = self._given_providers
            if not self._given_providers:
                self._load_providers(self.identity_pool_id)
        self.set_interval(1.0, self._tick)

    # -- helpers -------------------------------------------------------------------------------

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.set_class(error, "error")
        status.update(Text(text))
        if error:
            status.scroll_visible(animate=False)

    def _fill_providers(self) -> None:
        select = self.query_one("#provider", Select)
        options = [(Text(f"{pool}  /  {client}"), index) for index, (pool, client) in enumerate(self.providers)]
        select.set_options(options)
        if options:
            select.value = 0  # Select.Changed then fills the form in for a known user

    @on(Select.Changed, "#provider")
    def _fill_known_user(self) -> None:
        if self.known_user is None:
            return
        value = self.query_one("#provider", Select).value
        chosen = self.providers[int(value)] if value is not Select.BLANK and self.providers else None
        self.known_user.fill(chosen, self.query_one("#username", Input), self.query_one("#password", Input))

    def _show_results(self, signed_in: bool) -> None:
        self.query_one("#form").display = not signed_in
        self.query_one("#results").display = signed_in
        if signed_in:
            self.query_one("#results").focus()
        self.refresh_bindings()

    def _render_panels(self) -> None:
        view = self.view
        if view is None or view.state != SIGNED_IN:
            return
        now = panels.utc_now()
        self.query_one("#claims", Static).update(panels.claims_panel(view, now))
        self.query_one("#logins", Static).update(panels.logins_panel(view, self.revealed))
        self.query_one("#credentials", Static).update(panels.credentials_panel(view, self.revealed, now))
        self.query_one("#refresh", Static).update(panels.refresh_panel(view, self.refresh_status, now))
        caller = self.caller
        self.query_one("#caller", Static).update(
            Text(caller.get("Arn", "")) if caller else Text("(checking the credentials with STS...)"))
        creds = view.credentials
        if creds is not None:
            bar = self.query_one("#countdown", ProgressBar)
            bar.update(total=max(1.0, creds.lifetime), progress=max(0.0, creds.seconds_left(now)))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        focused = self.focused
        if action == "to_password":
            return focused is not None and focused.id == "username"
        if action == "doctor":  # (in a field, `d` is text: the field takes it first)
            return True if self.identity_pool_id else None
        if action == "show_qr":  # only while an authenticator app is being set up
            return True if (self.view is not None and self.view.authenticator is not None) else None
        if action == "new_user":  # for the chosen provider's user pool, from the form
            signed_in = self.view is not None and self.view.state == SIGNED_IN
            return True if (self.providers and not signed_in
                            and not self.query_one("#challenge-box").display) else None
        if action in _NEEDS_SIGNIN:
            return True if (self.view is not None and self.view.state == SIGNED_IN) else None
        return True

    # -- form events ---------------------------------------------------------------------------

    @on(Input.Submitted, "#pool")
    def _pool_submitted(self, event: Input.Submitted) -> None:
        self.identity_pool_id = event.value.strip()
        self._status("Reading the identity pool's providers...")
        self._load_providers(self.identity_pool_id)

    def action_to_password(self) -> None:
        self.set_focus(self.query_one("#password", Input))

    @on(Input.Submitted, "#password")
    @on(Button.Pressed, "#go")
    def _go(self) -> None:
        if self.query_one("#challenge-box").display:
            self._answer()
        else:
            self._start()

    # (Textual dispatches @on handlers of the screen's own class, not of a plain mixin: so here.)
    @on(Input.Submitted, "#challenge")
    @on(Input.Submitted, "#challenge-confirm")
    def _challenge_submitted(self, event: Input.Submitted) -> None:
        self._challenge_entered(event.input)

    def _start(self) -> None:
        select = self.query_one("#provider", Select)
        if not self.identity_pool_id:
            self._status("Type the identity pool ID first.", error=True)
            return
        if select.value is Select.BLANK or not self.providers:
            self._status("This identity pool has no Cognito provider to sign in with. "
                         "Add one in the wizard first.", error=True)
            return
        user_pool_id, client_id = self.providers[int(select.value)]
        username = self.query_one("#username", Input).value
        password = self.query_one("#password", Input).value
        self._status("Signing in...")
        self._run_sign_in(self.identity_pool_id, user_pool_id, client_id, username, password)

    # -- results of the background work (background.py), on the UI thread -----------------------

    def providers_loaded(self, identity_pool_id: str, providers: list[tuple[str, str]]) -> None:
        self.identity_pool_id = identity_pool_id
        self.providers = providers
        self._fill_providers()
        if self.providers:
            self._status(f"{len(self.providers)} Cognito provider(s) found.")
        else:
            self._status("This identity pool has no Cognito provider yet: add one in the wizard first.",
                         error=True)

    def sign_in_failed(self, error: BaseException, during: str) -> None:
        text = getattr(error, "one_line", None)
        line = text() if callable(text) else f"{type(error).__name__}: {error}"
        if during == "refreshing":
            self._refreshing = False
            self.refresh_status = f"failed at {panels.local_time(panels.utc_now())}: {line}"
            self._render_panels()
            self.notify(line, title="Refresh failed", severity="error", markup=False)
            return
        if during == "checking the credentials with STS":
            self.caller = {"Arn": f"(not proved: {line})"}
            self._render_panels()
            return
        from ...signin.refusals import PoolRefusedError

        if isinstance(error, PoolRefusedError):
            # Not the person's typing but the pool's setup: out of the fields, so `d` is a key.
            self.set_focus(self.query_one("#go", Button))
            line += " Press d to run the doctor here."
        self._status(f"Failed while {during}: {line}", error=True)

    def sign_in_changed(self, view: View, note: str = "") -> None:
        self.view = view
        if view.state == SIGNED_IN:
            self._refreshing = False
            if note:
                self.refresh_status = f"{note} at {panels.local_time(panels.utc_now())}"
            else:
                self.query_one("#password", Input).value = ""
                self._show_challenge(False)
                self.refresh_status = f"signed in at {panels.local_time(panels.utc_now())}"
                self.caller = None
                self._status("")
            self._show_results(True)
            self._render_panels()
            if self._signin is not None:
                self._run_prove(self._signin)
            return
        self._show_prompt(view)

    def diagnosed(self, report) -> None:
        from ..doctor_view import DoctorScreen

        self.app.push_screen(DoctorScreen(report, title=f"Doctor: {self.identity_pool_id}"))

    def proved(self, caller: dict) -> None:
        self.caller = caller
        self._render_panels()

    # -- timer and actions ---------------------------------------------------------------------

    def _tick(self) -> None:
        view = self.view
        if view is None or view.state != SIGNED_IN or self._signin is None:
            return
        if not self._refreshing and view.refresh_at is not None and panels.utc_now() >= view.refresh_at:
            self._refreshing = True
            self.refresh_status = "refreshing..."
            self._run_refresh(self._signin, False, "auto-refreshed")
        self._render_panels()

    def action_doctor(self) -> None:
        """The doctor's end-to-end checks of this pool, in the doctor's own screen."""
        self.notify(f"Running the doctor on {self.identity_pool_id}…", markup=False, timeout=2)
        self._run_doctor(self.identity_pool_id)

    def action_leave(self) -> None:
        self.dismiss(None)

    def action_refresh(self) -> None:
        if self._signin is None or self._refreshing:
            return
        self._refreshing = True
        self.refresh_status = "refreshing..."
        self._render_panels()
        self._run_refresh(self._signin, True, "refreshed (tokens and credentials)")

    def action_sign_out(self) -> None:
        if self._signin is not None:
            self._signin.sign_out()
        self._signin = None
        self.view = None
        self.caller = None
        self.revealed = False
        self.refresh_status = ""
        self._refreshing = False
        self.query_one("#go", Button).label = "Sign in"
        self._show_challenge(False)
        self._show_results(False)
        self._status("Signed out. Tokens and credentials are forgotten.")
        self.query_one("#password", Input).focus()
