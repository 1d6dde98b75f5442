"""The one object the rest of the program talks to AWS through."""

from __future__ import annotations

from ..settings import Settings
from .identity_pools import IdentityPools
from .roles import Roles
from .session import Clients, call
from .user_pools import UserPools


class Aws:
    def __init__(self, settings: Settings | None = None, clients: Clients | None = None, first_pools_page=None):
        self.clients = clients or Clients(settings or Settings.from_env())
        self.settings = self.clients.settings
        self.identity_pools = IdentityPools(self.clients, first_pools_page)
        self.user_pools = UserPools(self.clients)
        self.roles = Roles(self.clients)

    @property
    def region(self) -> str:
        return self.clients.region

    def get_role(self, role_arn: str) -> dict:
        return self.roles.get(role_arn)

    def caller_identity(self, credentials: dict | None = None) -> dict:
        """STS GetCallerIdentity, with the given temporary credentials or the session's own."""
        if credentials is None:
            client = self.clients.client("sts")
        else:
            client = self.clients.client_with_credentials("sts", credentials)
        response = call(client, "GetCallerIdentity")
        return {k: response[k] for k in ("UserId", "Account", "Arn") if k in response}
