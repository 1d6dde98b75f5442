"""The whole wizard save and sign-in, then every trace it leaves is searched for secrets:
log records (DEBUG, botocore's included), files under the state and cache folders, the plan
file the wizard writes, and what the screen shows."""

import json
import logging
from pathlib import Path

import boto3

from cognito_tui.tui.app import create_app

from test_tui_wizard import SIZE, add_provider, pool, to_providers, wait_for, wait_screen  # noqa: F401


def _role_trusting(pool_id: str, name: str, endpoint: str) -> str:
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": pool_id},
                      "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]}
    iam = boto3.client("iam", region_name="us-east-1", endpoint_url=endpoint)
    return iam.create_role(RoleName=f"secrets-{name}", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]


async def test_no_secret_leaves_a_trace_after_save_and_sign_in(settings, pool, local_cognito, isolated_state,  # noqa: F811
                                                               caplog, monkeypatch):
    name, pool_id = pool
    demo = local_cognito.demo
    boto3.client("cognito-identity", region_name="us-east-1", endpoint_url=settings.endpoint_url) \
        .set_identity_pool_roles(IdentityPoolId=pool_id,
                                 Roles={"authenticated": _role_trusting(pool_id, name, settings.endpoint_url)})
    monkeypatch.chdir(isolated_state)
    caplog.set_level(logging.DEBUG)
    app = create_app(settings, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        await add_provider(pilot, demo.user_pool_id, demo.client_id)
        await pilot.press("n")
        await wait_screen(pilot, "ReviewScreen")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SaveScreen")
        await wait_for(pilot, lambda: "saved successfully" in str(app.screen.query_one("#save-title").render()))
        save = app.screen
        await pilot.press("s")
        await wait_screen(pilot, "SignInScreen")
        screen = app.screen
        screen.query_one("#password").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.view is not None and screen.view.state == "SIGNED_IN", what="sign-in")
        await wait_for(pilot, lambda: screen.caller is not None, what="the STS proof")
        signin = screen._signin
        secrets = {"password": demo.password, "id token": signin.tokens.id_token,
                   "access token": signin.tokens.access_token, "refresh token": signin.tokens.refresh_token,
                   "secret key": signin.credentials.secret_key, "session token": signin.credentials.session_token}
        shown = app.export_screenshot()
        await pilot.press("escape")
        await wait_screen(pilot, "SaveScreen")
        await pilot.press("w")
        await wait_screen(pilot, "PathScreen")
        await pilot.press(*"plan.yaml", "enter")
        await wait_screen(pilot, "SaveScreen")
        assert save is app.screen

    traces = {"the screen": shown, "the logs": "\n".join(r.getMessage() for r in caplog.records)}
    for path in Path(isolated_state).rglob("*"):
        if path.is_file():
            traces[str(path.relative_to(isolated_state))] = path.read_text(errors="replace")
    assert "plan.yaml" in traces, sorted(traces)
    assert any("backups" in key for key in traces), sorted(traces)
    assert len(traces["the logs"]) > 1000  # botocore's DEBUG records were captured
    for what, secret in secrets.items():
        assert secret and len(secret) >= 8, what
        for where, text in traces.items():
            assert secret not in text, f"the {what} appears in {where}"
