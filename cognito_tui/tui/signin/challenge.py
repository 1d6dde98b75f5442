"""The sign-in view's challenge step: what Cognito asks after the password (a new password, typed
twice; an MFA code; an authenticator app to set up, with its QR code on F2) and the answer sent back."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Button, Input, Static

from .service import View

NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED"  # cognito_tui.signin's, without importing the core at load time
# The fields already answered; hidden during a challenge so its error shows at 80x24 unscrolled.
_FIRST_FIELDS = ("#pool", "#provider", "#username", "#password")


class ChallengeStep:
    """Mixed into SignInScreen; uses its `view`, `_signin`, `_status` and `_run_answer`."""

    _qr_shown_for = ""  # the authenticator key whose QR code has opened by itself already

    def _challenge_entered(self, field: Input) -> None:
        """Enter in the challenge's first field moves to the second, if shown; else answers."""
        confirm = self.query_one("#challenge-confirm", Input)
        if field.id == "challenge" and confirm.display:
            self.set_focus(confirm)
            return
        self._answer()

    def _answer(self) -> None:
        box = self.query_one("#challenge", Input)
        confirm = self.query_one("#challenge-confirm", Input)
        if confirm.display and box.value != confirm.value:
            box.value = confirm.value = ""
            self.set_focus(box)
            self._status("The two new passwords differ: type it again, twice.", error=True)
            return
        value, box.value, confirm.value = box.value, "", ""
        if self._signin is None:
            return
        self._status("Answering...")
        self._run_answer(self._signin, value)

    def _show_prompt(self, view: View) -> None:
        """The challenge the view asks for, or the plain form again when it asks for none."""
        if view.prompt:
            self._show_challenge(True)
            self.query_one("#challenge-prompt", Static).update(Text(self._prompt_text(view)))
            challenge = self.query_one("#challenge", Input)
            challenge.password = view.prompt_secret
            self.query_one("#challenge-confirm").display = view.state == NEW_PASSWORD_REQUIRED
            self.set_focus(challenge)
            self.query_one("#go", Button).label = "Continue"
            self._status(f"Cognito asks: {view.prompt}.")
        else:
            self._show_challenge(False)
            self.query_one("#go", Button).label = "Sign in"

        if view.authenticator is not None and view.authenticator.secret != self._qr_shown_for:
            self._qr_shown_for = view.authenticator.secret  # opened once by itself, then on F2
            self.action_show_qr()

    @staticmethod
    def _prompt_text(view: View) -> str:
        setup = view.authenticator
        if setup is None:
            return view.prompt
        from ...signin.qr import grouped

        return (f"The user pool requires an authenticator app. Add this key to it (time-based), or "
                f"scan the QR code (F2):\n  {grouped(setup.secret)}\n"
                f"  account {setup.account}, issuer {setup.issuer}\n{view.prompt}:")

    def action_show_qr(self) -> None:
        view = self.view
        if view is None or view.authenticator is None or not view.qr_lines:
            return
        from ...signin.qr import grouped
        from .authenticator import AuthenticatorQrScreen

        self.app.push_screen(AuthenticatorQrScreen(list(view.qr_lines), grouped(view.authenticator.secret),
                                                   view.authenticator.account),
                             lambda _none: self.query_one("#challenge", Input).focus())

    def _show_challenge(self, shown: bool) -> None:
        self.query_one("#challenge-box").display = shown
        for selector in _FIRST_FIELDS:
            self.query_one(selector).display = not shown
