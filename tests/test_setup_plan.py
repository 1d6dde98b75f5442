"""Plan version 2 over HTTP against the local Cognito: creation from nothing, a rerun that changes
nothing, a run that dies midway and a rerun that converges, rollback of a run, ambiguous names,
user pools of another region or that cannot be read, and sign-in through what was created."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from cognito_tui.cli import main
from faulty_proxy import DELAY, FaultyProxy
from test_local_node_clients import node, run_node  # noqa: F401 - the node fixture

PASSWORD = "Corr3ct-Horse-Battery!"


@pytest.fixture
def cli(endpoint, capsys):
    def run(*argv, url=None):
        code = main(["--endpoint-url", url or endpoint, "--region", "us-east-1", *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


def write_plan(tmp_path, names: dict, *, roles: str = "create", extra_provider: str = "") -> str:
    text = f"""\
version: 2
user_pools:
  - name: "{names['up']}"
    clients:
      - name: "{names['client']}"
identity_pools:
  - name: "{names['ip']}"
    allow_unauthenticated: false
    cognito_providers:
      - user_pool: "{names['up']}"
        client: "{names['client']}"
        server_side_token_check: false
{extra_provider}    roles:
      authenticated: {roles}
"""
    path = tmp_path / "setup.yaml"
    path.write_text(text)
    return str(path)


@pytest.fixture
def names(unique):
    return {"up": unique("users-"), "client": "web", "ip": unique("ids-")}


def flat(text: str) -> str:
    """Output with its wrapping undone: every run of spaces and line breaks as one space."""
    return " ".join(text.split())


def _all(boto, service: str, operation: str, key: str) -> list[dict]:
    """Every item of a list call, all pages: the shared local Cognito holds many by the end of a run."""
    pages = boto(service).get_paginator(operation).paginate(PaginationConfig={"PageSize": 60})
    return [item for page in pages for item in page[key]]


def _created(report: dict) -> dict[str, str]:
    return {c["type"]: c["id"] for c in report["created"]}


def _aws_cli(endpoint: str, *argv: str, region: str = "us-east-1") -> dict:
    done = subprocess.run(["aws", "--endpoint-url", endpoint, "--region", region, "--output", "json", *argv],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "AWS_PAGER": ""})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if done.stdout.strip() else {}


def test_from_nothing_creates_all_then_a_rerun_changes_nothing_and_a_user_signs_in(cli, boto, names, tmp_path,
                                                                                   endpoint, monkeypatch):
    plan = write_plan(tmp_path, names)
    code, out, err = cli("apply", plan, "--dry-run")
    assert code == 0, err
    assert flat(f"+ add     new user pool {names['up']}: in us-east-1") in flat(out)
    assert flat(f"+ add     new app client {names['client']}: public (SRP and refresh sign-in, no secret)") in flat(out)
    assert flat(f"+ add     new identity pool {names['ip']}: in us-east-1, guest access off") in flat(out)
    assert flat(f"+ add     new role Cognito_{names['ip']}Auth_Role") in flat(out)
    assert "Dry run: nothing was created or changed." in out
    assert not [p for p in _all(boto, "cognito-idp", "list_user_pools", "UserPools") if p["Name"] == names["up"]]

    code, out, err = cli("apply", plan, "--yes", "--json")
    assert code == 0, err
    report = json.loads(out)
    created = _created(report)
    assert set(created) == {"user_pool", "app_client", "identity_pool", "role"}
    assert [c["type"] for c in report["created"]] == ["user_pool", "app_client", "identity_pool", "role"]
    user_pool_id, client_id, pool_id, role_arn = (created[k] for k in ("user_pool", "app_client", "identity_pool", "role"))
    assert oct(os.stat(report["record"]).st_mode & 0o777) == "0o600"

    client = boto("cognito-idp").describe_user_pool_client(UserPoolId=user_pool_id, ClientId=client_id)["UserPoolClient"]
    assert "ClientSecret" not in client
    assert set(client["ExplicitAuthFlows"]) == {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}
    assert boto("cognito-idp").describe_user_pool(UserPoolId=user_pool_id)["UserPool"]["UserPoolTags"] == {
        "cognito-tui:plan-name": names["up"]}
    pool = boto("cognito-identity").describe_identity_pool(IdentityPoolId=pool_id)
    assert pool["CognitoIdentityProviders"] == [{
        "ProviderName": f"cognito-idp.us-east-1.amazonaws.com/{user_pool_id}", "ClientId": client_id,
        "ServerSideTokenCheck": False}]
    assert boto("cognito-identity").get_identity_pool_roles(IdentityPoolId=pool_id)["Roles"] == {
        "authenticated": role_arn}
    role_name = role_arn.rsplit("/", 1)[1]
    trust = boto("iam").get_role(RoleName=role_name)["Role"]["AssumeRolePolicyDocument"]
    assert trust["Statement"] == [{
        "Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": pool_id},
                      "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]
    assert boto("iam").list_attached_role_policies(RoleName=role_name)["AttachedPolicies"] == []
    assert boto("iam").list_role_policies(RoleName=role_name)["PolicyNames"] == []

    code, out, err = cli("apply", plan, "--yes")
    assert code == 0, err
    assert "+ add" not in out and "~ change" not in out
    assert "Nothing to change: everything already matches the plan." in out

    # A user made with the AWS CLI signs in through what the plan made: SRP by cognito-tui, then the
    # ID token through the AWS CLI's cognito-identity calls.
    _aws_cli(endpoint, "cognito-idp", "admin-create-user", "--user-pool-id", user_pool_id, "--username", "ann",
             "--message-action", "SUPPRESS")
    _aws_cli(endpoint, "cognito-idp", "admin-set-user-password", "--user-pool-id", user_pool_id, "--username",
             "ann", "--password", PASSWORD, "--permanent")
    monkeypatch.setenv("COGNITO_PASSWORD", PASSWORD)
    code, out, err = cli("credentials", "--identity-pool-id", pool_id, "--user-pool-id", user_pool_id,
                         "--client-id", client_id, "--username", "ann", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["AccessKeyId"]
    provider = f"cognito-idp.us-east-1.amazonaws.com/{user_pool_id}"
    token = _srp_id_token(boto("cognito-idp"), user_pool_id, client_id, "ann")
    logins = json.dumps({provider: token})
    identity = _aws_cli(endpoint, "cognito-identity", "get-id", "--identity-pool-id", pool_id, "--logins", logins)
    got = _aws_cli(endpoint, "cognito-identity", "get-credentials-for-identity", "--identity-id",
                   identity["IdentityId"], "--logins", logins)
    assert got["Credentials"]["AccessKeyId"]


def test_the_aws_sdk_for_javascript_signs_in_through_what_a_plan_created(cli, boto, names, tmp_path, endpoint, node):
    code, out, err = cli("apply", write_plan(tmp_path, names), "--yes", "--json")
    assert code == 0, err
    created = _created(json.loads(out))
    idp = boto("cognito-idp")
    idp.admin_create_user(UserPoolId=created["user_pool"], Username="jo", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=created["user_pool"], Username="jo", Password=PASSWORD, Permanent=True)
    token = _srp_id_token(idp, created["user_pool"], created["app_client"], "jo")
    got = run_node(node, "group_role_credentials.mjs", {
        "endpoint": endpoint, "region": "us-east-1", "identityPoolId": created["identity_pool"],
        "provider": f"cognito-idp.us-east-1.amazonaws.com/{created['user_pool']}", "idToken": token})
    assert "error" not in got and got["accessKeyId"], got


def _srp_id_token(idp, user_pool_id: str, client_id: str, username: str) -> str:
    """SRP sign-in as an app does it, through pycognito and boto3 (the AWS SDK for Python)."""
    from pycognito.aws_srp import AWSSRP

    srp = AWSSRP(username=username, password=PASSWORD, pool_id=user_pool_id, client_id=client_id, client=idp)
    return srp.authenticate_user()["AuthenticationResult"]["IdToken"]


def _die_after_create_user_pool(proxy: FaultyProxy) -> None:
    # CreateUserPool is answered; every request after it finds the endpoint gone.
    proxy.add("CreateUserPool", DELAY, before=lambda operation, body: proxy.die_after(0))


def test_a_run_that_dies_after_the_user_pool_exits_1_naming_it_and_a_rerun_converges(cli, boto, names, tmp_path,
                                                                                      endpoint):
    plan = write_plan(tmp_path, names)
    proxy = FaultyProxy(endpoint).start()
    try:
        _die_after_create_user_pool(proxy)
        code, out, err = cli("apply", plan, "--yes", url=proxy.url)
        assert code == 1
        found = [p["Id"] for p in _all(boto, "cognito-idp", "list_user_pools", "UserPools")
                 if p["Name"] == names["up"]]
        assert len(found) == 1
        assert "FAILED: Cannot reach the endpoint" in err
        assert f"user pool {names['up']} {found[0]}" in err
        assert "Run record (for `cognito-tui rollback`)" in err
        proxy.restart()
        code, out, err = cli("apply", plan, "--yes", "--json", url=proxy.url)
    finally:
        proxy.stop()
    assert code == 0, err
    report = json.loads(out)
    assert [c["type"] for c in report["created"]] == ["app_client", "identity_pool", "role"]
    assert {"type": "user_pool", "id": found[0]}.items() <= report["unchanged"][0].items()
    code, out, err = cli("apply", plan, "--yes", "--json")
    assert code == 0 and json.loads(out)["changes"] == []


def test_rollback_deletes_what_the_run_created_newest_first_but_never_a_user_pool_with_users(cli, boto, names,
                                                                                              tmp_path):
    code, out, err = cli("apply", write_plan(tmp_path, names), "--yes", "--json")
    assert code == 0, err
    report = json.loads(out)
    created, record = _created(report), report["record"]
    boto("cognito-idp").admin_create_user(UserPoolId=created["user_pool"], Username="kept",
                                          MessageAction="SUPPRESS")
    code, out, err = cli("rollback", record, "--dry-run")
    assert code == 0, err
    lines = [line for line in out.splitlines() if "- REMOVE" in line]
    assert [line.split()[2] for line in lines] == ["role", "identity", "app", "user"]
    code, out, err = cli("rollback", record, "--yes")
    assert code == 1
    assert f"User pool {created['user_pool']} ({names['up']}) has users, so it was not deleted." in err
    assert "delete-user-pool" in err
    with pytest.raises(boto("iam").exceptions.NoSuchEntityException):
        boto("iam").get_role(RoleName=created["role"].rsplit("/", 1)[1])
    assert not [p for p in _all(boto, "cognito-identity", "list_identity_pools", "IdentityPools")
                if p["IdentityPoolId"] == created["identity_pool"]]
    assert boto("cognito-idp").list_user_pool_clients(UserPoolId=created["user_pool"], MaxResults=60)[
        "UserPoolClients"] == []
    boto("cognito-idp").admin_delete_user(UserPoolId=created["user_pool"], Username="kept")
    code, out, err = cli("rollback", record, "--yes")
    assert code == 0, err
    assert "already gone" in out
    assert not [p for p in _all(boto, "cognito-idp", "list_user_pools", "UserPools")
                if p["Id"] == created["user_pool"]]


def test_a_name_matching_two_user_pools_exits_2_naming_both(cli, boto, names, tmp_path):
    idp = boto("cognito-idp")
    first = idp.create_user_pool(PoolName=names["up"])["UserPool"]["Id"]
    second = idp.create_user_pool(PoolName=names["up"])["UserPool"]["Id"]
    code, out, err = cli("apply", write_plan(tmp_path, names), "--yes")
    assert code == 2
    assert first in err and second in err and "matches 2 user pools" in err
    assert not [p for p in _all(boto, "cognito-identity", "list_identity_pools", "IdentityPools")
                if p["IdentityPoolName"] == names["ip"]]


def test_a_user_pool_of_another_region_is_added_and_signs_in(cli, boto, names, tmp_path, monkeypatch):
    west = boto("cognito-idp", "us-west-2")
    user_pool_id = west.create_user_pool(PoolName=names["up"])["UserPool"]["Id"]
    client_id = west.create_user_pool_client(UserPoolId=user_pool_id, ClientName="w", ExplicitAuthFlows=[
        "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    west.admin_create_user(UserPoolId=user_pool_id, Username="wes", MessageAction="SUPPRESS")
    west.admin_set_user_password(UserPoolId=user_pool_id, Username="wes", Password=PASSWORD, Permanent=True)
    plan = tmp_path / "west.yaml"
    plan.write_text(f"""\
version: 2
identity_pools:
  - name: "{names['ip']}"
    cognito_providers:
      - user_pool_id: {user_pool_id}
        client_id: {client_id}
    roles:
      authenticated: create
""")
    code, out, err = cli("apply", str(plan), "--yes", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["warnings"] == []
    pool_id = _created(report)["identity_pool"]
    assert pool_id.startswith("us-east-1:")
    monkeypatch.setenv("COGNITO_PASSWORD", PASSWORD)
    code, out, err = cli("credentials", "--identity-pool-id", pool_id, "--user-pool-id", user_pool_id,
                         "--client-id", client_id, "--username", "wes", "--format", "json")
    assert code == 0, err


def test_a_user_pool_that_cannot_be_read_is_a_warning_and_is_added_anyway(cli, boto, names, tmp_path):
    plan = tmp_path / "elsewhere.yaml"
    plan.write_text(f"""\
version: 2
identity_pools:
  - name: "{names['ip']}"
    cognito_providers:
      - user_pool_id: eu-west-1_NotHere123
        client_id: 1h57kf5cpq17m0eml12example
""")
    code, out, err = cli("apply", str(plan), "--yes", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert "eu-west-1_NotHere123" in report["warnings"][0] and "added anyway" in report["warnings"][0]
    pool = boto("cognito-identity").describe_identity_pool(IdentityPoolId=_created(report)["identity_pool"])
    assert pool["CognitoIdentityProviders"][0]["ProviderName"] == \
        "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_NotHere123"


def test_plan_errors_name_file_line_and_field(cli, tmp_path):
    plan = tmp_path / "bad.yaml"
    plan.write_text("version: 2\nidentity_pools:\n  - name: x\n    roles:\n      unauthenticated: create\n")
    code, out, err = cli("apply", str(plan), "--dry-run")
    assert code == 2
    assert f"{plan}:5: identity_pools[0].roles.unauthenticated: An unauthenticated role needs" in err


def test_export_writes_version_1_unless_asked_and_its_version_2_applies_with_no_change(cli, names, tmp_path):
    code, out, err = cli("apply", write_plan(tmp_path, names), "--yes", "--json")
    assert code == 0, err
    pool_id = _created(json.loads(out))["identity_pool"]
    code, out, err = cli("export", pool_id)
    assert code == 0 and out.startswith("version: 1\n") and "roles" not in out
    exported = tmp_path / "exported.yaml"
    code, out, err = cli("export", pool_id, "--plan-version", "2", "-o", str(exported))
    assert code == 0, err
    text = exported.read_text()
    assert text.startswith("version: 2\n") and "authenticated: \"arn:aws:iam::" in text
    code, out, err = cli("apply", str(exported), "--yes", "--json")
    assert code == 0, err
    assert json.loads(out)["changes"] == []


def test_an_existing_pool_by_id_gains_a_new_user_pool_guest_access_and_roles_and_rollback_puts_it_back(
        cli, boto, names, tmp_path):
    from aws_builders import describe, provider, rich_identity_pool, user_pool

    kept_up, kept_client = user_pool(boto)
    pool_id = rich_identity_pool(boto, [provider(kept_up, kept_client)])["IdentityPoolId"]
    boto("cognito-identity").update_identity_pool(**{**describe(boto, pool_id), "AllowUnauthenticatedIdentities": False})
    before = describe(boto, pool_id)
    plan = tmp_path / "existing.yaml"
    plan.write_text(f"""\
version: 2
user_pools:
  - name: "{names['up']}"
    clients: [{{name: web}}]
identity_pools:
  - id: "{pool_id}"
    allow_unauthenticated: true
    cognito_providers:
      - user_pool_id: {kept_up}
        client_id: {kept_client}
      - user_pool: "{names['up']}"
        client: web
    roles:
      authenticated: create
      unauthenticated: create
""")
    code, out, err = cli("apply", str(plan), "--dry-run")
    assert code == 0, err
    assert flat(f"+ add     provider user pool {names['up']}, client web: on identity pool {pool_id}") in flat(out)
    assert flat("~ change  guest (unauthenticated) access off -> on") in flat(out)
    assert "Unauth_Role" in out and "unauthenticated role (none) ->" in flat(out)
    assert describe(boto, pool_id) == before

    code, out, err = cli("apply", str(plan), "--yes", "--json")
    assert code == 0, err
    report = json.loads(out)
    created = _created(report)
    after = describe(boto, pool_id)
    assert after["AllowUnauthenticatedIdentities"] is True
    assert after["IdentityPoolTags"] == before["IdentityPoolTags"]  # every other setting kept
    assert len(after["CognitoIdentityProviders"]) == 2
    roles = boto("cognito-identity").get_identity_pool_roles(IdentityPoolId=pool_id)["Roles"]
    assert set(roles) == {"authenticated", "unauthenticated"}
    assert report["pools"][0]["backup"]

    code, out, err = cli("rollback", report["record"], "--yes")
    assert code == 0, err
    assert describe(boto, pool_id) == before
    assert boto("cognito-identity").get_identity_pool_roles(IdentityPoolId=pool_id).get("Roles", {}) == {}
    assert not [p for p in _all(boto, "cognito-idp", "list_user_pools", "UserPools")
                if p["Id"] == created["user_pool"]]


def _pool_with_broken_role(boto, unique) -> tuple[str, str, dict]:
    """An identity pool whose authenticated role trusts a placeholder pool ID, beside a statement for EC2."""
    from aws_builders import provider, user_pool

    up, client = user_pool(boto)
    pool_id = boto("cognito-identity").create_identity_pool(
        IdentityPoolName=unique("broken_"), AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[provider(up, client)])["IdentityPoolId"]
    document = {"Version": "2012-10-17", "Statement": [
        {"Sid": "Ec2", "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"},
        {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
         "Action": "sts:AssumeRoleWithWebIdentity",
         "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:EXAMPLE-POOL-ID"},
                       "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]}
    arn = boto("iam").create_role(RoleName=unique("broken-"), AssumeRolePolicyDocument=json.dumps(document))["Role"]["Arn"]
    boto("cognito-identity").set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": arn})
    return pool_id, arn, document


def _trust(boto, arn: str) -> dict:
    return boto("iam").get_role(RoleName=arn.rsplit("/", 1)[1])["Role"]["AssumeRolePolicyDocument"]


def test_fix_trust_corrects_the_trust_policy_keeping_other_statements_and_rollback_restores_it(
        cli, boto, unique, tmp_path):
    from cognito_tui.setup.trust import admits

    pool_id, arn, before = _pool_with_broken_role(boto, unique)
    plan = tmp_path / "trust.yaml"
    plan.write_text(f'version: 2\nidentity_pools:\n  - id: "{pool_id}"\n    roles:\n      authenticated: "{arn}"\n')
    code, out, err = cli("apply", str(plan), "--dry-run")
    assert code == 0, err
    assert flat(f"does NOT admit identity pool {pool_id} for authenticated users (add fix_trust: true") in flat(out)
    assert "warning: Role" in out

    plan.write_text(plan.read_text() + "      fix_trust: true\n")
    code, out, err = cli("apply", str(plan), "--dry-run")
    assert code == 0, err
    assert flat(f"~ change  trust policy {arn.rsplit('/', 1)[1]} ({arn}): admit identity pool {pool_id}") in flat(out)
    assert _trust(boto, arn) == before

    code, out, err = cli("apply", str(plan), "--yes", "--json")
    assert code == 0, err
    record = json.loads(out)["record"]
    after = _trust(boto, arn)
    assert admits(after, pool_id, "authenticated") and not admits(after, pool_id, "unauthenticated")
    assert after["Statement"][0] == before["Statement"][0]  # the EC2 statement is kept
    code, out, err = cli("apply", str(plan), "--yes", "--json")
    assert code == 0 and json.loads(out)["changes"] == []

    code, out, err = cli("rollback", record, "--yes")
    assert code == 0, err
    assert _trust(boto, arn) == before


def test_doctor_write_plan_fixes_a_trust_policy_through_apply(cli, boto, unique, tmp_path):
    from cognito_tui.setup.trust import admits

    pool_id, arn, before = _pool_with_broken_role(boto, unique)
    fix = tmp_path / "fix.yaml"
    code, out, err = cli("doctor", pool_id, "--write-plan", str(fix))
    assert code == 0, err  # the plan fixes every error found
    text = fix.read_text()
    assert text.startswith("version: 2\n") and "fix_trust: true" in text and arn in text
    code, out, err = cli("apply", str(fix), "--yes")
    assert code == 0, err
    assert admits(_trust(boto, arn), pool_id, "authenticated")
    code, out, err = cli("doctor", pool_id)
    assert code == 0, out
