"""What the wizard needs of AWS, as typed interfaces. cognito_tui.aws.gateway.Aws satisfies them;
so does any stand-in (the snapshot tests' fixed account), checked structurally in the tests.
Importing this module loads no AWS library."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..settings import Settings
    from .identity_pools import PoolSummary
    from .user_pools import ClientDetails, ClientSummary, UserPoolSummary


@runtime_checkable
class IdentityPoolsApi(Protocol):
    def pages(self) -> Iterator[Sequence[PoolSummary]]:
        """Identity pools, page by page."""

    def describe(self, pool_id: str) -> dict:
        """The pool's configuration as UpdateIdentityPool takes it."""

    def update(self, config: dict) -> dict:
        """Send the complete configuration; returns the pool as AWS now has it."""

    def get_roles(self, pool_id: str) -> dict:
        """GetIdentityPoolRoles: Roles and RoleMappings (the review's doctor reads them)."""


@runtime_checkable
class UserPoolsApi(Protocol):
    def pages(self) -> Iterator[Sequence[UserPoolSummary]]:
        """User pools, page by page."""

    def describe(self, user_pool_id: str) -> dict:
        """DescribeUserPool's UserPool."""

    def list_clients(self, user_pool_id: str) -> Sequence[ClientSummary]:
        """The pool's app clients."""

    def describe_client(self, user_pool_id: str, client_id: str) -> ClientDetails:
        """One app client's flags (secret, auth flows)."""


@runtime_checkable
class RolesApi(Protocol):
    def pages(self) -> Iterator[Sequence[dict]]:
        """IAM roles (ListRoles: RoleName, Arn, AssumeRolePolicyDocument), page by page."""

    def get(self, role_arn: str) -> dict:
        """IAM GetRole's Role, its trust policy included."""


@runtime_checkable
class AwsApi(Protocol):
    """The AWS gateway as the wizard uses it (listing, checking, saving)."""

    settings: Settings
    identity_pools: IdentityPoolsApi
    user_pools: UserPoolsApi
    roles: RolesApi

