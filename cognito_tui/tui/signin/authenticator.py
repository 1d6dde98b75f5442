"""The authenticator app's QR code, full size: it opens when the user pool asks for an app to be
set up (MFA_SETUP), and again on F2; the key is also shown as text in the sign-in form."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class AuthenticatorQrScreen(ModalScreen[None]):
    """The QR code of the otpauth:// URI (dark on light whatever the theme) and the key under it;
    any of Escape, Enter or F2 goes back to the code field."""

    DEFAULT_CSS = """
    AuthenticatorQrScreen {
        align: center middle;
        background: $background;  /* solid: the form behind would show through the quiet zone */
    }
    #qr-box { width: auto; height: auto; max-height: 100%; align-horizontal: center; }
    #qr, #qr-key { width: auto; }
    """
    BINDINGS = [Binding("escape,enter,f2", "close", "Back to the code")]

    def __init__(self, qr_lines: list[str], key: str, account: str) -> None:
        super().__init__()
        self.qr_lines = qr_lines
        self.key = key
        self.account = account

    def compose(self) -> ComposeResult:
        with Vertical(id="qr-box"):
            yield Static(Text("\n".join(self.qr_lines), style="#000000 on #ffffff", no_wrap=True), id="qr")
            yield Static(Text(f"Key {self.key} · {self.account} · Esc: back to the code", no_wrap=True,
                              overflow="ellipsis"), id="qr-key")

    def action_close(self) -> None:
        self.dismiss(None)
