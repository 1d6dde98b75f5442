"""A small standalone app that shows just the sign-in view (`cognito-tui signin`)."""

from __future__ import annotations

from textual.app import App

from ...settings import Settings
from ..keys import FOCUS_BINDINGS, no_color
from .screen import SignInScreen
from .service import SignInService


class SignInApp(App[int]):
    TITLE = "cognito-tui: sign in"
    BINDINGS = FOCUS_BINDINGS

    def __init__(self, service, identity_pool_id: str | None = None,
                 providers: list[tuple[str, str]] | None = None) -> None:
        super().__init__(ansi_color=no_color())
        self.settings = service if isinstance(service, Settings) else None
        self.service = SignInService.coerce(service)
        self.identity_pool_id = identity_pool_id
        self.providers = providers

    def on_mount(self) -> None:
        screen = SignInScreen(self.service, self.identity_pool_id, self.providers)
        self.push_screen(screen, lambda _result: self.exit(0))
        if self.is_web and self.settings is not None:
            self.call_after_refresh(self._show_served_banner, screen)
        from ..browser import end_with_the_server

        end_with_the_server(self)

    def _show_served_banner(self, screen: SignInScreen) -> None:
        """In a browser: under the title, who serves the view and against what."""
        from textual.content import Content
        from textual.widgets import Static

        from ..browser import served_banner

        banner = Static(Content(served_banner(self.settings)), id="served-banner")
        banner.styles.height = 1
        banner.styles.padding = (0, 1)
        screen.mount(banner, after="#title")


def run_signin_app(settings, identity_pool_id: str | None = None) -> int:
    """Run the sign-in view until the person leaves; returns the exit code."""
    from ..hangup import run_in_terminal

    return run_in_terminal(SignInApp(settings, identity_pool_id))
