"""`login`, `logout` and `credentials` without a password, against the local Cognito over HTTP:
the credentials cache (0 API calls), the stored refresh token (2 calls), where it is stored, and
every refusal."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cognito_tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
FAIL_KEYRING = "keyring.backends.fail.Keyring"
FILE_KEYRING = "keyrings.alt.file.PlaintextKeyring"


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    """In-process commands never ask on the terminal pytest may run in; the file store unless a
    test chooses a keyring."""
    from cognito_tui.prompts import Terminal

    monkeypatch.setattr(Terminal, "open", classmethod(lambda cls: None))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FAIL_KEYRING)
    monkeypatch.delenv("COGNITO_PASSWORD", raising=False)


@pytest.fixture
def calls(monkeypatch):
    from cognito_tui.aws import session

    made: list[str] = []
    original = session.Clients.__init__

    def counting_init(self, settings):
        original(self, settings)
        self.add_hook("before-call", lambda model, **_: made.append(model.name))

    monkeypatch.setattr(session.Clients, "__init__", counting_init)
    return made


def ids(cognito, client_id=None, username=None) -> list[str]:
    d = cognito.demo
    return ["--identity-pool-id", d.identity_pool_id, "--user-pool-id", d.user_pool_id,
            "--client-id", client_id or d.client_id, "--username", username or d.username]


def run(cognito, command: str, *extra: str, client_id=None, endpoint=None) -> int:
    return main(["--endpoint-url", endpoint or cognito.endpoint_url, "--region", "us-east-1", command,
                 *ids(cognito, client_id), *extra])


def login(cognito, monkeypatch, *extra, client_id=None, password=None) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO((password or cognito.demo.password) + "\n"))
    return run(cognito, "login", "--password-stdin", *extra, client_id=client_id)


def key(cognito, client_id=None):
    from cognito_tui.signin.stored import SignInKey

    d = cognito.demo
    return SignInKey(d.identity_pool_id, d.user_pool_id, client_id or d.client_id, d.username)


def process_output(capsys) -> dict:
    out = json.loads(capsys.readouterr().out)
    assert out["Version"] == 1 and out["AccessKeyId"] and out["SessionToken"]
    return out


def test_login_then_credentials_from_the_cache_with_no_call_even_with_the_endpoint_down(
        cognito, monkeypatch, capsys, calls, isolated_state):
    assert login(cognito, monkeypatch) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("credential_process = ") and "--format process" in captured.out
    assert "no usable keyring" in captured.err and "0600" in captured.err
    assert cognito.demo.password not in captured.out + captured.err
    calls.clear()
    first = None
    for _ in range(3):
        assert run(cognito, "credentials", "--format", "process") == 0
        out = process_output(capsys)
        first = first or out
        assert out == first
    assert calls == []
    assert run(cognito, "credentials", "--format", "process", endpoint="http://127.0.0.1:9") == 0
    assert process_output(capsys) == first


def test_no_cache_uses_the_refresh_token_in_two_calls(cognito, monkeypatch, capsys, calls):
    assert login(cognito, monkeypatch) == 0
    before = process_output_of_login_cache(cognito)
    capsys.readouterr()
    calls.clear()
    assert run(cognito, "credentials", "--no-cache", "--format", "json") == 0
    out = json.loads(capsys.readouterr().out)
    assert calls == ["InitiateAuth", "GetCredentialsForIdentity"]
    assert out["IdentityId"] == before.identity_id and out["AccessKeyId"] != before.access_key_id


def process_output_of_login_cache(cognito):
    from cognito_tui.signin import credentials_cache

    return credentials_cache.load(key(cognito))


def test_credentials_within_five_minutes_of_expiry_are_renewed(cognito, monkeypatch, capsys, calls):
    from cognito_tui.signin import credentials_cache

    assert login(cognito, monkeypatch) == 0
    capsys.readouterr()
    cached = credentials_cache.load(key(cognito))
    from dataclasses import replace

    soon = replace(cached, expiration=datetime.now(timezone.utc) + timedelta(minutes=4))
    credentials_cache.save(key(cognito), soon)
    calls.clear()
    assert run(cognito, "credentials", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["AccessKeyId"] != cached.access_key_id
    assert calls == ["InitiateAuth", "GetCredentialsForIdentity"]
    assert credentials_cache.load(key(cognito)).seconds_left() > 3000  # the cache holds the new ones


def test_logout_revokes_and_then_credentials_exit_1_naming_login(cognito, monkeypatch, capsys, boto):
    from cognito_tui.signin.stored import SignInStore

    assert login(cognito, monkeypatch) == 0
    capsys.readouterr()
    token = SignInStore().load(key(cognito)).refresh_token
    assert run(cognito, "logout") == 0
    assert "revoked" in capsys.readouterr().err
    idp = boto("cognito-idp")
    with pytest.raises(idp.exceptions.NotAuthorizedException, match="revoked"):
        idp.initiate_auth(ClientId=cognito.demo.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": token})
    for fmt in ("process", "env"):
        assert run(cognito, "credentials", "--format", fmt) == 1
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.count("\n") == 1
        assert f"login {' '.join(ids(cognito))}" in captured.err
    assert run(cognito, "logout") == 0  # again: nothing to do, still a success
    assert "already signed out" in capsys.readouterr().err


def test_revoked_sign_in_in_process_format_exits_1_with_one_line(cognito, monkeypatch, capsys, boto):
    from cognito_tui.signin.stored import SignInStore

    assert login(cognito, monkeypatch) == 0
    capsys.readouterr()
    boto("cognito-idp").revoke_token(Token=SignInStore().load(key(cognito)).refresh_token,
                                     ClientId=cognito.demo.client_id)
    assert run(cognito, "credentials", "--no-cache", "--format", "process") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refused" in err and "login --identity-pool-id" in err


def test_logout_global_signs_out_every_session(cognito, monkeypatch, capsys, boto):
    from cognito_tui.signin import Provider, SignIn

    d = cognito.demo
    other = SignIn(__import__("cognito_tui.aws.gateway", fromlist=["Aws"]).Aws(
        __import__("cognito_tui.settings", fromlist=["Settings"]).Settings(region="us-east-1",
                                                                           endpoint_url=cognito.endpoint_url)),
        d.identity_pool_id, Provider(d.user_pool_id, d.client_id))
    other.sign_in(d.username, d.password)  # another device
    assert login(cognito, monkeypatch) == 0
    assert run(cognito, "logout", "--global") == 0
    assert "every device" in capsys.readouterr().err
    idp = boto("cognito-idp")
    with pytest.raises(idp.exceptions.NotAuthorizedException):
        idp.initiate_auth(ClientId=d.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": other.tokens.refresh_token})


def test_logout_with_the_endpoint_down_removes_nothing(cognito, monkeypatch, capsys):
    from cognito_tui.signin.stored import SignInStore

    assert login(cognito, monkeypatch) == 0
    capsys.readouterr()
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    assert run(cognito, "logout", endpoint="http://127.0.0.1:9") == 1
    assert "nothing was removed" in capsys.readouterr().err
    assert SignInStore().load(key(cognito)) is not None


def test_a_password_always_signs_in_afresh_and_replaces_the_stored_sign_in(cognito, monkeypatch, capsys, calls):
    from cognito_tui.signin.stored import SignInStore

    assert login(cognito, monkeypatch) == 0
    old = SignInStore().load(key(cognito)).refresh_token
    calls.clear()
    monkeypatch.setenv("COGNITO_PASSWORD", cognito.demo.password)
    assert run(cognito, "credentials", "--format", "json") == 0
    assert calls[:2] == ["InitiateAuth", "RespondToAuthChallenge"]
    new = SignInStore().load(key(cognito)).refresh_token
    assert new != old


def test_client_with_a_secret_keeps_it_with_the_refresh_token(cognito, monkeypatch, capsys, calls):
    d = cognito.demo
    assert login(cognito, monkeypatch, client_id=d.secret_client_id) == 0
    calls.clear()
    assert run(cognito, "credentials", "--no-cache", "--format", "json", client_id=d.secret_client_id) == 0
    assert calls == ["InitiateAuth", "GetCredentialsForIdentity"]  # no DescribeUserPoolClient


def test_the_file_store_is_0600_in_0700_and_holds_no_token_in_its_index(cognito, monkeypatch, capsys,
                                                                        isolated_state):
    from cognito_tui.signin.credentials_cache import cache_path
    from cognito_tui.signin.stored import SignInStore, signins_dir

    assert login(cognito, monkeypatch) == 0
    token = SignInStore().load(key(cognito)).refresh_token
    files = sorted(signins_dir().iterdir())
    assert [f.name.endswith(".secret.json") for f in files] == [False, True]
    for path in (*files, cache_path(key(cognito))):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert token not in files[0].read_text() and token in files[1].read_text()
    everything = "".join(p.read_text() for p in isolated_state.rglob("*") if p.is_file())
    assert cognito.demo.password not in everything


def test_a_real_keyring_backend_holds_the_token_when_one_is_chosen(cognito, monkeypatch, capsys, tmp_path, calls):
    from cognito_tui.signin.stored import SignInStore, signins_dir

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FILE_KEYRING)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert login(cognito, monkeypatch) == 0
    assert "no usable keyring" not in capsys.readouterr().err
    token = SignInStore().load(key(cognito)).refresh_token
    assert [f.name.endswith(".secret.json") for f in signins_dir().iterdir()] == [False]
    from keyrings.alt.file import PlaintextKeyring

    kept = PlaintextKeyring()
    assert kept.file_path.startswith(str(tmp_path / "data"))
    assert token in kept.get_password("cognito-tui", key(cognito).text)
    calls.clear()
    assert run(cognito, "credentials", "--no-cache", "--format", "json") == 0
    assert calls == ["InitiateAuth", "GetCredentialsForIdentity"]
    assert run(cognito, "logout") == 0
    assert kept.get_password("cognito-tui", key(cognito).text) is None


def test_without_a_keyring_chosen_plain_text_fallbacks_are_not_used(monkeypatch):
    from cognito_tui.signin.stored import usable_keyring

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent")  # no keyringrc.cfg either
    backend = usable_keyring()
    assert backend is None or float(backend.priority) >= 1


def test_cache_symlink_foreign_or_corrupt_is_ignored_with_a_warning(cognito, monkeypatch, capsys, calls, tmp_path):
    from cognito_tui.signin.credentials_cache import cache_path

    assert login(cognito, monkeypatch) == 0
    capsys.readouterr()
    path = cache_path(key(cognito))
    good = path.read_text()
    elsewhere = tmp_path / "planted.json"
    elsewhere.write_text(good)
    elsewhere.chmod(0o600)
    cases = [(lambda: path.symlink_to(elsewhere), "symbolic link"),
             (lambda: (path.write_text("{not json"), path.chmod(0o600)), "not a valid cache file"),
             (lambda: (path.write_text(good), path.chmod(0o644)), "readable by others")]
    if os.geteuid() == 0:  # only root can give a file away
        cases.append((lambda: (path.write_text(good), path.chmod(0o600), os.chown(path, 1, 1)),
                      "belongs to another user"))
    for plant, warning in cases:
        path.unlink()
        plant()
        calls.clear()
        assert run(cognito, "credentials", "--format", "process") == 0
        err = capsys.readouterr().err
        assert warning in err and err.count("\n") == 1
        assert calls == ["InitiateAuth", "GetCredentialsForIdentity"]
    assert not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_cache_of_another_user_is_never_used(cognito, monkeypatch, capsys, calls):
    from cognito_tui.signin import credentials_cache
    from cognito_tui.signin.stored import SignInKey

    assert login(cognito, monkeypatch) == 0
    d = cognito.demo
    mine = credentials_cache.cache_path(key(cognito))
    other = SignInKey(d.identity_pool_id, d.user_pool_id, d.client_id, "someone-else")
    credentials_cache.cache_path(other).write_bytes(mine.read_bytes())  # the file, under the other's name
    credentials_cache.cache_path(other).chmod(0o600)
    assert credentials_cache.load(other) is None


def test_profile_name_writes_aws_config_keeping_other_profiles_byte_for_byte(cognito, monkeypatch, capsys,
                                                                            tmp_path):
    config = tmp_path / "aws-config"
    before = "[default]\nregion = eu-west-1\n\n[profile alice]  # mine\noutput = json\ncredential_process = old\n\n" \
             "[profile zed]\nregion = us-east-2\n"
    config.write_text(before)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    assert login(cognito, monkeypatch, "--profile-name", "alice") == 0
    line = capsys.readouterr().out.strip()
    text = config.read_text()
    assert text.startswith("[default]\nregion = eu-west-1\n\n[profile alice]  # mine\noutput = json\n")
    assert text.endswith("\n\n[profile zed]\nregion = us-east-2\n")
    assert f"\n{line}\n" in text and "= old" not in text


def test_aws_profile_with_credential_process_works_three_times_with_no_password(cognito, tmp_path):
    """The AWS SDK itself (botocore) runs the line `login --profile-name` wrote, in fresh processes."""
    d = cognito.demo
    config = tmp_path / "config"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "COGNITO_"))}
    env.update({"AWS_CONFIG_FILE": str(config), "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
                "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache"),
                "XDG_STATE_HOME": str(tmp_path / "state"), "AWS_EC2_METADATA_DISABLED": "true",
                "PYTHON_KEYRING_BACKEND": FAIL_KEYRING, "AWS_ENDPOINT_URL": cognito.endpoint_url,
                "AWS_DEFAULT_REGION": "us-east-1"})
    login_run = subprocess.run([sys.executable, "-m", "cognito_tui.cli", "login", *ids(cognito), "--password-stdin",
                                "--profile-name", "cognito"], input=d.password + "\n", env=env,
                               capture_output=True, text=True, timeout=120, start_new_session=True)
    assert login_run.returncode == 0, login_run.stderr
    script = ("import boto3\ns = boto3.Session(profile_name='cognito')\n"
              "print(s.client('sts').get_caller_identity()['Arn'])\n")
    role = d.auth_role_arn.rsplit("/", 1)[1]
    for _ in range(3):
        result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                                timeout=120, start_new_session=True)
        assert result.returncode == 0, result.stderr
        assert f"assumed-role/{role}/CognitoIdentityCredentials" in result.stdout


def test_a_stored_sign_in_that_is_a_symlink_or_corrupt_is_refused_with_a_warning(cognito, monkeypatch, capsys,
                                                                                 tmp_path):
    from cognito_tui.signin.stored import signins_dir

    assert login(cognito, monkeypatch) == 0
    capsys.readouterr()
    index, secret = sorted(signins_dir().iterdir())
    planted = tmp_path / "planted.json"
    planted.write_bytes(secret.read_bytes())
    planted.chmod(0o600)
    secret.unlink()
    secret.symlink_to(planted)
    assert run(cognito, "credentials", "--no-cache", "--format", "process") == 1
    err = capsys.readouterr().err.splitlines()
    assert "symbolic link" in err[0] and "login --identity-pool-id" in err[1] and len(err) == 2
    secret.unlink()
    index.write_text("{\"key\": 5")
    index.chmod(0o600)
    assert run(cognito, "credentials", "--no-cache", "--format", "process") == 1
    assert "not valid JSON" in capsys.readouterr().err
    assert planted.read_bytes().startswith(b"{")  # never written through
