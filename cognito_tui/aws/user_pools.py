"""User pools (cognito-idp): list pools and clients (all pages), describe a client."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import CognitoTuiError
from ..ids import region_of_user_pool
from .session import Clients, call, pages

PAGE_SIZE = 60
SRP_FLOWS = {"ALLOW_USER_SRP_AUTH", "USER_SRP_AUTH"}
REFRESH_FLOWS = {"ALLOW_REFRESH_TOKEN_AUTH"}


@dataclass(frozen=True)
class UserPoolSummary:
    id: str
    name: str


@dataclass(frozen=True)
class ClientSummary:
    id: str
    name: str
    user_pool_id: str


@dataclass(frozen=True)
class ClientDetails:
    id: str
    name: str
    user_pool_id: str
    has_secret: bool
    auth_flows: tuple[str, ...]

    @property
    def allows_srp(self) -> bool:
        return bool(SRP_FLOWS & set(self.auth_flows))

    @property
    def allows_refresh(self) -> bool:
        # AWS always allows refresh when no flows are listed (legacy clients) or ALLOW_REFRESH is set.
        return not self.auth_flows or bool(REFRESH_FLOWS & set(self.auth_flows))


class UserPools:
    def __init__(self, clients: Clients):
        self._clients = clients

    def _client(self, user_pool_id: str | None = None):
        region = region_of_user_pool(user_pool_id) if user_pool_id else None
        return self._clients.client("cognito-idp", region)

    def pages(self, page_size: int = PAGE_SIZE, region: str | None = None) -> Iterator[list[UserPoolSummary]]:
        client = self._clients.client("cognito-idp", region) if region else self._client()
        for page in pages(client, "ListUserPools", "UserPools", page_size):
            yield [UserPoolSummary(p["Id"], p.get("Name", "")) for p in page]

    def named(self, name: str, region: str) -> list[UserPoolSummary]:
        """Every user pool of that region with exactly this name (names are not unique on AWS)."""
        return [p for page in self.pages(region=region) for p in page if p.name == name]

    def create(self, name: str, region: str, tags: dict[str, str]) -> dict:
        """A user pool with AWS's defaults (sign-in by user name), tagged so it is found again."""
        client = self._clients.client("cognito-idp", region)
        return call(client, "CreateUserPool", PoolName=name, UserPoolTags=tags)["UserPool"]

    def delete(self, user_pool_id: str) -> None:
        call(self._client(user_pool_id), "DeleteUserPool", UserPoolId=user_pool_id)

    def has_users(self, user_pool_id: str) -> bool:
        response = call(self._client(user_pool_id), "ListUsers", UserPoolId=user_pool_id, Limit=1)
        return bool(response.get("Users"))

    def create_public_client(self, user_pool_id: str, name: str) -> ClientSummary:
        """A public app client: SRP and refresh-token sign-in, no secret."""
        response = call(self._client(user_pool_id), "CreateUserPoolClient", UserPoolId=user_pool_id,
                        ClientName=name, GenerateSecret=False,
                        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                        PreventUserExistenceErrors="ENABLED")["UserPoolClient"]
        return ClientSummary(response["ClientId"], response.get("ClientName", name), user_pool_id)

    def delete_client(self, user_pool_id: str, client_id: str) -> None:
        call(self._client(user_pool_id), "DeleteUserPoolClient", UserPoolId=user_pool_id, ClientId=client_id)

    def create_user(self, user_pool_id: str, username: str, password: str,
                    attributes: dict[str, str] | None = None) -> None:
        """A user with a permanent password (a test user: no invitation message is sent). When the
        password is refused, the user just created is deleted again, so none is left half-made; if
        that fails too, the error raised carries `left_behind`, a sentence saying so."""
        client = self._client(user_pool_id)
        call(client, "AdminCreateUser", UserPoolId=user_pool_id, Username=username, MessageAction="SUPPRESS",
             UserAttributes=[{"Name": name, "Value": value} for name, value in (attributes or {}).items()])
        try:
            call(client, "AdminSetUserPassword", UserPoolId=user_pool_id, Username=username,
                 Password=password, Permanent=True)
        except CognitoTuiError as exc:
            try:
                self.delete_user(user_pool_id, username)
            except CognitoTuiError:
                exc.left_behind = (f"The user {username} was created without a password and could not "
                                   "be deleted again: delete it (AdminDeleteUser).")
            raise

    def delete_user(self, user_pool_id: str, username: str) -> None:
        call(self._client(user_pool_id), "AdminDeleteUser", UserPoolId=user_pool_id, Username=username)

    def describe(self, user_pool_id: str) -> dict:
        return call(self._client(user_pool_id), "DescribeUserPool", UserPoolId=user_pool_id)["UserPool"]

    def list_clients(self, user_pool_id: str) -> list[ClientSummary]:
        return [ClientSummary(c["ClientId"], c.get("ClientName", ""), user_pool_id)
                for page in pages(self._client(user_pool_id), "ListUserPoolClients", "UserPoolClients",
                                  PAGE_SIZE, UserPoolId=user_pool_id)
                for c in page]

    def describe_client(self, user_pool_id: str, client_id: str, *, with_secret: bool = False):
        """Describe an app client. With with_secret, returns (details, secret or None)."""
        response = call(self._client(user_pool_id), "DescribeUserPoolClient",
                        UserPoolId=user_pool_id, ClientId=client_id)["UserPoolClient"]
        details = ClientDetails(
            id=response["ClientId"], name=response.get("ClientName", ""),
            user_pool_id=response.get("UserPoolId", user_pool_id),
            has_secret=bool(response.get("ClientSecret")),
            auth_flows=tuple(response.get("ExplicitAuthFlows") or ()),
        )
        if with_secret:
            return details, response.get("ClientSecret")
        return details
