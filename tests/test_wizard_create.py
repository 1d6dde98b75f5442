"""Setup from nothing in the wizard: "+ New identity pool", "+ New user pool" and "+ New app client"
rows, the review's dry run, Save through the version 2 apply, and the plan it writes. Driven by
keys at 80x24 against the local Cognito over HTTP; checked through the AWS API."""

from __future__ import annotations

import dataclasses
import re

from cognito_tui.aws.gateway import Aws
from cognito_tui.ids import provider_name
from cognito_tui.plan import load_plan
from cognito_tui.setup.converge import apply_v2
from cognito_tui.tui.app import create_app
from cognito_tui.tui.modals import ConfirmScreen, InputScreen

from faulty_proxy import ERROR_500, FaultyProxy
from pilot import SIZE, expect, on, save_detail, settle, text, through_roles, type_into, wait_screen
from screen_text import widget_lines

EMPTY_REGION = "af-south-1"     # no other test puts anything here: the wizard starts from nothing
FAILING_REGION = "ap-east-1"    # the same, for the run that fails midway
DRAFT_REGION = "me-south-1"     # the same, for the draft that is resumed


def shown(app, selector: str) -> str:
    """A widget's text as drawn, wrapped lines joined back."""
    return re.sub(r"\n {4,}", " ", "\n".join(widget_lines(app.screen.query_one(selector))))


async def answer(pilot, value: str) -> None:
    """Type the name the "+ New" dialog asks for, and Enter."""
    await expect(pilot, lambda: isinstance(pilot.app.screen, InputScreen), what="the name dialog")
    await type_into(pilot, value, "#answer")
    await pilot.press("enter")
    await settle(pilot)


async def create_everything(pilot, names: dict) -> None:
    """From the first step of an empty region to the review, through the "+ New" rows only."""
    app = pilot.app
    await wait_screen(pilot, "IdentityPoolScreen")
    await expect(pilot, lambda: app.screen.loaded, what="the (empty) list")
    assert app.screen.choices.match_count == 0 and "Enter creates a new one" in text(app)
    await pilot.press("enter")                                   # the "+ New identity pool" row
    await answer(pilot, names["ip"])
    assert isinstance(app.screen, ConfirmScreen) and "Guest access" in str(app.screen.title_text)
    await pilot.press("n")                                       # no guests
    await wait_screen(pilot, "ProvidersScreen")
    assert f"New identity pool: {names['ip']}" in text(app, "#pool-title")
    await pilot.press("enter")
    await wait_screen(pilot, "UserPoolScreen")
    await expect(pilot, lambda: app.screen.loaded)
    await pilot.press("enter")                                   # "+ New user pool"
    await answer(pilot, names["up"])
    await wait_screen(pilot, "AppClientScreen")
    assert "no app clients yet" in text(app)
    await pilot.press("enter")                                   # "+ New app client"
    await answer(pilot, names["client"])
    await wait_screen(pilot, "AddAnotherScreen")
    await pilot.press("n")
    await wait_screen(pilot, "RolesScreen")                     # a new pool has no role: create is the default
    await expect(pilot, lambda: app.screen.roles is not None, what="the roles step")
    assert "A new identity pool has no roles yet." in text(app, "#verdict-authenticated")
    assert f"Save creates Cognito_{names['ip']}Auth_Role" in text(app, "#outcome-authenticated")
    await pilot.press("r")
    await wait_screen(pilot, "ReviewScreen")


def region_settings(settings, region):
    return dataclasses.replace(settings, region=region)


async def test_from_nothing_the_new_rows_create_a_wired_setup_and_a_second_save_changes_nothing(
        settings, boto, unique, tmp_path):
    names = {"ip": unique("ids-"), "up": unique("users-"), "client": "web"}
    app = create_app(region_settings(settings, EMPTY_REGION))
    async with app.run_test(size=SIZE) as pilot:
        await create_everything(pilot, names)
        await expect(pilot, lambda: "Save creates" in shown(app, "#plan-steps"), what="the dry run")
        steps = shown(app, "#plan-steps")
        assert f"+ add     new user pool {names['up']}: in {EMPTY_REGION}" in steps, steps
        assert f"+ add     new app client {names['client']}: public" in steps, steps
        assert f"+ add     new identity pool {names['ip']}: in {EMPTY_REGION}, guest access off" in steps, steps
        assert f"+ add     provider user pool {names['up']}, client {names['client']}" in steps, steps
        assert f"+ add     new role Cognito_{names['ip']}Auth_Role" in steps, steps
        assert "Ctrl+S creates all of this" in text(app)
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SaveScreen")
        await expect(pilot, lambda: text(app, "#save-title") == "Changes saved successfully.", what="the save")
        detail = save_detail(app)
        pool_id = app.screen.pool_id
        assert pool_id.startswith(f"{EMPTY_REGION}:") and f"identity pool {names['ip']}:\n    {pool_id}\n" in detail
        plan = app.flow.state.plan_v2()
        await pilot.press("w")                                  # "Write this plan": version 2
        await answer(pilot, str(tmp_path / "plan.yaml"))
        assert "Plan written to" in text(app)

    # Through the AWS API: the user pool, its public client, the pool and its provider, wired.
    idp, identity = boto("cognito-idp", EMPTY_REGION), boto("cognito-identity", EMPTY_REGION)
    [user_pool] = [p for p in idp.list_user_pools(MaxResults=60)["UserPools"] if p["Name"] == names["up"]]
    assert f"user pool {names['up']}:\n    {user_pool['Id']}\n" in detail
    [client] = idp.list_user_pool_clients(UserPoolId=user_pool["Id"])["UserPoolClients"]
    assert client["ClientName"] == names["client"] and f"app client web:\n    {client['ClientId']}\n" in detail
    described = idp.describe_user_pool_client(UserPoolId=user_pool["Id"], ClientId=client["ClientId"])["UserPoolClient"]
    assert "ClientSecret" not in described and "ALLOW_USER_SRP_AUTH" in described["ExplicitAuthFlows"]
    config = identity.describe_identity_pool(IdentityPoolId=pool_id)
    assert config["IdentityPoolName"] == names["ip"] and config["AllowUnauthenticatedIdentities"] is False
    assert config["CognitoIdentityProviders"] == [{"ProviderName": provider_name(user_pool["Id"]),
                                                   "ClientId": client["ClientId"], "ServerSideTokenCheck": False}]
    # and its authenticated role, made by the Roles step's default, trusting this pool (the doctor agrees).
    role_arn = identity.get_identity_pool_roles(IdentityPoolId=pool_id)["Roles"]["authenticated"]
    assert role_arn.endswith(f":role/Cognito_{names['ip']}Auth_Role") and role_arn in detail
    from cognito_tui.doctor import diagnose

    report, _ = diagnose(Aws(region_settings(settings, EMPTY_REGION)), pool_id)
    assert not [f for f in report.findings if f.id.startswith("role.")], report.findings

    # A second apply of the same answers, and of the plan file written, creates and changes nothing.
    aws = Aws(region_settings(settings, EMPTY_REGION))
    again = apply_v2(aws, plan)
    assert again.exit_code == 0 and not again.has_changes and not again.created, again.to_dict()
    written = load_plan(tmp_path / "plan.yaml")
    assert written == dataclasses.replace(plan, source=written.source)
    assert not apply_v2(aws, written).has_changes


async def test_a_save_that_fails_midway_names_what_it_created_and_save_again_converges(settings, boto, unique,
                                                                                         endpoint):
    names = {"ip": unique("ids-"), "up": unique("users-"), "client": "web"}
    with FaultyProxy(endpoint) as proxy:
        proxy.add("CreateIdentityPool", ERROR_500)
        app = create_app(dataclasses.replace(settings, region=FAILING_REGION, endpoint_url=proxy.url))
        async with app.run_test(size=SIZE) as pilot:
            await create_everything(pilot, names)
            await pilot.press("ctrl+s")
            await wait_screen(pilot, "ErrorScreen")
            await pilot.press("escape")
            await wait_screen(pilot, "SaveScreen")
            assert text(app, "#save-title") == "Saved only in part."
            detail = save_detail(app)
            assert "Created before the failure (Save again finds them and carries on):" in detail
            assert f"user pool {names['up']}:\n    {FAILING_REGION}_" in detail and "app client web:\n    " in detail
            proxy.clear()
            await pilot.press("escape")                         # back to the review, then Save again
            await wait_screen(pilot, "ReviewScreen")
            await pilot.press("ctrl+s")
            await wait_screen(pilot, "SaveScreen")
            await expect(pilot, lambda: text(app, "#save-title") == "Changes saved successfully.")
            detail = save_detail(app)
            assert "user pool" not in detail and f"identity pool {names['ip']}:\n    " in detail
    idp = boto("cognito-idp", FAILING_REGION)
    assert [p["Name"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]].count(names["up"]) == 1
    pools = boto("cognito-identity", FAILING_REGION).list_identity_pools(MaxResults=60)["IdentityPools"]
    assert [p["IdentityPoolName"] for p in pools].count(names["ip"]) == 1


async def test_a_new_user_pool_takes_a_second_client_and_unsaved_creations_resume_from_a_draft(settings, unique):
    from cognito_tui.drafts import draft_path

    names = {"ip": unique("ids-"), "up": unique("users-"), "client": "web"}
    settings = region_settings(settings, DRAFT_REGION)
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await create_everything(pilot, names)
        # A second client of the new user pool: it is listed (new) on the user pool step.
        await pilot.press("escape")
        await wait_screen(pilot, "RolesScreen")
        await pilot.press("escape")
        await wait_screen(pilot, "ProvidersScreen")
        await pilot.press("enter")
        await wait_screen(pilot, "UserPoolScreen")
        await expect(pilot, lambda: app.screen.loaded)
        await type_into(pilot, names["up"])
        await expect(pilot, lambda: app.screen.choices.match_count == 1, what="the new user pool listed")
        await pilot.press("enter")
        await wait_screen(pilot, "AppClientScreen")
        await pilot.press("enter")
        await answer(pilot, "admin")
        await wait_screen(pilot, "AddAnotherScreen")
        await pilot.press("n")
        await through_roles(pilot)
        await pilot.press("ctrl+q")
        await expect(pilot, lambda: isinstance(app.screen, ConfirmScreen) and "not saved" in app.screen.message)
        await pilot.press("y")
    kept = draft_path(settings).read_text()
    assert names["ip"] in kept and names["up"] in kept
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await expect(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the resume offer")
        assert f"new identity pool {names['ip']}: 2 provider(s) listed" in text(app, "#dialog-message")
        await pilot.press("enter")
        await wait_screen(pilot, "ReviewScreen")
        await expect(pilot, lambda: "Save creates" in shown(app, "#plan-steps"), what="the dry run")
        steps = shown(app, "#plan-steps")
        assert steps.count(f"+ add     new user pool {names['up']}") == 1, steps
        assert "new app client web:" in steps and "new app client admin:" in steps, steps
        assert f"new role Cognito_{names['ip']}Auth_Role" in steps, steps   # the Roles step's answer, resumed


async def test_enter_picks_the_matching_pool_never_the_new_row(settings, pool, demo):
    name, pool_id = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "IdentityPoolScreen")
        await expect(pilot, lambda: app.screen.loaded)
        for typed in (name, pool_id):                           # a filter, and a whole ID
            await type_into(pilot, typed)
            await expect(pilot, lambda: app.screen.choices.match_count == 1)
            await pilot.press("enter")
            await wait_screen(pilot, "ProvidersScreen")
            assert app.flow.state.identity_pool_id == pool_id
            await pilot.press("escape")
            await wait_screen(pilot, "IdentityPoolScreen")
        # A name that matches nothing is no ID: Enter says so; Ctrl+N offers it as the new pool's name.
        await type_into(pilot, "no-such-pool-here")
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "IdentityPoolScreen") and "Ctrl+N: new identity pool named so." in text(app)
        await pilot.press("ctrl+n")
        await expect(pilot, lambda: isinstance(app.screen, InputScreen))
        assert app.screen.query_one("#answer").value == "no-such-pool-here"
        await type_into(pilot, "bad/name", "#answer")
        await pilot.press("enter")
        assert "'bad/name' is not a valid identity pool name" in str(app.screen.query_one("#answer-error").content)
        await type_into(pilot, name, "#answer")
        await pilot.press("enter")
        assert "exists already" in str(app.screen.query_one("#answer-error").content)
        await pilot.press("escape")
        # The same on the user pool step, and Down to the "+ New" row and Enter asks for a name.
        await type_into(pilot, "")
        await type_into(pilot, pool_id)
        await expect(pilot, lambda: app.screen.choices.match_count == 1)
        await pilot.press("enter")
        await wait_screen(pilot, "ProvidersScreen")
        await pilot.press("enter")
        await wait_screen(pilot, "UserPoolScreen")
        await expect(pilot, lambda: app.screen.loaded)
        await type_into(pilot, demo.user_pool_id)
        await expect(pilot, lambda: app.screen.choices.match_count == 1)
        await pilot.press("enter")
        await wait_screen(pilot, "AppClientScreen")
        assert app.flow.state.pending_user_pool_id == demo.user_pool_id
        await expect(pilot, lambda: app.screen.loaded)
        await type_into(pilot, demo.client_id)
        await expect(pilot, lambda: app.screen.choices.match_count == 1)
        await pilot.press("down")
        assert app.screen.choices.pinned_highlighted
        await pilot.press("enter")
        await expect(pilot, lambda: isinstance(app.screen, InputScreen), what="the new client's name")
        assert "New app client of user pool" in str(app.screen.title_text)


def test_save_on_a_pool_changed_since_review_is_a_conflict_before_anything_is_created(aws, boto, unique):
    """The wizard's Save passes the pool as reviewed: changed meanwhile, nothing at all is written,
    not even the new user pool that would come first."""
    from aws_builders import describe, make_pool
    from cognito_tui.wizard.creations import NewProvider
    from cognito_tui.wizard.state import WizardState

    pool_id = make_pool(boto, unique("conflict-"))
    state = WizardState()
    state.choose_pool(pool_id)
    state.set_base(describe(boto, pool_id))
    up = unique("users-")
    state.add_new(NewProvider(up, "web"))
    boto("cognito-identity").update_identity_pool(**{**describe(boto, pool_id), "AllowClassicFlow": True})
    from cognito_tui.wizard.actions import apply_setup_plan
    from cognito_tui.wizard.validators import Context

    report = apply_setup_plan(Context(state, aws))
    assert report.exit_code == 3 and report.created == []
    assert [k for k, _, _ in report.pools[0].changed_meanwhile] == ["AllowClassicFlow"]
    assert up not in [p["Name"] for p in boto("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]]
    state.rebase(describe(boto, pool_id))                          # "r" reloads: the same answers on top
    report = apply_setup_plan(Context(state, aws))
    assert report.exit_code == 0 and [s.what for s in report.created] == ["user pool", "app client"]
    assert len(describe(boto, pool_id)["CognitoIdentityProviders"]) == 1


async def test_a_new_pool_name_found_taken_at_review_says_so_with_what_save_would_change(settings, boto, unique):
    """A pool made after the list was read (or not listed) takes the name: the review says Save would
    change that pool, and shows its providers' diff, instead of a creation."""
    from aws_builders import user_pool

    name, region = unique("ids-"), "eu-south-2"
    app = create_app(region_settings(settings, region))
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "IdentityPoolScreen")
        await expect(pilot, lambda: app.screen.loaded)
        up, client = user_pool(boto, region=region)
        made = boto("cognito-identity", region).create_identity_pool(
            IdentityPoolName=name, AllowUnauthenticatedIdentities=False,
            CognitoIdentityProviders=[{"ProviderName": provider_name(up), "ClientId": client}])["IdentityPoolId"]
        await pilot.press("ctrl+n")
        await answer(pilot, name)
        await pilot.press("n")
        await wait_screen(pilot, "ProvidersScreen")
        await pilot.press("r")
        await settle(pilot)
        if on(app, "RolesScreen"):  # the Roles step, where the wizard has it
            await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        await expect(pilot, lambda: "exists already" in shown(app, "#plan-steps"), what="the name found taken")
        steps = shown(app, "#plan-steps")
        assert f"Identity pool {name}: Save changes (a dry run)" in steps, steps
        assert (f"An identity pool named {name} exists already ({made}): Save changes that pool"
                in " ".join(steps.split())), steps
        assert f"- REMOVE  user pool {up}, client {client}" in steps, steps
