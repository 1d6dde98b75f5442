"""The sign-in view's blocking calls, each in a Textual thread worker (exclusive per group: a newer
request replaces an older). They never touch widgets: every result or failure comes back as a message."""

from __future__ import annotations

from textual import work

from .messages import Diagnosed, Proved, ProvidersLoaded, SignInChanged, SignInFailed


class SignInWork:
    """Mixed into SignInScreen; uses its `service` and sets `_signin` once a sign-in starts."""


    @work(thread=True, exclusive=True, exit_on_error=False, group="pool")
    def _load_providers(self, identity_pool_id: str) -> None:
        try:
            providers = self.service.providers(identity_pool_id)
        except Exception as exc:  # noqa: BLE001 - shown to the person
            self.post_message(SignInFailed(exc, "reading the identity pool"))
            return
        self.post_message(ProvidersLoaded(identity_pool_id, providers))

    @work(thread=True, exclusive=True, exit_on_error=False, group="auth")
    def _run_sign_in(self, identity_pool_id: str, user_pool_id: str, client_id: str,
                     username: str, password: str) -> None:
        try:
            signin = self.service.new_signin(identity_pool_id, user_pool_id, client_id)
            self._signin = signin
            signin.sign_in(username, password)
        except Exception as exc:  # noqa: BLE001
            self.post_message(SignInFailed(exc, "signing in"))
            return
        self.post_message(SignInChanged(self.service.view(signin)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="auth")
    def _run_answer(self, signin, value: str) -> None:
        try:
            signin.answer(value)
        except Exception as exc:  # noqa: BLE001
            # the state first (it may be a new prompt), then the error, so the error stays on screen
            self.post_message(SignInChanged(self.service.view(signin)))
            self.post_message(SignInFailed(exc, "answering the challenge"))
            return
        self.post_message(SignInChanged(self.service.view(signin)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh")
    def _run_refresh(self, signin, force_tokens: bool, reason: str) -> None:
        try:
            signin.refresh(force_tokens=force_tokens)
        except Exception as exc:  # noqa: BLE001
            self.post_message(SignInFailed(exc, "refreshing"))
            return
        self.post_message(SignInChanged(self.service.view(signin), note=reason))

    @work(thread=True, exclusive=True, exit_on_error=False, group="doctor")
    def _run_doctor(self, identity_pool_id: str) -> None:
        from ...doctor import diagnose

        try:
            report, _ = diagnose(self.service.aws, identity_pool_id)
        except Exception as exc:  # noqa: BLE001
            self.post_message(SignInFailed(exc, "running the doctor"))
            return
        self.post_message(Diagnosed(report))

    @work(thread=True, exclusive=True, exit_on_error=False, group="prove")
    def _run_prove(self, signin) -> None:
        try:
            caller = signin.prove()
        except Exception as exc:  # noqa: BLE001
            self.post_message(SignInFailed(exc, "checking the credentials with STS"))
            return
        self.post_message(Proved(caller))
