import textwrap

import pytest

from cognito_tui.plan import Plan, PlanError, PoolPlan, ProviderSpec, dump_plan, load_plan, parse_plan

POOL = "us-east-1:0f4a7c2e-1111-2222-3333-444455556666"
GOOD = f"""\
version: 1
identity_pools:
  - id: {POOL}
    cognito_providers:
      - user_pool_id: us-east-1_AbCdEf123
        client_id: 1h57kf5cpq17m0eml12EXAMPLE
        server_side_token_check: true
      - user_pool_id: us-east-1_Other9
        client_id: abc
"""


def test_a_valid_plan_loads():
    plan = parse_plan(GOOD, "plan.yaml")
    assert plan.pools == (PoolPlan(POOL, (
        ProviderSpec("us-east-1_AbCdEf123", "1h57kf5cpq17m0eml12EXAMPLE", True),
        ProviderSpec("us-east-1_Other9", "abc", False))),)


def test_dump_then_load_round_trips():
    plan = parse_plan(GOOD)
    assert parse_plan(dump_plan(plan)).pools == plan.pools


def _error(text: str) -> PlanError:
    with pytest.raises(PlanError) as caught:
        parse_plan(textwrap.dedent(text), "plan.yaml")
    return caught.value


def test_unknown_key_is_named_with_its_line():
    err = _error(GOOD.replace("        client_id: abc", "        client_id: abc\n        colour: red"))
    assert err.issues[0].line == 10
    assert err.issues[0].field == "identity_pools[0].cognito_providers[1].colour"
    assert "Unknown key" in err.issues[0].message
    assert err.message.startswith("plan.yaml:10: identity_pools[0].cognito_providers[1].colour")


def test_wrong_type_is_named():
    err = _error(GOOD.replace("server_side_token_check: true", "server_side_token_check: 'yes please'"))
    assert err.issues[0].field.endswith("server_side_token_check")
    assert "true or false" in err.issues[0].message


def test_malformed_ids_are_named():
    err = _error(GOOD.replace("us-east-1_Other9", "us-east-1:Other9").replace(POOL, "not-a-pool"))
    fields = {i.field for i in err.issues}
    assert fields == {"identity_pools[0].id", "identity_pools[0].cognito_providers[1].user_pool_id"}


def test_duplicate_provider_is_an_error():
    text = GOOD.replace("us-east-1_Other9", "us-east-1_AbCdEf123").replace("client_id: abc",
                                                                           "client_id: 1h57kf5cpq17m0eml12EXAMPLE")
    err = _error(text)
    assert "Duplicate provider" in err.issues[0].message
    assert "first at line 5" in err.issues[0].message


def test_duplicate_pool_is_an_error():
    body = GOOD.split("identity_pools:\n", 1)[1]
    err = _error(GOOD + body)
    assert "listed twice" in err.issues[0].message


def test_more_than_fifty_providers_is_an_error():
    providers = "".join(f"      - user_pool_id: us-east-1_P{i}\n        client_id: c{i}\n" for i in range(51))
    err = _error(f"version: 1\nidentity_pools:\n  - id: {POOL}\n    cognito_providers:\n{providers}")
    assert "at most 50" in err.issues[0].message


@pytest.mark.parametrize("version", ["3", "'1'", "1.0", "true", "'2'"])
def test_wrong_version_is_an_error(version):
    err = _error(GOOD.replace("version: 1", f"version: {version}"))
    assert err.issues[0].field == "version"


def test_missing_version_and_list():
    err = _error("identity_pools: []\n")
    assert err.issues[0].field == "version"
    err = _error("version: 1\n")
    assert err.issues[0].field == "identity_pools"


def test_null_provider_list_is_refused_rather_than_removing_everything():
    err = _error(f"version: 1\nidentity_pools:\n  - id: {POOL}\n    cognito_providers:\n")
    assert "write []" in err.issues[0].message


def test_empty_provider_list_is_allowed():
    plan = parse_plan(f"version: 1\nidentity_pools:\n  - id: {POOL}\n    cognito_providers: []\n")
    assert plan.pools[0].providers == ()


def test_broken_yaml_names_the_line():
    err = _error("version: 1\nidentity_pools:\n  - id: [unclosed\n")
    assert "Not valid YAML" in err.issues[0].message
    assert err.issues[0].line >= 3


def test_anchors_and_aliases_are_refused():
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    err = _error(bomb)
    assert "anchors and aliases" in err.issues[0].message


@pytest.mark.parametrize("text", ["", "just text", "- a list", "42"])
def test_non_mapping_documents_are_refused(text):
    with pytest.raises(PlanError):
        parse_plan(text)


def test_binary_input_is_refused():
    with pytest.raises(PlanError) as caught:
        parse_plan(b"\xff\xfe\x00garbage")
    assert "UTF-8" in caught.value.message


def test_missing_file_is_a_clear_input_error(tmp_path):
    from cognito_tui.errors import InputError

    with pytest.raises(InputError) as caught:
        load_plan(tmp_path / "nope.yaml")
    assert "not found" in caught.value.message


def test_plan_holds_no_surprises_from_yaml_booleans():
    # `on` is a boolean in YAML 1.1: as an ID it must be refused, not turned into True.
    err = _error(GOOD.replace("client_id: abc", "client_id: on"))
    assert "Expected a string" in err.issues[0].message
    assert isinstance(Plan(()), Plan)
