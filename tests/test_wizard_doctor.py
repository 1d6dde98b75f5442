"""The doctor on the review step checks the pool as it will be after the save (its providers and
the Roles step's choices)."""

import html

from cognito_tui.plan_v2 import RoleSpec
from cognito_tui.tui.app import create_app

from pilot import SIZE, add_provider, expect, review_new_provider, text, wait_screen


async def test_doctor_on_review_checks_the_change_not_the_pool_as_it_is(settings, pool, demo):
    name, pool_id = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await review_new_provider(pilot, name, demo.user_pool_id, demo.client_id)
        await pilot.press("ctrl+d")
        await wait_screen(pilot, "DoctorScreen")
        report = app.screen.query_one("DoctorView")
        ids = {f.id for f in report.findings}
        # The pool has no provider yet; the change under review adds one, and that is what is checked.
        assert "pool.no-cognito-provider" not in ids
        assert "after saving" in str(app.screen.query_one(".dialog-title").content)


async def wait_for_warnings(pilot):
    await expect(pilot, lambda: "Checking" not in text(pilot.app, "#warnings"), what="the review's doctor")
    return text(pilot.app, "#warnings")


async def test_review_judges_the_role_the_roles_step_creates_not_the_missing_one(settings, pool, demo):  # noqa: F811
    """A pool without an authenticated role: the Roles step creates one by default, so the review's
    doctor (on the pool as it will be) finds nothing that would stop the sign-in."""
    name, pool_id = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await review_new_provider(pilot, name, demo.user_pool_id, demo.client_id)
        assert app.flow.state.roles == {"authenticated": RoleSpec(None)}
        shown = await wait_for_warnings(pilot)
        assert "nothing that would stop the sign-in" in shown and "no authenticated role" not in shown


async def test_review_names_a_role_that_trusts_another_pool(settings, pool, demo, boto, unique):  # noqa: F811
    import json

    from test_doctor_builders import trust_policy

    name, pool_id = pool
    other = "us-east-1:00000000-1111-2222-3333-444444444444"
    arn = boto("iam").create_role(RoleName=unique("review"),
                                  AssumeRolePolicyDocument=json.dumps(trust_policy(other)))["Role"]["Arn"]
    boto("cognito-identity").set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": arn})
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await review_new_provider(pilot, name, demo.user_pool_id, demo.client_id)
        shown = await wait_for_warnings(pilot)
        assert arn.rsplit("/", 1)[1] in shown and other in shown and "no authenticated role" not in shown
        # on the review step itself, without scrolling, at 80x24
        screen = html.unescape(app.export_screenshot()).replace("\u00a0", " ")
        assert "Will stop the sign-in" in screen and arn.rsplit("/", 1)[1] in screen


async def test_review_judges_a_trust_policy_the_roles_step_fixes_by_its_fix(settings, pool, demo, boto, unique):  # noqa: F811
    import json

    from test_doctor_builders import trust_policy

    from pilot import to_providers

    name, pool_id = pool
    arn = boto("iam").create_role(RoleName=unique("fixed"), AssumeRolePolicyDocument=json.dumps(
        trust_policy("us-east-1:00000000-1111-2222-3333-444444444444")))["Role"]["Arn"]
    boto("cognito-identity").set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": arn})
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        await add_provider(pilot, demo.user_pool_id, demo.client_id)
        await pilot.press("n")
        await wait_screen(pilot, "RolesScreen")
        await expect(pilot, lambda: app.screen.roles is not None, what="the roles")
        await pilot.press("down", "down", "enter")              # keep, create, fix: fix
        await expect(pilot, lambda: app.flow.state.roles.get("authenticated") == RoleSpec(arn, fix_trust=True))
        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        assert "nothing that would stop the sign-in" in await wait_for_warnings(pilot)


async def test_review_says_so_when_nothing_will_stop_the_sign_in(settings, pool, demo):  # noqa: F811
    from aws_builders import trusted_authenticated_role

    name, pool_id = pool
    trusted_authenticated_role(settings.endpoint_url, pool_id, f"auth-{name}")
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await review_new_provider(pilot, name, demo.user_pool_id, demo.client_id)
        assert "nothing that would stop the sign-in" in await wait_for_warnings(pilot)
