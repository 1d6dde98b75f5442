"""The wizard end to end, driven by keys at 80x24 against the local Cognito over HTTP."""

from __future__ import annotations

import re
import stat

import pytest

from cognito_tui.drafts import draft_path
from cognito_tui.ids import provider_name
from cognito_tui.settings import Settings
from cognito_tui.tui.app import create_app
from cognito_tui.tui.service import WizardService
from cognito_tui.tui.modals import ConfirmScreen, ErrorScreen

from aws_builders import describe, make_pool
from pilot import (
    SIZE, add_provider, checked_as_typed, expect, on, save_detail, settle, text, through_roles, to_app_clients,
    to_providers, type_into, wait_screen,
)
from screen_text import widget_lines


def review_lines(app) -> str:
    """The review's diff lines as drawn, wrapped lines joined back."""
    return re.sub(r"\n {10,}", " ", "\n".join(widget_lines(app.screen.query_one("#diff-lines"))))


async def test_happy_path_adds_the_provider_and_keeps_every_other_field(settings, boto, pool, demo):
    name, pool_id = pool
    before = describe(boto, pool_id)
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name, keys=True)
        assert "No Cognito providers yet" in text(app)
        assert "Developer provider: login." in text(app, "#other-providers")
        await add_provider(pilot, demo.user_pool_id, demo.client_id)
        await pilot.press("n")
        await through_roles(pilot)
        assert f"+ add     user pool {demo.user_pool_id}," in review_lines(app)
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SaveScreen")
        await expect(pilot, lambda: "saved successfully" in text(app, "#save-title"), what="the save")
        assert text(app, "#save-title") == "Changes saved successfully."
        assert "Backup of the pool as it was:\n  " in save_detail(app)
        assert app.screen.query_one("#sign_in").display
        assert not draft_path(settings).exists()
        await pilot.press("d")
        await wait_screen(pilot, "DoctorScreen")
        assert pool_id in str(app.screen.query_one(".dialog-title").content)
        await pilot.press("escape")
        await wait_screen(pilot, "SaveScreen")
        await pilot.press("s")
        await wait_screen(pilot, "SignInScreen")
        assert app.screen.identity_pool_id == pool_id
        assert app.screen.providers == [(demo.user_pool_id, demo.client_id)]
        await pilot.press("escape")
        await wait_screen(pilot, "SaveScreen")
    after = describe(boto, pool_id)
    assert after.pop("CognitoIdentityProviders") == [
        {"ProviderName": provider_name(demo.user_pool_id), "ClientId": demo.client_id, "ServerSideTokenCheck": False}]
    before.pop("CognitoIdentityProviders", None)
    assert after == before


async def test_escape_walks_back_through_the_steps(settings, pool, demo):
    name, _ = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        await to_app_clients(pilot, demo.user_pool_id)
        assert "Step 4 of 8: App client" == text(app, "#step-header")
        await pilot.press("escape")
        await wait_screen(pilot, "UserPoolScreen")
        await pilot.press("escape")
        await wait_screen(pilot, "ProvidersScreen")
        await pilot.press("escape")
        await wait_screen(pilot, "IdentityPoolScreen")
        await pilot.press("escape")  # the first step has nowhere to go back to
        await pilot.pause(0.2)
        assert on(app, "IdentityPoolScreen") and app.is_running


@pytest.mark.parametrize("typed, expected", [
    ("not-a-pool-id", "Malformed user pool ID 'not-a-pool-id'."),
    ("bad_pool!", "Malformed user pool ID 'bad_pool!'."),
])
async def test_a_bad_user_pool_is_refused_inline_with_the_reason(settings, pool, typed, expected):
    name, _ = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        await pilot.press("enter")
        await wait_screen(pilot, "UserPoolScreen")
        await expect(pilot, lambda: app.screen.loaded)
        await type_into(pilot, typed)
        await checked_as_typed(pilot)
        assert expected in text(app)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await expect(pilot, lambda: expected in text(app), what=expected)
        assert on(app, "UserPoolScreen") and app.flow.state.pending_user_pool_id == ""
        assert app.screen.query_one("#status").has_class("error")


async def test_a_client_of_another_user_pool_is_refused_inline(settings, pool, demo):
    name, _ = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        await to_app_clients(pilot, demo.user_pool_id)
        await type_into(pilot, demo.second_client_id)
        await pilot.press("enter")
        expected = f"App client {demo.second_client_id} is not a client of user pool {demo.user_pool_id}."
        await expect(pilot, lambda: expected in text(app), what=expected)
        assert on(app, "AppClientScreen") and app.flow.state.providers == []
        await type_into(pilot, "bad client!")
        await expect(pilot, lambda: "Malformed app client ID 'bad client!'" in text(app))


async def test_a_client_with_a_secret_is_flagged_before_it_is_added(settings, pool, demo):
    name, _ = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        await to_app_clients(pilot, demo.user_pool_id)
        await type_into(pilot, demo.secret_client_id)
        await expect(pilot, lambda: app.screen.details.get(demo.secret_client_id) is not None)
        assert app.screen.choices.row(demo.secret_client_id).cells[2] == "yes"
        await pilot.press("enter")
        await expect(pilot, lambda: "This client has a secret" in text(app))
        assert on(app, "AppClientScreen")
        await pilot.press("enter")  # a second Enter adds it anyway
        await wait_screen(pilot, "AddAnotherScreen")
        assert [p.client_id for p in app.flow.state.providers] == [demo.secret_client_id]


async def test_a_conflict_writes_nothing_shows_what_changed_and_reload_reapplies(settings, boto, pool, demo):
    name, pool_id = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        await add_provider(pilot, demo.user_pool_id, demo.client_id)
        await pilot.press("n")
        await through_roles(pilot)
        changed = describe(boto, pool_id)
        changed["SupportedLoginProviders"]["accounts.google.com"] = "changed-meanwhile"
        changed.update(AllowUnauthenticatedIdentities=True, IdentityPoolTags={"team": "someone else"},
                       CognitoIdentityProviders=[{"ProviderName": provider_name(demo.second_user_pool_id),
                                                  "ClientId": demo.second_client_id, "ServerSideTokenCheck": True}])
        boto("cognito-identity").update_identity_pool(**changed)
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SaveScreen")
        await expect(pilot, lambda: "changed since you read it" in text(app, "#save-title"))
        shown = widget_lines(app.screen.query_one("#save-detail Static"))
        rows = "\n".join(shown)
        # The same `+ add / - REMOVE / ~ change` lines as apply and rollback, wrapped between words.
        assert "~ change  guest (unauthenticated) access off -> on" in rows
        assert '+ add     login provider accounts.google.com: "changed-meanwhile"' in rows
        assert '~ change  tag team: "wizard-tests" -> "someone else"' in rows
        joined = re.sub(r"\n {10,}", " ", rows)
        assert (f"+ add     user pool {demo.second_user_pool_id}, client {demo.second_client_id}, "
                "server-side check on") in joined, rows
        assert "{'" not in rows and "True" not in rows and "None" not in rows
        words = set(joined.split())
        assert all(word in words for row in shown for word in row.split()), "a word was cut"
        assert max(len(row) for row in shown) <= 80
        assert describe(boto, pool_id) == changed  # nothing written
        assert not app.screen.query_one("#sign_in").display
        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        assert "1 added" in text(app, "#diff")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SaveScreen")
        await expect(pilot, lambda: text(app, "#save-title") == "Changes saved successfully.")
    after = describe(boto, pool_id)
    assert after["SupportedLoginProviders"]["accounts.google.com"] == "changed-meanwhile"
    assert [p["ClientId"] for p in after["CognitoIdentityProviders"]] == [demo.second_client_id, demo.client_id]


async def test_an_unreachable_endpoint_opens_the_error_modal_and_retry_recovers(settings, pool):
    name, _ = pool
    dead = Settings(region="us-east-1", endpoint_url="http://127.0.0.1:9", max_attempts=1,
                    connect_timeout=0.5, read_timeout=1.0)
    app = create_app(dead)
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "ErrorScreen")
        modal = app.screen
        assert isinstance(modal, ErrorScreen)
        assert text(app, "#dialog-title") == "Endpoint unreachable"
        assert "Cannot reach the endpoint" in text(app, "#error-message")
        assert text(app, "#error-hint")
        await pilot.press("escape")  # Cancel: the app stays up and says what happened
        await wait_screen(pilot, "IdentityPoolScreen")
        assert "Could not load the list" in text(app)
        assert not [w for w in app.workers if w.is_running and w.name == "load"]
        await pilot.press("ctrl+r")
        await wait_screen(pilot, "ErrorScreen")
        app.flow.service = WizardService(settings)  # the endpoint is back
        await pilot.click("#retry")
        await wait_screen(pilot, "IdentityPoolScreen")
        await type_into(pilot, name)
        await expect(pilot, lambda: app.screen.choices.match_count == 1)


async def test_a_server_error_while_reading_the_pool_can_be_retried(settings, pool, endpoint):
    from faulty_proxy import ERROR_500, FaultyProxy

    name, _ = pool
    with FaultyProxy(endpoint) as proxy:
        proxy.add("DescribeIdentityPool", ERROR_500)
        app = create_app(Settings(region="us-east-1", endpoint_url=proxy.url, max_attempts=1))
        async with app.run_test(size=SIZE) as pilot:
            await wait_screen(pilot, "IdentityPoolScreen")
            await type_into(pilot, name)
            await expect(pilot, lambda: app.screen.choices.match_count == 1)
            await pilot.press("enter")
            await wait_screen(pilot, "ErrorScreen")
            assert text(app, "#dialog-title") == "Endpoint unreachable"
            assert "internal error" in text(app, "#error-message")
            proxy.clear()
            await pilot.press("r")
            await wait_screen(pilot, "ProvidersScreen")
            await expect(pilot, lambda: app.flow.state.base is not None)


async def test_an_unfinished_change_is_kept_as_a_draft_and_resumed(settings, boto, pool, demo):
    name, pool_id = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        await add_provider(pilot, demo.user_pool_id, demo.client_id)
        await pilot.press("n")
        await through_roles(pilot)
        await pilot.press("ctrl+q")
        await expect(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
    path = draft_path(settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert demo.client_id in path.read_text() and "ecret" not in path.read_text()

    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await expect(pilot, lambda: isinstance(app.screen, ConfirmScreen) and app.screen.has_class("resume-modal"), what="the resume offer")
        assert pool_id in text(app, "#dialog-message")
        await pilot.press("enter")
        await wait_screen(pilot, "ReviewScreen")
        assert "+ add     user pool" in review_lines(app)
        await pilot.press("ctrl+s")
        await expect(pilot, lambda: on(app, "SaveScreen") and text(app, "#save-title") == "Changes saved successfully.")
    assert not path.exists()
    assert [p["ClientId"] for p in describe(boto, pool_id)["CognitoIdentityProviders"]] == [demo.client_id]


async def test_providers_can_be_removed_and_their_check_toggled(settings, boto, unique, demo):
    name = unique("wiz")
    pool_id = make_pool(boto, name, CognitoIdentityProviders=[
        {"ProviderName": provider_name(demo.user_pool_id), "ClientId": demo.client_id, "ServerSideTokenCheck": False},
        {"ProviderName": provider_name(demo.second_user_pool_id), "ClientId": demo.second_client_id,
         "ServerSideTokenCheck": False}])
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        assert app.screen.table.row_count == 2
        await pilot.press("t")                  # first row: check on
        await pilot.press("down", "d")          # second row: removed
        assert "1 removed, 1 changed" in text(app)
        await pilot.press("r")
        await through_roles(pilot)
        shown = review_lines(app)
        assert f"- REMOVE  user pool {demo.second_user_pool_id}" in shown
        assert f"~ change  user pool {demo.user_pool_id}, client {demo.client_id}: server-side check off -> on" in shown
        await pilot.press("ctrl+s")
        await expect(pilot, lambda: on(app, "SaveScreen") and text(app, "#save-title") == "Changes saved successfully.")
    assert describe(boto, pool_id)["CognitoIdentityProviders"] == [
        {"ProviderName": provider_name(demo.user_pool_id), "ClientId": demo.client_id, "ServerSideTokenCheck": True}]


async def test_a_retry_after_a_later_page_failed_lists_each_pool_once(endpoint, boto, proxy):
    from faulty_proxy import DENY

    region = "ap-southeast-3"  # a region of its own: more than one page of pools
    regional = boto("cognito-identity", region)
    made = {regional.create_identity_pool(IdentityPoolName=f"paged_{i}", AllowUnauthenticatedIdentities=False)
            ["IdentityPoolId"] for i in range(61)}
    proxy.add("ListIdentityPools", DENY, when=lambda n: n == 2, region=region)  # the second page, once
    app = create_app(Settings(region=region, endpoint_url=proxy.url, max_attempts=1), resume=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "ErrorScreen")
        await pilot.click("#retry")
        await wait_screen(pilot, "IdentityPoolScreen")
        await settle(pilot)
        keys = app.screen.choices.keys()
    assert sorted(keys) == sorted(made)  # each once, though the first page came twice


async def test_at_60_columns_every_key_of_a_step_is_shown(settings, pool):
    name, _ = pool
    app = create_app(settings, resume=False)
    async with app.run_test(size=(60, 20)) as pilot:
        await to_providers(pilot, name)
        await settle(pilot)
        keys = text(app, "#keys")
    for label in ("Add user pool", "Back", "Help", "Review", "Remove", "Check on/off", "Quit"):
        assert label in keys  # wrapped onto a second line, never cut at the edge
    assert max(len(line) for line in keys.splitlines()) <= 58
