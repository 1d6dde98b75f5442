"""`cognito-tui doctor` from the command line: exit codes, readable output, JSON shape, fix plans."""

from __future__ import annotations

import io
import json

import pytest
from test_doctor_builders import provider_name, trust_policy

from cognito_tui.cli import main


def run(capsys, *args):
    code = main(["doctor", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_malformed_pool_id_exits_2(capsys, endpoint):
    code, out, err = run(capsys, "us-east-1_notAnIdentityPool", "--endpoint-url", endpoint)
    assert code == 2
    assert out == "" and "Malformed identity pool ID" in err


def test_healthy_pool_exits_0_with_json(capsys, endpoint, builder):
    built = builder.pool()
    code, out, _ = run(capsys, built.pool_id, "--json", "--endpoint-url", endpoint)
    assert code == 0
    data = json.loads(out)
    assert data["pool_id"] == built.pool_id and data["ok"] is True
    assert data["counts"] == {"error": 0, "warning": 0, "info": 1}
    assert [f["id"] for f in data["findings"]] == ["provider.server-side-token-check"]


def test_broken_pool_exits_1_and_reads_well(capsys, endpoint, builder):
    built = builder.pool(secret=True, auth_role=False)
    code, out, _ = run(capsys, "--endpoint-url", endpoint, built.pool_id)
    assert code == 1
    lines = out.splitlines()
    assert lines[-1] == "1 error, 1 warning"
    assert "[E] role.authenticated-missing" in out and "[W] client.has-secret" in out
    assert out.index("Errors (1)") < out.index("Warnings (1)") < out.index("Info (1)")
    for label in ("what:", "why:", "fix:"):
        assert label in out


def test_json_findings_carry_every_field_and_the_auto_fix(capsys, endpoint, builder):
    built = builder.pool(name=lambda up: provider_name(up, region="eu-west-1"))
    code, out, _ = run(capsys, built.pool_id, "--json", "--endpoint-url", endpoint)
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False and data["counts"]["error"] == 1
    (finding,) = [f for f in data["findings"] if f["severity"] == "error"]
    assert set(finding) == {"id", "severity", "subject", "message", "why", "fix", "auto_fix"}
    assert finding["id"] == "provider.region-mismatch"
    assert finding["auto_fix"]["replacement"]["provider_name"] == provider_name(built.user_pool_id)


def test_missing_pool_exits_1(capsys, endpoint):
    code, out, _ = run(capsys, "us-east-1:00000000-0000-0000-0000-000000000000", "--json",
                       "--endpoint-url", endpoint)
    assert code == 1
    assert [f["id"] for f in json.loads(out)["findings"]] == ["pool.not-found"]


def test_token_from_stdin(capsys, monkeypatch, endpoint, builder):
    built = builder.pool()
    builder.user(built.user_pool_id)
    tokens = builder.tokens(built.client_id)
    monkeypatch.setattr("sys.stdin", io.StringIO(tokens["AccessToken"] + "\n"))
    code, out, _ = run(capsys, built.pool_id, "--json", "--token-stdin", "--endpoint-url", endpoint)
    assert code == 1
    assert "token.not-id-token" in [f["id"] for f in json.loads(out)["findings"]]
    assert tokens["AccessToken"] not in out

    monkeypatch.setattr("sys.stdin", io.StringIO(tokens["IdToken"]))
    code, out, _ = run(capsys, built.pool_id, "--token-stdin", "--endpoint-url", endpoint)
    assert code == 0 and tokens["IdToken"] not in out


def test_empty_stdin_with_token_stdin_exits_2(capsys, monkeypatch, endpoint, builder):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = run(capsys, "us-east-1:00000000-0000-0000-0000-000000000000", "--token-stdin",
                       "--endpoint-url", endpoint)
    assert code == 2 and "no token" in err


def test_write_plan_then_apply_fixes_the_pool(capsys, endpoint, builder, tmp_path):
    from cognito_tui.plan import load_plan

    built = builder.pool(name=lambda up: f"cognito-idp:us-east-1.amazonaws.com/{up}")
    plan_file = tmp_path / "fix.yaml"
    code, _, err = run(capsys, built.pool_id, "--write-plan", str(plan_file), "--endpoint-url", endpoint)
    assert code == 0 and "1 automatic fix" in err and "it fixes every error found" in err
    (pool,) = load_plan(plan_file).pools
    assert [p.provider_name for p in pool.providers] == [provider_name(built.user_pool_id)]
    assert main(["apply", str(plan_file), "--yes", "--endpoint-url", endpoint]) == 0
    capsys.readouterr()
    code, _, _ = run(capsys, built.pool_id, "--endpoint-url", endpoint)
    assert code == 0


def test_write_plan_exits_1_when_errors_remain_that_the_plan_does_not_fix(capsys, endpoint, builder, tmp_path):
    built = builder.pool(name=lambda up: f"cognito-idp:us-east-1.amazonaws.com/{up}", auth_role=False)
    code, out, err = run(capsys, built.pool_id, "--write-plan", str(tmp_path / "fix.yaml"), "--endpoint-url", endpoint)
    assert code == 1
    assert "role.authenticated-missing" in out and "1 error(s) above need a fix by hand" in err
    assert (tmp_path / "fix.yaml").exists()


def test_write_plan_fixes_a_trust_policy_error_with_a_version_2_plan(capsys, endpoint, builder, tmp_path):
    built = builder.pool(trust=lambda pool_id: trust_policy(pool_id, action="sts:AssumeRole"))
    code, out, err = run(capsys, built.pool_id, "--write-plan", str(tmp_path / "fix.yaml"), "--endpoint-url", endpoint)
    assert code == 0, err
    assert "role.trust-action" in out and "it fixes every error found" in err
    text = (tmp_path / "fix.yaml").read_text()
    assert text.startswith("version: 2\n") and f'arn: "{built.role_arn}"' in text and "fix_trust: true" in text


def test_the_readme_example_write_plan_then_apply_dry_run_runs_as_written(endpoint, builder, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    (example,) = {line for line in readme.splitlines()
                  if line.startswith("cognito-tui doctor ") and "--write-plan fix.yaml &&" in line}
    built = builder.pool(name=lambda up: f"cognito-idp:us-east-1.amazonaws.com/{up}")
    command = example.replace("us-east-1:0f4a7c2e-...", built.pool_id)
    env = {**os.environ, "AWS_ENDPOINT_URL": endpoint,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "provider.malformed-name" in done.stdout  # the doctor's report
    malformed = f"cognito-idp:us-east-1.amazonaws.com/{built.user_pool_id}"
    assert any("REMOVE" in line and malformed in line for line in done.stdout.splitlines())  # apply's dry run
    assert "dry run" in done.stdout


def test_help_explains_with_an_example(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["doctor", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "example:" in out and "cognito-tui doctor us-east-1:" in out and "--token-stdin" in out


def test_text_output_is_wrapped_at_80_and_a_note_for_several_providers_is_said_once(capsys, endpoint, builder):
    pools = [builder.user_pool() for _ in range(3)]
    clients = [builder.client(up) for up in pools]
    pool_id = builder.identity_pool([(provider_name(pools[0]), clients[0], False),
                                     (provider_name(pools[1]), clients[1], True),
                                     (provider_name(pools[2]), clients[2], False)])
    builder.set_roles(pool_id, authenticated=builder.role(trust_policy(pool_id)))
    code, out, _ = run(capsys, "--endpoint-url", endpoint, pool_id)  # not a terminal: 80 columns
    assert code == 0, out
    lines = out.splitlines()
    for line in lines:  # longer only when one word (an ID) is longer than the line
        assert len(line) <= 80 or len(line.removeprefix("      - ").split()) == 1, line
    # The same note on two providers is one entry naming both; the note the three share, once.
    assert out.count("[i] provider.server-side-token-check") == 2
    assert out.count("Terraform and the API default to off") == 1
    assert out.count("Server-side token check is off") == 1
    off = out.index("Server-side token check is off")
    assert "(2 of them)" in out[:off]
    for up in (pools[0], pools[2]):
        assert f"- {provider_name(up)}" in out[:off]
    words = " ".join(out.split())
    assert "a token stays accepted after a global sign-out until it expires." in words
