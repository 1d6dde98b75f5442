"""Arrange AWS state for tests through plain boto3 calls (never through cognito-tui's own code)."""

from __future__ import annotations

import uuid


def user_pool(boto, name: str | None = None, region: str = "us-east-1") -> tuple[str, str]:
    """A user pool with one app client (SRP, password and refresh flows). Returns (pool id, client id)."""
    idp = boto("cognito-idp", region)
    pool_id = idp.create_user_pool(PoolName=name or f"up-{uuid.uuid4().hex[:8]}")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    return pool_id, client_id


def provider(pool_id: str, client_id: str, check: bool = False) -> dict:
    region = pool_id.split("_", 1)[0]
    return {"ProviderName": f"cognito-idp.{region}.amazonaws.com/{pool_id}", "ClientId": client_id,
            "ServerSideTokenCheck": check}


def rich_identity_pool(boto, providers: list[dict] | None = None, name: str | None = None) -> dict:
    """An identity pool using every field, so tests can see that nothing outside providers changes."""
    ci = boto("cognito-identity")
    suffix = uuid.uuid4().hex[:8]
    created = ci.create_identity_pool(
        IdentityPoolName=name or f"pool_{suffix}",
        AllowUnauthenticatedIdentities=True,
        AllowClassicFlow=True,
        SupportedLoginProviders={"graph.facebook.com": "1234567890", "accounts.google.com": "g-client"},
        DeveloperProviderName=f"login.example.{suffix}",
        OpenIdConnectProviderARNs=["arn:aws:iam::123456789012:oidc-provider/auth.example.com"],
        SamlProviderARNs=["arn:aws:iam::123456789012:saml-provider/corp"],
        CognitoIdentityProviders=providers or [],
        IdentityPoolTags={"team": "identity", "env": "test"},
    )
    return describe(boto, created["IdentityPoolId"])


def make_pool(boto, name: str, **extra) -> str:
    """An identity pool with a field of every kind set, so a save that drops one shows."""
    params = {"IdentityPoolName": name, "AllowUnauthenticatedIdentities": False,
              "DeveloperProviderName": f"login.{name}",
              "SupportedLoginProviders": {"graph.facebook.com": "1234567890"},
              "IdentityPoolTags": {"team": "wizard-tests"}}
    params.update(extra)
    return boto("cognito-identity").create_identity_pool(**params)["IdentityPoolId"]


def describe(boto, pool_id: str) -> dict:
    out = boto("cognito-identity").describe_identity_pool(IdentityPoolId=pool_id)
    out.pop("ResponseMetadata", None)
    return out


def add_providers(endpoint: str, pool_id: str, *providers: tuple[str, str]) -> None:
    """Give the identity pool these Cognito providers, sending the full configuration (AWS replaces)."""
    import boto3

    client = boto3.client("cognito-identity", region_name="us-east-1", endpoint_url=endpoint)
    config = client.describe_identity_pool(IdentityPoolId=pool_id)
    config.pop("ResponseMetadata", None)
    config["CognitoIdentityProviders"] = [provider(pool, client_id) for pool, client_id in providers]
    client.update_identity_pool(**config)


def trusted_authenticated_role(endpoint: str, pool_id: str, role_name: str) -> str:
    """An IAM role whose trust policy is right for this pool, set as its authenticated role."""
    import json

    import boto3

    from test_doctor_builders import trust_policy

    iam = boto3.client("iam", region_name="us-east-1", endpoint_url=endpoint)
    arn = iam.create_role(RoleName=role_name, AssumeRolePolicyDocument=json.dumps(trust_policy(pool_id)))["Role"]["Arn"]
    boto3.client("cognito-identity", region_name="us-east-1", endpoint_url=endpoint).set_identity_pool_roles(
        IdentityPoolId=pool_id, Roles={"authenticated": arn})
    return arn
