"""The headless commands as a script on a bastion host would run them: exit codes, output, JSON."""

import json

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


@pytest.fixture
def cli(endpoint, capsys):
    def run(*argv):
        code = main(["--endpoint-url", endpoint, *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


def test_dry_run_prints_a_readable_diff_and_writes_nothing(cli, boto, tmp_path):
    up, client = user_pool(boto)
    keep_up, keep_client = user_pool(boto)
    pool = rich_identity_pool(boto, [provider(keep_up, keep_client)])
    plan = _plan(tmp_path, pool["IdentityPoolId"], [(up, client)])
    code, out, err = cli("apply", str(plan), "--dry-run")
    assert code == 0, err
    assert f"+ add     cognito-idp.us-east-1.amazonaws.com/{up}  client {client}" in out
    assert f"- REMOVE  cognito-idp.us-east-1.amazonaws.com/{keep_up}" in out
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
    bad.write_text("version: 2\nidentity_pools: []\n")
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
    assert f"Not applied: {missing}" in out
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


def test_export_of_a_malformed_pool_id_exits_2(cli):
    code, out, err = cli("export", "us-east-1_NotAnIdentityPool")
    assert code == 2 and "Malformed identity pool ID" in err


def test_rollback_round_trip_through_the_cli(cli, boto, tmp_path):
    up, client = user_pool(boto)
    before = rich_identity_pool(boto)
    code, out, _ = cli("apply", str(_plan(tmp_path, before["IdentityPoolId"], [(up, client)])), "--yes", "--json")
    backup = json.loads(out)["pools"][0]["backup"]
    code, out, err = cli("rollback", backup, "--dry-run")
    assert code == 0 and "CognitoIdentityProviders" in out and "dry run" in out
    code, out, err = cli("rollback", backup)
    assert code == 2 and "--yes" in err
    code, out, err = cli("rollback", backup, "--yes")
    assert code == 0, err
    assert "restored from the backup" in out
    assert describe(boto, before["IdentityPoolId"]) == before


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
    assert "Cannot reach the endpoint" in out
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


def test_no_arguments_open_the_wizard_and_every_command_still_parses(monkeypatch):
    from cognito_tui import cli
    from cognito_tui.commands import wizard

    seen = []
    monkeypatch.setattr(wizard, "run", lambda args: seen.append(args) or 7)
    assert cli.main([]) == 7
    assert (seen[0].command, seen[0].profile, seen[0].endpoint_url) == (None, None, None)
    assert cli.main(["--profile", "p"]) == 7 and seen[1].profile == "p"
    assert set(cli.build_parser()._subparsers._group_actions[0].choices) == set(cli.COMMANDS)
