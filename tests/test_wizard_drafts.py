"""Drafts (0600, no secrets, resumable) and the answers they hold."""

from __future__ import annotations

import json
import stat

import pytest

from cognito_tui.drafts import clear_draft, draft_path, load_draft, save_draft
from cognito_tui.errors import InputError
from cognito_tui.plan import ProviderSpec
from cognito_tui.settings import Settings
from cognito_tui.wizard.state import WizardState

POOL = "us-east-1:0f4a7c2e-1111-2222-3333-444455556666"
A = ProviderSpec("us-east-1_AAAAAAAAA", "clientA", False)
B = ProviderSpec("us-east-1_BBBBBBBBB", "clientB", True)
C = ProviderSpec("us-east-1_CCCCCCCCC", "clientC", False)


def config(*specs: ProviderSpec, **extra) -> dict:
    return {"IdentityPoolId": POOL, "IdentityPoolName": "p", "AllowUnauthenticatedIdentities": False,
            "CognitoIdentityProviders": [s.to_aws() for s in specs], **extra}


def test_a_draft_round_trips_is_private_and_holds_no_secrets(isolated_state):
    settings = Settings(endpoint_url="http://127.0.0.1:1")
    state = WizardState()
    state.choose_pool(POOL, "p")
    state.set_base(config(A))
    state.add(B)
    state.step = "review"
    path = save_draft(settings, state)
    assert path.parent.parent == isolated_state / "state" / "cognito-tui"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "Secret" not in text and "password" not in text.lower()
    assert json.loads(text)["providers"][1] == {"user_pool_id": B.user_pool_id, "client_id": "clientB",
                                                "server_side_token_check": True}
    again = load_draft(settings)
    assert again.providers == [A, B] and again.step == "review" and again.base == state.base
    clear_draft(settings)
    assert load_draft(settings) is None


def test_drafts_are_kept_apart_per_connection():
    one, two = Settings(endpoint_url="http://a"), Settings(endpoint_url="http://b")
    assert draft_path(one) != draft_path(two)
    state = WizardState()
    state.choose_pool(POOL)
    save_draft(one, state)
    assert load_draft(two) is None and load_draft(one).identity_pool_id == POOL


def test_a_damaged_or_edited_draft_is_dropped_not_trusted():
    settings = Settings()
    path = draft_path(settings)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    assert load_draft(settings) is None and not path.exists()
    path.write_text(json.dumps({"version": 1, "identity_pool_id": POOL,
                                "providers": [{"user_pool_id": "[/x]", "client_id": "c"}]}))
    assert load_draft(settings) is None and not path.exists()


def test_reload_after_a_conflict_keeps_my_edits_on_top_of_the_new_pool():
    state = WizardState()
    state.choose_pool(POOL)
    state.set_base(config(A, B))
    state.remove(0)          # remove A
    state.toggle_check(0)    # B: check on -> off
    state.add(C)             # add C
    meanwhile = config(A, B, ProviderSpec("us-east-1_DDDDDDDDD", "clientD"), DeveloperProviderName="dev")
    state.rebase(meanwhile)
    assert [(p.client_id, p.server_side_token_check) for p in state.providers] == [
        ("clientB", False), ("clientD", False), ("clientC", False)]
    assert state.base["DeveloperProviderName"] == "dev"
    diff = state.diff()
    assert diff.summary() == "1 added, 1 removed, 1 changed"


def test_choosing_another_pool_drops_the_answers_about_the_first():
    state = WizardState()
    state.choose_pool(POOL)
    state.set_base(config(A))
    state.pending_user_pool_id = "us-east-1_BBBBBBBBB"
    state.choose_pool("us-east-1:11111111-2222-3333-4444-555555555555")
    assert state.base is None and state.providers == [] and state.pending_user_pool_id == ""


def test_role_choices_survive_a_draft_and_a_forged_one_is_refused():
    from cognito_tui.plan_v2 import RoleSpec

    state = WizardState()
    state.choose_pool("us-east-1:00000000-0000-0000-0000-000000000000")
    state.roles = {"authenticated": RoleSpec(None),
                   "unauthenticated": RoleSpec("arn:aws:iam::123456789012:role/guests", fix_trust=True)}
    assert WizardState.from_draft(state.to_draft()).roles == state.roles
    for forged in ({"authenticated": {"arn": "not-an-arn"}}, {"admin": {"arn": None}}, {"authenticated": "create"}):
        with pytest.raises(InputError):
            WizardState.from_draft({**state.to_draft(), "roles": forged})


def test_the_role_kind_being_picked_survives_a_draft_and_an_older_draft_without_it_loads():
    state = WizardState()
    state.choose_new_pool("shop-identities", True)
    state.step, state.pending_role_kind = "role", "unauthenticated"
    assert WizardState.from_draft(state.to_draft()).pending_role_kind == "unauthenticated"
    older = state.to_draft()
    del older["pending_role_kind"]                      # as drafts were written before it was kept
    resumed = WizardState.from_draft(older)
    assert resumed.pending_role_kind == "" and resumed.step == "role" and resumed.identity_pool_name == "shop-identities"
    for forged in ("admin", ["unauthenticated"], 1):
        with pytest.raises(InputError):
            WizardState.from_draft({**state.to_draft(), "pending_role_kind": forged})


async def test_a_draft_stopped_on_the_role_list_resumes_picking_for_the_same_kind(settings, boto, unique):
    """Stopped while picking the guests' role: resumed, the list is for the guests' role, and the
    role picked is the guests' (not the signed-in users')."""
    from cognito_tui.plan_v2 import RoleSpec
    from cognito_tui.tui.app import create_app
    from cognito_tui.tui.modals import ConfirmScreen

    from pilot import SIZE, expect, text, type_into, wait_screen

    arn = boto("iam").create_role(RoleName=unique("guests-"), AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    state = WizardState()
    state.choose_new_pool(unique("ids-"), True)
    state.step, state.pending_role_kind = "role", "unauthenticated"
    save_draft(settings, state)
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await expect(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the resume offer")
        await pilot.press("enter")
        await wait_screen(pilot, "RolePickScreen")
        assert "The unauthenticated role of the new identity pool" in app.screen.query_one(".dim").content.plain
        await expect(pilot, lambda: app.screen.loaded, what="the roles listed")
        await type_into(pilot, arn)
        await pilot.press("enter")
        await wait_screen(pilot, "RolesScreen")
        await expect(pilot, lambda: app.screen.roles is not None, what="the roles step")
        assert app.flow.state.roles.get("unauthenticated") == RoleSpec(arn)
        assert "authenticated" not in app.flow.state.roles or app.flow.state.roles["authenticated"].arn != arn
        assert f"Picked: {arn}" in text(app, "#verdict-unauthenticated")


def test_creations_survive_a_draft_and_make_the_plan_save_applies():
    from cognito_tui.plan_v2 import ClientSpec, ProviderRef, RoleSpec, UserPoolSpec
    from cognito_tui.wizard.creations import NewProvider

    state = WizardState()
    state.choose_new_pool("shop-identities", True)
    state.add_new(NewProvider("shop-users", "shop-web"))
    state.add_new(NewProvider("shop-users", "shop-admin", server_side_token_check=True))
    state.add_new(NewProvider("staff", "tools", "eu-west-1_AAAAAAAAA", "eu-west-1"))
    state.roles = {"authenticated": RoleSpec(None)}
    assert state.has_changes and state.label == "new identity pool shop-identities"
    again = WizardState.from_draft(state.to_draft())
    assert again == state
    plan = again.plan_v2()
    assert plan.user_pools == (UserPoolSpec("shop-users", None, (ClientSpec("shop-web"), ClientSpec("shop-admin"))),
                               UserPoolSpec("staff", None, (ClientSpec("tools"),), "eu-west-1_AAAAAAAAA"))
    [pool] = plan.identity_pools
    assert (pool.id, pool.name, pool.allow_unauthenticated) == (None, "shop-identities", True)
    assert pool.providers[1] == ProviderRef(user_pool="shop-users", client="shop-admin", server_side_token_check=True)
    # An existing user pool is named by its ID (its name may be shared), a new one by name.
    assert pool.providers[2] == ProviderRef(user_pool_id="eu-west-1_AAAAAAAAA", client="tools")
    assert pool.roles == (("authenticated", RoleSpec(None)),)
    with pytest.raises(InputError, match="already has a new app client named 'shop-web'"):
        state.add_new(NewProvider("shop-users", "shop-web"))
    # An existing pool keeps its ID in the plan, and its providers by ID.
    state.choose_pool(POOL, "p")
    assert state.new_providers == [] and state.roles == {} and not state.creating_pool
    state.set_base(config(A))
    assert state.plan_v2().identity_pools[0].id == POOL
    assert state.plan_v2().identity_pools[0].providers == (ProviderRef(user_pool_id=A.user_pool_id, client_id="clientA"),)


@pytest.mark.parametrize("forged", [
    {"identity_pool_name": "bad/name"},
    {"new_providers": [{"user_pool": "ok", "client": "[/x]"}]},
    {"new_providers": [{"user_pool": "ok", "client": "c", "user_pool_id": "nope"}]},
    {"new_providers": "all"},
    {"pending_user_pool_name": "a" * 200},
])
def test_a_draft_with_a_forged_creation_is_refused(forged):
    state = WizardState()
    state.choose_new_pool("shop-identities", False)
    with pytest.raises(InputError):
        WizardState.from_draft({**state.to_draft(), **forged})
