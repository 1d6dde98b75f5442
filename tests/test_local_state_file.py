"""`cognito-tui local --state-file`: the whole state survives a restart (real processes, real
clients), and a file that is not a state file is refused and left untouched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP

from test_local_backend import claims_of, provider_of, trust_policy

PASSWORD = "Passw0rd!state"
NEW_PASSWORD = "Passw0rd!changed"


class Served:
    """One `cognito-tui local` process on a state file."""

    def __init__(self, state_file: Path):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT")}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cognito_tui.cli", "local", "--port", "0", "--state-file", str(state_file)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.exports: dict[str, str] = {}
        for line in self.proc.stdout:
            name, _, value = line.removeprefix("export ").strip().partition("=")
            self.exports[name] = value.strip("'")
            if name == "DEMO_AUTH_ROLE_ARN":
                break
        assert "DEMO_AUTH_ROLE_ARN" in self.exports, self.proc.stderr.read()
        self.endpoint = self.exports["AWS_ENDPOINT_URL"]

    def client(self, service: str):
        return boto3.client(service, region_name="us-east-1", endpoint_url=self.endpoint)

    def stop(self) -> str:
        self.proc.send_signal(signal.SIGTERM)
        _, err = self.proc.communicate(timeout=15)
        assert self.proc.returncode == 0, err
        return err


def srp_sign_in(idp, pool_id: str, client_id: str, username: str, password: str) -> dict:
    return AWSSRP(username=username, password=password, pool_id=pool_id, client_id=client_id,
                  client=idp).authenticate_user()["AuthenticationResult"]


def password_sign_in(idp, client_id: str, password: str) -> dict:
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={
        "USERNAME": "kept-user", "PASSWORD": password})["AuthenticationResult"]


def credentials_role(served: Served, identity_pool_id: str, provider: str, id_token: str) -> tuple[str, str]:
    ci = served.client("cognito-identity")
    logins = {provider: id_token}
    identity_id = ci.get_id(IdentityPoolId=identity_pool_id, Logins=logins)["IdentityId"]
    creds = ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]
    sts = boto3.client("sts", region_name="us-east-1", endpoint_url=served.endpoint,
                       aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretKey"],
                       aws_session_token=creds["SessionToken"])
    return identity_id, sts.get_caller_identity()["Arn"]


def arrange(served: Served) -> dict:
    """A user pool with a user in a group whose role a Token mapping hands out."""
    idp, ci, iam = served.client("cognito-idp"), served.client("cognito-identity"), served.client("iam")
    pool_id = idp.create_user_pool(PoolName="kept")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=[
        "ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username="kept-user", MessageAction="SUPPRESS",
                          TemporaryPassword=PASSWORD)
    idp.admin_set_user_password(UserPoolId=pool_id, Username="kept-user", Password=PASSWORD, Permanent=True)
    provider = provider_of(pool_id)
    identity_pool_id = ci.create_identity_pool(
        IdentityPoolName="kept", AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": client_id}])["IdentityPoolId"]
    role = iam.create_role(RoleName="kept-group-role",
                           AssumeRolePolicyDocument=trust_policy(identity_pool_id))["Role"]["Arn"]
    idp.create_group(UserPoolId=pool_id, GroupName="staff", RoleArn=role, Precedence=1)
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="kept-user", GroupName="staff")
    ci.set_identity_pool_roles(IdentityPoolId=identity_pool_id, Roles={"authenticated": role}, RoleMappings={
        f"{provider}:{client_id}": {"Type": "Token", "AmbiguousRoleResolution": "Deny"}})
    return {"pool_id": pool_id, "client_id": client_id, "provider": provider,
            "identity_pool_id": identity_pool_id, "role": role}


def test_after_a_restart_the_pools_are_there_and_the_same_user_signs_in(tmp_path):
    state_file = tmp_path / "local-state.json"
    first = Served(state_file)
    try:
        made = arrange(first)
        before = srp_sign_in(first.client("cognito-idp"), made["pool_id"], made["client_id"], "kept-user",
                             PASSWORD)
        token = before["IdToken"]
        identity_id, _ = credentials_role(first, made["identity_pool_id"], made["provider"], token)
    finally:
        assert "new; saving to" in first.stop()
    assert state_file.stat().st_mode & 0o777 == 0o600
    assert PASSWORD not in state_file.read_text()  # users' passwords are kept as SRP verifiers

    second = Served(state_file)
    try:
        exports = {k: v for k, v in second.exports.items() if k != "AWS_ENDPOINT_URL"}
        assert exports == {k: v for k, v in first.exports.items() if k != "AWS_ENDPOINT_URL"}
        idp = second.client("cognito-idp")
        listed = {p["Id"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]}
        assert {made["pool_id"], second.exports["DEMO_USER_POOL_ID"], second.exports["DEMO_SECOND_USER_POOL_ID"]} <= listed
        # The same user signs in with SRP (on the verifier alone), and the group's role still applies.
        signed_in = srp_sign_in(idp, made["pool_id"], made["client_id"], "kept-user", PASSWORD)
        fresh = signed_in["IdToken"]
        assert claims_of(fresh)["cognito:preferred_role"] == made["role"]
        with pytest.raises(ClientError) as caught:
            password_sign_in(idp, made["client_id"], PASSWORD + "x")
        assert caught.value.response["Error"]["Message"] == "Incorrect username or password."
        idp.change_password(AccessToken=signed_in["AccessToken"], PreviousPassword=PASSWORD,
                            ProposedPassword=NEW_PASSWORD)
        assert "IdToken" in password_sign_in(idp, made["client_id"], NEW_PASSWORD)
        again, arn = credentials_role(second, made["identity_pool_id"], made["provider"], fresh)
        assert again == identity_id and arn.endswith("assumed-role/kept-group-role/CognitoIdentityCredentials")
        # Tokens issued before the restart: the refresh token still refreshes, and the pool's key
        # was kept, so the ID token still verifies.
        refreshed = idp.initiate_auth(ClientId=made["client_id"], AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters={"REFRESH_TOKEN": before["RefreshToken"]})
        assert claims_of(refreshed["AuthenticationResult"]["IdToken"])["cognito:username"] == "kept-user"
        assert idp.get_user(AccessToken=before["AccessToken"])["Username"] == "kept-user"
        assert credentials_role(second, made["identity_pool_id"], made["provider"], token)[0] == identity_id
        # The demo user and its app client came back with the same password.
        demo = idp.initiate_auth(ClientId=second.exports["DEMO_CLIENT_ID"], AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": second.exports["DEMO_USERNAME"],
                                                 "PASSWORD": second.exports["DEMO_PASSWORD"]})
        assert "IdToken" in demo["AuthenticationResult"]
    finally:
        assert "restored from" in second.stop()


def _valid_state(tmp_path: Path) -> bytes:
    from cognito_tui.local import state_file

    path = tmp_path / "made.json"
    state_file.write(path, {"user_pools": [], "signing_keys": {}, "iam_roles": [], "identity_regions": [],
                            "demo": None})
    return path.read_bytes()


REFUSED = {
    "not JSON": (lambda valid: b"\x80\x04 not a state file", "not JSON"),
    "another format": (lambda valid: b'{"format": "terraform state", "version": 1}', "format name"),
    "a list": (lambda valid: b"[1, 2, 3]", "format name"),
    "a newer version": (lambda valid: valid.replace(b'"version":1', b'"version":7'), "version 7"),
    "cut short": (lambda valid: valid[: len(valid) // 2], "not JSON"),
    "a missing field": (lambda valid: valid.replace(b'"iam_roles"', b'"roles"'), "damaged"),
    "a wrong shape": (lambda valid: valid.replace(b'"user_pools":[]', b'"user_pools":[{"id":5}]'), "damaged"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_file_that_is_not_a_good_state_file_is_refused_and_left_untouched(tmp_path, capsys, case):
    from cognito_tui.cli import main

    make, problem = REFUSED[case]
    path = tmp_path / "state.json"
    path.write_bytes(make(_valid_state(tmp_path)))
    before = path.read_bytes()
    assert main(["local", "--port", "0", "--state-file", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"The state file {path}" in err and problem in err and "left as it is" in err
    assert "Traceback" not in err and path.read_bytes() == before


def test_a_state_file_in_a_folder_that_does_not_exist_is_a_usage_error(tmp_path, capsys):
    from cognito_tui.cli import main

    assert main(["local", "--port", "0", "--state-file", str(tmp_path / "no" / "state.json")]) == 2
    assert "cannot be written" in capsys.readouterr().err
