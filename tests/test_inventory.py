"""`cognito-tui inventory`: every pool of every region and profile, over HTTP against the local
Cognito, with failures per region injected by the fault proxy."""

from __future__ import annotations

import csv
import io
import json

import pytest

from aws_builders import provider, user_pool
from cognito_tui.cli import main
from cognito_tui.fleet import ACCESS_DENIED, OK, THROTTLED, open_accounts, resolve_regions, sweep
from cognito_tui.settings import Settings
from faulty_proxy import DENY, THROTTLE, first

REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")


def regional_pool(boto, region: str, name: str, *, guest: bool = False, providers=(), role: str | None = None) -> str:
    """An identity pool in `region` (the local Cognito takes the region from the request's signature)."""
    client = boto("cognito-identity", region)
    pool_id = client.create_identity_pool(IdentityPoolName=name, AllowUnauthenticatedIdentities=guest,
                                          CognitoIdentityProviders=list(providers))["IdentityPoolId"]
    if role:
        client.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": role})
    return pool_id


def a_role(boto, name: str) -> str:
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {
        "Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}
    return boto("iam").create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(policy))["Role"]["Arn"]


@pytest.fixture
def three_regions(boto, unique):
    """Two pools in each of three regions; one with a provider, guest access and a role."""
    up, client = user_pool(boto)
    role = a_role(boto, unique("inv-role"))
    tag = unique("fleet")
    pools = {}
    for region in REGIONS:
        pools[regional_pool(boto, region, f"{tag} {region} rich", guest=True,
                            providers=[provider(up, client)], role=role)] = (region, f"{tag} {region} rich")
        pools[regional_pool(boto, region, f"{tag} {region} bare")] = (region, f"{tag} {region} bare")
    return pools, role


@pytest.fixture
def cli_at(capsys):
    """cognito-tui in-process against a given endpoint (the local Cognito, or the proxy before it)."""
    def run(endpoint, *argv):
        code = main(["--endpoint-url", endpoint, *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


def test_all_regions_lists_every_pool_with_its_region_as_json(cli_at, endpoint, proxy, three_regions):
    import botocore.session

    pools, role = three_regions
    code, out, err = cli_at(proxy.url, "inventory", "--regions", "all", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["ok"] is True
    every_region = botocore.session.get_session().get_available_regions("cognito-identity")
    assert sorted(r["region"] for r in report["regions"]) == sorted(every_region)
    assert {r["status"] for r in report["regions"]} == {OK}
    # Every region was asked, against the one endpoint.
    assert proxy.forwarded["ListIdentityPools"] >= len(every_region)
    listed = {p["id"]: p for p in report["pools"]}
    for pool_id, (region, name) in pools.items():
        row = listed[pool_id]
        assert (row["region"], row["name"], row["account"], row["profile"]) == (region, name, "123456789012", "default")
        assert pool_id.startswith(region + ":")
        rich = name.endswith("rich")
        assert row["cognito_providers"] == (1 if rich else 0)
        assert row["guest_access"] is rich
        assert row["authenticated_role"] == (role if rich else None)
        assert row["unauthenticated_role"] is None
    assert report["accounts"] == [{"profile": "default", "account": "123456789012"}]


def test_csv_has_one_row_per_pool_with_a_fixed_header(cli_at, endpoint, three_regions):
    pools, role = three_regions
    code, out, err = cli_at(endpoint, "inventory", "--regions", ",".join(REGIONS), "--csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0] == ("region,account,profile,id,name,cognito_providers,guest_access,"
                                   "authenticated_role,unauthenticated_role,error")
    mine = {r["id"]: r for r in rows if r["id"] in pools}
    assert len(mine) == len(pools)
    for pool_id, (region, name) in pools.items():
        rich = name.endswith("rich")
        assert mine[pool_id]["region"] == region
        assert mine[pool_id]["guest_access"] == ("true" if rich else "false")
        assert mine[pool_id]["authenticated_role"] == (role if rich else "")
    assert {r["region"] for r in rows} <= set(REGIONS)
    assert err == ""  # no progress bar on a pipe


def test_text_output_has_a_table_and_a_summary(cli_at, endpoint, three_regions):
    pools, _ = three_regions
    code, out, err = cli_at(endpoint, "inventory", "--regions", ",".join(REGIONS))
    assert code == 0, err
    assert out.splitlines()[0].split()[:4] == ["REGION", "ACCOUNT", "NAME", "ID"]
    for pool_id in pools:
        assert pool_id in out
    assert "region(s) read: 3 ok." in out


def test_access_denied_in_one_region_still_prints_the_others_and_exits_1(cli_at, proxy, three_regions):
    pools, _ = three_regions
    proxy.add("ListIdentityPools", DENY, region="eu-west-1")
    code, out, err = cli_at(proxy.url, "inventory", "--regions", ",".join(REGIONS), "--json")
    assert code == 1
    report = json.loads(out)
    status = {r["region"]: r for r in report["regions"]}
    assert status["eu-west-1"]["status"] == ACCESS_DENIED
    assert "cognito-identity:ListIdentityPools" in status["eu-west-1"]["error"]
    assert status["us-east-1"]["status"] == status["ap-southeast-2"]["status"] == OK
    listed = {p["id"] for p in report["pools"]}
    for pool_id, (region, _) in pools.items():
        assert (pool_id in listed) is (region != "eu-west-1")
    assert report["ok"] is False


def test_access_denied_is_one_line_per_region_in_text(cli_at, proxy, three_regions):
    proxy.add("ListIdentityPools", DENY, region="ap-southeast-2")
    code, out, err = cli_at(proxy.url, "inventory", "--regions", ",".join(REGIONS))
    assert code == 1
    denied = [line for line in out.splitlines() if line.startswith("ap-southeast-2 (default")]
    assert len(denied) == 1 and "access denied" in denied[0]
    assert "2 ok, 1 access denied" in out


def test_throttling_backs_off_and_the_region_is_read(proxy, three_regions, fast_backoff):
    pools, _ = three_regions
    proxy.add("ListIdentityPools", THROTTLE, when=first(2), region="eu-west-1")
    proxy.add("DescribeIdentityPool", THROTTLE, when=first(2), region="ap-southeast-2")
    accounts = open_accounts(Settings(region="us-east-1", endpoint_url=proxy.url), None)
    inventory = sweep(accounts, list(REGIONS))
    assert inventory.ok
    assert {p.id for p in inventory.pools} >= set(pools)
    assert proxy.received["ListIdentityPools"] > proxy.forwarded["ListIdentityPools"]


def test_a_region_that_stays_throttled_is_marked_throttled(proxy, three_regions, fast_backoff):
    pools, _ = three_regions
    proxy.add("ListIdentityPools", THROTTLE, region="us-east-1")
    accounts = open_accounts(Settings(region="us-east-1", endpoint_url=proxy.url, max_attempts=3), None)
    inventory = sweep(accounts, list(REGIONS))
    assert not inventory.ok
    status = {r.region: r.status for r in inventory.results}
    assert status == {"us-east-1": THROTTLED, "eu-west-1": OK, "ap-southeast-2": OK}
    assert {p.region for p in inventory.pools} <= {"eu-west-1", "ap-southeast-2"}
    assert {p.id for p in inventory.pools} >= {i for i, (region, _) in pools.items() if region != "us-east-1"}
    assert proxy.received["ListIdentityPools"] >= 3 + 2  # three attempts in us-east-1, one each elsewhere


def test_a_profile_that_does_not_exist_exits_2_before_any_call(cli_at, proxy):
    code, out, err = cli_at(proxy.url, "inventory", "--profiles", "no-such-profile")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "'no-such-profile' not found" in err
    assert sum(proxy.received.values()) == 0


def test_an_unknown_region_is_bad_usage(cli_at, endpoint):
    code, out, err = cli_at(endpoint, "inventory", "--regions", "us-east-1,mars-north-1")
    assert code == 2
    assert "'mars-north-1'" in err and "Traceback" not in err


def test_two_profiles_of_one_account_are_read_once(cli_at, endpoint, tmp_path, monkeypatch, three_regions):
    pools, _ = three_regions
    config = tmp_path / "aws-config"
    config.write_text("[profile alpha]\naws_access_key_id = testing\naws_secret_access_key = testing\n"
                      "region = us-east-1\n\n[profile beta]\naws_access_key_id = testing\n"
                      "aws_secret_access_key = testing\nregion = us-east-1\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name)
    code, out, err = cli_at(endpoint, "inventory", "--regions", ",".join(REGIONS), "--profiles", "alpha,beta", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["accounts"] == [{"profile": "alpha", "account": "123456789012"},
                                  {"profile": "beta", "account": "123456789012", "same_account_as": "alpha"}]
    assert {r["profile"] for r in report["regions"]} == {"alpha"}
    ids = [p["id"] for p in report["pools"]]
    assert len(ids) == len(set(ids)) and set(pools) <= set(ids)


def test_regions_default_to_the_connection_region(endpoint):
    accounts = open_accounts(Settings(region="eu-west-1", endpoint_url=endpoint), None)
    clients = accounts[0].aws.clients
    assert resolve_regions(None, clients) == ["eu-west-1"]
    assert resolve_regions(" eu-west-1 , us-east-1,eu-west-1", clients) == ["eu-west-1", "us-east-1"]


def test_a_progress_bar_goes_to_a_terminals_stderr_and_the_table_to_stdout(endpoint, three_regions):
    import os
    import pty
    import subprocess
    import sys

    pools, _ = three_regions
    controller, terminal = pty.openpty()
    env = dict(os.environ, COLUMNS="200")
    done = subprocess.run([sys.executable, "-m", "cognito_tui.cli", "--endpoint-url", endpoint, "inventory",
                           "--regions", ",".join(REGIONS)], stdout=subprocess.PIPE, stderr=terminal,
                          env=env, timeout=120)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert done.returncode == 0
    assert b"3/3 regions" in shown and b"[" + b"#" * 24 + b"]" in shown
    assert shown.rstrip().endswith(b"\x1b[K")  # the bar is cleared once done
    assert all(pool_id.encode() in done.stdout for pool_id in pools)
    assert b"regions," not in done.stdout
