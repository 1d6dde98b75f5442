"""Arrange benchmark data on the local Cognito with plain boto3 (the same way for both sides)."""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor


def client(service: str, endpoint: str, region: str = "us-east-1"):
    import boto3
    from botocore.config import Config

    return boto3.client(service, region_name=region, endpoint_url=endpoint,
                        aws_access_key_id="bench", aws_secret_access_key="bench",
                        config=Config(max_pool_connections=16))


def user_pool(endpoint: str) -> tuple[str, str]:
    idp = client("cognito-idp", endpoint)
    pool = idp.create_user_pool(PoolName=f"bench-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    app = idp.create_user_pool_client(UserPoolId=pool, ClientName="bench",
                                      ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    return pool, app["UserPoolClient"]["ClientId"]


def identity_pools(endpoint: str, count: int, prefix: str = "bench_pool", region: str = "us-east-1") -> list[str]:
    ci = client("cognito-identity", endpoint, region)

    def make(i: int) -> str:
        return ci.create_identity_pool(
            IdentityPoolName=f"{prefix}_{i:04d}", AllowUnauthenticatedIdentities=False,
            SupportedLoginProviders={"accounts.google.com": f"g{i}"},
            IdentityPoolTags={"bench": "yes"})["IdentityPoolId"]

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(make, range(count)))


def clear_providers(endpoint: str, pool_ids: list[str]) -> None:
    ci = client("cognito-identity", endpoint)

    def clear(pool_id: str) -> None:
        config = ci.describe_identity_pool(IdentityPoolId=pool_id)
        config.pop("ResponseMetadata", None)
        config["CognitoIdentityProviders"] = []
        ci.update_identity_pool(**config)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(clear, pool_ids))


def write_plan(path, pool_ids: list[str], user_pool_id: str, client_id: str) -> None:
    lines = ["version: 1", "identity_pools:"]
    for pool_id in pool_ids:
        lines += [f"  - id: {pool_id}", "    cognito_providers:",
                  f"      - user_pool_id: {user_pool_id}", f"        client_id: {client_id}"]
    path.write_text("\n".join(lines) + "\n")


def update_input(endpoint: str, pool_id: str, user_pool_id: str, client_id: str) -> str:
    """The full configuration with the provider added, as `aws ... --cli-input-json` takes it."""
    ci = client("cognito-identity", endpoint)
    config = ci.describe_identity_pool(IdentityPoolId=pool_id)
    config.pop("ResponseMetadata", None)
    config["CognitoIdentityProviders"] = [{
        "ProviderName": f"cognito-idp.us-east-1.amazonaws.com/{user_pool_id}",
        "ClientId": client_id, "ServerSideTokenCheck": False}]
    return json.dumps(config)
