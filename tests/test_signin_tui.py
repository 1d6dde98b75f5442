"""The sign-in view driven by the keyboard at 80x24, against the local Cognito over HTTP."""

from __future__ import annotations

import asyncio
import stat

import pytest
from textual.widgets import Input, ProgressBar, Static

from cognito_tui.tui.signin.app import SignInApp
from cognito_tui.tui.signin.screen import SignInScreen
from cognito_tui.tui.signin.snippets_screen import SnippetsScreen

from pilot import SIZE, settle


@pytest.fixture(scope="module")
def cognito():
    import boto3

    from cognito_tui.ids import provider_name
    from cognito_tui.local import start_local_cognito

    server = start_local_cognito(port=0)
    d = server.demo
    client = boto3.client("cognito-identity", region_name="us-east-1", endpoint_url=server.endpoint_url)
    config = client.describe_identity_pool(IdentityPoolId=d.identity_pool_id)
    config.pop("ResponseMetadata", None)
    config["CognitoIdentityProviders"] = [
        {"ProviderName": provider_name(d.user_pool_id), "ClientId": d.client_id, "ServerSideTokenCheck": False}]
    client.update_identity_pool(**config)
    yield server
    server.stop()


@pytest.fixture
def settings(cognito):
    from cognito_tui.settings import Settings

    return Settings(region="us-east-1", endpoint_url=cognito.endpoint_url, max_attempts=2)


def text_of(app, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render())


async def type_into(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.pause()
    await pilot.press(*[ch if ch.isalnum() else _key(ch) for ch in text])


_KEYS = {"-": "minus", "[": "left_square_bracket", "]": "right_square_bracket", "/": "slash", "@": "at",
         "=": "equals_sign", ".": "full_stop", "_": "underscore", "!": "exclamation_mark", " ": "space"}


def _key(ch: str) -> str:
    return _KEYS.get(ch, ch)


async def sign_in(app, pilot, username: str, password: str) -> None:
    await type_into(pilot, "#username", username)
    await pilot.press("enter")  # moves to the password
    await type_into(pilot, "#password", password)
    await pilot.press("enter")
    await settle(pilot)


async def test_pool_providers_are_read_and_the_demo_user_signs_in(settings, cognito):
    d = cognito.demo
    app = SignInApp(settings, d.identity_pool_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SignInScreen)
        assert screen.providers == [(d.user_pool_id, d.client_id)]
        await sign_in(app, pilot, d.username, d.password)
        await settle(pilot)  # the STS proof runs after the sign-in
        assert screen.view is not None and screen.view.state == "SIGNED_IN"
        claims = text_of(app, "#claims")
        assert f"cognito-idp.us-east-1.amazonaws.com/{d.user_pool_id}" in claims and "token_use      id" in claims
        creds = screen.view.credentials
        shown = text_of(app, "#credentials") + text_of(app, "#logins")
        assert creds.access_key_id in shown
        assert creds.secret_key not in shown and creds.session_token not in shown
        assert screen.view.logins[f"cognito-idp.us-east-1.amazonaws.com/{d.user_pool_id}"] not in shown
        role = d.auth_role_arn.rsplit("/", 1)[1]
        assert f"assumed-role/{role}/CognitoIdentityCredentials" in text_of(app, "#caller")
        assert screen.query_one("#password", Input).value == ""


async def test_tab_alone_walks_the_form_and_enter_on_sign_in_signs_in(settings, cognito):
    """Keyboard only: every Tab stop in the form is a field or the button (none is invisible),
    and Tab, Tab, Enter from the username signs the demo user in."""
    d = cognito.demo
    app = SignInApp(settings, d.identity_pool_id, [(d.user_pool_id, d.client_id)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        stops = []
        for _ in range(6):
            await pilot.press("tab")
            await pilot.pause()
            stops.append(screen.focused.id if screen.focused else None)
        assert set(stops) <= {"pool", "provider", "username", "password", "go"}, stops
        await type_into(pilot, "#username", d.username)
        await type_into(pilot, "#password", d.password)
        screen.query_one("#username", Input).focus()
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert screen.focused is not None and screen.focused.id == "go"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.view is not None and screen.view.state == "SIGNED_IN", text_of(app, "#status")


async def test_countdown_advances_and_refresh_now_renews(settings, cognito):
    d = cognito.demo
    app = SignInApp(settings, d.identity_pool_id, [(d.user_pool_id, d.client_id)])
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(app, pilot, d.username, d.password)
        bar = app.screen.query_one("#countdown", ProgressBar)
        first = bar.progress
        assert 3500 < first <= 3600
        await asyncio.sleep(1.3)
        await pilot.pause()
        assert bar.progress < first
        old = app.screen.view.credentials
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.view.credentials.session_token != old.session_token
        assert "refreshed" in text_of(app, "#refresh")


async def test_reveal_asks_first_then_shows_the_secret(settings, cognito):
    d = cognito.demo
    app = SignInApp(settings, d.identity_pool_id, [(d.user_pool_id, d.client_id)])
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(app, pilot, d.username, d.password)
        secret = app.screen.view.credentials.secret_key
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert secret not in text_of(app, "#credentials")
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert secret in text_of(app, "#credentials")
        await pilot.press("v")  # hiding again needs no question
        await pilot.pause()
        assert secret not in text_of(app, "#credentials")


async def test_copy_save_profile_snippets_and_sign_out(settings, cognito, tmp_path, monkeypatch, isolated_state):
    d = cognito.demo
    path = tmp_path / "credentials"
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(path))
    app = SignInApp(settings, d.identity_pool_id, [(d.user_pool_id, d.client_id)])
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(app, pilot, d.username, d.password)
        creds = app.screen.view.credentials
        await pilot.press("c")
        assert app.clipboard.startswith("export AWS_ACCESS_KEY_ID=") and creds.secret_key in app.clipboard
        await pilot.press("j")
        assert f'"AccessKeyId": "{creds.access_key_id}"' in app.clipboard

        await pilot.press("p")
        await pilot.pause()
        assert "work only there" in str(app.screen.query_one("#dialog-title").render())
        await pilot.press("enter")  # accept the default profile name
        await pilot.pause()
        # Local credentials never reach the shared credentials file the SDKs and the CLI use for AWS.
        assert not path.exists()
        local = isolated_state / "state" / "cognito-tui" / "local-credentials"
        assert "[cognito-tui]" in local.read_text() and creds.secret_key in local.read_text()
        assert stat.S_IMODE(local.stat().st_mode) == 0o600

        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, SnippetsScreen)
        await pilot.press("right", "c")
        assert d.identity_pool_id in app.clipboard and d.client_id in app.clipboard
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)

        await pilot.press("o")
        await pilot.pause()
        assert app.screen.view is None
        assert app.screen.query_one("#form").display


async def test_wrong_password_shows_the_error_and_keeps_the_form(settings, cognito):
    d = cognito.demo
    app = SignInApp(settings, d.identity_pool_id, [(d.user_pool_id, d.client_id)])
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(app, pilot, d.username, "wrong-password")
        assert "Incorrect username or password" in text_of(app, "#status")
        assert app.screen.query_one("#form").display


async def test_new_password_challenge_is_prompted_and_answered(settings, cognito):
    d = cognito.demo
    app = SignInApp(settings, d.identity_pool_id, [(d.user_pool_id, d.client_id)])
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(app, pilot, d.new_password_username, d.new_password_temp_password)
        assert app.screen.query_one("#challenge-box").display
        assert "New password" in text_of(app, "#challenge-prompt")
        assert app.screen.query_one("#challenge", Input).password
        await pilot.press(*"NewPassw0rdXyz", "exclamation_mark", "enter")  # Enter moves to the confirmation
        await pilot.press(*"NewPassw0rdXyz", "exclamation_mark", "enter")
        await settle(pilot)
        assert app.screen.view.state == "SIGNED_IN"


async def test_a_new_password_is_typed_twice_and_its_policy_error_is_in_sight(settings, cognito, unique):
    import html

    import boto3

    d = cognito.demo
    idp = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=cognito.endpoint_url)
    username, temporary = unique("newpw"), "Temp-Passw0rd!"
    idp.admin_create_user(UserPoolId=d.user_pool_id, Username=username, TemporaryPassword=temporary,
                          MessageAction="SUPPRESS")
    app = SignInApp(settings, d.identity_pool_id, [(d.user_pool_id, d.client_id)])
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(app, pilot, username, temporary)
        screen = app.screen
        first, again = screen.query_one("#challenge", Input), screen.query_one("#challenge-confirm", Input)
        assert first.password and again.password and again.display
        await pilot.press(*"NewPassw0rdXyz", "exclamation_mark", "enter", *"Different0ne", "exclamation_mark", "enter")
        await settle(pilot)
        assert "differ" in text_of(app, "#status") and screen.view.state == "NEW_PASSWORD_REQUIRED"
        assert first.value == again.value == ""
        await pilot.press(*"short", "enter", *"short", "enter")  # against the pool's password policy
        await settle(pilot)
        status = text_of(app, "#status")
        assert "password policy" in status and screen.view.state == "NEW_PASSWORD_REQUIRED"
        shown = html.unescape(app.export_screenshot()).replace("\u00a0", " ")
        assert "password policy" in shown  # at 80x24, without scrolling
        assert "NewPassw0rdXyz" not in shown
        await pilot.press(*"NewPassw0rdXyz", "exclamation_mark", "enter", *"NewPassw0rdXyz", "exclamation_mark", "enter")
        await settle(pilot)
        assert screen.view.state == "SIGNED_IN"


async def test_hostile_text_is_shown_literally_and_runs_nothing(settings, cognito):
    d = cognito.demo
    app = SignInApp(settings, d.identity_pool_id, [(d.user_pool_id, d.client_id)])
    hostile = ["[/x]", "[@click=app.quit]q[/]"]
    async with app.run_test(size=SIZE) as pilot:
        for text in hostile:
            for field in ("#username", "#password"):
                app.screen.query_one(field, Input).value = ""
                await type_into(pilot, field, text)
            await pilot.press("enter")
            await settle(pilot)
            assert app.is_running
            status = text_of(app, "#status")
            assert status.startswith("Failed while signing in")
        # a typed pool ID that is hostile too: error shown literally, the app keeps running
        screen = app.screen
        screen.query_one("#pool", Input).disabled = False
        screen.query_one("#pool", Input).value = ""
        await type_into(pilot, "#pool", "[@click=app.quit]q[/]")
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert "[@click=app.quit]q[/]" in text_of(app, "#status")


async def test_first_sign_in_in_the_view_costs_four_calls_plus_the_proof(settings, cognito):
    from cognito_tui.aws.gateway import Aws

    d = cognito.demo
    aws = Aws(settings)
    calls: list[str] = []
    aws.clients.add_hook("before-call", lambda model, **_: calls.append(model.name))
    app = SignInApp(aws, d.identity_pool_id, [(d.user_pool_id, d.client_id)])
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(app, pilot, d.username, d.password)
        await settle(pilot)
        # Four calls to sign in; the STS proof, made with the new credentials, is the fifth.
        assert calls == ["InitiateAuth", "RespondToAuthChallenge", "GetId", "GetCredentialsForIdentity",
                         "GetCallerIdentity"]
        assert "CognitoIdentityCredentials" in text_of(app, "#caller")


async def test_auto_refresh_runs_when_the_schedule_says_so(settings, cognito):
    from dataclasses import replace
    from datetime import timedelta

    from cognito_tui.tui.signin.panels import utc_now

    d = cognito.demo
    app = SignInApp(settings, d.identity_pool_id, [(d.user_pool_id, d.client_id)])
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(app, pilot, d.username, d.password)
        screen = app.screen
        assert "Auto-refresh   at" in text_of(app, "#refresh")
        old = screen.view.credentials
        # as if the refresh time had come: the countdown's next tick starts the refresh
        screen.view = replace(screen.view, refresh_at=utc_now() - timedelta(seconds=1))
        screen._tick()
        await settle(pilot)
        assert "auto-refreshed" in text_of(app, "#refresh")
        assert screen.view.credentials.session_token != old.session_token
        assert screen.view.refresh_at > utc_now()


async def test_typing_the_pool_id_loads_its_providers(settings, cognito):
    d = cognito.demo
    app = SignInApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#pool", Input)
        await pilot.press(*[ch if ch.isalnum() else _key(ch) for ch in d.identity_pool_id], "enter")
        await settle(pilot)
        assert app.screen.providers == [(d.user_pool_id, d.client_id)]
        assert "1 Cognito provider(s) found." in text_of(app, "#status")


def test_signin_command_help_and_bad_pool_id(capsys):
    from cognito_tui.cli import main

    with pytest.raises(SystemExit):
        main(["signin", "--help"])
    assert "example:" in capsys.readouterr().out
    assert main(["signin", "--identity-pool-id", "not-a-pool"]) == 2


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_every_key_of_the_signed_in_view_is_on_screen(settings, cognito, size):
    import html

    d = cognito.demo
    app = SignInApp(settings, d.identity_pool_id, [(d.user_pool_id, d.client_id)])
    async with app.run_test(size=size) as pilot:
        await sign_in(app, pilot, d.username, d.password)
        await pilot.pause()
        shown = html.unescape(app.export_screenshot()).replace("\u00a0", " ")
        for label in ("Back", "Refresh", "Reveal", "Copy env", "JSON", "Profile", "Use in app", "Sign out",
                      "Doctor"):
            assert label in shown, f"{label!r} is not on screen at {size}"


async def test_authenticator_setup_shows_the_qr_code_and_key_and_signs_in_with_the_apps_code(settings, cognito):
    import boto3
    import pyotp

    from cognito_tui.ids import provider_name
    from cognito_tui.tui.signin.authenticator import AuthenticatorQrScreen

    endpoint = cognito.endpoint_url
    idp = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=endpoint)
    pool = idp.create_user_pool(PoolName="mfa-on")["UserPool"]["Id"]
    client = idp.create_user_pool_client(UserPoolId=pool, ClientName="app", ExplicitAuthFlows=[
        "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    idp.set_user_pool_mfa_config(UserPoolId=pool, MfaConfiguration="ON",
                                 SoftwareTokenMfaConfiguration={"Enabled": True})
    idp.admin_create_user(UserPoolId=pool, Username="totp-user", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool, Username="totp-user", Password="Totp-Passw0rd!", Permanent=True)
    ci = boto3.client("cognito-identity", region_name="us-east-1", endpoint_url=endpoint)
    config = ci.describe_identity_pool(IdentityPoolId=cognito.demo.identity_pool_id)
    config.pop("ResponseMetadata", None)
    config["CognitoIdentityProviders"] = [{"ProviderName": provider_name(pool), "ClientId": client,
                                           "ServerSideTokenCheck": False}]
    ci.update_identity_pool(**config)
    try:
        app = SignInApp(settings, cognito.demo.identity_pool_id, [(pool, client)])
        async with app.run_test(size=SIZE) as pilot:
            await sign_in(app, pilot, "totp-user", "Totp-Passw0rd!")
            assert isinstance(app.screen, AuthenticatorQrScreen)
            qr = str(app.screen.query_one("#qr", Static).render())
            assert qr.count("\n") + 1 <= 23 and "█" in qr  # the whole code fits 24 lines
            key = app.screen.key.replace(" ", "")
            assert key in str(app.screen.query_one("#qr-key", Static).render()).replace(" ", "")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, SignInScreen)
            shown = text_of(app, "#challenge-prompt")
            assert app.screen.view.authenticator.secret == key and key[:4] in shown
            await type_into(pilot, "#challenge", "123456")  # a wrong code is refused
            await pilot.press("enter")
            await settle(pilot)
            assert "does not match" in text_of(app, "#status")
            await type_into(pilot, "#challenge", pyotp.TOTP(key).now())
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.view.state == "SIGNED_IN"
            assert "ASIA" in text_of(app, "#credentials")
    finally:
        config["CognitoIdentityProviders"] = [{"ProviderName": provider_name(cognito.demo.user_pool_id),
                                               "ClientId": cognito.demo.client_id, "ServerSideTokenCheck": False}]
        ci.update_identity_pool(**config)
