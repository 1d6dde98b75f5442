"""The local Cognito through clients nobody here wrote, in Node.js: aws-jwt-verify checks ID tokens
against each user pool's own key set, and the AWS SDK for JavaScript v3 gets a group's role
through a Token role mapping. The npm packages live in tests/node (installed by .ci/run, or
here on first use with `npm ci`)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import boto3
import pytest

from test_local_backend import make_identity_pool, make_role, make_user_pool, sign_in, trust_policy

NODE_DIR = Path(__file__).resolve().parent / "node"


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("Node.js is not installed: these tests run aws-jwt-verify and the AWS SDK for "
                    "JavaScript v3 (install node and npm to run them)")
    if not (NODE_DIR / "node_modules").is_dir():
        npm = shutil.which("npm")
        assert npm, "node is installed but npm is not: install npm, then run `npm ci --prefix tests/node`"
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(NODE_DIR)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"`npm ci --prefix tests/node` failed:\n{done.stderr[-2000:]}"
    return found


def run_node(node: str, script: str, payload: dict) -> dict:
    # Tokens and keys travel on stdin, never in the command line.
    done = subprocess.run([node, str(NODE_DIR / script)], input=json.dumps(payload), capture_output=True,
                          text=True, timeout=60, cwd=NODE_DIR)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_aws_jwt_verify_accepts_a_token_with_its_pools_keys_and_rejects_it_with_anothers(
        node, client, unique, endpoint):
    idp = client("cognito-idp")
    pool, other = make_user_pool(idp, unique), make_user_pool(idp, unique)
    token = sign_in(idp, pool)["IdToken"]
    ask = {"endpoint": endpoint, "userPoolId": pool.pool_id, "clientId": pool.client_id, "token": token}
    accepted = run_node(node, "verify_id_token.mjs", {**ask, "keysOf": pool.pool_id})
    assert accepted["ok"], accepted
    rejected = run_node(node, "verify_id_token.mjs", {**ask, "keysOf": other.pool_id})
    assert not rejected["ok"] and rejected["error"].startswith("KidNotFoundInJwksError"), rejected


def test_sdk_v3_gets_the_groups_role_under_a_token_role_mapping(node, client, unique, endpoint):
    idp, ci, iam = client("cognito-idp"), client("cognito-identity"), client("iam")
    pool = make_user_pool(idp, unique)
    identity_pool_id = make_identity_pool(ci, unique, pool)
    default_role = make_role(iam, unique, trust_policy(identity_pool_id))
    group_role = make_role(iam, unique, trust_policy(identity_pool_id))
    idp.create_group(UserPoolId=pool.pool_id, GroupName="staff", RoleArn=group_role, Precedence=0)
    idp.admin_add_user_to_group(UserPoolId=pool.pool_id, Username=pool.username, GroupName="staff")
    ci.set_identity_pool_roles(IdentityPoolId=identity_pool_id, Roles={"authenticated": default_role},
                               RoleMappings={f"{pool.provider}:{pool.client_id}": {
                                   "Type": "Token", "AmbiguousRoleResolution": "Deny"}})
    got = run_node(node, "group_role_credentials.mjs", {
        "endpoint": endpoint, "region": "us-east-1", "identityPoolId": identity_pool_id,
        "provider": pool.provider, "idToken": sign_in(idp, pool)["IdToken"]})
    assert "error" not in got, got
    sts = boto3.client("sts", region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id=got["accessKeyId"],
                       aws_secret_access_key=got["secretKey"], aws_session_token=got["sessionToken"])
    role_name = group_role.rsplit("/", 1)[1]
    assert sts.get_caller_identity()["Arn"].endswith(f":assumed-role/{role_name}/CognitoIdentityCredentials")
