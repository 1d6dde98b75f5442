"""The headless commands as a script on a bastion host would run them: exit codes, output, JSON."""

import json
import re

import pytest

from aws_builders import describe, provider, rich_identity_pool, user_pool
from cognito_tui.cli import main


def _plan(tmp_path, pool_id, providers):
    lines = ["version: 1", "identity_pools:", f"  - id: {pool_id}"]
    if not providers:
        lines.append("    cognito_providers: []")
    else:
        lines.append("    cognito_providers:")
        for up, client in providers:
            lines += [f"      - user_pool_id: {up}", f"        client_id: {client}"]
    path = tmp_path / "plan.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_dry_run_prints_a_readable_diff_and_writes_nothing(cli, boto, tmp_path):
    up, client = user_pool(boto)
    keep_up, keep_client = user_pool(boto)
    pool = rich_identity_pool(boto, [provider(keep_up, keep_client)])
    plan = _plan(tmp_path, pool["IdentityPoolId"], [(up, client)])
    code, out, err = cli("apply", str(plan), "--dry-run")
    assert code == 0, err
    assert f"+ add     user pool {up}, client {client}, server-side check off" in _unwrapped(out)
    assert f"- REMOVE  user pool {keep_up}, client {keep_client}" in _unwrapped(out)
    assert "Dry run: 1 pool(s): 1 would change." in out
    assert describe(boto, pool["IdentityPoolId"]) == pool


def test_apply_without_a_tty_and_without_yes_refuses_to_write(cli, boto, tmp_path):
    up, client = user_pool(boto)
    pool = rich_identity_pool(boto)
    code, out, err = cli("apply", str(_plan(tmp_path, pool["IdentityPoolId"], [(up, client)])))
    assert code == 2
    assert "no terminal to confirm on" in err and "--yes" in err
    assert describe(boto, pool["IdentityPoolId"]) == pool


def test_apply_yes_json_reports_each_pool(cli, boto, tmp_path):
    up, client = user_pool(boto)
    pool = rich_identity_pool(boto)
    code, out, err = cli("apply", str(_plan(tmp_path, pool["IdentityPoolId"], [(up, client)])), "--yes", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["ok"] is True and report["counts"] == {"changed": 1}
    entry = report["pools"][0]
    assert entry["status"] == "changed"
    assert entry["diff"]["changes"][0]["change"] == "added"
    assert entry["backup"].endswith(".yaml")
    code, out, _ = cli("apply", str(_plan(tmp_path, pool["IdentityPoolId"], [(up, client)])), "--yes", "--json")
    assert code == 0 and json.loads(out)["counts"] == {"unchanged": 1}


def test_a_broken_plan_exits_2_with_a_short_reason_and_no_traceback(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nidentity_pools:\n  - id: us-east-1:0f4a\n    cognito_providers:\n"
                   "      - user_pool_id: us-east-1:nope\n        client_id: abc\n")
    code, out, err = cli("apply", str(bad), "--dry-run")
    assert code == 2
    assert out == ""
    assert f"{bad}:5: identity_pools[0].cognito_providers[0].user_pool_id: Malformed user pool ID" in err
    assert "Traceback" not in err


def test_a_broken_plan_with_json_gives_a_json_error(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 3\nidentity_pools: []\n")
    code, out, err = cli("apply", str(bad), "--json")
    assert code == 2
    error = json.loads(err)
    assert error["problems"][0]["field"] == "version" and error["problems"][0]["line"] == 1


def test_one_missing_pool_fails_the_run_with_exit_1_and_names_it(cli, boto, tmp_path):
    up, client = user_pool(boto)
    pool = rich_identity_pool(boto)
    missing = "us-east-1:00000000-0000-0000-0000-00000000dead"
    path = tmp_path / "two.yaml"
    path.write_text(f"""version: 1
identity_pools:
  - id: {pool["IdentityPoolId"]}
    cognito_providers: [{{user_pool_id: {up}, client_id: {client}}}]
  - id: {missing}
    cognito_providers: []
""")
    code, out, err = cli("apply", str(path), "--yes")
    assert code == 1
    assert f"Not applied: {missing}" in err and "Not applied" not in out
    assert f"cognito-tui: {missing}: Not found" in err and "Not found" not in out
    assert f"Identity pool {missing}\n  => FAILED" in out
    assert describe(boto, pool["IdentityPoolId"])["CognitoIdentityProviders"] == [provider(up, client)]


def test_export_then_apply_is_a_no_op(cli, boto, tmp_path):
    up, client = user_pool(boto)
    pool = rich_identity_pool(boto, [provider(up, client, True)])
    target = tmp_path / "exported.yaml"
    code, _, err = cli("export", pool["IdentityPoolId"], "-o", str(target))
    assert code == 0, err
    text = target.read_text()
    assert f'user_pool_id: "{up}"' in text and "server_side_token_check: true" in text
    code, out, _ = cli("apply", str(target), "--dry-run")
    assert code == 0 and "1 unchanged" in out


def test_export_json_is_the_plan_as_json_and_apply_reads_it_back(cli, boto, tmp_path):
    up, client = user_pool(boto)
    other_up, other_client = user_pool(boto)
    pool = rich_identity_pool(boto, [provider(up, client, True), provider(other_up, other_client)])
    code, out, err = cli("export", pool["IdentityPoolId"], "--json")
    assert code == 0 and err == ""
    assert json.loads(out) == {"version": 1, "identity_pools": [{"id": pool["IdentityPoolId"], "cognito_providers": [
        {"user_pool_id": up, "client_id": client, "server_side_token_check": True},
        {"user_pool_id": other_up, "client_id": other_client, "server_side_token_check": False}]}]}
    target = tmp_path / "plan.json"
    code, _, err = cli("export", pool["IdentityPoolId"], "--json", "-o", str(target))
    assert code == 0 and json.loads(target.read_text()) == json.loads(out)
    code, out, _ = cli("apply", str(target), "--dry-run", "--json")
    assert code == 0 and json.loads(out)["counts"] == {"unchanged": 1}


@pytest.mark.parametrize("pool, exit_code, kind", [
    ("us-east-1_NotAnIdentityPool", 2, "InputError"),
    ("us-east-1:00000000-0000-0000-0000-00000000dead", 1, "NotFoundError")])
def test_export_json_errors_are_a_json_object_on_stderr(cli, pool, exit_code, kind):
    code, out, err = cli("export", pool, "--json")
    assert code == exit_code and out == ""
    error = json.loads(err)
    assert error["kind"] == kind and error["exit_code"] == exit_code and error["error"]


def test_export_of_a_malformed_pool_id_exits_2(cli):
    code, out, err = cli("export", "us-east-1_NotAnIdentityPool")
    assert code == 2 and "Malformed identity pool ID" in err


def test_rollback_round_trip_through_the_cli(cli, boto, tmp_path):
    up, client = user_pool(boto)
    before = rich_identity_pool(boto)
    code, out, _ = cli("apply", str(_plan(tmp_path, before["IdentityPoolId"], [(up, client)])), "--yes", "--json")
    backup = json.loads(out)["pools"][0]["backup"]
    code, out, err = cli("rollback", backup, "--dry-run")
    assert code == 0 and f"- REMOVE  user pool {up}, client {client}" in _unwrapped(out) and "dry run" in out
    code, out, err = cli("rollback", backup)
    assert code == 2 and "--yes" in err
    code, out, err = cli("rollback", backup, "--yes")
    assert code == 0, err
    assert "restored from the backup" in out
    assert describe(boto, before["IdentityPoolId"]) == before


def _unwrapped(out: str) -> str:
    """Output with wrapped diff lines joined back (continuations are indented 12 spaces)."""
    return re.sub(r"\n {12}(?=\S)", " ", out)


def test_rollback_shows_every_field_as_add_remove_change_lines(cli, boto, tmp_path):
    up, client = user_pool(boto)
    other_up, other_client = user_pool(boto)
    before = rich_identity_pool(boto, [provider(up, client), provider(other_up, other_client, True)])
    pool_id = before["IdentityPoolId"]
    code, out, err = cli("apply", str(_plan(tmp_path, pool_id, [(up, client)])), "--yes", "--json")
    backup = json.loads(out)["pools"][0]["backup"]
    changed = describe(boto, pool_id)
    changed.update(IdentityPoolName="renamed", AllowUnauthenticatedIdentities=False, AllowClassicFlow=False,
                   SupportedLoginProviders={"graph.facebook.com": "1234567890", "www.amazon.com": "amzn1.x"},
                   OpenIdConnectProviderARNs=[], SamlProviderARNs=["arn:aws:iam::123456789012:saml-provider/new"],
                   IdentityPoolTags={"team": "payments", "env": "test"})
    changed["CognitoIdentityProviders"][0]["ServerSideTokenCheck"] = True
    boto("cognito-identity").update_identity_pool(**changed)

    code, out, err = cli("rollback", backup, "--dry-run")
    assert code == 0, err
    text = _unwrapped(out)
    for line in (f'~ change  name "renamed" -> "{before["IdentityPoolName"]}"',
                 "~ change  guest (unauthenticated) access off -> on",
                 "~ change  basic (classic) flow off -> on",
                 '+ add     login provider accounts.google.com: "g-client"',
                 '- REMOVE  login provider www.amazon.com: "amzn1.x"',
                 '+ add     OpenID Connect provider "arn:aws:iam::123456789012:oidc-provider/auth.example.com"',
                 '- REMOVE  SAML provider "arn:aws:iam::123456789012:saml-provider/new"',
                 '+ add     SAML provider "arn:aws:iam::123456789012:saml-provider/corp"',
                 f"~ change  user pool {up}, client {client}: server-side check on -> off",
                 f"+ add     user pool {other_up}, client {other_client}, server-side check on",
                 '~ change  tag team: "payments" -> "identity"'):
        assert line in text, (line, out)
    assert "{'" not in out and "['" not in out and "True" not in out and "None" not in out
    assert "stays as it is" not in out and "no differences" not in out
    assert all(len(line) <= 80 for line in out.splitlines() if " " in line.strip()[10:]), out
    assert err == ""


@pytest.mark.parametrize("argv", [("--profile", "no-such-profile"), ("--endpoint-url", "http://127.0.0.1:9")])
def test_rollback_that_cannot_read_the_pool_prints_only_the_error(cli, boto, tmp_path, argv):
    up, client = user_pool(boto)
    pool = rich_identity_pool(boto)
    code, out, _ = cli("apply", str(_plan(tmp_path, pool["IdentityPoolId"], [(up, client)])), "--yes", "--json")
    backup = json.loads(out)["pools"][0]["backup"]
    for extra in ((), ("--dry-run",), ("--yes",)):
        code, out, err = cli("rollback", backup, *extra, *argv)
        assert out == ""
        assert code == (2 if "--profile" in argv else 1)
        assert err.startswith("cognito-tui: ") and err.count("\n") == 1, err
        assert "no differences" not in err and "FAILED" not in err
    code, out, err = cli("rollback", backup, "--json", *argv)
    assert out == "" and json.loads(err)["kind"] in ("InputError", "EndpointError")


def test_rollback_of_a_file_that_is_not_a_backup_exits_2(cli, tmp_path):
    junk = tmp_path / "junk.yaml"
    junk.write_text("hello: world\n")
    code, _, err = cli("rollback", str(junk), "--yes")
    assert code == 2 and "not a cognito-tui backup" in err


def test_dead_endpoint_is_one_clear_line(capsys, tmp_path):
    plan = _plan(tmp_path, "us-east-1:0f4a7c2e-1111-2222-3333-444455556666", [])
    code = main(["--endpoint-url", "http://127.0.0.1:9", "apply", str(plan), "--dry-run"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "cognito-tui: us-east-1:0f4a7c2e-1111-2222-3333-444455556666: Cannot reach the endpoint" in err
    assert "Cannot reach the endpoint" not in out and "=> FAILED" in out
    assert "Traceback" not in out + err


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("cognito-tui ")
    with pytest.raises(SystemExit):
        main(["apply", "--help"])
    assert "example:" in capsys.readouterr().out


def test_unknown_option_is_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["apply", "x.yaml", "--frobnicate"])
    assert caught.value.code == 2


def test_an_unknown_profile_is_one_clear_line(capsys, tmp_path):
    plan = _plan(tmp_path, "us-east-1:0f4a7c2e-1111-2222-3333-444455556666", [])
    code = main(["--profile", "no-such-profile", "apply", str(plan), "--dry-run"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "AWS profile 'no-such-profile' not found." in err
    assert "Traceback" not in out + err


def test_profile_hints_name_the_files_aws_config_file_and_the_credentials_file_point_to(
        capsys, tmp_path, monkeypatch, endpoint):
    pool = "us-east-1:0f4a7c2e-1111-2222-3333-444455556666"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("AWS_CONFIG_FILE")
    monkeypatch.delenv("AWS_SHARED_CREDENTIALS_FILE")
    assert main(["--profile", "no-such-profile", "export", pool]) == 2
    assert "read from ~/.aws/config and ~/.aws/credentials" in capsys.readouterr().err

    config, credentials = tmp_path / "team-config", tmp_path / "team-credentials"
    config.write_text("[profile other]\nregion = us-east-1\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    assert main(["--profile", "no-such-profile", "export", pool]) == 2
    err = capsys.readouterr().err
    assert f"read from {config} and {credentials}" in err and "~/.aws" not in err

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name)
    assert main(["--endpoint-url", endpoint, "export", pool]) == 1
    err = capsys.readouterr().err
    assert "No AWS credentials found." in err and f"{config} and {credentials}" in err


def test_no_arguments_open_the_wizard_and_every_command_still_parses(monkeypatch):
    from cognito_tui import cli
    from cognito_tui.commands import wizard

    seen = []
    monkeypatch.setattr(wizard, "run", lambda args: seen.append(args) or 7)
    assert cli.main([]) == 7
    assert (seen[0].command, seen[0].profile, seen[0].endpoint_url) == (None, None, None)
    assert cli.main(["--profile", "p"]) == 7 and seen[1].profile == "p"
    assert set(cli.build_parser()._subparsers._group_actions[0].choices) == set(cli.COMMANDS)
