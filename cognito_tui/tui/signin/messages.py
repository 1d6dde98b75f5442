"""Messages the sign-in workers post to the screen (workers never touch widgets)."""

from __future__ import annotations

from textual.message import Message

from .service import View


class ProvidersLoaded(Message):
    def __init__(self, identity_pool_id: str, providers: list[tuple[str, str]]) -> None:
        super().__init__()
        self.identity_pool_id = identity_pool_id
        self.providers = providers


class SignInChanged(Message):
    """The sign-in moved on: a challenge to answer, or signed in / refreshed."""

    def __init__(self, view: View, note: str = "") -> None:
        super().__init__()
        self.view = view
        self.note = note


class SignInFailed(Message):
    def __init__(self, error: BaseException, during: str) -> None:
        super().__init__()
        self.error = error
        self.during = during


class Proved(Message):
    def __init__(self, caller: dict) -> None:
        super().__init__()
        self.caller = caller


class Diagnosed(Message):
    """The doctor's report on the pool (a cognito_tui.doctor.Report)."""

    def __init__(self, report) -> None:
        super().__init__()
        self.report = report
