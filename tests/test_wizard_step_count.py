""""Step N of M" counts the steps on the user's way: the steps the answers skip are not counted,
and the numbers go up going forward and down going back (driven at 80x24 against the local Cognito)."""

from __future__ import annotations

from pilot import SIZE, add_provider, expect, text, to_providers, type_into, wait_screen
from test_wizard_roles import choose, given_role, make_role, to_roles, trust_policy

from cognito_tui.tui.app import create_app


def header(app) -> str:
    return text(app, "#step-header")


async def test_going_on_without_adding_a_user_pool_skips_the_adding_steps(settings, pool):
    name, _ = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "IdentityPoolScreen")
        # Adding a user pool is the usual way; the role list only a side trip.
        assert header(app) == "Step 1 of 8: Identity pool"
        await to_roles(pilot, name)
        assert header(app) == "Step 3 of 5: Roles"
        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        assert header(app) == "Step 4 of 5: Review"
        await pilot.press("escape")
        await wait_screen(pilot, "RolesScreen")
        assert header(app) == "Step 3 of 5: Roles"
        await pilot.press("escape")
        await wait_screen(pilot, "ProvidersScreen")
        assert header(app) == "Step 2 of 8: Providers"  # adding is ahead again


async def test_the_role_list_counts_only_while_a_role_is_picked(settings, pool, boto, unique, demo):
    name, pool_id = pool
    given_role(boto, unique, pool_id, trust_policy(pool_id))
    other = make_role(boto, unique, trust_policy(pool_id))
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        assert header(app) == "Step 2 of 8: Providers"
        await add_provider(pilot, demo.user_pool_id, demo.client_id)
        assert header(app) == "Step 5 of 8: Add another provider"
        await pilot.press("n")
        await wait_screen(pilot, "RolesScreen")
        await expect(pilot, lambda: app.screen.roles is not None, what="the pool's roles")
        assert header(app) == "Step 6 of 8: Roles"
        await choose(pilot, "pick")
        await wait_screen(pilot, "RolePickScreen")
        assert header(app) == "Step 7 of 9: Another role"
        await expect(pilot, lambda: app.screen.loaded, what="the roles listed")
        await type_into(pilot, other)
        await pilot.press("enter")
        await wait_screen(pilot, "RolesScreen")
        await expect(pilot, lambda: app.screen.roles is not None, what="the roles read again")
        assert header(app) == "Step 6 of 9: Roles"
        await choose(pilot, "keep")  # the picked role dropped: the list is off the way again
        await expect(pilot, lambda: header(app) == "Step 6 of 8: Roles", what="the count without the list")
        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        assert header(app) == "Step 7 of 8: Review"
        await pilot.press("escape")
        await wait_screen(pilot, "RolesScreen")
        await pilot.press("escape")
        await wait_screen(pilot, "ProvidersScreen")
        assert header(app) == "Step 2 of 8: Providers"
