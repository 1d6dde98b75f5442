"""A draft is offered for resume only when it holds a change: opening a pool and leaving it as it
was leaves nothing to resume."""

from __future__ import annotations

from cognito_tui.drafts import draft_path, save_draft
from cognito_tui.tui.app import create_app

from pilot import SIZE, expect, to_providers, wait_screen


async def test_looking_at_a_pool_without_changing_it_leaves_no_draft(settings, pool):
    name, _pool_id = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        await expect(pilot, lambda: app.flow.state.base is not None, what="the pool read")
        await pilot.press("enter")  # on to the next step: the answers so far are autosaved
        await wait_screen(pilot, "UserPoolScreen")
        await pilot.press("ctrl+q")  # nothing changed: quits without asking
        await expect(pilot, lambda: not app.is_running, what="the quit")
    assert not draft_path(settings).exists()

    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "IdentityPoolScreen")
        assert type(app.screen).__name__ != "ResumeScreen"


async def test_a_draft_without_a_change_is_not_offered_and_is_dropped(settings, boto, pool):
    from cognito_tui.wizard.state import WizardState

    _name, pool_id = pool
    config = boto("cognito-identity").describe_identity_pool(IdentityPoolId=pool_id)
    config.pop("ResponseMetadata", None)
    state = WizardState()
    state.choose_pool(pool_id, config.get("IdentityPoolName", ""))
    state.set_base(config)
    state.step = "providers"
    save_draft(settings, state)
    assert draft_path(settings).exists() and not state.has_changes

    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "IdentityPoolScreen")
        assert type(app.screen).__name__ != "ResumeScreen"
    assert not draft_path(settings).exists()
