"""`cognito-tui credentials` and the shared credentials file, against the local Cognito over HTTP."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest


from cognito_tui.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    """In-process commands never ask on the terminal pytest may run in."""
    from cognito_tui.prompts import Terminal

    monkeypatch.setattr(Terminal, "open", classmethod(lambda cls: None))


def base_args(cognito, client_id: str | None = None) -> list[str]:
    d = cognito.demo
    return ["--endpoint-url", cognito.endpoint_url, "--region", "us-east-1", "credentials",
            "--identity-pool-id", d.identity_pool_id, "--user-pool-id", d.user_pool_id,
            "--client-id", client_id or d.client_id, "--username", d.username]


def test_json_format_prints_credentials_from_the_password_in_env(cognito, monkeypatch, capsys):
    monkeypatch.setenv("COGNITO_PASSWORD", cognito.demo.password)
    assert main(base_args(cognito) + ["--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", "IdentityId"}
    assert datetime.fromisoformat(out["Expiration"].replace("Z", "+00:00")) > datetime.now(timezone.utc)
    assert out["IdentityId"].startswith("us-east-1:")


def test_env_format_reads_the_password_from_stdin(cognito, monkeypatch, capsys):
    monkeypatch.delenv("COGNITO_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(cognito.demo.password + "\n"))
    assert main(base_args(cognito) + ["--password-stdin"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("=", 1)[0] for line in lines] == [
        "export AWS_ACCESS_KEY_ID", "export AWS_SECRET_ACCESS_KEY", "export AWS_SESSION_TOKEN",
        "export AWS_CREDENTIAL_EXPIRATION"]


def test_wrong_password_exits_1_with_one_line(cognito, monkeypatch, capsys):
    monkeypatch.setenv("COGNITO_PASSWORD", "not-the-password")
    assert main(base_args(cognito)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "Incorrect username or password" in captured.err
    assert "not-the-password" not in captured.err


def test_no_password_nor_stored_sign_in_exits_1_naming_login_and_malformed_ids_exit_2(cognito, monkeypatch, capsys):
    monkeypatch.delenv("COGNITO_PASSWORD", raising=False)
    assert main(base_args(cognito)) == 1
    err = capsys.readouterr().err
    assert "COGNITO_PASSWORD" in err and "cognito-tui --region us-east-1" in err and " login " in err
    monkeypatch.setenv("COGNITO_PASSWORD", "x")
    args = base_args(cognito)
    args[args.index("--user-pool-id") + 1] = "us-east-1:not-a-user-pool"
    assert main(args) == 2


def test_password_is_never_an_argument():
    with pytest.raises(SystemExit) as caught:
        main(["credentials", "--identity-pool-id", "x", "--user-pool-id", "y", "--client-id", "z",
              "--username", "u", "--password", "p"])
    assert caught.value.code == 2


def test_help_explains_with_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["credentials", "--help"])
    out = capsys.readouterr().out
    assert "example:" in out and "--password-stdin" in out and "credential_process" in out


def test_client_secret_from_stdin(cognito, monkeypatch, capsys):
    monkeypatch.setenv("COGNITO_PASSWORD", cognito.demo.password)
    monkeypatch.setattr(sys, "stdin", io.StringIO(cognito.demo.secret_client_secret + "\n"))
    args = base_args(cognito, cognito.demo.secret_client_id) + ["--client-secret-stdin", "--format", "process"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["Version"] == 1


def test_credentials_command_costs_four_api_calls(cognito, monkeypatch, capsys):
    from cognito_tui.aws import session

    calls: list[str] = []
    original = session.Clients.__init__

    def counting_init(self, settings):
        original(self, settings)
        self.add_hook("before-call", lambda model, **_: calls.append(model.name))

    monkeypatch.setattr(session.Clients, "__init__", counting_init)
    monkeypatch.setenv("COGNITO_PASSWORD", cognito.demo.password)
    assert main(base_args(cognito) + ["--format", "json"]) == 0
    assert calls == ["InitiateAuth", "RespondToAuthChallenge", "GetId", "GetCredentialsForIdentity"]


def test_process_format_is_used_by_botocore_itself(cognito, tmp_path):
    d = cognito.demo
    command = " ".join([sys.executable, "-m", "cognito_tui.cli", "--endpoint-url", cognito.endpoint_url,
                        "--region", "us-east-1", "credentials", "--identity-pool-id", d.identity_pool_id,
                        "--user-pool-id", d.user_pool_id, "--client-id", d.client_id,
                        "--username", d.username, "--format", "process"])
    config = tmp_path / "config"
    config.write_text(f"[profile cognito]\nregion = us-east-1\ncredential_process = {command}\n")
    script = (
        "import boto3, sys\n"
        "s = boto3.Session(profile_name='cognito')\n"
        "sts = s.client('sts', endpoint_url=sys.argv[1])\n"
        "print(sts.get_caller_identity()['Arn'])\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"AWS_CONFIG_FILE": str(config), "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
                "COGNITO_PASSWORD": d.password, "PYTHONPATH": str(ROOT),
                "XDG_CACHE_HOME": str(tmp_path / "cache"), "AWS_EC2_METADATA_DISABLED": "true"})
    result = subprocess.run([sys.executable, "-c", script, cognito.endpoint_url], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    role = d.auth_role_arn.rsplit("/", 1)[1]
    assert f"assumed-role/{role}/CognitoIdentityCredentials" in result.stdout


def test_profile_is_saved_0600_and_other_profiles_are_untouched(cognito, tmp_path, monkeypatch):
    from cognito_tui.aws.gateway import Aws
    from cognito_tui.aws_credentials_file import save_profile
    from cognito_tui.settings import Settings
    from cognito_tui.signin import Provider, SignIn

    d = cognito.demo
    path = tmp_path / "aws" / "credentials"
    path.parent.mkdir()
    other = "# my notes\n[default]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = keep-me\n\n"
    path.write_text(other + "[cognito]\naws_access_key_id = OLD\n\n[after]\nregion_hint = x\n")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(path))
    signin = SignIn(Aws(Settings(region="us-east-1", endpoint_url=cognito.endpoint_url)), d.identity_pool_id,
                    Provider(d.user_pool_id, d.client_id))
    signin.sign_in(d.username, d.password)
    assert save_profile("cognito", signin.credentials) == path

    text = path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert text.startswith(other)
    assert text.endswith("[after]\nregion_hint = x\n")
    assert "OLD" not in text and signin.credentials.session_token in text

    import boto3

    session = boto3.Session(profile_name="cognito")
    assert session.get_credentials().access_key == signin.credentials.access_key_id
    arn = session.client("sts", region_name="us-east-1",
                         endpoint_url=cognito.endpoint_url).get_caller_identity()["Arn"]
    assert arn.endswith("/CognitoIdentityCredentials")


def test_profile_names_are_checked(tmp_path):
    from cognito_tui.aws_credentials_file import save_profile
    from cognito_tui.errors import InputError
    from cognito_tui.signin import Credentials

    creds = Credentials("us-east-1:1", "AKIA", "secret", "token")
    with pytest.raises(InputError):
        save_profile("bad]name", creds, tmp_path / "credentials")
    assert not (tmp_path / "credentials").exists()


def test_mfa_code_from_the_option_and_a_clear_error_without_it(cognito, monkeypatch, capsys):
    import uuid

    import boto3

    from cognito_tui.aws.gateway import Aws
    from cognito_tui.settings import Settings
    from cognito_tui.signin import Provider, SignIn

    d = cognito.demo
    idp = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=cognito.endpoint_url)
    username, password = f"mfa{uuid.uuid4().hex[:8]}", "Mfa-user-Passw0rd!"
    idp.admin_create_user(UserPoolId=d.user_pool_id, Username=username, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=d.user_pool_id, Username=username, Password=password, Permanent=True)
    first = SignIn(Aws(Settings(region="us-east-1", endpoint_url=cognito.endpoint_url)), d.identity_pool_id,
                   Provider(d.user_pool_id, d.client_id))
    first.sign_in(username, password)
    access = first.tokens.access_token
    import pyotp

    idp.set_user_pool_mfa_config(UserPoolId=d.user_pool_id, MfaConfiguration="OPTIONAL",
                                 SoftwareTokenMfaConfiguration={"Enabled": True})
    totp = pyotp.TOTP(idp.associate_software_token(AccessToken=access)["SecretCode"])
    idp.verify_software_token(AccessToken=access, UserCode=totp.now())
    idp.set_user_mfa_preference(AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})

    monkeypatch.setenv("COGNITO_PASSWORD", password)
    args = base_args(cognito)
    args[args.index("--username") + 1] = username
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "authenticator" in err and "--mfa-code" in err
    assert main(args + ["--mfa-code", totp.now(), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["IdentityId"] == first.identity_id
