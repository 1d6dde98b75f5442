"""A test user for the sign-in view, made in the core: a name the pool accepts, a password its
policy accepts (random, never the same twice), nothing left half-made, and one clear message when
the name exists. Against the local Cognito over HTTP."""

from __future__ import annotations

import string
from dataclasses import replace

import pytest

from cognito_tui.errors import ConflictError, InputError
from cognito_tui.signin.new_user import SYMBOLS, PasswordPolicy, create_new_user, new_password, plan_new_user


def users(boto, user_pool_id: str) -> set[str]:
    idp = boto("cognito-idp")
    return {u["Username"] for page in idp.get_paginator("list_users").paginate(UserPoolId=user_pool_id)
            for u in page["Users"]}


def test_a_name_that_exists_is_one_clear_message(aws, local_cognito):
    demo = local_cognito.demo
    user = replace(plan_new_user(aws, demo.user_pool_id), username=demo.username)
    with pytest.raises(ConflictError) as caught:
        create_new_user(aws, user)
    assert caught.value.one_line() == (f"A user named {demo.username} already exists in user pool "
                                       f"{demo.user_pool_id}; nothing was changed. Try again: each attempt "
                                       "picks a new name.")


def test_a_refused_password_leaves_no_user_behind(aws, local_cognito, boto, unique):
    demo = local_cognito.demo
    username = unique("half")
    with pytest.raises(InputError, match="password policy"):
        aws.user_pools.create_user(demo.user_pool_id, username, "short")
    assert username not in users(boto, demo.user_pool_id)


def test_an_email_username_pool_with_a_strict_policy_and_a_required_attribute(aws, boto, unique):
    idp = boto("cognito-idp")
    pool_id = idp.create_user_pool(
        PoolName=unique("strict"), UsernameAttributes=["email"],
        Policies={"PasswordPolicy": {"MinimumLength": 64, "RequireUppercase": True, "RequireLowercase": True,
                                     "RequireNumbers": True, "RequireSymbols": True}},
        Schema=[{"Name": "name", "AttributeDataType": "String", "Required": True, "Mutable": True}],
    )["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=[
        "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    user = plan_new_user(aws, pool_id)
    assert user.username.endswith("@example.com") and dict(user.attributes) == {"name": "cognito-tui test user"}
    assert user.policy.describe() == "at least 64 characters, with upper case, lower case, digits, symbols"
    password = create_new_user(aws, user)
    assert len(password) == 64
    tokens = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": user.username, "PASSWORD": password})
    assert tokens["AuthenticationResult"]["IdToken"]
    attributes = {a["Name"]: a["Value"] for a in idp.admin_get_user(UserPoolId=pool_id, Username=user.username)[
        "UserAttributes"]}
    assert attributes["email"] == user.username and attributes["name"] == "cognito-tui test user"


@pytest.mark.parametrize("policy", [PasswordPolicy(), PasswordPolicy(6, False, False, False, False),
                                    PasswordPolicy(99, True, True, True, True), PasswordPolicy(300)])
def test_generated_passwords_meet_the_policy_and_differ(policy):
    made = {new_password(policy) for _ in range(50)}
    assert len(made) == 50
    allowed = set(string.ascii_letters + string.digits + SYMBOLS)
    for password in made:
        assert min(256, max(20, policy.minimum_length)) == len(password)
        assert set(password) <= allowed
        for kind in (string.ascii_uppercase, string.ascii_lowercase, string.digits, SYMBOLS):
            assert set(password) & set(kind), (password, kind)


@pytest.mark.parametrize("deny", [("AdminSetUserPassword",), ("AdminSetUserPassword", "AdminDeleteUser")],
                         ids=["deleted-again", "left-behind"])
def test_a_password_refused_midway_deletes_the_user_or_says_it_is_left(local_cognito, proxy, boto, deny):
    from faulty_proxy import DENY

    from cognito_tui.aws.gateway import Aws
    from cognito_tui.errors import AccessDeniedError
    from cognito_tui.settings import Settings

    demo = local_cognito.demo
    aws = Aws(Settings(region="us-east-1", endpoint_url=proxy.url, max_attempts=1))
    user = plan_new_user(aws, demo.user_pool_id)
    for operation in deny:
        proxy.add(operation, DENY)
    with pytest.raises(AccessDeniedError) as caught:
        create_new_user(aws, user)
    message = caught.value.message
    assert message.startswith(f"Access denied: your identity may not call AdminSetUserPassword on user pool "
                              f"{demo.user_pool_id}.")
    if len(deny) == 1:
        assert user.username not in users(boto, demo.user_pool_id) and "left" not in message
    else:
        assert user.username in users(boto, demo.user_pool_id)
        assert message.endswith(f"The user {user.username} was created without a password and could not be "
                                "deleted again: delete it (AdminDeleteUser).")
