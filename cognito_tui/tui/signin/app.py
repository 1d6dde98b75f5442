"""A small standalone app that shows just the sign-in view (`cognito-tui signin`)."""

from __future__ import annotations

from textual.app import App

from .screen import SignInScreen
from .service import SignInService


class SignInApp(App[int]):
    TITLE = "cognito-tui: sign in"

    def __init__(self, service, identity_pool_id: str | None = None,
                 providers: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.service = SignInService.coerce(service)
        self.identity_pool_id = identity_pool_id
        self.providers = providers

    def on_mount(self) -> None:
        self.push_screen(SignInScreen(self.service, self.identity_pool_id, self.providers),
                         lambda _result: self.exit(0))


def run_signin_app(settings, identity_pool_id: str | None = None) -> int:
    """Run the sign-in view until the person leaves; returns the exit code."""
    app = SignInApp(settings, identity_pool_id)
    result = app.run()
    return int(result or 0) if app.return_code in (None, 0) else int(app.return_code)
