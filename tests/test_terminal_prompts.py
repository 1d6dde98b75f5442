"""Questions asked on a real controlling terminal (a pseudo-terminal), hidden when secret; never in
--format process; the authenticator setup of `login` read off the screen and answered with the
code computed from the key it shows."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyotp
import pytest

from aws_builders import add_providers, user_pool
from pty_session import PtySession

ROOT = Path(__file__).resolve().parents[1]
MFA_PASSWORD = "Mfa-Passw0rd!x"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def cognito():
    import boto3

    from cognito_tui.local import start_local_cognito

    server = start_local_cognito(port=0)
    d = server.demo
    idp = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=server.endpoint_url)
    pool, client = user_pool(lambda service, region="us-east-1": boto3.client(
        service, region_name=region, endpoint_url=server.endpoint_url))
    idp.set_user_pool_mfa_config(UserPoolId=pool, MfaConfiguration="ON",
                                 SoftwareTokenMfaConfiguration={"Enabled": True})
    server.mfa_pool, server.mfa_client = pool, client
    add_providers(server.endpoint_url, d.identity_pool_id, (d.user_pool_id, d.client_id), (pool, client))
    yield server
    server.stop()


@pytest.fixture
def env(cognito, tmp_path):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "COGNITO_", "XDG_"))}
    environ.update({"PYTHONPATH": str(ROOT), "AWS_ENDPOINT_URL": cognito.endpoint_url,
                    "AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing",
                    "AWS_SECRET_ACCESS_KEY": "testing", "AWS_CONFIG_FILE": os.devnull,
                    "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_EC2_METADATA_DISABLED": "true",
                    "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
                    "XDG_CONFIG_HOME": str(tmp_path / "config"), "TERM": "xterm-256color",
                    "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    return environ


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "cognito_tui.cli", *args]


def ids(identity_pool: str, pool: str, client: str, username: str) -> list[str]:
    return ["--identity-pool-id", identity_pool, "--user-pool-id", pool, "--client-id", client,
            "--username", username]


def test_credentials_asks_for_a_new_password_hidden_and_confirmed(cognito, env):
    d = cognito.demo
    new_password = "Brand-New-Passw0rd!"
    session = PtySession(cli("credentials", *ids(d.identity_pool_id, d.user_pool_id, d.client_id,
                                                 d.new_password_username), "--format", "json"), env)
    session.read_until(f"Password for {d.new_password_username}: ")
    session.type(d.new_password_temp_password + "\n")
    session.read_until("New password (the user must set one): ")
    session.type(new_password + "\n")
    session.read_until("Type it again to confirm: ")
    mark = len(session.screen)  # from here on, the prompts asked again
    session.type("Something-else-1!\n")
    session.read_until("The two entries differ", after=mark)
    session.read_until("New password (the user must set one): ", after=mark)
    mark = len(session.screen)
    session.type(new_password + "\n")
    session.read_until("Type it again to confirm: ", after=mark)
    session.type(new_password + "\n")
    code, out = session.finish()
    assert code == 0, session.text
    assert json.loads(out)["IdentityId"].startswith("us-east-1:")
    for typed in (new_password, d.new_password_temp_password, "Something-else-1!"):
        assert typed not in session.text  # never echoed
    assert "Traceback" not in session.text


def test_process_format_never_asks_even_on_a_terminal(cognito, env):
    d = cognito.demo
    session = PtySession(cli("credentials", *ids(d.identity_pool_id, d.user_pool_id, d.client_id, d.username),
                             "--format", "process"), env)
    code, out = session.finish(timeout=60)
    assert code == 1 and out == ""
    lines = [line for line in ANSI.sub("", session.text).splitlines() if line.strip()]
    assert len(lines) == 1 and "login --identity-pool-id" in lines[0]
    assert "Password" not in session.text


def _new_mfa_user(cognito, boto_user: str) -> None:
    import boto3

    idp = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=cognito.endpoint_url)
    idp.admin_create_user(UserPoolId=cognito.mfa_pool, Username=boto_user, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=cognito.mfa_pool, Username=boto_user, Password=MFA_PASSWORD,
                                Permanent=True)


def _key_on_screen(text: str) -> str:
    groups = re.findall(r"\b([A-Z2-7]{4}(?: [A-Z2-7]{4}){3})\b", ANSI.sub("", text))
    assert len(groups) == 2, text
    return "".join(" ".join(groups).split())


def test_login_sets_up_an_authenticator_at_80x24_and_refuses_a_wrong_code(cognito, env, unique):
    d, user = cognito.demo, unique("mfa")
    _new_mfa_user(cognito, user)
    user_ids = ids(d.identity_pool_id, cognito.mfa_pool, cognito.mfa_client, user)
    session = PtySession(cli("login", *user_ids), env, size=(24, 80))
    session.read_until(f"Password for {user}: ")
    session.type(MFA_PASSWORD + "\n")
    prompt = "Code from the authenticator app (to finish its setup): "
    screen = session.read_until(prompt)
    setup = ANSI.sub("", screen[screen.index("Set up an authenticator app") - 60:]).split("\n")
    setup = setup[next(i for i, line in enumerate(setup) if "Set up" in line):]
    assert len(setup) <= 24 and max(len(line) for line in setup) <= 80  # no scrolling at 80x24
    secret = _key_on_screen(screen)
    mark = len(session.screen)
    session.type("000000\n")
    session.read_until("does not match the new authenticator", after=mark)
    session.read_until(prompt, after=mark)
    session.type(pyotp.TOTP(secret).now() + "\n")
    code, out = session.finish()
    assert code == 0, session.text
    assert out.startswith("credential_process = ") and MFA_PASSWORD not in session.text

    # No password anywhere from now on: the cache, then the refresh token (no MFA code asked).
    for extra in ((), ("--no-cache",)):
        result = subprocess.run(cli("credentials", *user_ids, "--format", "process", *extra), env=env,
                                capture_output=True, text=True, timeout=60, start_new_session=True)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["Version"] == 1

    # The next password sign-in asks for a code from the app just linked.
    session = PtySession(cli("login", *user_ids), env)
    session.read_until(f"Password for {user}: ")
    session.type(MFA_PASSWORD + "\n")
    session.read_until("Code from the authenticator app: ")
    session.type(pyotp.TOTP(secret).now() + "\n")
    code, _ = session.finish()
    assert code == 0, session.text


def _signed_in_with_setup_mfa(env, user_ids, user, secret) -> PtySession:
    """`login --setup-mfa` past the password and the current code."""
    session = PtySession(cli("login", *user_ids, "--setup-mfa"), env)
    session.read_until(f"Password for {user}: ")
    session.type(MFA_PASSWORD + "\n")
    session.read_until("Code from the authenticator app: ")
    session.type(pyotp.TOTP(secret).now() + "\n")
    return session


def test_setup_mfa_asks_before_replacing_an_authenticator(cognito, env, unique):
    d, user = cognito.demo, unique("mfa")
    _new_mfa_user(cognito, user)
    user_ids = ids(d.identity_pool_id, cognito.mfa_pool, cognito.mfa_client, user)
    session = PtySession(cli("login", *user_ids), env)
    session.read_until(f"Password for {user}: ")
    session.type(MFA_PASSWORD + "\n")
    secret = _key_on_screen(session.read_until("(to finish its setup): "))
    session.type(pyotp.TOTP(secret).now() + "\n")
    assert session.finish()[0] == 0

    session = _signed_in_with_setup_mfa(env, user_ids, user, secret)
    session.read_until("replace it? The old one stops working [y/N]: ")
    session.type("\n")
    session.read_until("Kept the authenticator app linked before.")
    assert session.finish()[0] == 0

    session = _signed_in_with_setup_mfa(env, user_ids, user, secret)
    session.read_until("[y/N]: ")
    mark = len(session.screen)
    session.type("y\n")
    session.read_until("Code from the authenticator app: ", after=mark)
    new_secret = _key_on_screen(session.screen[mark:].decode(errors="replace"))
    assert new_secret != secret
    session.type(pyotp.TOTP(new_secret).now() + "\n")
    session.read_until("Authenticator app linked")
    assert session.finish()[0] == 0

    import boto3

    idp = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=cognito.endpoint_url)
    step = idp.admin_get_user(UserPoolId=cognito.mfa_pool, Username=user)
    assert step["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    from cognito_tui.local.mfa import SECRET_ATTR
    from cognito_tui.local.moto_bridge import user_pool as moto_pool

    assert getattr(moto_pool(cognito.mfa_pool).users[user], SECRET_ATTR) == new_secret  # the old one is gone
