"""Any region, any account: a user pool of another region is added in the wizard by typing its IDs
and users sign in through it; one this account cannot read is a warning, added anyway."""

from __future__ import annotations

from aws_builders import describe, trusted_authenticated_role
from cognito_tui.ids import provider_name
from cognito_tui.tui.app import create_app

from pilot import (
    SIZE, checked_as_typed, expect, save_and_sign_in, text, through_roles, to_providers, type_into, wait_screen,
)

PASSWORD = "Corr3ct-Horse-Battery!"


async def type_user_pool(pilot, pool_name: str, user_pool_id: str):
    """To the user pool step of this identity pool, and type a user pool ID there."""
    await to_providers(pilot, pool_name)
    await pilot.press("enter")
    await wait_screen(pilot, "UserPoolScreen")
    await expect(pilot, lambda: pilot.app.screen.loaded, what="the user pools")
    await type_into(pilot, user_pool_id)
    await checked_as_typed(pilot)


async def test_a_us_west_2_user_pool_typed_by_id_is_added_and_a_user_signs_in(settings, boto, pool, unique):
    name, pool_id = pool
    west = boto("cognito-idp", "us-west-2")
    user_pool_id = west.create_user_pool(PoolName=unique("west"))["UserPool"]["Id"]
    client_id = west.create_user_pool_client(UserPoolId=user_pool_id, ClientName="w", ExplicitAuthFlows=[
        "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    west.admin_create_user(UserPoolId=user_pool_id, Username="wes", MessageAction="SUPPRESS")
    west.admin_set_user_password(UserPoolId=user_pool_id, Username="wes", Password=PASSWORD, Permanent=True)
    trusted_authenticated_role(settings.endpoint_url, pool_id, f"auth-{name}")
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await type_user_pool(pilot, name, user_pool_id)
        await expect(pilot, lambda: "found in us-west-2" in text(app), what="the user pool read in us-west-2")
        await pilot.press("enter")
        await wait_screen(pilot, "AppClientScreen")
        await expect(pilot, lambda: app.screen.loaded, what="the clients")
        await type_into(pilot, client_id)
        await pilot.press("enter")
        await wait_screen(pilot, "AddAnotherScreen")
        await pilot.press("n")
        await through_roles(pilot)
        screen = await save_and_sign_in(pilot)
        screen.query_one("#username").value = "wes"
        screen.query_one("#password").value = PASSWORD
        screen.query_one("#password").focus()
        await pilot.press("enter")
        await expect(pilot, lambda: screen.view is not None and screen.view.state == "SIGNED_IN",
                       what=f"sign-in; status {screen.query_one('#status').render()}")
        assert screen.view.credentials is not None
    assert describe(boto, pool_id)["CognitoIdentityProviders"][0]["ProviderName"] == provider_name(user_pool_id)


async def test_a_user_pool_this_account_cannot_read_is_a_warning_and_enter_again_adds_it(settings, boto, pool):
    name, pool_id = pool
    elsewhere, client_id = "eu-west-1_NotHere123", "1h57kf5cpq17m0eml12example"
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await type_user_pool(pilot, name, elsewhere)
        await expect(pilot, lambda: "cannot be read from this account" in text(app), what="the warning")
        assert app.screen.query_one("#status").has_class("warn")
        await pilot.press("enter")
        await expect(pilot, lambda: "Enter again adds it anyway" in text(app), what="add anyway")
        await pilot.press("enter")
        await wait_screen(pilot, "AppClientScreen")
        await type_into(pilot, client_id)
        await pilot.press("enter")
        await expect(pilot, lambda: "Enter again adds it anyway" in text(app), what="the client warning")
        await pilot.press("enter")
        await wait_screen(pilot, "AddAnotherScreen")
        await pilot.press("n")
        await through_roles(pilot)
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SaveScreen")
        await expect(pilot, lambda: "saved successfully" in text(app, "#save-title"), what="the save")
    assert describe(boto, pool_id)["CognitoIdentityProviders"] == [
        {"ProviderName": provider_name(elsewhere), "ClientId": client_id, "ServerSideTokenCheck": False}]
