"""The wizard's plan file: a version 2 plan written as text reads back as the same plan."""

from __future__ import annotations

import pytest

from cognito_tui.plan import parse_plan
from cognito_tui.plan_v2 import ClientSpec, IdentityPoolSpec, PlanV2, ProviderRef, RoleSpec, UserPoolSpec
from cognito_tui.plan_v2_dump import dump_plan_spec

ROLE = "arn:aws:iam::123456789012:role/shop-auth"
PLANS = {
    "from nothing": PlanV2(
        (UserPoolSpec("shop users+=,.@-_", None, (ClientSpec("web"), ClientSpec("admin"))),
         UserPoolSpec("staff", "eu-west-1", (ClientSpec("tools"),))),
        (IdentityPoolSpec(name="shop-identities", allow_unauthenticated=True, providers=(
            ProviderRef(user_pool="shop users+=,.@-_", client="web"),
            ProviderRef(user_pool="staff", client="tools", server_side_token_check=True),
            ProviderRef(user_pool_id="us-west-2_AbCdEf123", client_id="1abcdef123example")),
            roles=(("authenticated", RoleSpec(None)), ("unauthenticated", RoleSpec(ROLE, fix_trust=True)))),)),
    "existing user pools by id": PlanV2(
        (UserPoolSpec("shop-users", None, (ClientSpec("web"),), "us-east-1_AbCdEf123"),
         UserPoolSpec(None, None, (ClientSpec("tools"),), "eu-west-1_GhIjKl456"),
         UserPoolSpec("staff", "us-east-1", (ClientSpec("web"),))),
        (IdentityPoolSpec(id="us-east-1:0f4a7c2e-1111-2222-3333-444455556666", providers=(
            ProviderRef(user_pool_id="us-east-1_AbCdEf123", client="web"),
            ProviderRef(user_pool_id="eu-west-1_GhIjKl456", client="tools"),
            ProviderRef(user_pool="staff", client="web"))),)),
    "an existing pool": PlanV2((), (IdentityPoolSpec(
        id="us-east-1:0f4a7c2e-1111-2222-3333-444455556666", providers=(), roles=(("authenticated", RoleSpec(ROLE)),)),)),
}


@pytest.mark.parametrize("name", PLANS)
def test_a_written_plan_reads_back_as_the_same_plan(name):
    plan = PLANS[name]
    text = dump_plan_spec(plan, {"us-east-1:0f4a7c2e-1111-2222-3333-444455556666": "orders\n[/x]"})
    again = parse_plan(text, "written.yaml")
    assert again == PlanV2(plan.user_pools, plan.identity_pools, source="written.yaml"), text
