"""Nothing is lost: for any pool configuration and any plan, apply changes only the Cognito
providers, makes them exactly the plan's, and rollback restores the exact previous configuration.

AWS's UpdateIdentityPool replaces the whole configuration (every field not sent is reset), so these
properties only hold if the tool always sends back every field it read.
"""

import copy
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aws_builders import describe
from cognito_tui import ids
from cognito_tui.apply import CHANGED, UNCHANGED, apply_pool, restore_pool
from cognito_tui.backup import read_backup
from cognito_tui.diff import ADDED, CHANGED as KIND_CHANGED, REMOVED, UNCHANGED as KIND_UNCHANGED
from cognito_tui.diff import config_changes, desired_config, diff_pool, normalized
from cognito_tui.plan import PoolPlan, ProviderSpec

ALNUM = string.ascii_letters + string.digits
WORD = ALNUM + "_"
REGIONS = ["us-east-1", "eu-west-2", "ap-southeast-2", "us-gov-west-1", "eu-central-1"]
LOGIN_PROVIDERS = ["graph.facebook.com", "accounts.google.com", "www.amazon.com", "api.twitter.com",
                   "appleid.apple.com", "www.digits.com"]

ON_SERVER = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                            HealthCheck.too_slow])
PURE = settings(max_examples=300, deadline=None)

# -- strategies: every field of an identity pool, in the formats AWS accepts -------------------------

user_pool_ids = st.builds(lambda region, suffix: f"{region}_{suffix}",
                          st.sampled_from(REGIONS), st.text(ALNUM, min_size=1, max_size=12))
client_ids = st.text(WORD, min_size=1, max_size=40)  # both sides' patterns: [\w_]+ and [\w+]+
specs = st.builds(ProviderSpec, user_pool_ids, client_ids, st.booleans())


def _unique_specs(max_size: int):
    return st.lists(specs, max_size=max_size, unique_by=lambda s: s.key)


def _aws(spec: ProviderSpec) -> dict:
    return {"ProviderName": ids.provider_name(spec.user_pool_id), "ClientId": spec.client_id,
            "ServerSideTokenCheck": spec.server_side_token_check}


def _arns(kind: str):
    names = st.text(string.ascii_lowercase + string.digits + ".-", min_size=1, max_size=30)
    return st.lists(names.map(lambda n: f"arn:aws:iam::123456789012:{kind}/{n}"), unique=True, max_size=4)


pool_configs = st.fixed_dictionaries(
    {
        "IdentityPoolName": st.text(ALNUM + "_ +=,.@-", min_size=1, max_size=128).filter(lambda s: s.strip()),
        "AllowUnauthenticatedIdentities": st.booleans(),
        "CognitoIdentityProviders": _unique_specs(50).map(lambda found: [_aws(s) for s in found]),
    },
    optional={
        "AllowClassicFlow": st.booleans(),
        "SupportedLoginProviders": st.dictionaries(st.sampled_from(LOGIN_PROVIDERS),
                                                   st.text(WORD + ".;/-", min_size=1, max_size=128), max_size=6),
        "DeveloperProviderName": st.text(WORD + ".-", min_size=1, max_size=128),
        "OpenIdConnectProviderARNs": _arns("oidc-provider"),
        "SamlProviderARNs": _arns("saml-provider"),
        "IdentityPoolTags": st.dictionaries(st.text(ALNUM + "_.:/=+@-", min_size=1, max_size=128),
                                            st.text(ALNUM + "_.:/=+@- ", max_size=256), max_size=10),
    },
)


@st.composite
def plans_for(draw, providers: list[dict]):
    """A plan for a pool with these providers: some kept (check maybe toggled), the rest removed,
    new ones added; never more than 50 in all."""
    kept = []
    for provider in providers:
        if draw(st.booleans()):
            spec = ProviderSpec(ids.parse_provider_name(provider["ProviderName"]), provider["ClientId"],
                                bool(provider.get("ServerSideTokenCheck", False)))
            if draw(st.booleans()):
                spec = ProviderSpec(spec.user_pool_id, spec.client_id, not spec.server_side_token_check)
            kept.append(spec)
    taken = {s.key for s in kept}
    new = [s for s in draw(_unique_specs(50 - len(kept))) if s.key not in taken]
    everything = kept + new
    return draw(st.permutations(everything)) if everything else []


def _others(config: dict) -> dict:
    return {k: v for k, v in config.items() if k != "CognitoIdentityProviders"}


def _providers(config: dict) -> dict:
    return {(p["ProviderName"], p["ClientId"]): bool(p.get("ServerSideTokenCheck", False))
            for p in config.get("CognitoIdentityProviders") or []}


def _plan_providers(plan: list[ProviderSpec]) -> dict:
    return {s.key: s.server_side_token_check for s in plan}


# -- on the local Cognito: create with plain boto3, apply, roll back -----------------------------

@ON_SERVER
@given(config=pool_configs, data=st.data())
def test_any_plan_changes_only_the_providers_and_rollback_restores_everything(aws, boto, config, data):
    created = boto("cognito-identity").create_identity_pool(**config)
    pool_id = created["IdentityPoolId"]
    before = describe(boto, pool_id)
    assert _providers(before) == _providers(config)
    plan = data.draw(plans_for(before.get("CognitoIdentityProviders", [])), label="plan")

    result = apply_pool(aws, PoolPlan(pool_id, tuple(plan)))

    after = describe(boto, pool_id)
    assert _others(after) == _others(before)
    assert _providers(after) == _plan_providers(plan)
    assert len(after.get("CognitoIdentityProviders", [])) == len(plan)
    if _plan_providers(plan) == _providers(before):
        assert result.status == UNCHANGED and result.backup is None
        return
    assert result.status == CHANGED, result.error
    assert read_backup(result.backup) == before

    restored = restore_pool(aws, read_backup(result.backup))
    assert restored.status == CHANGED, restored.error
    assert describe(boto, pool_id) == before


@ON_SERVER
@given(configs=st.lists(pool_configs, min_size=2, max_size=4), data=st.data())
def test_a_many_pool_plan_through_the_cli_keeps_every_other_field_of_every_pool(boto, endpoint, configs, data,
                                                                             tmp_path_factory, capsys):
    from cognito_tui.cli import main
    from cognito_tui.plan import Plan, dump_plan

    ci = boto("cognito-identity")
    befores = [describe(boto, ci.create_identity_pool(**c)["IdentityPoolId"]) for c in configs]
    plans = [data.draw(plans_for(b.get("CognitoIdentityProviders", []))) for b in befores]
    path = tmp_path_factory.mktemp("plan") / "plan.yaml"
    path.write_text(dump_plan(Plan(tuple(PoolPlan(b["IdentityPoolId"], tuple(p)) for b, p in zip(befores, plans)))))

    code = main(["--endpoint-url", endpoint, "apply", str(path), "--yes", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    for before, plan in zip(befores, plans):
        after = describe(boto, before["IdentityPoolId"])
        assert _others(after) == _others(before)
        assert _providers(after) == _plan_providers(plan)


# -- pure: diff and desired_config over random configurations and plans --------------------------

@PURE
@given(config=pool_configs, data=st.data())
def test_desired_config_replaces_only_the_provider_list(config, data):
    current = dict(config, IdentityPoolId="us-east-1:0f4a7c2e-1111-2222-3333-444455556666")
    if data.draw(st.booleans(), label="drop providers key"):
        current.pop("CognitoIdentityProviders")
    plan = data.draw(plans_for(current.get("CognitoIdentityProviders", [])), label="plan")
    pristine = copy.deepcopy(current)
    desired = PoolPlan(current["IdentityPoolId"], tuple(plan))

    intended = desired_config(current, desired)

    assert current == pristine  # the configuration as read is never mutated
    assert _others(intended) == _others(current)
    assert _providers(intended) == _plan_providers(plan)
    assert len(intended["CognitoIdentityProviders"]) == len(plan)
    assert {k for k, _, _ in config_changes(current, intended)} <= {"CognitoIdentityProviders"}
    # Providers that stay keep their relative order; new ones follow.
    wanted = _plan_providers(plan)
    kept = [(p["ProviderName"], p["ClientId"]) for p in current.get("CognitoIdentityProviders", [])
            if (p["ProviderName"], p["ClientId"]) in wanted]
    assert [(p["ProviderName"], p["ClientId"]) for p in intended["CognitoIdentityProviders"]][:len(kept)] == kept
    # Applying the same plan to the result changes nothing.
    assert not diff_pool(intended, desired).has_changes
    assert normalized(desired_config(intended, desired)) == normalized(intended)


@PURE
@given(config=pool_configs, data=st.data())
def test_the_diff_accounts_for_every_provider_exactly_once(config, data):
    current = dict(config, IdentityPoolId="us-east-1:0f4a7c2e-1111-2222-3333-444455556666")
    plan = data.draw(plans_for(current["CognitoIdentityProviders"]), label="plan")
    diff = diff_pool(current, PoolPlan(current["IdentityPoolId"], tuple(plan)))

    have, want = _providers(current), _plan_providers(plan)
    by_kind = {kind: {(c.provider_name, c.client_id) for c in diff.of(kind)}
               for kind in (ADDED, REMOVED, KIND_CHANGED, KIND_UNCHANGED)}
    assert by_kind[ADDED] == want.keys() - have.keys()
    assert by_kind[REMOVED] == have.keys() - want.keys()
    assert by_kind[KIND_CHANGED] == {k for k in have.keys() & want.keys() if have[k] != want[k]}
    assert by_kind[KIND_UNCHANGED] == {k for k in have.keys() & want.keys() if have[k] == want[k]}
    assert len(diff.changes) == len(have.keys() | want.keys())
    assert diff.has_changes == (have != want)
    assert diff.has_changes == bool(config_changes(current, desired_config(current, PoolPlan(current["IdentityPoolId"],
                                                                                              tuple(plan)))))
    for change in diff.of(KIND_CHANGED):
        key = (change.provider_name, change.client_id)
        assert (change.check_before, change.check_after) == (have[key], want[key])
