"""Pools broken in each known way, built with plain boto3 against the local Cognito (no project code).

Imported by the doctor test modules; holds no tests of its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field


REGION = "us-east-1"
GOOD_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"]
PASSWORD = "Correct-Horse-9-battery"


def trust_policy(pool_id: str, *, action: str = "sts:AssumeRoleWithWebIdentity",
                 amr_key: str = "cognito-identity.amazonaws.com:amr", aud: str | None = None,
                 principal: str = "cognito-identity.amazonaws.com") -> dict:
    return {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Federated": principal}, "Action": action,
        "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": aud or pool_id},
                      "ForAnyValue:StringLike": {amr_key: "authenticated"}}}]}


def provider_name(user_pool_id: str, region: str | None = None) -> str:
    return f"cognito-idp.{region or user_pool_id.split('_')[0]}.amazonaws.com/{user_pool_id}"


@dataclass
class Built:
    pool_id: str
    user_pool_id: str
    client_id: str
    role_arn: str | None = None
    extra: dict = field(default_factory=dict)


class Builder:
    def __init__(self, boto, unique):
        self.idp = boto("cognito-idp")
        self.identity = boto("cognito-identity")
        self.iam = boto("iam")
        self.unique = unique

    def user_pool(self) -> str:
        return self.idp.create_user_pool(PoolName=self.unique("up"))["UserPool"]["Id"]

    def client(self, user_pool_id: str, *, secret: bool = False, flows=None) -> str:
        return self.idp.create_user_pool_client(
            UserPoolId=user_pool_id, ClientName=self.unique("app"), GenerateSecret=secret,
            ExplicitAuthFlows=GOOD_FLOWS if flows is None else flows)["UserPoolClient"]["ClientId"]

    def user(self, user_pool_id: str, username: str = "alice") -> str:
        self.idp.admin_create_user(UserPoolId=user_pool_id, Username=username, MessageAction="SUPPRESS")
        self.idp.admin_set_user_password(UserPoolId=user_pool_id, Username=username, Password=PASSWORD,
                                         Permanent=True)
        return username

    def tokens(self, client_id: str, username: str = "alice") -> dict:
        return self.idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                      AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD}
                                      )["AuthenticationResult"]

    def identity_pool(self, providers: list[tuple[str, str, bool]], *, unauth: bool = False) -> str:
        params = {"IdentityPoolName": self.unique("pool"), "AllowUnauthenticatedIdentities": unauth}
        if providers:
            params["CognitoIdentityProviders"] = [
                {"ProviderName": n, "ClientId": c, "ServerSideTokenCheck": s} for n, c, s in providers]
        return self.identity.create_identity_pool(**params)["IdentityPoolId"]

    def role(self, policy: dict) -> str:
        return self.iam.create_role(RoleName=self.unique("role"),
                                    AssumeRolePolicyDocument=json.dumps(policy))["Role"]["Arn"]

    def set_roles(self, pool_id: str, **roles: str) -> None:
        self.identity.set_identity_pool_roles(IdentityPoolId=pool_id, Roles=roles)

    def pool(self, *, name: str | None = None, client_id: str | None = None, secret: bool = False,
             flows=None, trust=None, auth_role: bool = True, unauth: bool = False,
             token_check: bool = False, user_pool_id: str | None = None) -> Built:
        """A healthy pool, unless an argument breaks one part of it.

        name: provider name (a callable of the user pool ID); trust: a callable of the pool ID.
        """
        user_pool = user_pool_id or self.user_pool()
        client = client_id or self.client(user_pool, secret=secret, flows=flows)
        provider = name(user_pool) if callable(name) else provider_name(user_pool)
        pool_id = self.identity_pool([(provider, client, token_check)], unauth=unauth)
        built = Built(pool_id, user_pool, client)
        if auth_role:
            built.role_arn = self.role((trust or trust_policy)(pool_id))
            self.set_roles(pool_id, authenticated=built.role_arn)
        return built

