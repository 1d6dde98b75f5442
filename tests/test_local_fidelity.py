"""The local Cognito as AWS shapes it: IDs, a signing key per user pool, group claims in ID tokens,
and Token/Rules role mappings. Checked from outside with boto3 and PyJWT over HTTP."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

import boto3
import jwt
import pytest
from botocore.exceptions import ClientError

from test_local_backend import (claims_of, error_of, make_identity_pool, make_role, make_user_pool,
                                sign_in, trust_policy)

USER_POOL_ID = re.compile(r"[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]{9}")
CLIENT_ID = re.compile(r"[0-9a-z]{26}")
IDENTITY_ID = re.compile(r"[a-z]{2}(-[a-z]+)+-\d:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DENIED = "The ambiguous role mapping rules denied this request."


def key_set(endpoint: str, user_pool_id: str) -> dict:
    with urllib.request.urlopen(f"{endpoint}/{user_pool_id}/.well-known/jwks.json", timeout=5) as response:
        return json.loads(response.read())


def verify_with(keys: dict, token: str, user_pool_id: str, client_id: str) -> dict:
    kid = jwt.get_unverified_header(token)["kid"]
    key = next((k for k in keys["keys"] if k["kid"] == kid), None)
    if key is None:
        raise jwt.InvalidKeyError(f"no key {kid}")
    return jwt.decode(token, jwt.PyJWK(key).key, algorithms=["RS256"], audience=client_id,
                      issuer=f"https://cognito-idp.us-east-1.amazonaws.com/{user_pool_id}")


# ---------------------------------------------------------------- IDs

def test_user_pool_client_and_identity_ids_have_the_shapes_aws_issues(client, unique):
    idp, ci = client("cognito-idp", "eu-west-1"), client("cognito-identity", "eu-west-1")
    pool_id = idp.create_user_pool(PoolName=unique("p"))["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app")["UserPoolClient"]["ClientId"]
    identity_pool_id = ci.create_identity_pool(IdentityPoolName=unique("ip"),
                                               AllowUnauthenticatedIdentities=True)["IdentityPoolId"]
    identity_id = ci.get_id(IdentityPoolId=identity_pool_id)["IdentityId"]
    assert pool_id.startswith("eu-west-1_") and USER_POOL_ID.fullmatch(pool_id), pool_id
    assert CLIENT_ID.fullmatch(client_id), client_id
    assert identity_pool_id.startswith("eu-west-1:") and IDENTITY_ID.fullmatch(identity_pool_id)
    assert identity_id.startswith("eu-west-1:") and IDENTITY_ID.fullmatch(identity_id)


def test_the_demo_ids_have_the_shapes_aws_issues(local_cognito):
    demo = local_cognito.demo
    for pool_id in (demo.user_pool_id, demo.second_user_pool_id):
        assert USER_POOL_ID.fullmatch(pool_id) and pool_id.startswith("us-east-1_"), pool_id
    for client_id in (demo.client_id, demo.secret_client_id, demo.second_client_id):
        assert CLIENT_ID.fullmatch(client_id), client_id
    assert IDENTITY_ID.fullmatch(demo.identity_pool_id)


# ---------------------------------------------------------------- a key per user pool

def test_each_user_pool_signs_with_its_own_key_served_at_its_jwks_path(client, unique, endpoint):
    idp = client("cognito-idp")
    first, second = make_user_pool(idp, unique), make_user_pool(idp, unique)
    token = sign_in(idp, first)["IdToken"]
    own, other = key_set(endpoint, first.pool_id), key_set(endpoint, second.pool_id)
    assert {k["kid"] for k in own["keys"]}.isdisjoint(k["kid"] for k in other["keys"])
    assert all(k.keys() >= {"alg", "e", "kid", "kty", "n", "use"} and "d" not in k for k in own["keys"])
    assert verify_with(own, token, first.pool_id, first.client_id)["cognito:username"] == first.username
    with pytest.raises(jwt.PyJWTError):
        verify_with(other, token, first.pool_id, first.client_id)


def test_the_key_set_of_a_pool_that_does_not_exist_is_not_found(endpoint):
    with pytest.raises(urllib.error.HTTPError) as caught:
        key_set(endpoint, "us-east-1_NoSuchPoo")
    assert caught.value.code == 404


def test_get_id_refuses_a_token_signed_with_another_pools_key(client, unique):
    from cognito_tui.local import signing_keys

    idp, ci = client("cognito-idp"), client("cognito-identity")
    pool, other = make_user_pool(idp, unique), make_user_pool(idp, unique)
    identity_pool_id = make_identity_pool(ci, unique, pool)
    forged = signing_keys.sign(other.pool_id, claims_of(sign_in(idp, pool)["IdToken"]))
    with pytest.raises(ClientError) as caught:
        ci.get_id(IdentityPoolId=identity_pool_id, Logins={pool.provider: forged})
    assert error_of(caught)[:2] == ("NotAuthorizedException", "Invalid login token. Couldn't verify signed token.")


# ---------------------------------------------------------------- groups

def _group(idp, pool, name, role=None, precedence=None):
    params = {"UserPoolId": pool.pool_id, "GroupName": name}
    if role:
        params["RoleArn"] = role
    if precedence is not None:
        params["Precedence"] = precedence
    idp.create_group(**params)
    idp.admin_add_user_to_group(UserPoolId=pool.pool_id, Username=pool.username, GroupName=name)


def _signed_in_with_groups(client, *groups: tuple) -> dict:
    """Sign in a new user who is in these (name, role ARN, precedence) groups."""
    idp = client("cognito-idp")
    pool = make_user_pool(idp, lambda prefix: f"{prefix}{uuid.uuid4().hex[:10]}")
    for name, role, precedence in groups:
        _group(idp, pool, name, role=role, precedence=precedence)
    return sign_in(idp, pool)


def _role_arns(count: int) -> list[str]:
    return [f"arn:aws:iam::123456789012:role/r{uuid.uuid4().hex[:10]}" for _ in range(count)]


def test_id_tokens_carry_groups_their_roles_and_the_lowest_precedence_role(client):
    low, high = _role_arns(2)
    result = _signed_in_with_groups(client, ("readers", high, 5), ("admins", low, 1), ("no-role", None, None))
    claims = claims_of(result["IdToken"])
    assert claims["cognito:groups"] == ["admins", "readers", "no-role"]
    assert claims["cognito:roles"] == [low, high]
    assert claims["cognito:preferred_role"] == low
    access = claims_of(result["AccessToken"])
    assert access["cognito:groups"] == ["admins", "readers", "no-role"] and "cognito:roles" not in access


def test_two_groups_of_equal_precedence_with_different_roles_give_no_preferred_role(client):
    first, second = _role_arns(2)
    claims = claims_of(_signed_in_with_groups(client, ("a", first, 2), ("b", second, 2))["IdToken"])
    assert sorted(claims["cognito:roles"]) == sorted([first, second])
    assert "cognito:preferred_role" not in claims


def test_a_user_in_no_group_has_no_group_claims(client):
    claims = claims_of(_signed_in_with_groups(client)["IdToken"])
    assert not {"cognito:groups", "cognito:roles", "cognito:preferred_role"} & claims.keys()


# ---------------------------------------------------------------- role mappings

@dataclass
class Mapped:
    """A user pool wired to an identity pool with a default role and a group role, both trusted."""

    client: Any
    endpoint: str
    pool: Any
    identity_pool_id: str
    default_role: str
    group_role: str

    def another_role(self) -> str:
        return make_role(self.client("iam"), lambda p: f"{p}{uuid.uuid4().hex[:10]}",
                         trust_policy(self.identity_pool_id))

    def map_roles(self, kind: str, ambiguous: str, rules: list | None = None) -> None:
        mapping = {"Type": kind, "AmbiguousRoleResolution": ambiguous}
        if rules:
            mapping["RulesConfiguration"] = {"Rules": rules}
        self.client("cognito-identity").set_identity_pool_roles(
            IdentityPoolId=self.identity_pool_id, Roles={"authenticated": self.default_role},
            RoleMappings={f"{self.pool.provider}:{self.pool.client_id}": mapping})

    def assumed_role(self, custom_role: str | None = None) -> str:
        """The caller ARN of the credentials the user gets."""
        ci = self.client("cognito-identity")
        logins = {self.pool.provider: sign_in(self.client("cognito-idp"), self.pool)["IdToken"]}
        identity_id = ci.get_id(IdentityPoolId=self.identity_pool_id, Logins=logins)["IdentityId"]
        extra = {"CustomRoleArn": custom_role} if custom_role else {}
        creds = ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins, **extra)["Credentials"]
        sts = boto3.client("sts", region_name="us-east-1", endpoint_url=self.endpoint,
                           aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretKey"],
                           aws_session_token=creds["SessionToken"])
        return sts.get_caller_identity()["Arn"]

    def join(self, group: str, role: str | None = None, precedence: int | None = None) -> None:
        _group(self.client("cognito-idp"), self.pool, group, role=role, precedence=precedence)


@pytest.fixture
def mapped(client, unique, endpoint) -> Mapped:
    ci, iam = client("cognito-identity"), client("iam")
    pool = make_user_pool(client("cognito-idp"), unique)
    identity_pool_id = make_identity_pool(ci, unique, pool)
    roles = [make_role(iam, unique, trust_policy(identity_pool_id)) for _ in range(2)]
    return Mapped(client, endpoint, pool, identity_pool_id, *roles)


def _role_name(arn: str) -> str:
    return arn.rsplit("/", 1)[1]


def test_token_mapping_gives_the_groups_role(mapped):
    mapped.join("staff", role=mapped.group_role, precedence=1)
    mapped.map_roles("Token", "Deny")
    assert mapped.assumed_role().endswith(f":assumed-role/{_role_name(mapped.group_role)}/CognitoIdentityCredentials")


@pytest.mark.parametrize("kind", ["Token", "Rules"])
def test_an_ambiguous_login_gets_the_authenticated_role_or_is_denied(mapped, kind):
    rules = [{"Claim": "cognito:groups", "MatchType": "Contains", "Value": "admins", "RoleARN": mapped.group_role}]
    mapped.map_roles(kind, "AuthenticatedRole", rules if kind == "Rules" else None)
    assert f"/{_role_name(mapped.default_role)}/" in mapped.assumed_role()
    mapped.map_roles(kind, "Deny", rules if kind == "Rules" else None)
    with pytest.raises(ClientError) as caught:
        mapped.assumed_role()
    assert error_of(caught)[:2] == ("NotAuthorizedException", DENIED)


def test_rules_mapping_matches_a_group_in_the_token(mapped):
    mapped.join("admins")
    mapped.map_roles("Rules", "Deny", [
        {"Claim": "cognito:groups", "MatchType": "Contains", "Value": "nobody", "RoleARN": mapped.default_role},
        {"Claim": "cognito:groups", "MatchType": "Contains", "Value": "admins", "RoleARN": mapped.group_role}])
    assert f"/{_role_name(mapped.group_role)}/" in mapped.assumed_role()


@pytest.mark.parametrize("custom", ["offered", "not offered"])
def test_token_mapping_takes_a_custom_role_only_from_the_tokens_roles(mapped, custom):
    second_role = mapped.another_role()
    mapped.join("first", role=mapped.group_role, precedence=1)
    if custom == "offered":
        mapped.join("second", role=second_role, precedence=2)
    mapped.map_roles("Token", "Deny")
    arn = mapped.assumed_role(custom_role=second_role)
    expected = second_role if custom == "offered" else mapped.group_role
    assert f"/{_role_name(expected)}/" in arn


# ---------------------------------------------------------------- the rest of the table

def test_server_side_token_check_refuses_a_user_who_was_disabled(client, unique):
    idp, ci = client("cognito-idp"), client("cognito-identity")
    pool = make_user_pool(idp, unique)
    identity_pool_id = make_identity_pool(ci, unique, pool, CognitoIdentityProviders=[
        {"ProviderName": pool.provider, "ClientId": pool.client_id, "ServerSideTokenCheck": True}])
    logins = {pool.provider: sign_in(idp, pool)["IdToken"]}
    assert ci.get_id(IdentityPoolId=identity_pool_id, Logins=logins)["IdentityId"]
    idp.admin_disable_user(UserPoolId=pool.pool_id, Username=pool.username)
    with pytest.raises(ClientError) as caught:
        ci.get_id(IdentityPoolId=identity_pool_id, Logins=logins)
    assert error_of(caught)[:2] == ("NotAuthorizedException",
                                    "Invalid login token. The user is no longer valid in the user pool.")


def test_a_social_login_is_refused_with_a_message_that_says_why(client, unique):
    ci = client("cognito-identity")
    identity_pool_id = make_identity_pool(ci, unique, SupportedLoginProviders={"accounts.google.com": "g-client"})
    with pytest.raises(ClientError) as caught:
        ci.get_id(IdentityPoolId=identity_pool_id, Logins={"accounts.google.com": "a.b.c"})
    code, message, _ = error_of(caught)
    assert code == "NotAuthorizedException" and "only Cognito user pool logins" in message


def test_more_than_50_providers_or_tags_are_refused(client, unique):
    ci = client("cognito-identity")
    providers = [{"ProviderName": f"cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool{i:05d}", "ClientId": f"c{i}"}
                 for i in range(51)]
    with pytest.raises(ClientError) as caught:
        make_identity_pool(ci, unique, CognitoIdentityProviders=providers)
    assert error_of(caught)[0] == "LimitExceededException"
    identity_pool_id = make_identity_pool(ci, unique)
    arn = f"arn:aws:cognito-identity:us-east-1:123456789012:identitypool/{identity_pool_id}"
    with pytest.raises(ClientError) as caught:
        ci.tag_resource(ResourceArn=arn, Tags={f"k{i}": "v" for i in range(51)})
    assert error_of(caught)[0] == "LimitExceededException"
