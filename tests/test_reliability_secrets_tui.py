"""The whole wizard save and sign-in, then every trace it leaves is searched for secrets:
log records (DEBUG, botocore's included), files under the state and cache folders, the plan
file the wizard writes, and what the screen shows."""

import logging
from pathlib import Path

from aws_builders import trusted_authenticated_role
from cognito_tui.tui.app import create_app

from pilot import SIZE, expect, review_new_provider, save_and_sign_in, wait_screen


async def test_no_secret_leaves_a_trace_after_save_and_sign_in(settings, pool, local_cognito, isolated_state,  # noqa: F811
                                                               caplog, monkeypatch):
    name, pool_id = pool
    demo = local_cognito.demo
    trusted_authenticated_role(settings.endpoint_url, pool_id, f"secrets-{name}")
    monkeypatch.chdir(isolated_state)
    caplog.set_level(logging.DEBUG)
    app = create_app(settings, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await review_new_provider(pilot, name, demo.user_pool_id, demo.client_id)
        screen = await save_and_sign_in(pilot)
        save = app.screen_stack[-2]
        screen.query_one("#password").focus()
        await pilot.press("enter")
        await expect(pilot, lambda: screen.view is not None and screen.view.state == "SIGNED_IN", what="sign-in")
        await expect(pilot, lambda: screen.caller is not None, what="the STS proof")
        signin = screen._signin
        secrets = {"password": demo.password, "id token": signin.tokens.id_token,
                   "access token": signin.tokens.access_token, "refresh token": signin.tokens.refresh_token,
                   "secret key": signin.credentials.secret_key, "session token": signin.credentials.session_token}
        shown = app.export_screenshot()
        await pilot.press("escape")
        await wait_screen(pilot, "SaveScreen")
        await pilot.press("w")
        await wait_screen(pilot, "InputScreen")
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


async def test_the_demo_help_beside_the_steps_names_the_user_but_never_shows_its_password(settings, local_cognito):
    # From 100 columns on the help panel opens by itself: nobody asked to see a password.
    demo = local_cognito.demo
    app = create_app(settings, demo=demo)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_screen(pilot, "IdentityPoolScreen")
        await expect(pilot, lambda: app.screen.help_shown, what="the help panel")
        help_text = str(app.screen.query_one("#help-text").content)
        shown = app.export_screenshot()
    assert f"Demo user: {demo.username}" in help_text and demo.user_pool_id in help_text
    assert demo.password not in help_text and demo.password not in shown
