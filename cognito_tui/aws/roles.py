"""IAM roles for identity pools: list, read, create with a trust policy, replace the trust policy, delete."""

from __future__ import annotations

import json
from collections.abc import Iterator

from .session import Clients, call


def role_name(role_arn: str) -> str:
    return role_arn.rsplit("/", 1)[-1]


class Roles:
    def __init__(self, clients: Clients):
        self._clients = clients

    def _iam(self):
        return self._clients.client("iam")

    def pages(self, page_size: int = 100) -> Iterator[list[dict]]:
        """The account's roles (ListRoles: name, ARN, trust policy), page by page, following Marker."""
        iam, marker = self._iam(), None
        while True:
            response = call(iam, "ListRoles", MaxItems=page_size, **({"Marker": marker} if marker else {}))
            yield response.get("Roles", [])
            marker = response.get("Marker") if response.get("IsTruncated") else None
            if not marker:
                return

    def get(self, role_arn: str) -> dict:
        return self.get_by_name(role_name(role_arn))

    def get_by_name(self, name: str) -> dict:
        return call(self._iam(), "GetRole", RoleName=name)["Role"]

    def create(self, name: str, trust_policy: dict, description: str, tags: dict[str, str]) -> dict:
        """A role with this trust policy and no permissions policy (as the console's new role)."""
        return call(self._iam(), "CreateRole", RoleName=name, AssumeRolePolicyDocument=json.dumps(trust_policy),
                    Description=description, Tags=[{"Key": k, "Value": v} for k, v in tags.items()])["Role"]

    def update_trust(self, role_arn: str, trust_policy: dict) -> None:
        call(self._iam(), "UpdateAssumeRolePolicy", RoleName=role_name(role_arn),
             PolicyDocument=json.dumps(trust_policy))

    def delete(self, role_arn: str) -> None:
        """Delete a role the tool created: its inline and attached policies first, as IAM requires."""
        iam, name = self._iam(), role_name(role_arn)
        for policy in call(iam, "ListRolePolicies", RoleName=name).get("PolicyNames", []):
            call(iam, "DeleteRolePolicy", RoleName=name, PolicyName=policy)
        for policy in call(iam, "ListAttachedRolePolicies", RoleName=name).get("AttachedPolicies", []):
            call(iam, "DetachRolePolicy", RoleName=name, PolicyArn=policy["PolicyArn"])
        call(iam, "DeleteRole", RoleName=name)
