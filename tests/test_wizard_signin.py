"""From the wizard's Save step straight to a working sign-in: the guide's last section."""

from cognito_tui.tui.app import create_app

from test_tui_wizard import SIZE, add_provider, pool, to_providers, wait_for, wait_screen  # noqa: F401


async def test_sign_in_now_after_saving_gets_credentials_for_the_demo_user(settings, pool, local_cognito):  # noqa: F811
    name, pool_id = pool
    demo = local_cognito.demo
    # Give the pool an authenticated role that trusts it, as an operator would (through IAM).
    import json

    import boto3

    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": pool_id},
                      "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]}
    iam = boto3.client("iam", region_name="us-east-1", endpoint_url=settings.endpoint_url)
    role = iam.create_role(RoleName=f"auth-{name}", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    boto3.client("cognito-identity", region_name="us-east-1", endpoint_url=settings.endpoint_url) \
        .set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": role})
    app = create_app(settings, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        await add_provider(pilot, demo.user_pool_id, demo.client_id)
        await pilot.press("n")
        await wait_screen(pilot, "ReviewScreen")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SaveScreen")
        await wait_for(pilot, lambda: "saved successfully" in str(app.screen.query_one("#save-title").render()))
        await pilot.press("s")
        await wait_screen(pilot, "SignInScreen")
        screen = app.screen
        # The demo fills in its throwaway user; the password stays masked.
        assert screen.query_one("#username").value == demo.username
        assert screen.query_one("#password").password
        screen.query_one("#password").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.view is not None and screen.view.state == "SIGNED_IN",
                       what=f"sign-in; status {screen.query_one('#status').render()}")
        assert screen.view.identity_id.startswith("us-east-1:")
        assert screen.view.credentials is not None
