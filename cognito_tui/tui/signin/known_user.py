"""A user the sign-in form is filled in with, for one provider only: the demo's throwaway user,
for the demo's own user pool and app client. The password stays in the masked field."""

from __future__ import annotations

from dataclasses import dataclass

from textual.widgets import Input


@dataclass(frozen=True)
class KnownUser:
    user_pool_id: str
    client_id: str
    username: str
    password: str

    def fill(self, provider: tuple[str, str] | None, username: Input, password: Input) -> None:
        """Fill the form in while `provider` (user pool ID, app client ID) is this user's; empty it
        when another is chosen. What the person typed (or a new test user) is left alone."""
        mine = provider == (self.user_pool_id, self.client_id)
        if mine and not username.value and not password.value:
            username.value, password.value = self.username, self.password
        elif not mine and (username.value, password.value) == (self.username, self.password):
            username.value = password.value = ""
