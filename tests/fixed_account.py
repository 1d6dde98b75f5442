"""A fixed in-memory account (identity pools, user pools, app clients) behind the wizard, for
pictures that must not change from run to run (the local Cognito makes random IDs). It stands in
for the AWS gateway through its typed interface (cognito_tui.aws.api), checked in test_aws_api.py.

It answers only what the pictures need. Every other member of the interface is there with its
signature but refuses to be called (`refusing_the_rest`), so the interface is satisfied and
nothing here pretends to be AWS beyond the pictures."""

from __future__ import annotations

import copy
import inspect
from pathlib import Path

from cognito_tui.aws import api
from cognito_tui.aws.identity_pools import PoolSummary
from cognito_tui.aws.user_pools import ClientDetails, ClientSummary, UserPoolSummary
from cognito_tui.errors import NotFoundError
from cognito_tui.role_trust import good_trust_policy
from cognito_tui.settings import Settings
from cognito_tui.tui.app import create_app
from cognito_tui.tui.service import WizardService

POOL = "us-east-1:0f4a7c2e-1111-2222-3333-444455556666"
UP1, UP2 = "us-east-1_AbCdEf123", "us-east-1_GhIjKl456"
PROVIDERS = [
    {"ProviderName": f"cognito-idp.us-east-1.amazonaws.com/{UP2}", "ClientId": "2ghijkl456example", "ServerSideTokenCheck": True},
]
CONFIGS = {
    POOL: {"IdentityPoolId": POOL, "IdentityPoolName": "orders-prod", "AllowUnauthenticatedIdentities": False,
           "AllowClassicFlow": False, "CognitoIdentityProviders": PROVIDERS,
           "SupportedLoginProviders": {"accounts.google.com": "123-example.apps.googleusercontent.com"},
           "DeveloperProviderName": "login.orders", "IdentityPoolTags": {"team": "orders"}},
    "us-east-1:11111111-2222-3333-4444-555555555555": {
        "IdentityPoolId": "us-east-1:11111111-2222-3333-4444-555555555555", "IdentityPoolName": "orders-staging",
        "AllowUnauthenticatedIdentities": True, "CognitoIdentityProviders": []},
    "us-east-1:22222222-3333-4444-5555-666666666666": {
        "IdentityPoolId": "us-east-1:22222222-3333-4444-5555-666666666666", "IdentityPoolName": "reports",
        "AllowUnauthenticatedIdentities": False, "CognitoIdentityProviders": PROVIDERS * 1},
}
CLIENTS = {UP1: [ClientDetails("1abcdef123example", "web", UP1, False, ("ALLOW_USER_SRP_AUTH",)),
                 ClientDetails("1backend99example", "backend", UP1, True, ("ALLOW_ADMIN_USER_PASSWORD_AUTH",))],
           UP2: [ClientDetails("2ghijkl456example", "mobile", UP2, False, ("ALLOW_USER_SRP_AUTH",))]}


class NotInTheFixedAccount(AssertionError):
    """A snapshot test reached a member of the AWS interface that the fixed account does not answer."""


def _refusal(owner: str, name: str, signature: inspect.Signature):
    def refuse(self, *args, **kwargs):
        raise NotInTheFixedAccount(f"The fixed account does not answer {owner}.{name}: the snapshot pictures "
                                   "never need it. Test that call against the local Cognito instead.")
    refuse.__name__ = refuse.__qualname__ = name
    refuse.__signature__ = signature
    return refuse


def refusing_the_rest(protocol):
    """A class decorator: each method of protocol that the class does not define is added as one
    that raises NotInTheFixedAccount, with the protocol's signature."""
    def decorate(cls):
        for name, member in vars(protocol).items():
            if not name.startswith("_") and callable(member) and not hasattr(cls, name):
                setattr(cls, name, _refusal(cls.__name__, name, inspect.signature(member)))
        return cls
    return decorate


class _Refused:
    """An attribute of the interface the fixed account has no value for: any use of it raises."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        raise NotInTheFixedAccount(f"The fixed account has no {self._name} (asked for .{attr}): the snapshot "
                                   "pictures never sign in.")


@refusing_the_rest(api.IdentityPoolsApi)
class FixedPools:
    def __init__(self):
        self.configs = copy.deepcopy(CONFIGS)
        self.roles: dict[str, dict] = {}  # none at first: the Roles step offers to create one

    def pages(self, page_size=60, region=None):
        if region not in (None, "us-east-1"):
            return
        yield [PoolSummary(pid, c["IdentityPoolName"]) for pid, c in self.configs.items()]

    def describe(self, pool_id):
        if pool_id not in self.configs:
            raise NotFoundError(f"Not found: IdentityPool '{pool_id}' not found.", "Check the ID.")
        return copy.deepcopy(self.configs[pool_id])

    def update(self, config):
        self.configs[config["IdentityPoolId"]] = copy.deepcopy(config)
        return copy.deepcopy(config)

    def get_roles(self, pool_id):
        return {"Roles": dict(self.roles.get(pool_id, {})), "RoleMappings": {}}

    def set_roles(self, pool_id, roles, role_mappings=None):
        self.roles[pool_id] = dict(roles)


@refusing_the_rest(api.UserPoolsApi)
class FixedUserPools:
    def pages(self, page_size=60, region=None):
        if region not in (None, "us-east-1"):
            return
        yield [UserPoolSummary(UP1, "customers"), UserPoolSummary(UP2, "staff")]

    def describe(self, user_pool_id):
        if user_pool_id not in CLIENTS:
            raise NotFoundError("Not found.", "")
        return {"Id": user_pool_id, "Name": "customers"}

    def list_clients(self, user_pool_id):
        return [ClientSummary(c.id, c.name, user_pool_id) for c in CLIENTS[user_pool_id]]

    def describe_client(self, user_pool_id, client_id):
        for client in CLIENTS.get(user_pool_id, []):
            if client.id == client_id:
                return client
        raise NotFoundError("Not found.", "")


ACCOUNT = "123456789012"
ROLES = [{"RoleName": "orders-prod-signed-in", "Arn": f"arn:aws:iam::{ACCOUNT}:role/orders-prod-signed-in",
          "AssumeRolePolicyDocument": good_trust_policy(POOL)},
         {"RoleName": "lambda-runner", "Arn": f"arn:aws:iam::{ACCOUNT}:role/lambda-runner",
          "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}]


@refusing_the_rest(api.RolesApi)
class FixedRoles:
    def __init__(self):
        self.roles = copy.deepcopy(ROLES)

    def pages(self, page_size=100):
        yield copy.deepcopy(self.roles)

    def get(self, role_arn):
        return self.get_by_name(role_arn.rsplit("/", 1)[-1])

    def get_by_name(self, name):
        for role in self.roles:
            if role["RoleName"] == name:
                return copy.deepcopy(role)
        raise NotFoundError("Not found.", "Check the role name or ARN (IAM).")

    def create(self, name, trust_policy, description, tags):
        role = {"RoleName": name, "Arn": f"arn:aws:iam::{ACCOUNT}:role/{name}", "AssumeRolePolicyDocument": trust_policy}
        self.roles.append(role)
        return copy.deepcopy(role)

    def update_trust(self, role_arn, trust_policy):
        for role in self.roles:
            if role["Arn"] == role_arn:
                role["AssumeRolePolicyDocument"] = trust_policy


@refusing_the_rest(api.AwsApi)
class FixedAws:
    clients = _Refused("boto3 session (clients)")

    def __init__(self):
        self.settings = Settings(region="us-east-1")
        self.identity_pools = FixedPools()
        self.user_pools = FixedUserPools()
        self.roles = FixedRoles()

    @property
    def region(self) -> str:
        return self.settings.region

    def get_role(self, role_arn):
        return self.roles.get(role_arn)


class FixedService(WizardService):
    def run_action(self, name, state, *args):
        report = super().run_action(name, state, *args)
        for result in report.pools:
            if result.backup is not None:  # the real path holds the time of day
                result.backup = Path("~/.local/state/cognito-tui/backups") / POOL / "20250101T000000.000000Z.yaml"
        if report.record is not None:
            report.record = Path("~/.local/state/cognito-tui/backups/runs/20250101T000000.000000Z.yaml")
        return report


def app_for_snapshot():
    settings = Settings(region="us-east-1")
    return create_app(settings, service=FixedService(settings, aws=FixedAws()), resume=False)
