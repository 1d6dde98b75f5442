"""The embedded local Cognito, checked from the outside: plain boto3 clients and pycognito over HTTP.

Every test builds what it needs with unique names on the shared session server, so tests do not
depend on each other; the demo identity pool is only read, never changed.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

ONE_ATTEMPT = Config(retries={"mode": "standard", "max_attempts": 1})
TRUST_ACTION = "sts:AssumeRoleWithWebIdentity"
PASSWORD = "Passw0rd!local"
REPO_ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- helpers

def error_of(excinfo) -> tuple[str, str, int]:
    err = excinfo.value.response
    return err["Error"]["Code"], err["Error"]["Message"], err["ResponseMetadata"]["HTTPStatusCode"]


def provider_of(user_pool_id: str) -> str:
    return f"cognito-idp.{user_pool_id.rsplit('_', 1)[0]}.amazonaws.com/{user_pool_id}"


def claims_of(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def trust_policy(pool_id: str, action: str = TRUST_ACTION, aud_key: str = "cognito-identity.amazonaws.com:aud",
                 amr: str = "authenticated") -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": action,
        "Condition": {"StringEquals": {aud_key: pool_id},
                      "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": amr}}}]})


@dataclass
class UserPool:
    pool_id: str
    client_id: str
    username: str
    password: str

    @property
    def provider(self) -> str:
        return provider_of(self.pool_id)


def make_user_pool(idp, unique, flows=("ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH",
                                       "ALLOW_REFRESH_TOKEN_AUTH"), secret: bool = False) -> UserPool:
    pool_id = idp.create_user_pool(PoolName=unique("pool"))["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app", GenerateSecret=secret,
                                            ExplicitAuthFlows=list(flows))["UserPoolClient"]["ClientId"]
    username = unique("user")
    idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
                          TemporaryPassword=PASSWORD)
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True)
    return UserPool(pool_id, client_id, username, PASSWORD)


def sign_in(idp, pool: UserPool) -> dict:
    result = idp.initiate_auth(ClientId=pool.client_id, AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": pool.username, "PASSWORD": pool.password})
    return result["AuthenticationResult"]


def make_identity_pool(ci, unique, pool: UserPool | None = None, **extra) -> str:
    params = {"IdentityPoolName": unique("ip"), "AllowUnauthenticatedIdentities": False, **extra}
    if pool is not None:
        params.setdefault("CognitoIdentityProviders", [{"ProviderName": pool.provider, "ClientId": pool.client_id}])
    return ci.create_identity_pool(**params)["IdentityPoolId"]


def make_role(iam, unique, policy: str) -> str:
    return iam.create_role(RoleName=unique("role"), AssumeRolePolicyDocument=policy)["Role"]["Arn"]


@dataclass
class Wired:
    """A user pool connected to an identity pool with a correctly trusted authenticated role."""
    user_pool: UserPool
    identity_pool_id: str
    role_arn: str


@pytest.fixture
def wired(client, unique) -> Wired:
    idp, ci, iam = client("cognito-idp"), client("cognito-identity"), client("iam")
    pool = make_user_pool(idp, unique)
    identity_pool_id = make_identity_pool(ci, unique, pool)
    role_arn = make_role(iam, unique, trust_policy(identity_pool_id))
    ci.set_identity_pool_roles(IdentityPoolId=identity_pool_id, Roles={"authenticated": role_arn})
    return Wired(pool, identity_pool_id, role_arn)


def raw_post(endpoint: str, target: str, body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


# ---------------------------------------------------------------- identity pools

def test_create_and_describe_return_the_full_configuration(client, unique):
    ci = client("cognito-identity")
    created = ci.create_identity_pool(
        IdentityPoolName=unique("ip"), AllowUnauthenticatedIdentities=True, AllowClassicFlow=True,
        SupportedLoginProviders={"graph.facebook.com": "1234567"}, DeveloperProviderName="login.example",
        CognitoIdentityProviders=[{"ProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc",
                                   "ClientId": "client1", "ServerSideTokenCheck": True}],
        IdentityPoolTags={"team": "blue"})
    described = ci.describe_identity_pool(IdentityPoolId=created["IdentityPoolId"])
    for result in (created, described):
        assert re.fullmatch(r"us-east-1:[0-9a-f-]{36}", result["IdentityPoolId"])
        assert result["AllowUnauthenticatedIdentities"] is True and result["AllowClassicFlow"] is True
        assert result["SupportedLoginProviders"] == {"graph.facebook.com": "1234567"}
        assert result["DeveloperProviderName"] == "login.example"
        assert result["CognitoIdentityProviders"] == [{
            "ProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc", "ClientId": "client1",
            "ServerSideTokenCheck": True}]
        assert result["IdentityPoolTags"] == {"team": "blue"}


def test_update_replaces_the_whole_configuration_including_the_name(client, unique):
    ci = client("cognito-identity")
    pool_id = ci.create_identity_pool(
        IdentityPoolName=unique("before"), AllowUnauthenticatedIdentities=True, AllowClassicFlow=True,
        SupportedLoginProviders={"accounts.google.com": "abc.apps"},
        OpenIdConnectProviderARNs=["arn:aws:iam::123456789012:oidc-provider/login.example.com"],
        CognitoIdentityProviders=[{"ProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc",
                                   "ClientId": "client1"}],
        IdentityPoolTags={"team": "blue"})["IdentityPoolId"]
    new_name = unique("after")
    updated = ci.update_identity_pool(IdentityPoolId=pool_id, IdentityPoolName=new_name,
                                      AllowUnauthenticatedIdentities=False)
    described = ci.describe_identity_pool(IdentityPoolId=pool_id)
    for result in (updated, described):
        assert result["IdentityPoolName"] == new_name
        assert result["AllowUnauthenticatedIdentities"] is False and result["AllowClassicFlow"] is False
        for field in ("SupportedLoginProviders", "OpenIdConnectProviderARNs", "CognitoIdentityProviders"):
            assert not result.get(field), field
        assert result["IdentityPoolTags"] == {}


def test_update_keeps_roles_which_are_not_part_of_the_pool_configuration(client, wired):
    ci = client("cognito-identity")
    config = ci.describe_identity_pool(IdentityPoolId=wired.identity_pool_id)
    config.pop("ResponseMetadata")
    ci.update_identity_pool(**config)
    assert ci.get_identity_pool_roles(IdentityPoolId=wired.identity_pool_id)["Roles"] == {
        "authenticated": wired.role_arn}


def test_developer_provider_name_cannot_change_once_set(client, unique):
    ci = client("cognito-identity")
    pool_id = make_identity_pool(ci, unique, DeveloperProviderName="first.example")
    with pytest.raises(ClientError) as excinfo:
        ci.update_identity_pool(IdentityPoolId=pool_id, IdentityPoolName="x", AllowUnauthenticatedIdentities=False,
                                DeveloperProviderName="second.example")
    assert error_of(excinfo)[0] == "InvalidParameterException"
    kept = ci.update_identity_pool(IdentityPoolId=pool_id, IdentityPoolName="x", AllowUnauthenticatedIdentities=False)
    assert kept["DeveloperProviderName"] == "first.example"


def test_list_identity_pools_pages_through_every_pool_with_next_token(client, unique):
    ci = client("cognito-identity", "eu-north-1")
    mine = {make_identity_pool(ci, unique) for _ in range(5)}
    seen, token, pages = [], None, 0
    while True:
        page = ci.list_identity_pools(MaxResults=2, **({"NextToken": token} if token else {}))
        assert len(page["IdentityPools"]) <= 2
        seen += [p["IdentityPoolId"] for p in page["IdentityPools"]]
        pages += 1
        token = page.get("NextToken")
        if not token:
            break
    assert mine <= set(seen) and len(seen) == len(set(seen)) and pages >= 3


@pytest.mark.parametrize("max_results", [0, 61, 1000])
def test_list_max_results_outside_1_to_60_is_a_validation_error(client, max_results):
    ci = client("cognito-identity", parameter_validation=False)
    with pytest.raises(ClientError) as excinfo:
        ci.list_identity_pools(MaxResults=max_results)
    code, message, status = error_of(excinfo)
    assert (code, status) == ("ValidationException", 400)
    assert "maxResults" in message


def test_pools_live_in_the_region_the_request_is_signed_for(client, unique):
    west, east = client("cognito-identity", "eu-west-1"), client("cognito-identity")
    pool_id = make_identity_pool(west, unique)
    assert pool_id.startswith("eu-west-1:")
    assert west.describe_identity_pool(IdentityPoolId=pool_id)["IdentityPoolId"] == pool_id
    with pytest.raises(ClientError) as excinfo:
        east.describe_identity_pool(IdentityPoolId=pool_id)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


MALFORMED = "not-a-pool-id"
UNKNOWN = "us-east-1:00000000-0000-0000-0000-000000000000"
POOL_CALLS = {
    "describe_identity_pool": lambda pid: {"IdentityPoolId": pid},
    "delete_identity_pool": lambda pid: {"IdentityPoolId": pid},
    "update_identity_pool": lambda pid: {"IdentityPoolId": pid, "IdentityPoolName": "n",
                                         "AllowUnauthenticatedIdentities": False},
    "get_identity_pool_roles": lambda pid: {"IdentityPoolId": pid},
    "set_identity_pool_roles": lambda pid: {"IdentityPoolId": pid, "Roles": {}},
    "get_id": lambda pid: {"IdentityPoolId": pid},
    "list_identities": lambda pid: {"IdentityPoolId": pid, "MaxResults": 10},
    "describe_identity": lambda pid: {"IdentityId": pid},
    "get_credentials_for_identity": lambda pid: {"IdentityId": pid},
    "get_open_id_token": lambda pid: {"IdentityId": pid},
}


@pytest.mark.parametrize("operation", sorted(POOL_CALLS))
def test_malformed_ids_are_validation_errors_and_unknown_ids_not_found_never_500(client, operation):
    ci = client("cognito-identity")
    with pytest.raises(ClientError) as excinfo:
        getattr(ci, operation)(**POOL_CALLS[operation](MALFORMED))
    assert error_of(excinfo)[0] == "ValidationException" and error_of(excinfo)[2] == 400
    with pytest.raises(ClientError) as excinfo:
        getattr(ci, operation)(**POOL_CALLS[operation](UNKNOWN))
    code, message, status = error_of(excinfo)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert UNKNOWN in message


@pytest.mark.parametrize("provider, client_id, field", [
    ("cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc def", "client1", "providerName"),
    ("cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc", "client-1", "clientId"),
])
def test_provider_name_and_client_id_patterns_are_checked(client, unique, provider, client_id, field):
    ci = client("cognito-identity")
    with pytest.raises(ClientError) as excinfo:
        make_identity_pool(ci, unique, CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": client_id}])
    code, message, _ = error_of(excinfo)
    assert code == "ValidationException"
    assert f"cognitoIdentityProviders.1.member.{field}" in message and "regular expression pattern" in message


def test_tags_can_be_added_listed_and_removed(client, unique):
    ci = client("cognito-identity")
    pool_id = make_identity_pool(ci, unique, IdentityPoolTags={"team": "blue"})
    arn = f"arn:aws:cognito-identity:us-east-1:123456789012:identitypool/{pool_id}"
    ci.tag_resource(ResourceArn=arn, Tags={"env": "test", "team": "red"})
    assert ci.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"env": "test", "team": "red"}
    ci.untag_resource(ResourceArn=arn, TagKeys=["team"])
    assert ci.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"env": "test"}
    assert ci.describe_identity_pool(IdentityPoolId=pool_id)["IdentityPoolTags"] == {"env": "test"}
    with pytest.raises(ClientError) as excinfo:
        ci.list_tags_for_resource(ResourceArn=arn.replace(pool_id, UNKNOWN))
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


# ---------------------------------------------------------------- roles

def test_roles_and_role_mappings_are_stored_and_returned(client, unique):
    ci, iam = client("cognito-identity"), client("iam")
    pool_id = make_identity_pool(ci, unique)
    auth, unauth = (make_role(iam, unique, trust_policy(pool_id)) for _ in range(2))
    mapping = {"cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc:client1": {
        "Type": "Rules", "AmbiguousRoleResolution": "AuthenticatedRole",
        "RulesConfiguration": {"Rules": [{"Claim": "custom:team", "MatchType": "Equals", "Value": "blue",
                                          "RoleARN": unauth}]}}}
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": auth, "unauthenticated": unauth},
                               RoleMappings=mapping)
    got = ci.get_identity_pool_roles(IdentityPoolId=pool_id)
    assert got["Roles"] == {"authenticated": auth, "unauthenticated": unauth}
    assert got["RoleMappings"] == mapping


def test_a_role_that_does_not_exist_in_iam_is_refused(client, unique):
    ci = client("cognito-identity")
    pool_id = make_identity_pool(ci, unique)
    missing = "arn:aws:iam::123456789012:role/no-such-role"
    with pytest.raises(ClientError) as excinfo:
        ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": missing})
    code, message, _ = error_of(excinfo)
    assert code == "InvalidParameterException" and missing in message
    assert ci.get_identity_pool_roles(IdentityPoolId=pool_id)["Roles"] == {}


# ---------------------------------------------------------------- GetId

def test_get_id_without_logins_on_a_pool_without_guest_access_is_refused(client, wired):
    with pytest.raises(ClientError) as excinfo:
        client("cognito-identity").get_id(IdentityPoolId=wired.identity_pool_id)
    assert error_of(excinfo)[:2] == ("NotAuthorizedException",
                                     "Unauthenticated access is not supported for this identity pool.")


def test_get_id_without_logins_on_a_guest_pool_gives_a_region_prefixed_identity(client, unique):
    ci = client("cognito-identity", "eu-west-1")
    pool_id = make_identity_pool(ci, unique, AllowUnauthenticatedIdentities=True)
    identity_id = ci.get_id(IdentityPoolId=pool_id)["IdentityId"]
    assert re.fullmatch(r"eu-west-1:[0-9a-f-]{36}", identity_id)


def test_get_id_gives_the_same_identity_to_the_same_user_every_time(client, unique, wired):
    ci, idp = client("cognito-identity"), client("cognito-idp")
    first = ci.get_id(IdentityPoolId=wired.identity_pool_id,
                      Logins={wired.user_pool.provider: sign_in(idp, wired.user_pool)["IdToken"]})["IdentityId"]
    again = ci.get_id(IdentityPoolId=wired.identity_pool_id,
                      Logins={wired.user_pool.provider: sign_in(idp, wired.user_pool)["IdToken"]})["IdentityId"]
    assert first == again and first.startswith("us-east-1:")
    other_user = unique("other")
    idp.admin_create_user(UserPoolId=wired.user_pool.pool_id, Username=other_user, TemporaryPassword=PASSWORD,
                          MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=wired.user_pool.pool_id, Username=other_user, Password=PASSWORD,
                                Permanent=True)
    token = sign_in(idp, UserPool(wired.user_pool.pool_id, wired.user_pool.client_id, other_user, PASSWORD))
    other = ci.get_id(IdentityPoolId=wired.identity_pool_id, Logins={wired.user_pool.provider: token["IdToken"]})
    assert other["IdentityId"] != first


def test_get_id_for_a_pool_with_no_provider_says_logins_dont_match(client, unique):
    ci, idp = client("cognito-identity"), client("cognito-idp")
    pool = make_user_pool(idp, unique)
    pool_id = make_identity_pool(ci, unique)
    with pytest.raises(ClientError) as excinfo:
        ci.get_id(IdentityPoolId=pool_id, Logins={pool.provider: sign_in(idp, pool)["IdToken"]})
    assert error_of(excinfo)[:2] == (
        "NotAuthorizedException",
        "Logins don't match. Please include at least one valid login for this identity or identity pool.")


def test_get_id_with_a_client_the_pool_does_not_list_is_not_a_supported_provider(client, unique):
    ci, idp = client("cognito-identity"), client("cognito-idp")
    pool = make_user_pool(idp, unique)
    other_pool = make_user_pool(idp, unique)
    pool_id = make_identity_pool(ci, unique, CognitoIdentityProviders=[
        {"ProviderName": pool.provider, "ClientId": "someotherclient"},
        {"ProviderName": other_pool.provider, "ClientId": other_pool.client_id}])
    expected = ("NotAuthorizedException", "Token is not from a supported provider of this identity pool.")
    with pytest.raises(ClientError) as excinfo:
        ci.get_id(IdentityPoolId=pool_id, Logins={pool.provider: sign_in(idp, pool)["IdToken"]})
    assert error_of(excinfo)[:2] == expected


def test_get_id_with_a_malformed_logins_key_says_issuer_doesnt_match(client, wired):
    token = sign_in(client("cognito-idp"), wired.user_pool)["IdToken"]
    wrong_key = wired.user_pool.provider.replace("cognito-idp.", "cognito-idp:")
    with pytest.raises(ClientError) as excinfo:
        client("cognito-identity").get_id(IdentityPoolId=wired.identity_pool_id, Logins={wrong_key: token})
    assert error_of(excinfo)[:2] == ("NotAuthorizedException",
                                     "Invalid login token. Issuer doesn't match providerName")


def test_get_id_with_an_access_token_says_aud_is_missing(client, wired):
    token = sign_in(client("cognito-idp"), wired.user_pool)["AccessToken"]
    with pytest.raises(ClientError) as excinfo:
        client("cognito-identity").get_id(IdentityPoolId=wired.identity_pool_id,
                                          Logins={wired.user_pool.provider: token})
    assert error_of(excinfo)[:2] == ("NotAuthorizedException", "Invalid login token. Missing a required claim: aud")


def test_get_id_with_an_expired_token_names_both_times(client, wired):
    from cognito_tui.local.tokens import sign_user_pool_token

    claims = claims_of(sign_in(client("cognito-idp"), wired.user_pool)["IdToken"])
    claims.update(iat=claims["iat"] - 7200, exp=claims["iat"] - 3600)
    with pytest.raises(ClientError) as excinfo:
        client("cognito-identity").get_id(IdentityPoolId=wired.identity_pool_id,
                                          Logins={wired.user_pool.provider: sign_user_pool_token(claims)})
    code, message, _ = error_of(excinfo)
    match = re.fullmatch(r"Invalid login token\. Token expired: (\d+) >= (\d+)", message)
    assert code == "NotAuthorizedException" and match
    assert int(match.group(2)) == claims["exp"] and int(match.group(1)) >= int(time.time()) - 5


def test_get_id_with_a_tampered_token_is_refused(client, wired):
    token = sign_in(client("cognito-idp"), wired.user_pool)["IdToken"]
    header, payload, signature = token.split(".")
    claims = claims_of(token)
    claims["sub"] = "someone-else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    with pytest.raises(ClientError) as excinfo:
        client("cognito-identity").get_id(IdentityPoolId=wired.identity_pool_id,
                                          Logins={wired.user_pool.provider: f"{header}.{forged}.{signature}"})
    assert error_of(excinfo)[:2] == ("NotAuthorizedException", "Invalid login token. Couldn't verify signed token.")


# ---------------------------------------------------------------- credentials

def test_credentials_are_real_sts_credentials_for_the_authenticated_role(client, wired):
    ci, idp = client("cognito-identity"), client("cognito-idp")
    logins = {wired.user_pool.provider: sign_in(idp, wired.user_pool)["IdToken"]}
    identity_id = ci.get_id(IdentityPoolId=wired.identity_pool_id, Logins=logins)["IdentityId"]
    before = time.time()
    result = ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)
    creds = result["Credentials"]
    assert result["IdentityId"] == identity_id
    assert 3590 <= creds["Expiration"].timestamp() - before <= 3610
    sts = boto3.client("sts", region_name="us-east-1", endpoint_url=client("sts").meta.endpoint_url,
                       aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretKey"],
                       aws_session_token=creds["SessionToken"])
    role_name = wired.role_arn.rsplit("/", 1)[1]
    assert sts.get_caller_identity()["Arn"] == (
        f"arn:aws:sts::123456789012:assumed-role/{role_name}/CognitoIdentityCredentials")


def test_credentials_need_an_authenticated_role(client, unique):
    ci, idp = client("cognito-identity"), client("cognito-idp")
    pool = make_user_pool(idp, unique)
    pool_id = make_identity_pool(ci, unique, pool)
    logins = {pool.provider: sign_in(idp, pool)["IdToken"]}
    identity_id = ci.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"]
    with pytest.raises(ClientError) as excinfo:
        ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)
    assert error_of(excinfo)[:2] == ("InvalidIdentityPoolConfigurationException",
                                     "Invalid identity pool configuration. Check assigned IAM roles for this pool.")


@pytest.mark.parametrize("broken", [
    {"action": "sts:AssumeRole"},
    {"aud_key": "cognito-identity.amazon.com:aud"},
    {"amr": "unauthenticated"},
])
def test_credentials_are_refused_when_the_roles_trust_policy_does_not_allow_the_pool(client, unique, broken):
    ci, idp, iam = client("cognito-identity"), client("cognito-idp"), client("iam")
    pool = make_user_pool(idp, unique)
    pool_id = make_identity_pool(ci, unique, pool)
    role = make_role(iam, unique, trust_policy(pool_id, **broken))
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": role})
    logins = {pool.provider: sign_in(idp, pool)["IdToken"]}
    identity_id = ci.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"]
    with pytest.raises(ClientError) as excinfo:
        ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)
    assert error_of(excinfo)[0] == "InvalidIdentityPoolConfigurationException"


def test_credentials_for_an_authenticated_identity_need_its_login(client, wired):
    ci, idp = client("cognito-identity"), client("cognito-idp")
    logins = {wired.user_pool.provider: sign_in(idp, wired.user_pool)["IdToken"]}
    identity_id = ci.get_id(IdentityPoolId=wired.identity_pool_id, Logins=logins)["IdentityId"]
    with pytest.raises(ClientError) as excinfo:
        ci.get_credentials_for_identity(IdentityId=identity_id)
    assert error_of(excinfo)[:2] == ("NotAuthorizedException", f"Access to Identity '{identity_id}' is forbidden.")


def test_a_rules_role_mapping_picks_the_role_for_matching_claims(client, unique, wired):
    ci, idp, iam = client("cognito-identity"), client("cognito-idp"), client("iam")
    special = make_role(iam, unique, trust_policy(wired.identity_pool_id))
    ci.set_identity_pool_roles(
        IdentityPoolId=wired.identity_pool_id, Roles={"authenticated": wired.role_arn},
        RoleMappings={f"{wired.user_pool.provider}:{wired.user_pool.client_id}": {
            "Type": "Rules", "AmbiguousRoleResolution": "AuthenticatedRole",
            "RulesConfiguration": {"Rules": [{"Claim": "cognito:username", "MatchType": "Equals",
                                              "Value": wired.user_pool.username, "RoleARN": special}]}}})
    logins = {wired.user_pool.provider: sign_in(idp, wired.user_pool)["IdToken"]}
    identity_id = ci.get_id(IdentityPoolId=wired.identity_pool_id, Logins=logins)["IdentityId"]
    creds = ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]
    sts = boto3.client("sts", region_name="us-east-1", endpoint_url=client("sts").meta.endpoint_url,
                       aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretKey"],
                       aws_session_token=creds["SessionToken"])
    assert f"assumed-role/{special.rsplit('/', 1)[1]}/" in sts.get_caller_identity()["Arn"]


def test_guests_get_credentials_for_the_unauthenticated_role(client, unique):
    ci, iam = client("cognito-identity"), client("iam")
    pool_id = make_identity_pool(ci, unique, AllowUnauthenticatedIdentities=True)
    guest_role = make_role(iam, unique, trust_policy(pool_id, amr="unauthenticated"))
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"unauthenticated": guest_role})
    identity_id = ci.get_id(IdentityPoolId=pool_id)["IdentityId"]
    creds = ci.get_credentials_for_identity(IdentityId=identity_id)["Credentials"]
    sts = boto3.client("sts", region_name="us-east-1", endpoint_url=client("sts").meta.endpoint_url,
                       aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretKey"],
                       aws_session_token=creds["SessionToken"])
    assert f"assumed-role/{guest_role.rsplit('/', 1)[1]}/CognitoIdentityCredentials" in sts.get_caller_identity()["Arn"]


def test_credential_ttl_sets_the_expiration(client, unique):
    from cognito_tui.local import start_local_cognito

    with start_local_cognito(port=0, seed=False, credential_ttl=5) as short:
        def make(service):
            return boto3.client(service, region_name="us-east-1", endpoint_url=short.endpoint_url, config=ONE_ATTEMPT)
        ci, idp, iam = make("cognito-identity"), make("cognito-idp"), make("iam")
        pool = make_user_pool(idp, unique)
        pool_id = make_identity_pool(ci, unique, pool)
        role = make_role(iam, unique, trust_policy(pool_id))
        ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": role})
        logins = {pool.provider: sign_in(idp, pool)["IdToken"]}
        identity_id = ci.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"]
        before = time.time()
        expiration = ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]["Expiration"]
        assert 3 <= expiration.timestamp() - before <= 7


# ---------------------------------------------------------------- OpenID tokens and identities

def test_get_open_id_token_needs_classic_flow(client, wired):
    ci, idp = client("cognito-identity"), client("cognito-idp")
    logins = {wired.user_pool.provider: sign_in(idp, wired.user_pool)["IdToken"]}
    identity_id = ci.get_id(IdentityPoolId=wired.identity_pool_id, Logins=logins)["IdentityId"]
    with pytest.raises(ClientError) as excinfo:
        ci.get_open_id_token(IdentityId=identity_id, Logins=logins)
    assert error_of(excinfo)[:2] == ("InvalidParameterException",
                                     "Basic (classic) flow is not enabled, please use enhanced flow.")


def test_get_open_id_token_returns_a_signed_ten_minute_jwt(client, unique):
    from cognito_tui.local.tokens import open_id_signature_valid

    ci, idp = client("cognito-identity"), client("cognito-idp")
    pool = make_user_pool(idp, unique)
    pool_id = make_identity_pool(ci, unique, pool, AllowClassicFlow=True)
    logins = {pool.provider: sign_in(idp, pool)["IdToken"]}
    identity_id = ci.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"]
    result = ci.get_open_id_token(IdentityId=identity_id, Logins=logins)
    claims = claims_of(result["Token"])
    assert result["IdentityId"] == identity_id and open_id_signature_valid(result["Token"])
    assert (claims["sub"], claims["aud"], claims["iss"]) == (identity_id, pool_id, "https://cognito-identity.amazonaws.com")
    assert "authenticated" in claims["amr"] and claims["exp"] - claims["iat"] == 600


def test_identities_are_listed_and_described_with_their_logins(client, wired):
    ci, idp = client("cognito-identity"), client("cognito-idp")
    logins = {wired.user_pool.provider: sign_in(idp, wired.user_pool)["IdToken"]}
    identity_id = ci.get_id(IdentityPoolId=wired.identity_pool_id, Logins=logins)["IdentityId"]
    listed = ci.list_identities(IdentityPoolId=wired.identity_pool_id, MaxResults=60)
    assert [i["IdentityId"] for i in listed["Identities"]] == [identity_id]
    assert listed["Identities"][0]["Logins"] == [wired.user_pool.provider]
    described = ci.describe_identity(IdentityId=identity_id)
    assert described["Logins"] == [wired.user_pool.provider] and described["CreationDate"].year >= 2024


# ---------------------------------------------------------------- sign-in (cognito-idp) fixes

def srp(idp, pool: UserPool, password: str, secret: str | None = None):
    from pycognito.aws_srp import AWSSRP

    return AWSSRP(username=pool.username, password=password, pool_id=pool.pool_id,
                  client_id=pool.client_id, client=idp, client_secret=secret).authenticate_user()


def test_srp_with_the_right_password_signs_in_on_a_plain_username_pool(client, unique):
    idp = client("cognito-idp")
    pool = make_user_pool(idp, unique)
    result = srp(idp, pool, PASSWORD)["AuthenticationResult"]
    claims = claims_of(result["IdToken"])
    assert claims["cognito:username"] == pool.username and claims["iss"] == f"https://{pool.provider}"


def test_srp_works_on_a_pool_where_the_email_is_the_username(client, unique):
    idp = client("cognito-idp")
    pool_id = idp.create_user_pool(PoolName=unique("pool"), UsernameAttributes=["email"])["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                            ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH"])["UserPoolClient"]["ClientId"]
    email = f"{unique('u')}@example.com"
    idp.admin_create_user(UserPoolId=pool_id, Username=email, TemporaryPassword=PASSWORD, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username=email, Password=PASSWORD, Permanent=True)
    result = srp(idp, UserPool(pool_id, client_id, email, PASSWORD), PASSWORD)["AuthenticationResult"]
    assert claims_of(result["IdToken"])["email"] == email
    with pytest.raises(ClientError) as excinfo:
        srp(idp, UserPool(pool_id, client_id, email, PASSWORD), "Wrong-passw0rd!")
    assert error_of(excinfo)[:2] == ("NotAuthorizedException", "Incorrect username or password.")


def test_srp_with_a_wrong_password_is_refused(client, unique):
    idp = client("cognito-idp")
    pool = make_user_pool(idp, unique)
    with pytest.raises(ClientError) as excinfo:
        srp(idp, pool, PASSWORD + "x")
    assert error_of(excinfo)[:2] == ("NotAuthorizedException", "Incorrect username or password.")


def test_srp_after_a_password_change_takes_the_new_password_only(client, unique):
    # The server keeps one salt and verifier per password (as Cognito does): a changed password
    # must never be checked against the verifier of the old one.
    idp = client("cognito-idp")
    pool = make_user_pool(idp, unique)
    salts = set()
    for _ in range(2):
        challenge = idp.initiate_auth(ClientId=pool.client_id, AuthFlow="USER_SRP_AUTH",
                                      AuthParameters={"USERNAME": pool.username, "SRP_A": "abc123"})
        salts.add(challenge["ChallengeParameters"]["SALT"])
    assert len(salts) == 1  # one salt per user and password, not one per sign-in
    assert "AuthenticationResult" in srp(idp, pool, PASSWORD)
    changed = PASSWORD + "-Changed1"
    idp.admin_set_user_password(UserPoolId=pool.pool_id, Username=pool.username, Password=changed, Permanent=True)
    with pytest.raises(ClientError) as excinfo:
        srp(idp, pool, PASSWORD)
    assert error_of(excinfo)[:2] == ("NotAuthorizedException", "Incorrect username or password.")
    assert "AuthenticationResult" in srp(idp, pool, changed)


def test_srp_challenge_names_the_username_and_a_garbage_proof_is_refused(client, unique):
    idp = client("cognito-idp")
    pool = make_user_pool(idp, unique)
    challenge = idp.initiate_auth(ClientId=pool.client_id, AuthFlow="USER_SRP_AUTH",
                                  AuthParameters={"USERNAME": pool.username, "SRP_A": "abc123"})
    params = challenge["ChallengeParameters"]
    assert params["USER_ID_FOR_SRP"] == pool.username and re.fullmatch(r"[0-9a-f]+", params["SRP_B"])
    with pytest.raises(ClientError) as excinfo:
        idp.respond_to_auth_challenge(ClientId=pool.client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses={
            "USERNAME": params["USER_ID_FOR_SRP"], "PASSWORD_CLAIM_SECRET_BLOCK": params["SECRET_BLOCK"],
            "TIMESTAMP": "Mon Jan 1 00:00:00 UTC 2024", "PASSWORD_CLAIM_SIGNATURE": "Z2FyYmFnZQ=="})
    assert error_of(excinfo)[:2] == ("NotAuthorizedException", "Incorrect username or password.")


def test_srp_for_a_user_with_a_temporary_password_asks_for_a_new_one(client, unique):
    from pycognito.exceptions import ForceChangePasswordException

    idp = client("cognito-idp")
    pool = make_user_pool(idp, unique)
    pending = UserPool(pool.pool_id, pool.client_id, unique("new"), "Temp0rary!pw")
    idp.admin_create_user(UserPoolId=pool.pool_id, Username=pending.username, TemporaryPassword=pending.password,
                          MessageAction="SUPPRESS")
    with pytest.raises(ForceChangePasswordException):
        srp(idp, pending, pending.password)


def test_srp_with_a_client_secret_needs_the_secret_hash(client, unique):
    idp = client("cognito-idp")
    pool = make_user_pool(idp, unique, secret=True)
    secret = idp.describe_user_pool_client(UserPoolId=pool.pool_id, ClientId=pool.client_id)[
        "UserPoolClient"]["ClientSecret"]
    assert "AuthenticationResult" in srp(idp, pool, PASSWORD, secret)
    with pytest.raises(ClientError) as excinfo:
        srp(idp, pool, PASSWORD)
    assert error_of(excinfo)[:2] == (
        "NotAuthorizedException", f"Client {pool.client_id} is configured with secret but SECRET_HASH was not received")


@pytest.mark.parametrize("flows, flow, params, expected", [
    (["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], "USER_SRP_AUTH", {"SRP_A": "abc"},
     ("InvalidParameterException", "USER_SRP_AUTH is not enabled for the client.")),
    (["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], "USER_PASSWORD_AUTH", {"PASSWORD": PASSWORD},
     ("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client")),
])
def test_explicit_auth_flows_are_enforced(client, unique, flows, flow, params, expected):
    idp = client("cognito-idp")
    pool = make_user_pool(idp, unique, flows=flows)
    with pytest.raises(ClientError) as excinfo:
        idp.initiate_auth(ClientId=pool.client_id, AuthFlow=flow, AuthParameters={"USERNAME": pool.username, **params})
    assert error_of(excinfo)[:2] == expected


def test_refresh_and_admin_flows_need_their_explicit_auth_flows(client, unique):
    idp = client("cognito-idp")
    pool = make_user_pool(idp, unique, flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    refresh = sign_in(idp, pool)["RefreshToken"]
    assert idp.initiate_auth(ClientId=pool.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                             AuthParameters={"REFRESH_TOKEN": refresh})["AuthenticationResult"]["IdToken"]
    idp.update_user_pool_client(UserPoolId=pool.pool_id, ClientId=pool.client_id,
                                ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    with pytest.raises(ClientError) as excinfo:
        idp.initiate_auth(ClientId=pool.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": refresh})
    assert error_of(excinfo)[:2] == ("NotAuthorizedException", "Refresh Token has been revoked")
    with pytest.raises(ClientError) as excinfo:
        idp.admin_initiate_auth(UserPoolId=pool.pool_id, ClientId=pool.client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": pool.username, "PASSWORD": PASSWORD})
    assert error_of(excinfo)[:2] == ("InvalidParameterException", "Auth flow not enabled for this client")


def test_unknown_explicit_auth_flow_names_are_refused(client, unique):
    idp = client("cognito-idp")
    pool_id = idp.create_user_pool(PoolName=unique("pool"))["UserPool"]["Id"]
    with pytest.raises(ClientError) as excinfo:
        idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_SRP"])
    code, message, _ = error_of(excinfo)
    assert code == "InvalidParameterException" and "explicitAuthFlows" in message


# ---------------------------------------------------------------- demo data, robustness, runner

def test_demo_data_is_seeded_as_documented(local_cognito, client):
    demo, idp, ci, iam = local_cognito.demo, client("cognito-idp"), client("cognito-identity"), client("iam")
    pool = ci.describe_identity_pool(IdentityPoolId=demo.identity_pool_id)
    assert pool["IdentityPoolName"] == demo.identity_pool_name and not pool.get("CognitoIdentityProviders")
    assert ci.get_identity_pool_roles(IdentityPoolId=demo.identity_pool_id)["Roles"] == {
        "authenticated": demo.auth_role_arn}
    trust = iam.get_role(RoleName=demo.auth_role_arn.rsplit("/", 1)[1])["Role"]["AssumeRolePolicyDocument"]
    statement = (json.loads(trust) if isinstance(trust, str) else trust)["Statement"][0]
    assert statement["Principal"] == {"Federated": "cognito-identity.amazonaws.com"}
    assert statement["Action"] == TRUST_ACTION
    assert statement["Condition"]["StringEquals"] == {"cognito-identity.amazonaws.com:aud": demo.identity_pool_id}
    assert statement["Condition"]["ForAnyValue:StringLike"] == {"cognito-identity.amazonaws.com:amr": "authenticated"}

    described = idp.describe_user_pool(UserPoolId=demo.user_pool_id)["UserPool"]
    assert not described.get("UsernameAttributes") and not described.get("AliasAttributes")
    public = idp.describe_user_pool_client(UserPoolId=demo.user_pool_id, ClientId=demo.client_id)["UserPoolClient"]
    assert "ClientSecret" not in public and sorted(public["ExplicitAuthFlows"]) == [
        "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]
    secret = idp.describe_user_pool_client(UserPoolId=demo.user_pool_id,
                                           ClientId=demo.secret_client_id)["UserPoolClient"]
    assert secret["ClientSecret"] == demo.secret_client_secret
    assert idp.describe_user_pool_client(UserPoolId=demo.second_user_pool_id, ClientId=demo.second_client_id)
    assert idp.admin_get_user(UserPoolId=demo.user_pool_id, Username=demo.username)["UserStatus"] == "CONFIRMED"
    assert idp.admin_get_user(UserPoolId=demo.user_pool_id,
                              Username=demo.new_password_username)["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    secrets = (demo.password, demo.new_password_temp_password, demo.secret_client_secret)
    assert not any(s in repr(demo) for s in secrets)


def test_demo_user_signs_in_with_srp_and_gets_credentials_once_a_provider_is_added(local_cognito, client, unique):
    demo, idp, ci, iam = local_cognito.demo, client("cognito-idp"), client("cognito-identity"), client("iam")
    user = UserPool(demo.user_pool_id, demo.client_id, demo.username, demo.password)
    tokens = srp(idp, user, demo.password)["AuthenticationResult"]
    # A copy of the demo pool, so the shared demo pool stays without providers for other tests.
    pool_id = make_identity_pool(ci, unique, user)
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={
        "authenticated": make_role(iam, unique, trust_policy(pool_id))})
    logins = {user.provider: tokens["IdToken"]}
    identity_id = ci.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"]
    assert ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]["AccessKeyId"]


def test_export_lines_are_shell_quoted_and_name_everything(local_cognito):
    demo = local_cognito.demo
    lines = demo.export_lines(local_cognito.endpoint_url)
    names = [re.match(r"export ([A-Z_]+)=", line).group(1) for line in lines]
    assert names[:4] == ["AWS_ENDPOINT_URL", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]
    assert set(names) >= {"DEMO_IDENTITY_POOL_ID", "DEMO_USER_POOL_ID", "DEMO_CLIENT_ID", "DEMO_USERNAME",
                          "DEMO_PASSWORD", "DEMO_SECRET_CLIENT_ID", "DEMO_SECOND_USER_POOL_ID",
                          "DEMO_SECOND_CLIENT_ID", "DEMO_NEW_PASSWORD_USERNAME",
                          "DEMO_NEW_PASSWORD_TEMP_PASSWORD", "DEMO_AUTH_ROLE_ARN"}
    script = "\n".join(lines) + '\nprintf "%s\\n" "$AWS_ENDPOINT_URL" "$DEMO_IDENTITY_POOL_ID" "$DEMO_PASSWORD"'
    printed = subprocess.run(["sh", "-c", script], capture_output=True, text=True, check=True).stdout.split("\n")
    assert printed[:3] == [local_cognito.endpoint_url, demo.identity_pool_id, demo.password]


def test_bad_json_is_a_client_error_and_an_internal_failure_is_a_json_500(endpoint, client, monkeypatch):
    status, body = raw_post(endpoint, "AWSCognitoIdentityService.CreateIdentityPool", b"[1, 2")
    assert (status, body["__type"]) == (400, "SerializationException")
    from cognito_tui.local import identity_service

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(identity_service, "parse_body", broken)
    with pytest.raises(ClientError) as excinfo:
        client("cognito-identity").describe_identity(IdentityId=UNKNOWN)
    assert error_of(excinfo)[0] == "InternalErrorException" and error_of(excinfo)[2] == 500


def test_hostile_ids_never_cause_a_server_error(endpoint):
    from hypothesis import HealthCheck, given, settings, strategies as st

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(["DescribeIdentityPool", "GetId", "ListIdentities", "GetCredentialsForIdentity",
                            "UpdateIdentityPool", "SetIdentityPoolRoles", "DescribeIdentity"]),
           st.one_of(st.text(max_size=80), st.integers(), st.none(), st.lists(st.text(max_size=5), max_size=2)))
    def check(operation, value):
        body = {"IdentityPoolId": value, "IdentityId": value, "MaxResults": 5, "Logins": {"k": value}}
        status, reply = raw_post(endpoint, f"AWSCognitoIdentityService.{operation}", json.dumps(body).encode())
        assert status == 400 and reply["__type"] and reply["message"]

    check()


def test_local_command_prints_exports_and_stops_cleanly_on_sigterm():
    code = "from cognito_tui.local.runner import run_foreground; raise SystemExit(run_foreground('127.0.0.1', 0, True, 3600))"
    process = subprocess.Popen([sys.executable, "-c", code], cwd=REPO_ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        assert first.startswith("export AWS_ENDPOINT_URL=http://127.0.0.1:")
        endpoint = first.strip().split("=", 1)[1]
        lines = [process.stdout.readline() for _ in range(14)]
        assert any(line.startswith("export DEMO_IDENTITY_POOL_ID=") for line in lines)
        ci = boto3.client("cognito-identity", region_name="us-east-1", endpoint_url=endpoint, config=ONE_ATTEMPT)
        assert ci.list_identity_pools(MaxResults=10)["IdentityPools"]
        process.terminate()
        assert process.wait(timeout=10) == 0
        assert "Ctrl-C" in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
