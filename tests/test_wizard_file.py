"""The wizard file means what it says: walking every step and every move, the screens read each
key the file declares (fields and forward moves), and reading a key it does not declare fails.
The account behind the wizard is the fixed one of the snapshot tests, so the walk is exact."""

from __future__ import annotations

import pytest
from textual.worker import WorkerFailed

from cognito_tui.settings import Settings
from cognito_tui.tui.app import WizardApp
from cognito_tui.tui.flow import Flow
from cognito_tui.wizard import load_wizard, parse_wizard
from cognito_tui.wizard.loader import WizardFileError, wizard_files

from fixed_account import CLIENTS, POOL, ROLES, UP1, FixedAws, FixedService, app_for_snapshot
from pilot import SIZE, expect, on, settle, text, type_into, wait_screen

SHIPPED = next(f for f in wizard_files() if f.name == "connect_user_pools.yaml").read_text()
WEB, BACKEND = (c.id for c in CLIENTS[UP1])
ROLE = ROLES[0]["Arn"]


async def typed_id_not_listed(pilot) -> None:
    """Type a value the list does not hold (the field may take a typed ID), then clear it."""
    await type_into(pilot, "zz-not-listed")
    assert "Nothing matches" not in text(pilot.app)
    await type_into(pilot, "")


async def press(pilot, *keys: str, to: str) -> None:
    await pilot.press(*keys)
    await wait_screen(pilot, to)


async def walk_every_step_and_move(pilot, plan_path) -> None:
    app = pilot.app
    await wait_screen(pilot, "IdentityPoolScreen")
    await typed_id_not_listed(pilot)
    await press(pilot, "enter", to="ProvidersScreen")                 # identity_pool -> chosen
    await press(pilot, "r", to="RolesScreen")                         # providers -> review (the roles first)
    await press(pilot, "escape", to="ProvidersScreen")
    await press(pilot, "enter", to="UserPoolScreen")                  # providers -> add
    await typed_id_not_listed(pilot)
    await press(pilot, "enter", to="AppClientScreen")                 # user_pool -> chosen
    await type_into(pilot, WEB)
    await press(pilot, "enter", to="AddAnotherScreen")                # app_client -> added
    await press(pilot, "a", to="UserPoolScreen")                      # add_another -> add
    await press(pilot, "enter", to="AppClientScreen")
    await type_into(pilot, BACKEND)
    await pilot.press("enter")                                        # a secret: warned first
    await settle(pilot)
    await press(pilot, "enter", to="AddAnotherScreen")
    await press(pilot, "n", to="RolesScreen")                         # add_another -> review (the roles first)
    await press(pilot, "up", "enter", to="RolePickScreen")            # roles -> pick (the last choice)
    await typed_id_not_listed(pilot)
    await type_into(pilot, ROLE)
    await press(pilot, "enter", to="RolesScreen")                     # role -> chosen
    await press(pilot, "r", to="ReviewScreen")                        # roles -> review
    app.flow.service.aws.identity_pools.configs[POOL]["AllowClassicFlow"] = True   # changed meanwhile
    await pilot.press("ctrl+s")                                      # review -> save
    await expect(pilot, lambda: on(app, "SaveScreen") and "changed" in text(app, "#save-title"), what="a conflict")
    await press(pilot, "r", to="ReviewScreen")                        # save -> reload
    await pilot.press("ctrl+s")
    await expect(pilot, lambda: on(app, "SaveScreen") and "successfully" in text(app, "#save-title"), what="the save")
    await press(pilot, "w", to="InputScreen")                         # the plan file's field
    await type_into(pilot, str(plan_path), "#answer")
    await pilot.press("enter")
    await expect(pilot, lambda: plan_path.exists(), what="the plan written")


async def test_the_screens_read_every_key_the_wizard_file_declares(tmp_path):
    app = app_for_snapshot()
    async with app.run_test(size=SIZE) as pilot:
        await walk_every_step_and_move(pilot, tmp_path / "plan.yaml")
    declared = app.flow.spec.declarations()
    assert "app_client.server_side_token_check.default" in declared and "save.next.reload" in declared
    assert app.flow.reads == declared
    # A key the file declares that no screen reads is what this test catches:
    extra = parse_wizard(SHIPPED.replace('        kind: "select"\n        placeholder: "Type to filter by name',
                                         '        kind: "select"\n        label: "Filter"\n'
                                         '        placeholder: "Type to filter by name'), "extra.yaml")
    assert extra.declarations() - app.flow.reads == {"identity_pool.identity_pool_id.label"}


@pytest.mark.parametrize("change, error", [
    (('        placeholder: "Type to filter, or type a user pool ID"\n', ""),
     "user_pool.user_pool_id.placeholder: the screen reads it, but the wizard file does not set it."),
    (('    next:\n      chosen: "app_client"\n', ""),
     "user_pool.next.chosen: the screen makes this move; the wizard file has none."),
    (('      - name: "user_pool_id"\n        kind: "select"', '      - name: "user_pool_id"\n        kind: "text"'),
     "user_pool.user_pool_id: the screen shows a select field; the file says text."),
])
async def test_a_screen_reading_what_the_file_does_not_declare_fails(change, error):
    old, new = change
    assert old in SHIPPED
    text_ = SHIPPED.replace(old, new)
    if "kind: \"text\"" in new:  # a text field has no choices: keep the loader's own check out of the way
        text_ = text_.replace('        choices: "user_pools"\n        allow_typed: true\n', "")
    spec = parse_wizard(text_, "changed.yaml")
    settings = Settings(region="us-east-1")
    app = WizardApp(Flow(spec, FixedService(settings, aws=FixedAws()), drafts=False), resume=False)
    with pytest.raises((WizardFileError, WorkerFailed)) as caught:
        async with app.run_test(size=SIZE) as pilot:
            await wait_screen(pilot, "IdentityPoolScreen")
            await pilot.press("enter")
            await wait_screen(pilot, "ProvidersScreen")
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
    failure = caught.value.error if isinstance(caught.value, WorkerFailed) else caught.value  # raised building the screen
    assert isinstance(failure, WizardFileError) and failure.message == error


def test_the_shipped_file_declares_the_moves_each_screen_makes():
    spec = load_wizard()
    assert {step.id: step.next for step in spec.steps} == {
        "identity_pool": {"chosen": "providers"},
        "providers": {"add": "user_pool", "review": "roles"},
        "user_pool": {"chosen": "app_client"},
        "app_client": {"added": "add_another"},
        "add_another": {"add": "user_pool", "review": "roles"},
        "roles": {"pick": "role", "review": "review"},
        "role": {"chosen": "roles"},
        "review": {"save": "save"},
        "save": {"reload": "review"},
    }
