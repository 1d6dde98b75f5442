"""The AWS gateway as the core and the TUI use it, as typed interfaces: every member they reach
through `aws.` (reading, checking, saving, creating, deleting, rolling back, signing in).
cognito_tui.aws.gateway.Aws satisfies them; so does the snapshot tests' fixed account, checked
structurally in tests/test_aws_api.py, which also fails when the code calls a member not listed here.
Importing this module loads no AWS library."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..settings import Settings
    from .identity_pools import PoolSummary
    from .session import Clients
    from .user_pools import ClientDetails, ClientSummary, UserPoolSummary


@runtime_checkable
class IdentityPoolsApi(Protocol):
    def pages(self, page_size: int = ..., region: str | None = None) -> Iterator[Sequence[PoolSummary]]:
        """Identity pools, page by page (of the session's region, or of region)."""

    def named(self, name: str, region: str) -> list[PoolSummary]:
        """Every identity pool of that region with exactly this name (names are not unique)."""

    def describe(self, pool_id: str) -> dict:
        """The pool's configuration as UpdateIdentityPool takes it."""

    def update(self, config: dict) -> dict:
        """Send the complete configuration; returns the pool as AWS now has it."""

    def get_roles(self, pool_id: str) -> dict:
        """GetIdentityPoolRoles: Roles and RoleMappings."""

    def set_roles(self, pool_id: str, roles: dict, role_mappings: dict | None = None) -> None:
        """SetIdentityPoolRoles: the whole Roles map (and the mappings, kept as they were)."""

    def create(self, region: str, name: str, allow_unauthenticated: bool, providers: list[dict],
               tags: dict[str, str]) -> dict:
        """CreateIdentityPool; returns the new pool's configuration."""

    def delete(self, pool_id: str) -> None:
        """DeleteIdentityPool (rollback of a run that created it)."""


@runtime_checkable
class UserPoolsApi(Protocol):
    def pages(self, page_size: int = ..., region: str | None = None) -> Iterator[Sequence[UserPoolSummary]]:
        """User pools, page by page (of the session's region, or of region)."""

    def named(self, name: str, region: str) -> list[UserPoolSummary]:
        """Every user pool of that region with exactly this name (names are not unique)."""

    def describe(self, user_pool_id: str) -> dict:
        """DescribeUserPool's UserPool."""

    def list_clients(self, user_pool_id: str) -> Sequence[ClientSummary]:
        """The pool's app clients."""

    def describe_client(self, user_pool_id: str, client_id: str) -> ClientDetails:
        """One app client's flags (secret, auth flows)."""

    def create(self, name: str, region: str, tags: dict[str, str]) -> dict:
        """CreateUserPool with AWS's defaults; returns the new UserPool."""

    def create_public_client(self, user_pool_id: str, name: str) -> ClientSummary:
        """A public app client: SRP and refresh-token sign-in, no secret."""

    def create_user(self, user_pool_id: str, username: str, password: str,
                    attributes: dict[str, str] | None = None) -> None:
        """A test user with a permanent password (none left half-made when it is refused)."""

    def has_users(self, user_pool_id: str) -> bool:
        """Whether the pool has a user (rollback never deletes one that has)."""

    def delete_client(self, user_pool_id: str, client_id: str) -> None:
        """DeleteUserPoolClient (rollback)."""

    def delete(self, user_pool_id: str) -> None:
        """DeleteUserPool (rollback)."""


@runtime_checkable
class RolesApi(Protocol):
    def pages(self, page_size: int = ...) -> Iterator[Sequence[dict]]:
        """IAM roles (ListRoles: RoleName, Arn, AssumeRolePolicyDocument), page by page."""

    def get(self, role_arn: str) -> dict:
        """IAM GetRole's Role, its trust policy included."""

    def get_by_name(self, name: str) -> dict:
        """The same, by the role's name."""

    def create(self, name: str, trust_policy: dict, description: str, tags: dict[str, str]) -> dict:
        """CreateRole with that trust policy and no permissions; returns the new Role."""

    def update_trust(self, role_arn: str, trust_policy: dict) -> None:
        """UpdateAssumeRolePolicy: replace the role's trust policy."""

    def delete(self, role_arn: str) -> None:
        """DeleteRole (rollback of a run that created it)."""


@runtime_checkable
class AwsApi(Protocol):
    """The AWS gateway as the core and the TUI use it."""

    settings: Settings
    identity_pools: IdentityPoolsApi
    user_pools: UserPoolsApi
    roles: RolesApi
    # The boto3 session and client factory: the sign-in (SRP, GetId) and the checks that a
    # profile works use it directly. A stand-in that never signs in need not have one that works.
    clients: Clients

    @property
    def region(self) -> str:
        """The session's region (where a plan creates what names no region)."""

    def get_role(self, role_arn: str) -> dict:
        """IAM GetRole's Role (the doctor's reads)."""

    def caller_identity(self, credentials: dict | None = None) -> dict:
        """STS GetCallerIdentity (UserId, Account, Arn), with these credentials or the session's."""
