"""The sign-in view's blocking calls, through the TUI's one way to run them (tui/workers.py): each
in a thread worker, exclusive per group (a newer request replaces an older, whose answer is then
dropped), its result handed back as a message and handled on the UI thread. A failure is shown in
the view's status line (never the error modal): `during` says what was being done."""

from __future__ import annotations

from collections.abc import Callable

from ...errors import CognitoTuiError
from ..workers import BlockingWork


class SignInWork(BlockingWork):
    """Mixed into SignInScreen; uses its `service` and hands results to its handlers
    (providers_loaded, sign_in_changed, sign_in_failed, proved, diagnosed, new_user_read, new_user_created)."""

    def _in_background(self, group: str, during: str, fn: Callable, on_answer: Callable) -> None:
        def on_error(error: CognitoTuiError) -> bool:
            self.sign_in_failed(error, during)
            return True

        self.run_blocking(fn, on_answer, group=group, on_error=on_error)

    def _load_providers(self, identity_pool_id: str) -> None:
        self._in_background("pool", "reading the identity pool",
                            lambda: self.service.providers(identity_pool_id),
                            lambda providers: self.providers_loaded(identity_pool_id, providers))

    def _run_sign_in(self, identity_pool_id: str, user_pool_id: str, client_id: str,
                     username: str, password: str) -> None:
        def sign_in():
            signin = self.service.new_signin(identity_pool_id, user_pool_id, client_id)
            signin.sign_in(username, password)
            return signin, self.service.view(signin)

        def signed_in(answer) -> None:
            self._signin, view = answer
            self.sign_in_changed(view)

        self._signin = None  # a sign-in that fails leaves nothing to answer, refresh or sign out
        self._in_background("auth", "signing in", sign_in, signed_in)

    def _run_answer(self, signin, value: str) -> None:
        def answer():
            try:
                signin.answer(value)
            except Exception as exc:  # noqa: BLE001 - shown to the person, with the state it left
                return self.service.view(signin), exc
            return self.service.view(signin), None

        def answered(answer) -> None:
            view, error = answer
            self.sign_in_changed(view)  # the state first (it may be a new prompt), so the error stays on screen
            if error is not None:
                self.sign_in_failed(error, "answering the challenge")

        self._in_background("auth", "answering the challenge", answer, answered)

    def _run_refresh(self, signin, force_tokens: bool, reason: str) -> None:
        def refresh():
            signin.refresh(force_tokens=force_tokens)
            return self.service.view(signin)

        self._in_background("refresh", "refreshing", refresh, lambda view: self.sign_in_changed(view, note=reason))

    def _run_doctor(self, identity_pool_id: str) -> None:
        def diagnose():
            from ...doctor import diagnose

            return diagnose(self.service.aws, identity_pool_id)[0]

        self._in_background("doctor", "running the doctor", diagnose, self.diagnosed)

    def _run_prove(self, signin) -> None:
        self._in_background("prove", "checking the credentials with STS", signin.prove, self.proved)

    def _read_new_user(self, user_pool_id: str) -> None:
        self._in_background("new-user", "creating a test user", lambda: self.service.plan_new_user(user_pool_id),
                            self.new_user_read)

    def _create_new_user(self, user) -> None:
        self._in_background("new-user", "creating a test user", lambda: self.service.create_new_user(user),
                            lambda password: self.new_user_created(user, password))
