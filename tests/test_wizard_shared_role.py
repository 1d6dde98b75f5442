"""One IAM role for both kinds of identity (signed-in users and guests) of a pool, its trust policy
fixed from the wizard's Roles step. Save keeps both kinds in, and Review judges (and shows) the
trust policy Save writes, not one that keeps only the chosen kind in.

Proven on the local Cognito with real sign-ins: a user of the user pool (ID token in the logins map,
GetId, GetCredentialsForIdentity) and a guest (GetId without logins, GetCredentialsForIdentity).
"""

from __future__ import annotations

import json

import pytest
from aws_builders import user_pool
from test_doctor_builders import PASSWORD
from test_guest_trust import AMR, AUD, OTHER_POOL, guest, guest_signs_in, signs_in

from cognito_tui.diff import desired_config
from cognito_tui.doctor import ERROR, diagnose, fetch_facts, run_checks
from cognito_tui.plan_v2 import RoleSpec
from cognito_tui.role_trust import good_trust_policy
from cognito_tui.setup.converge import apply_v2
from cognito_tui.wizard.roles import with_role_choices
from cognito_tui.wizard.state import WizardState

# (name, the shared role's trust policy as a function of the pool ID, the kinds whose fix is chosen)
CASES = [
    ("guests refused, guests' fix", lambda p: good_trust_policy(p), ("unauthenticated",)),
    ("signed-in users refused, their fix", lambda p: good_trust_policy(p, "unauthenticated"), ("authenticated",)),
    ("both refused, the signed-in users' fix", lambda p: {"Version": "2012-10-17", "Statement": [
        guest(p, condition={"StringEquals": {AUD: OTHER_POOL}})]}, ("authenticated",)),
    ("both refused, both fixes", lambda p: {"Version": "2012-10-17", "Statement": [
        guest(p, condition={"StringEquals": {AUD: OTHER_POOL}})]}, ("authenticated", "unauthenticated")),
]


@pytest.fixture
def shared(boto, unique):
    """A pool with guest access on and a user pool provider (user alice), whose one role serves both
    kinds; make(policy) gives that role the trust policy."""
    user_pool_id, client_id = user_pool(boto)
    idp, ci, iam = boto("cognito-idp"), boto("cognito-identity"), boto("iam")
    idp.admin_create_user(UserPoolId=user_pool_id, Username="alice", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=user_pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    provider = f"cognito-idp.us-east-1.amazonaws.com/{user_pool_id}"
    name = unique("shared")
    pool_id = ci.create_identity_pool(IdentityPoolName=name, AllowUnauthenticatedIdentities=True,
                                      CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": client_id}]
                                      )["IdentityPoolId"]
    role_name = unique("both")

    def make(policy: dict) -> str:
        arn = iam.create_role(RoleName=role_name, AssumeRolePolicyDocument=json.dumps(policy))["Role"]["Arn"]
        ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": arn, "unauthenticated": arn})
        return arn

    def sign_ins() -> tuple[bool, bool]:
        """(a signed-in user gets credentials, a guest gets credentials): real sign-ins."""
        return (signs_in(ci, idp, pool_id, client_id, provider, PASSWORD),
                guest_signs_in({"ci": ci, "pool_id": pool_id, "guest_name": role_name}))

    def stored() -> dict:
        return iam.get_role(RoleName=role_name)["Role"]["AssumeRolePolicyDocument"]

    return {"name": name, "pool_id": pool_id, "role_name": role_name, "make": make, "sign_ins": sign_ins,
            "stored": stored}


def review(aws, state: WizardState):
    """What Review runs: the doctor on the pool as it will be after Save (the Roles step's choices in
    place) and the dry run of Save's apply."""
    facts = fetch_facts(aws, state.identity_pool_id, config=desired_config(state.base, state.pool_plan()))
    facts = with_role_choices(facts, dict(state.roles), state.identity_pool_name, aws)
    return facts, run_checks(facts), apply_v2(aws, state.plan_v2(), dry_run=True)


@pytest.mark.parametrize("case", [pytest.param(c, id=c[0]) for c in CASES])
def test_review_assumes_and_save_writes_a_trust_policy_that_lets_both_kinds_sign_in(aws, shared, case):
    _, policy, fixes = case
    arn = shared["make"](policy(shared["pool_id"]))
    assert shared["sign_ins"]() != (True, True)  # broken for at least one kind, as the case says
    state = WizardState()
    state.choose_pool(shared["pool_id"], shared["name"])
    state.set_base(aws.identity_pools.describe(shared["pool_id"]))
    state.roles = {kind: RoleSpec(arn, fix_trust=True) for kind in fixes}  # "fix" chosen in the Roles step

    facts, doctor, dry = review(aws, state)
    assumed = facts.role_trust[arn].value["AssumeRolePolicyDocument"]
    assert not [f for f in doctor.findings if f.subject == arn and f.severity == ERROR], [
        f.message for f in doctor.findings]
    assert dry.error is None
    (step,) = [s for s in dry.steps if s.what == "trust policy"]  # one change, even when fixed for both kinds
    assert step.trust.document == assumed  # the dry run (Review's list) and Review's doctor: one policy

    report = apply_v2(aws, state.plan_v2())  # Save
    assert report.error is None, report.error
    assert shared["sign_ins"]() == (True, True)
    assert shared["stored"]() == assumed  # Review judged the policy Save wrote
    after, _ = diagnose(aws, shared["pool_id"])
    assert not [f for f in after.findings if f.subject == arn], [f.message for f in after.findings]


def test_the_trust_policy_review_assumed_lets_both_kinds_sign_in(aws, shared):
    """The policy Review judges, written to the role as it is: both kinds get credentials with it."""
    arn = shared["make"](good_trust_policy(shared["pool_id"]))  # guests refused
    state = WizardState()
    state.choose_pool(shared["pool_id"], shared["name"])
    state.set_base(aws.identity_pools.describe(shared["pool_id"]))
    state.roles = {"unauthenticated": RoleSpec(arn, fix_trust=True)}
    facts, _, _ = review(aws, state)
    assumed = facts.role_trust[arn].value["AssumeRolePolicyDocument"]
    aws.roles.update_trust(arn, assumed)
    assert shared["sign_ins"]() == (True, True)


@pytest.mark.parametrize(("policy", "fix", "says"), [
    (lambda p: good_trust_policy(p), "unauthenticated",  # guests refused: their fix
     "It keeps statement 1 (Allow for this identity pool). It adds the statement a console-made role for "
     "guests has."),
    (lambda p: {"Version": "2012-10-17", "Statement": [  # both refused: the signed-in users' fix
        guest(p, condition={"StringEquals": {AUD: OTHER_POOL}})]}, "authenticated",
     f"It keeps statement 1 (Allow for identity pool {OTHER_POOL}). It adds the statements console-made roles "
     "have (for signed-in users and for guests)."),
], ids=["guests refused", "both refused"])
async def test_the_wizard_fixes_a_shared_role_for_both_kinds_and_review_shows_what_save_writes(
        settings, shared, policy, fix, says):
    from pilot import SIZE, expect, text, wait_screen
    from test_wizard_create import shown
    from test_wizard_doctor import wait_for_warnings
    from test_wizard_roles import choose, to_roles

    from cognito_tui.tui.app import create_app

    arn = shared["make"](policy(shared["pool_id"]))
    assert shared["sign_ins"]() != (True, True)
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_roles(pilot, shared["name"])
        await choose(pilot, "fix", fix)
        await expect(pilot, lambda: app.flow.state.roles == {fix: RoleSpec(arn, fix_trust=True)}, what="the fix")
        await pilot.press("r")
        await wait_screen(pilot, "ReviewScreen")
        warnings = await wait_for_warnings(pilot)
        await expect(pilot, lambda: "dry run)" in shown(app, "#plan-steps"), what="the dry run")
        review = " ".join(shown(app, "#plan-steps").split())
        assert "nothing that would stop the sign-in" in warnings, warnings
        assert (f"admit identity pool {shared['pool_id']} for authenticated and unauthenticated users "
                "(the role serves both)") in review
        assert f"Trust policy Save writes to role {shared['role_name']}: {says}" in review
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SaveScreen")
        await expect(pilot, lambda: "saved successfully" in text(app, "#save-title"), what="the save")
    assert shared["sign_ins"]() == (True, True)  # a user of the user pool and a guest
    written = shared["stored"]()["Statement"]
    assert {"authenticated", "unauthenticated"} <= {s["Condition"]["ForAnyValue:StringLike"][AMR]
                                                   for s in written if "ForAnyValue:StringLike" in s["Condition"]}
    for statement in written:  # each statement Save wrote, as Review showed it
        assert json.dumps(statement, separators=(", ", ": ")) in review


def test_apply_json_gives_the_trust_policy_it_writes_to_a_shared_role(cli, shared, tmp_path):
    """Headless, the same fix: a dry run's JSON gives the policy, and apply writes exactly that one."""
    arn = shared["make"](good_trust_policy(shared["pool_id"], "unauthenticated"))  # signed-in users refused
    plan = tmp_path / "fix.yaml"
    plan.write_text(f'version: 2\nidentity_pools:\n  - id: "{shared["pool_id"]}"\n    roles:\n'
                    f'      authenticated:\n        arn: "{arn}"\n        fix_trust: true\n')
    code, out, err = cli("apply", str(plan), "--dry-run", "--json")
    assert code == 0, (out, err)
    (change,) = [c for c in json.loads(out)["changes"] if c["type"] == "trust_policy"]
    assert "for authenticated and unauthenticated users (the role serves both)" in change["detail"]
    assert shared["sign_ins"]() == (False, True)  # a dry run writes nothing
    code, out, err = cli("apply", str(plan), "--yes", "--json")
    assert code == 0, (out, err)
    (written,) = [c for c in json.loads(out)["changes"] if c["type"] == "trust_policy"]
    assert written["trust_policy"] == change["trust_policy"] == shared["stored"]()
    assert shared["sign_ins"]() == (True, True)


async def test_a_role_picked_for_guests_that_is_also_the_signed_in_users_role_is_judged_as_shared(
        settings, boto, unique, aws):
    """The Roles step judges a role by the roles the pool will have after Save, as Review's doctor
    does: picked for guests as well, a role that lets both kinds in is fine for both."""
    from aws_builders import make_pool
    from pilot import SIZE, expect, type_into, wait_screen
    from test_wizard_roles import choose, make_role, section, set_roles, to_roles

    from cognito_tui.tui.app import create_app

    name = unique("pick")
    pool_id = make_pool(boto, name, AllowUnauthenticatedIdentities=True)
    both = {"Version": "2012-10-17", "Statement": [guest(pool_id, condition={"StringEquals": {AUD: pool_id}})]}
    arn = make_role(boto, unique, both)  # the signed-in users' role, letting guests in too
    set_roles(boto, pool_id, authenticated=arn,
              unauthenticated=make_role(boto, unique, good_trust_policy(pool_id, "unauthenticated")))
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_roles(pilot, name)
        assert "Its trust policy admits this pool, but:" in section(app)  # two roles: a warning (guests let in)
        await choose(pilot, "pick", "unauthenticated")
        await wait_screen(pilot, "RolePickScreen")
        await expect(pilot, lambda: app.screen.loaded, what="the roles listed")
        await type_into(pilot, arn)
        await pilot.press("enter")
        await wait_screen(pilot, "RolesScreen")
        await expect(pilot, lambda: app.screen.roles is not None, what="the roles read again")
        assert app.flow.state.roles == {"unauthenticated": RoleSpec(arn)}
        for kind in ("authenticated", "unauthenticated"):
            shown = section(app, kind)
            assert "OK: its trust policy admits this identity pool." in shown, shown
            assert "Fix this role's trust policy" not in shown
    state = app.flow.state
    facts = with_role_choices(fetch_facts(aws, pool_id, config=state.base), dict(state.roles), name, aws)
    assert not [f for f in run_checks(facts).findings if f.subject == arn]  # Review's doctor agrees
