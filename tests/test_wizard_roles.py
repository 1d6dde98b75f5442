"""The Roles step, against the local Cognito at 80x24: the pool's roles and the doctor's verdict on
their trust policies, and the choices keep / create / fix / pick written into state.roles."""

from __future__ import annotations

import json

import pytest

from cognito_tui.doctor import ERROR, diagnose
from cognito_tui.plan_v2 import RoleSpec
from cognito_tui.role_trust import good_trust_policy
from cognito_tui.tui.app import create_app
from cognito_tui.wizard.roles import read_pool_roles
from cognito_tui.wizard.state import WizardState

from pilot import SIZE, expect, on, text, to_providers, type_into, wait_screen
from test_doctor_builders import trust_policy

OTHER_POOL = "us-east-1:00000000-1111-2222-3333-444444444444"


def make_role(boto, unique, document: dict) -> str:
    return boto("iam").create_role(RoleName=unique("role"), AssumeRolePolicyDocument=json.dumps(document))["Role"]["Arn"]


def set_roles(boto, pool_id: str, **roles: str) -> None:
    boto("cognito-identity").set_identity_pool_roles(IdentityPoolId=pool_id, Roles=roles)


def given_role(boto, unique, pool_id: str, document: dict, kind: str = "authenticated") -> str:
    """A new role with this trust policy, set as the pool's role of this kind."""
    arn = make_role(boto, unique, document)
    set_roles(boto, pool_id, **{kind: arn})
    return arn


async def to_roles(pilot, name: str) -> None:
    """From the first step: the pool named name, then r from the providers to the Roles step, read."""
    await to_providers(pilot, name)
    await pilot.press("r")
    await wait_screen(pilot, "RolesScreen")
    await expect(pilot, lambda: pilot.app.screen.roles is not None, what="the pool's roles")


async def to_role_list(pilot, name: str) -> None:
    """To the Roles step, then "Pick another role" for the authenticated role: the list loaded."""
    await to_roles(pilot, name)
    await choose(pilot, "pick")
    await wait_screen(pilot, "RolePickScreen")
    await expect(pilot, lambda: pilot.app.screen.loaded, what="the roles listed")


def section(app, kind: str = "authenticated") -> str:
    """What the kind's section shows: its verdict, its choices (the chosen one marked *), its outcome."""
    choices = app.screen.query_one(f"#choice-{kind}")
    lines = [text(app, f"#verdict-{kind}")]
    lines += [("* " if button.value else "  ") + str(button.label) for button in choices.query("RadioButton")]
    lines.append(text(app, f"#outcome-{kind}"))
    return "\n".join(lines)


def options(app, kind: str = "authenticated") -> list[str]:
    return [button.name for button in app.screen.query_one(f"#choice-{kind}").query("RadioButton")]


async def choose(pilot, value: str, kind: str = "authenticated") -> None:
    """Move the kind's cursor to the choice `value` and press Enter, as a keyboard user does."""
    app = pilot.app
    choices = app.screen.query_one(f"#choice-{kind}")
    while not choices.has_focus:
        await pilot.press("tab")
    names = options(app, kind)
    steps = (names.index(value) - choices._selected) % len(names)
    await pilot.press(*["down"] * steps, "enter")


async def test_a_pool_without_a_role_defaults_to_creating_one(settings, pool):
    name, pool_id = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_roles(pilot, name)
        assert app.flow.state.roles == {"authenticated": RoleSpec(None)}
        shown = section(app)
        assert "The pool has no role of this kind." in shown
        assert "* Create a role with the right trust policy" in shown
        assert f"Save creates Cognito_{name}Auth_Role" in shown
        assert options(app) == ["create", "pick"]  # nothing to keep or fix
        assert not app.screen.query("#choice-unauthenticated")  # guest access is off


async def test_a_role_that_does_not_admit_the_pool_is_shown_so_and_its_fix_offered(settings, pool, boto, unique, aws):
    name, pool_id = pool
    arn = given_role(boto, unique, pool_id, trust_policy(OTHER_POOL))
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_roles(pilot, name)
        shown = section(app)
        assert f"The pool's role: {arn.rsplit('/', 1)[1]}" in shown and "NOT admitted" in shown
        assert OTHER_POOL in shown and "* Keep the pool's role" in shown
        assert options(app) == ["keep", "create", "fix", "pick"]
        assert app.flow.state.roles == {}  # keep: the kind is absent
        await choose(pilot, "fix")
        await expect(pilot, lambda: app.flow.state.roles == {"authenticated": RoleSpec(arn, fix_trust=True)},
                     what="the fix chosen")
        assert "Save corrects the trust policy of" in section(app) and "* Fix this role's trust policy" in section(app)
        await choose(pilot, "keep")
        await expect(pilot, lambda: app.flow.state.roles == {}, what="keep again")
        assert "Save leaves the pool's role as it is, which keeps refusing this pool" in section(app)
    # The doctor says the same of the pool as it is (nothing was saved).
    report, _ = diagnose(aws, pool_id)
    assert any(f.subject == arn and f.id.startswith("role.trust-") and f.severity == ERROR for f in report.findings)


async def test_keep_leaves_the_kind_out_of_the_answers(settings, pool, boto, unique):
    name, pool_id = pool
    arn = given_role(boto, unique, pool_id, trust_policy(pool_id))
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_roles(pilot, name)
        shown = section(app)
        assert "OK: its trust policy admits this identity pool." in shown and "* Keep the pool's role" in shown
        assert options(app) == ["keep", "create", "pick"]  # nothing to fix
        await choose(pilot, "create")
        await expect(pilot, lambda: app.flow.state.roles == {"authenticated": RoleSpec(None)}, what="create")
        await choose(pilot, "keep")
        await expect(pilot, lambda: app.flow.state.roles == {}, what="keep")
        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        assert app.flow.state.roles == {}


async def test_another_role_is_picked_by_its_typed_arn(settings, pool, boto, unique):
    name, pool_id = pool
    given_role(boto, unique, pool_id, trust_policy(pool_id))
    other = make_role(boto, unique, trust_policy(OTHER_POOL))
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_role_list(pilot, name)
        await type_into(pilot, "arn:aws:iam::123:role/x")
        await pilot.press("enter")
        await expect(pilot, lambda: "is not an IAM role ARN" in text(app), what="the ARN refused")
        await type_into(pilot, other)
        await pilot.press("enter")
        await wait_screen(pilot, "RolesScreen")
        await expect(pilot, lambda: app.screen.roles is not None, what="the roles read again")
        assert app.flow.state.roles == {"authenticated": RoleSpec(other)}
        shown = section(app)
        assert f"Picked: {other}" in shown and "NOT admitted" in shown and OTHER_POOL in shown
        assert f"* Pick another role (picked: {other.rsplit('/', 1)[1]})" in shown
        assert app.focused is app.screen.query_one("#choice-authenticated")
        # Its trust policy can be fixed too: fix is about the role picked.
        await choose(pilot, "fix")
        await expect(pilot, lambda: app.flow.state.roles == {"authenticated": RoleSpec(other, fix_trust=True)},
                     what="the picked role's fix")
        await pilot.press("escape")
        await wait_screen(pilot, "ProvidersScreen")


async def test_the_role_list_says_which_roles_admit_the_pool(settings, pool, boto, unique):
    name, pool_id = pool
    good = make_role(boto, unique, trust_policy(pool_id))
    bad = make_role(boto, unique, trust_policy(OTHER_POOL))
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_role_list(pilot, name)
        rows = app.screen.choices
        assert rows.row(good).cells[1] == "yes" and rows.row(bad).cells[1] == "no"
        await type_into(pilot, good.rsplit("/", 1)[1])
        await expect(pilot, lambda: rows.match_count == 1, what="the role filtered")
        await pilot.press("enter")
        await wait_screen(pilot, "RolesScreen")
        assert app.flow.state.roles == {"authenticated": RoleSpec(good)}


async def test_with_guest_access_on_the_unauthenticated_role_is_asked_about_too(settings, boto, unique, aws):
    from aws_builders import make_pool

    name = unique("guests")
    pool_id = make_pool(boto, name, AllowUnauthenticatedIdentities=True)
    guest_role = given_role(boto, unique, pool_id, trust_policy(pool_id), "unauthenticated")  # not for guests
    report, _ = diagnose(aws, pool_id)
    (doctor,) = [f for f in report.findings if f.subject == guest_role]
    assert doctor.id == "guest-role.trust-amr" and "guests (amr unauthenticated) never meet" in doctor.message
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_roles(pilot, name)
        assert app.flow.state.roles == {"authenticated": RoleSpec(None)}
        guests = section(app, "unauthenticated")
        assert "NOT admitted" in guests and doctor.message in guests  # the doctor's words
        assert options(app, "unauthenticated") == ["keep", "create", "fix", "pick"]
        await choose(pilot, "fix", "unauthenticated")
        await expect(pilot, lambda: app.flow.state.roles.get("unauthenticated") == RoleSpec(guest_role, True),
                     what="the guest role's fix")
        assert app.flow.state.roles["authenticated"] == RoleSpec(None)


@pytest.mark.parametrize("policy, admits", [
    ("good", True),
    ("another pool", False),
    ("guests amr", False),
    ("misspelt amr key", False),
    ("guests let in too", True),  # the doctor warns; the step says so and offers the fix
])
async def test_the_step_and_the_doctor_agree_on_a_trust_policy(settings, pool, boto, unique, aws, policy, admits):
    name, pool_id = pool
    document = {"good": good_trust_policy(pool_id),
                "another pool": trust_policy(OTHER_POOL),
                "guests amr": good_trust_policy(pool_id, "unauthenticated"),
                "misspelt amr key": trust_policy(pool_id, amr_key="cognito-identity.amazonaws.com:amrr"),
                "guests let in too": {"Version": "2012-10-17", "Statement": [{
                    "Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                    "Action": "sts:AssumeRoleWithWebIdentity",
                    "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": pool_id}}}]}}[policy]
    arn = given_role(boto, unique, pool_id, document)
    report, _ = diagnose(aws, pool_id)
    doctor = [f for f in report.findings if f.subject == arn and f.id.startswith("role.")]
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_roles(pilot, name)
        status = app.screen.roles.current["authenticated"]
        shown = section(app)
    assert status.admits is admits
    assert status.admits == (not any(f.severity == ERROR for f in doctor))
    assert ("fix" in shown.lower()) == bool(doctor)
    if doctor:
        assert doctor[0].message in shown
    else:
        assert "OK: its trust policy admits this identity pool." in shown


def test_a_new_identity_pool_has_no_roles_and_creates_them(aws):
    """When the identity pool is still to be created there is nothing to read: no current role."""
    state = WizardState()
    roles = read_pool_roles(aws, state)
    assert all(status.arn is None for status in roles.current.values())
    from cognito_tui.wizard.roles import default_choice

    default_choice(state, "authenticated", roles.current["authenticated"])
    assert state.roles == {"authenticated": RoleSpec(None)}
