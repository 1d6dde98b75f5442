"""The sign-in view's actions on signed-in credentials: reveal (asks first), copy as env lines or
JSON (OSC 52), save to a named profile, and open the snippets."""

from __future__ import annotations

from ..modals import ConfirmScreen, InputScreen


class CredentialActions:
    """Mixed into SignInScreen; uses its `view`, `revealed`, `identity_pool_id` and `_render_panels`."""

    def action_reveal(self) -> None:
        if self.revealed:
            self.revealed = False
            self._render_panels()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.revealed = True
                self._render_panels()

        self.app.push_screen(ConfirmScreen(
            "Show the secret key, session token and ID token on screen?",
            "Anyone who can see the screen could use them until they expire."), answered)

    def _copy(self, text: str, what: str) -> None:
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {what} to the clipboard (OSC 52; your terminal must allow it).",
                    markup=False)

    def action_copy_env(self) -> None:
        from ...signin.formats import env_lines

        if self.view is not None and self.view.credentials is not None:
            self._copy(env_lines(self.view.credentials), "the credentials as export lines")

    def action_copy_json(self) -> None:
        from ...signin.formats import as_json

        if self.view is not None and self.view.credentials is not None:
            self._copy(as_json(self.view.credentials), "the credentials as JSON")

    def action_save_profile(self) -> None:
        from ...aws_credentials_file import credentials_path, profile_file_for

        view = self.view
        if view is None or view.credentials is None:
            return
        endpoint = self.service.aws.settings.endpoint_url
        path = profile_file_for(endpoint)

        def answered(name: str | None) -> None:
            if not name:
                return
            from ...aws_credentials_file import save_profile
            from ...errors import CognitoTuiError

            try:
                saved = save_profile(name, view.credentials, path)
            except (CognitoTuiError, OSError) as exc:
                line = exc.one_line() if isinstance(exc, CognitoTuiError) else str(exc)
                self.notify(line, title="Not saved", severity="error", markup=False)
                return
            use = (f" Use it with: AWS_SHARED_CREDENTIALS_FILE={saved} aws --profile {name} "
                   f"--endpoint-url {endpoint} sts get-caller-identity" if endpoint else "")
            self.notify(f"Saved profile [{name}] to {saved} (mode 0600). It expires with the credentials.{use}",
                        markup=False, timeout=12 if endpoint else 5)

        if endpoint:
            question = (f"These credentials come from {endpoint} and work only there, so they are saved "
                        f"to {path}, never to {credentials_path()}.\nProfile name:")
        else:
            question = f"Save the credentials as a profile in {path}.\nProfile name:"
        self.app.push_screen(InputScreen(question, "cognito-tui", action="Enter saves"), answered)

    def action_snippets(self) -> None:
        from .snippets_screen import SnippetsScreen

        view = self.view
        if view is not None:
            self.app.push_screen(SnippetsScreen(self.identity_pool_id, view.user_pool_id, view.client_id,
                                                has_secret=view.has_secret))
