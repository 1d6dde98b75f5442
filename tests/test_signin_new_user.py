"""The sign-in view creates a test user (after asking): a password that meets the pool's policy,
shown once, kept nowhere, and the form filled in so Enter signs in. Against the local Cognito."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from textual.widgets import Input

from cognito_tui.tui.modals import ConfirmScreen
from cognito_tui.tui.signin.app import SignInApp
from cognito_tui.tui.signin.new_user import NewUserScreen
from cognito_tui.tui.signin.screen import SignInScreen

from aws_builders import trusted_authenticated_role
from pilot import SIZE, expect, review_new_provider, save_and_sign_in, settle, text
from screen_text import screen_lines
from test_new_user import users


def shown(app) -> str:
    """The screen as drawn, rows joined (a long line wraps onto the next row)."""
    return "\n".join(screen_lines(app))


async def create_in_view(pilot) -> tuple[str, str]:
    """ctrl+n, yes: returns the new user's name and the password the screen shows."""
    app = pilot.app
    await pilot.press("ctrl+n")
    await expect(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
    await pilot.press("y")
    await expect(pilot, lambda: isinstance(app.screen, NewUserScreen), what="the new user")
    modal = app.screen
    password_line = str(modal.query_one("#new-password").render())
    assert password_line.startswith("Password  ")
    return modal.user.username, password_line.removeprefix("Password  ").strip()


@pytest.mark.parametrize("size", [SIZE, (60, 20)])
async def test_a_test_user_is_created_after_asking_and_signs_in_with_the_shown_password(
        settings, local_cognito, boto, pool, size):
    demo = local_cognito.demo
    name, pool_id = pool
    from aws_builders import add_providers

    add_providers(local_cognito.endpoint_url, pool_id, (demo.user_pool_id, demo.client_id))
    trusted_authenticated_role(settings.endpoint_url, pool_id, f"newuser-{name}")
    app = SignInApp(settings, pool_id, [(demo.user_pool_id, demo.client_id)])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert "New test user" in shown(app)  # the key is named on screen
        await pilot.press("ctrl+n")
        await expect(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        question = shown(app)
        for words in (demo.user_pool_id, "AdminCreateUser", "AdminSetUserPassword", "until you delete it"):
            assert words in question, words
        await pilot.press("y")
        await expect(pilot, lambda: isinstance(app.screen, NewUserScreen), what="the new user")
        modal = app.screen
        username = modal.user.username
        password = str(modal.query_one("#new-password").render()).removeprefix("Password  ").strip()
        assert password in shown(app) and username in shown(app)  # whole, at this size
        assert username in "".join(line.strip() for line in shown(app).splitlines())  # the delete command
        await pilot.press("c")
        assert app.clipboard == password
        user = boto("cognito-idp").admin_get_user(UserPoolId=demo.user_pool_id, Username=username)
        assert user["UserStatus"] == "CONFIRMED"
        await pilot.press("enter")
        await expect(pilot, lambda: isinstance(app.screen, SignInScreen), what="back in the form")
        screen = app.screen
        assert screen.query_one("#username", Input).value == username
        assert screen.query_one("#password", Input).value == password
        assert screen.focused is screen.query_one("#password", Input)
        assert password not in shown(app)
        await pilot.press("enter")
        await expect(pilot, lambda: screen.caller is not None, what="the sign-in and its proof")
        assert screen.view.state == "SIGNED_IN" and screen.view.claims.username == username
        assert "CognitoIdentityCredentials" in str(screen.query_one("#caller").render())


async def test_no_creates_nothing(settings, local_cognito, boto):
    from cognito_tui.aws.gateway import Aws

    demo = local_cognito.demo
    aws = Aws(settings)
    calls: list[str] = []
    aws.clients.add_hook("before-call", lambda model, **_: calls.append(model.name))
    before = users(boto, demo.user_pool_id)
    app = SignInApp(aws, demo.identity_pool_id, [(demo.user_pool_id, demo.client_id)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await expect(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        await pilot.press("enter")  # Enter answers no: the focus starts on "Cancel"
        await expect(pilot, lambda: isinstance(app.screen, SignInScreen))
        assert text(app) == "No test user created."
        await pilot.press("ctrl+n")
        await expect(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one("#username", Input).value == ""
    assert calls == ["DescribeUserPool", "DescribeUserPool"]
    assert users(boto, demo.user_pool_id) == before


async def test_the_password_is_in_no_file_log_notification_or_environment(
        settings, pool, local_cognito, isolated_state, caplog, monkeypatch):
    """Through the wizard (drafts on) to "Sign in now", a test user created and signed in: every
    file under the state (drafts, backups), config and cache folders, the log records (botocore's
    DEBUG included, which logs request bodies), the notifications and the environment are searched."""
    name, pool_id = pool
    demo = local_cognito.demo
    trusted_authenticated_role(settings.endpoint_url, pool_id, f"trace-{name}")
    monkeypatch.chdir(isolated_state)
    caplog.set_level(logging.DEBUG)
    from cognito_tui.tui.app import create_app

    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await review_new_provider(pilot, name, demo.user_pool_id, demo.client_id)
        screen = await save_and_sign_in(pilot)
        username, password = await create_in_view(pilot)
        await pilot.press("escape")
        await expect(pilot, lambda: app.screen is screen)
        await pilot.press("enter")
        await expect(pilot, lambda: screen.caller is not None, what="the sign-in and its proof")
        assert screen.view.claims.username == username
        notifications = "\n".join(f"{n.title} {n.message}" for n in app._notifications)
        after = shown(app)

    logs = "\n".join(r.getMessage() for r in caplog.records)
    assert "AdminSetUserPassword" in logs and len(logs) > 1000  # botocore's DEBUG records were captured
    traces = {"the logs": logs, "the notifications": notifications, "the screen afterwards": after,
              "the environment": "\n".join(os.environ.values())}
    for path in Path(isolated_state).rglob("*"):
        if path.is_file():
            traces[str(path.relative_to(isolated_state))] = path.read_text(errors="replace")
    assert any(key.endswith("identities.json") for key in traces), sorted(traces)  # the sign-in's cache
    assert any("backups" in key for key in traces), sorted(traces)
    for where, found in traces.items():
        assert password not in found, f"the password appears in {where}"


@pytest.mark.parametrize("size", [SIZE, (60, 20)])
async def test_a_user_pool_of_another_account_gets_one_clear_message_in_sight(settings, local_cognito, size):
    demo = local_cognito.demo
    elsewhere = "us-east-1_ZZZZZZZZZ"  # not readable from this account, as another account's pool is not
    app = SignInApp(settings, demo.identity_pool_id, [(elsewhere, demo.client_id)])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        status = text(app)
        assert status.startswith(f"Failed while creating a test user: User pool {elsewhere} cannot be "
                                 "read from this account (another account's, or deleted).")
        assert "credentials" in status and status.count("\n") == 0
        assert app.screen.query_one("#status").has_class("error")
        on_screen = " ".join(" ".join(line.split()) for line in screen_lines(app))
        assert " ".join(status.split()) in on_screen  # all of it, the form scrolled if need be


async def test_access_denied_gets_one_clear_message_and_creates_nothing(local_cognito, proxy, boto):
    from faulty_proxy import DENY

    from cognito_tui.settings import Settings

    demo = local_cognito.demo
    proxy.add("AdminCreateUser", DENY)
    before = users(boto, demo.user_pool_id)
    settings = Settings(region="us-east-1", endpoint_url=proxy.url, max_attempts=1)
    app = SignInApp(settings, demo.identity_pool_id, [(demo.user_pool_id, demo.client_id)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await expect(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        status = text(app)
        assert (f"Access denied: your identity may not call AdminCreateUser on user pool {demo.user_pool_id}."
                in status), status
        assert "AdminSetUserPassword" in status
    assert users(boto, demo.user_pool_id) == before
