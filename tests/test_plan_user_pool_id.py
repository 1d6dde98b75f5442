"""Plan version 2's `id:` on a user pool: user pool names are not unique in a region, so a plan (or
the wizard, which knows the ID) names an existing pool by ID. Against the local Cognito over HTTP,
with two user pools of one name in one region; every outcome is checked through the AWS API."""

from __future__ import annotations

import json

import pytest

from cognito_tui.cli import main
from cognito_tui.ids import provider_name
from cognito_tui.plan import load_plan
from cognito_tui.tui.app import create_app
from cognito_tui.tui.modals import InputScreen
from pilot import SIZE, expect, settle, text, through_roles, to_app_clients, to_providers, type_into, wait_screen
from test_setup_plan import write_plan
from test_wizard_create import shown


@pytest.fixture
def cli(endpoint, capsys):
    def run(*argv):
        code = main(["--endpoint-url", endpoint, "--region", "us-east-1", *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def twins(boto, unique):
    """Two user pools of one name in us-east-1, and an identity pool with no providers yet:
    (name, first ID, second ID, identity pool name, identity pool ID)."""
    from aws_builders import make_pool

    idp = boto("cognito-idp")
    name = unique("twin-")
    first = idp.create_user_pool(PoolName=name)["UserPool"]["Id"]
    second = idp.create_user_pool(PoolName=name)["UserPool"]["Id"]
    pool_name = unique("ids-")
    return name, first, second, pool_name, make_pool(boto, pool_name)


def by_id_plan(tmp_path, user_pool_id: str, identity_pool_id: str, *, name: str | None = None,
               extra: str = "") -> str:
    named = f'    name: "{name}"\n' if name is not None else ""
    path = tmp_path / "by-id.yaml"
    path.write_text(f"""\
version: 2
user_pools:
  - id: {user_pool_id}
{named}{extra}    clients:
      - name: web
identity_pools:
  - id: "{identity_pool_id}"
    cognito_providers:
      - user_pool_id: {user_pool_id}
        client: web
""")
    return str(path)


def clients_of(boto, user_pool_id: str) -> list[dict]:
    return boto("cognito-idp").list_user_pool_clients(UserPoolId=user_pool_id, MaxResults=60)["UserPoolClients"]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_an_id_picks_one_of_two_pools_of_one_name_a_rerun_changes_nothing_and_rollback_undoes_it(
        cli, boto, twins, tmp_path):
    name, first, second, _, pool_id = twins
    plan = by_id_plan(tmp_path, second, pool_id, name=name)
    code, out, err = cli("apply", plan, "--dry-run")
    assert code == 0, err
    assert f"new app client web: public (SRP and refresh sign-in, no secret), of user pool {name} ({second})" \
        in flat(out), out
    assert clients_of(boto, second) == []

    code, out, err = cli("apply", plan, "--yes", "--json")
    assert code == 0, err
    report = json.loads(out)
    [client] = clients_of(boto, second)
    assert client["ClientName"] == "web" and clients_of(boto, first) == []
    assert {"type": "user_pool", "name": name, "id": second}.items() <= report["unchanged"][0].items()
    config = boto("cognito-identity").describe_identity_pool(IdentityPoolId=pool_id)
    assert config["CognitoIdentityProviders"] == [{"ProviderName": provider_name(second),
                                                   "ClientId": client["ClientId"], "ServerSideTokenCheck": False}]

    code, out, err = cli("apply", plan, "--yes", "--json")
    assert code == 0, err
    assert json.loads(out)["changes"] == [] and len(clients_of(boto, second)) == 1

    code, out, err = cli("rollback", report["record"], "--yes")
    assert code == 0, err
    assert clients_of(boto, second) == [] and clients_of(boto, first) == []
    assert boto("cognito-idp").describe_user_pool(UserPoolId=second)["UserPool"]["Name"] == name
    assert boto("cognito-identity").describe_identity_pool(IdentityPoolId=pool_id).get("CognitoIdentityProviders", []) == []


def test_the_same_plan_by_name_only_still_stops_as_ambiguous(cli, boto, twins, tmp_path):
    name, first, second, pool_name, _ = twins
    code, out, err = cli("apply", write_plan(tmp_path, {"up": name, "client": "web", "ip": pool_name}), "--yes")
    assert code == 2
    assert "matches 2 user pools" in err and first in err and second in err
    assert "name the user pool by its ID in the plan: give its user_pools entry `id:`" in err
    assert clients_of(boto, first) == [] and clients_of(boto, second) == []


def test_an_id_with_another_pools_name_is_refused_and_nothing_is_written(cli, boto, twins, tmp_path):
    _, first, second, _, pool_id = twins
    code, out, err = cli("apply", by_id_plan(tmp_path, second, pool_id, name="someone-else"), "--yes")
    assert code == 2
    assert f"User pool {second} is named " in err and "but the plan names it 'someone-else'" in err
    assert clients_of(boto, second) == []


def test_an_id_alone_names_the_pool(cli, boto, twins, tmp_path):
    _, first, second, _, pool_id = twins
    code, out, err = cli("apply", by_id_plan(tmp_path, first, pool_id), "--yes", "--json")
    assert code == 0, err
    assert [c["ClientName"] for c in clients_of(boto, first)] == ["web"] and clients_of(boto, second) == []


def test_an_id_that_does_not_exist_exits_1_and_creates_nothing(cli, boto, twins, tmp_path):
    *_, pool_id = twins
    code, out, err = cli("apply", by_id_plan(tmp_path, "us-east-1_NoSuchPool1", pool_id), "--yes")
    assert code == 1
    assert "The plan's user pool us-east-1_NoSuchPool1 (given by id) does not exist." in err
    assert "Traceback" not in err
    assert boto("cognito-identity").describe_identity_pool(IdentityPoolId=pool_id).get("CognitoIdentityProviders", []) == []


@pytest.mark.parametrize("bad, extra, field, message", [
    ("us-east-1-AbC", "", "user_pools[0].id", "Malformed user pool ID"),
    ("us-east-1_AbCdEf123", "    region: us-west-2\n", "user_pools[0].region",
     "A user pool ID names its region already"),
])
def test_a_malformed_id_or_an_id_with_a_region_exits_2_naming_line_and_field(cli, tmp_path, bad, extra, field,
                                                                           message):
    plan = by_id_plan(tmp_path, bad, "us-east-1:0f4a7c2e-1111-2222-3333-444455556666", extra=extra)
    code, out, err = cli("apply", plan, "--dry-run")
    assert code == 2
    assert f"{plan}:" in err and f": {field}: {message}" in err, err


async def test_the_wizard_adds_a_client_to_one_of_two_pools_of_one_name_and_its_plan_applies(
        settings, boto, twins, tmp_path, cli):
    name, first, second, pool_name, pool_id = twins
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, pool_name)
        await to_app_clients(pilot, second)
        assert "has no app clients. Enter creates a new one" in text(pilot.app)
        await pilot.press("enter")                                   # "+ New app client"
        await expect(pilot, lambda: isinstance(app.screen, InputScreen), what="the name dialog")
        await type_into(pilot, "web", "#answer")
        await pilot.press("enter")
        await wait_screen(pilot, "AddAnotherScreen")
        await pilot.press("n")
        await through_roles(pilot)
        await expect(pilot, lambda: "new app client web" in shown(app, "#plan-steps"), what="the dry run")
        assert f"of user pool {name} ({second})" in flat(shown(app, "#plan-steps"))
        plan = app.flow.state.plan_v2()
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SaveScreen")
        await expect(pilot, lambda: text(app, "#save-title") == "Changes saved successfully.", what="the save")
        await pilot.press("w")                                       # "Write this plan"
        await expect(pilot, lambda: isinstance(app.screen, InputScreen), what="the path dialog")
        await type_into(pilot, str(tmp_path / "wizard.yaml"), "#answer")
        await pilot.press("enter")
        await settle(pilot)
        assert "Plan written to" in text(app)
    [client] = clients_of(boto, second)
    assert client["ClientName"] == "web" and clients_of(boto, first) == []
    providers = boto("cognito-identity").describe_identity_pool(IdentityPoolId=pool_id)["CognitoIdentityProviders"]
    assert [(p["ProviderName"], p["ClientId"]) for p in providers] == [(provider_name(second), client["ClientId"])]

    written = tmp_path / "wizard.yaml"
    assert f"  - id: \"{second}\"\n    name: \"{name}\"\n" in written.read_text()
    assert load_plan(written).user_pools == plan.user_pools
    code, out, err = cli("apply", str(written), "--yes", "--json")
    assert code == 0, err
    assert json.loads(out)["changes"] == [] and len(clients_of(boto, second)) == 1
    # export names every existing pool by ID too, and applying it changes nothing.
    exported = tmp_path / "exported.yaml"
    code, out, err = cli("export", pool_id, "--plan-version", "2", "-o", str(exported))
    assert code == 0, err
    assert f"user_pool_id: \"{second}\"" in exported.read_text() and f"\"{first}\"" not in exported.read_text()
    code, out, err = cli("apply", str(exported), "--yes", "--json")
    assert code == 0 and json.loads(out)["changes"] == [], err
