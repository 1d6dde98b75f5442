"""When the identity pool refuses a sign-in, the error names the pool, the role and what is wrong
(the doctor's words), never a placeholder; a role trusting another pool gets its own text."""

from __future__ import annotations

import json

import pytest

from aws_builders import add_providers
from test_doctor_builders import trust_policy

from cognito_tui.errors import SignInError
from cognito_tui.signin import Provider, SignIn


@pytest.fixture
def pool(boto, unique, local_cognito):
    """A new identity pool listing the demo user pool and client, with no roles yet."""
    demo = local_cognito.demo
    pool_id = boto("cognito-identity").create_identity_pool(
        IdentityPoolName=unique("refusal"), AllowUnauthenticatedIdentities=False)["IdentityPoolId"]
    add_providers(local_cognito.endpoint_url, pool_id, (demo.user_pool_id, demo.client_id))
    return pool_id


def refusal(aws, pool_id, demo) -> SignInError:
    signin = SignIn(aws, pool_id, Provider(demo.user_pool_id, demo.client_id))
    with pytest.raises(SignInError) as caught:
        signin.sign_in(demo.username, demo.password)
    return caught.value


def test_no_authenticated_role_names_the_pool_and_the_missing_role(aws, pool, local_cognito):
    error = refusal(aws, pool, local_cognito.demo)
    line = error.one_line()
    assert pool in error.message and "no authenticated role" in error.message
    assert f"cognito-tui doctor {pool}" in error.hint
    assert "POOL" not in line.replace(pool, "")
    assert error.aws_message.startswith("Invalid identity pool configuration")


def test_a_role_that_trusts_another_pool_is_named_with_that_pool(aws, boto, pool, unique, local_cognito):
    other = "us-east-1:00000000-1111-2222-3333-444444444444"
    arn = boto("iam").create_role(RoleName=unique("other-pool"),
                                  AssumeRolePolicyDocument=json.dumps(trust_policy(other)))["Role"]["Arn"]
    boto("cognito-identity").set_identity_pool_roles(IdentityPoolId=pool, Roles={"authenticated": arn})
    error = refusal(aws, pool, local_cognito.demo)
    assert arn in error.message and pool in error.message and other in error.message
    assert "no authenticated role" not in error.message
    assert "POOL" not in error.one_line().replace(pool, "")


async def test_the_sign_in_view_names_the_problem_and_d_opens_the_doctor(settings, pool, local_cognito):
    from textual.widgets import Input

    from cognito_tui.tui.doctor_view import DoctorScreen, DoctorView
    from cognito_tui.tui.signin.app import SignInApp
    from pilot import settle

    demo = local_cognito.demo
    app = SignInApp(settings, pool, [(demo.user_pool_id, demo.client_id)])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        screen.query_one("#username", Input).value = demo.username
        screen.query_one("#password", Input).value = demo.password
        screen.set_focus(screen.query_one("#password", Input))
        await pilot.press("enter")
        await settle(pilot)
        status = str(screen.query_one("#status").render())
        assert pool in status and "no authenticated role" in status and "POOL" not in status.replace(pool, "")
        assert "d to run the doctor" in status
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DoctorScreen)
        assert "role.authenticated-missing" in {f.id for f in app.screen.query_one(DoctorView).findings}
