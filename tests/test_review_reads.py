"""The review runs a dry run of Save and the doctor, which read the same identity pool, its roles,
user pools and app clients: each is read once (counted at the wire by the proxy), and both say
exactly what they say when each reads for itself."""

from __future__ import annotations

import pytest

from cognito_tui.aws.gateway import Aws
from cognito_tui.aws.shared_reads import SharedReads
from cognito_tui.plan_v2 import RoleSpec
from cognito_tui.settings import Settings
from cognito_tui.setup.converge import apply_v2
from cognito_tui.tui.app import create_app

from pilot import SIZE, add_provider, expect, settle, to_providers, wait_screen
from test_doctor_builders import trust_policy
from test_wizard_create import shown
from test_wizard_doctor import wait_for_warnings
from test_wizard_roles import OTHER_POOL, choose, given_role

# What the review reads, each once: the pool (the dry run), its roles and the role (both), the
# provider's user pool (the doctor) and app client (both).
ONCE = {"DescribeIdentityPool": 1, "GetIdentityPoolRoles": 1, "GetRole": 1, "DescribeUserPool": 1,
        "DescribeUserPoolClient": 1}


async def _review(pilot, name: str, demo, fix: str | None) -> None:
    """A new provider on the pool, the pool's role kept (or its trust policy fixed); then the review."""
    app = pilot.app
    await to_providers(pilot, name)
    await add_provider(pilot, demo.user_pool_id, demo.client_id)
    await pilot.press("n")
    await wait_screen(pilot, "RolesScreen")
    await expect(pilot, lambda: app.screen.roles is not None, what="the pool's roles")
    if fix:
        await choose(pilot, "fix")
        await expect(pilot, lambda: app.flow.state.roles == {"authenticated": RoleSpec(fix, fix_trust=True)},
                     what="the fix chosen")


@pytest.mark.parametrize("choice", ["keep", "fix"])
async def test_the_review_reads_the_pool_and_its_roles_once_for_its_dry_run_and_its_doctor(
        proxy, pool, demo, boto, unique, choice):
    name, pool_id = pool
    arn = given_role(boto, unique, pool_id, trust_policy(pool_id if choice == "keep" else OTHER_POOL))
    app = create_app(Settings(region="us-east-1", endpoint_url=proxy.url, max_attempts=2))
    async with app.run_test(size=SIZE) as pilot:
        await _review(pilot, name, demo, arn if choice == "fix" else None)
        await settle(pilot)
        proxy.received.clear()
        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        warnings = await wait_for_warnings(pilot)
        await settle(pilot)
        reads = dict(proxy.received)
        plan = " ".join(shown(app, "#plan-steps").split())
    assert reads == ONCE
    assert "nothing that would stop the sign-in" in warnings  # the doctor judged the role as Save leaves it
    if choice == "fix":
        assert f"admit identity pool {pool_id} for authenticated users" in plan  # the dry run's trust fix


@pytest.mark.parametrize("choice", ["keep", "fix"])
async def test_through_shared_reads_the_dry_run_and_the_doctor_say_what_they_say_alone(
        settings, pool, demo, boto, unique, choice):
    name, pool_id = pool
    arn = given_role(boto, unique, pool_id, trust_policy(OTHER_POOL))
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await _review(pilot, name, demo, arn if choice == "fix" else None)
        state = app.flow.state
    from cognito_tui.diff import desired_config
    from cognito_tui.doctor import run_checks
    from cognito_tui.doctor.facts import fetch_facts
    from cognito_tui.wizard.roles import with_role_choices

    def both(aws):
        dry = apply_v2(aws, state.plan_v2(), dry_run=True)
        facts = fetch_facts(aws, pool_id, config=desired_config(state.base, state.pool_plan()))
        doctor = run_checks(with_role_choices(facts, dict(state.roles), state.identity_pool_name, aws))
        return ([(s.kind, s.what, s.name, s.id, s.detail) for s in dry.steps], dry.warnings, repr(dry.error),
                [(f.id, f.severity, f.subject, f.message) for f in doctor.findings])

    alone = both(Aws(settings))
    shared = both(SharedReads(Aws(settings)))
    assert shared == alone
    assert any(finding[2] == arn for finding in alone[3]) == (choice == "keep")  # the doctor flags a kept role
