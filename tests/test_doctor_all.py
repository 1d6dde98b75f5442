"""`cognito-tui doctor --all`: every pool found across regions, with reads shared across pools,
over HTTP against the local Cognito (regions no other test uses, so the sweep sees only these)."""

from __future__ import annotations

import json

import pytest

from aws_builders import provider, user_pool
from cognito_tui.cli import main
from faulty_proxy import DENY
from test_doctor_builders import trust_policy
from test_inventory import regional_pool

REGIONS = ("ca-central-1", "sa-east-1", "eu-north-1")


def _trusted_role(boto, pool_id: str, name: str) -> str:
    arn = boto("iam").create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust_policy(pool_id)))["Role"]["Arn"]
    boto("cognito-identity", pool_id.split(":")[0]).set_identity_pool_roles(
        IdentityPoolId=pool_id, Roles={"authenticated": arn})
    return arn


@pytest.fixture(scope="module")
def fleet(local_cognito):
    """In each region: a healthy pool (provider + trusted role) and a pool with no provider.
    Every healthy pool names the same user pool and client."""
    import uuid

    import boto3

    def boto(service, region="us-east-1"):
        return boto3.client(service, region_name=region, endpoint_url=local_cognito.endpoint_url)

    up, client = user_pool(boto)
    pools = {}
    for region in REGIONS:
        healthy = regional_pool(boto, region, f"healthy {region}", providers=[provider(up, client)])
        _trusted_role(boto, healthy, f"doc-all-{uuid.uuid4().hex[:10]}")
        broken = regional_pool(boto, region, f"no provider {region}")
        pools[healthy], pools[broken] = (region, True), (region, False)
    return pools, up, client


def test_doctor_all_covers_every_pool_of_every_region_as_json(fleet, proxy, capsys):
    pools, up, client = fleet
    code = main(["--endpoint-url", proxy.url, "doctor", "--all", "--regions", ",".join(REGIONS), "--json"])
    out, err = capsys.readouterr()
    assert code == 1, err  # the pools without a provider have errors
    report = json.loads(out)
    assert report["ok"] is False
    assert {r["region"]: r["status"] for r in report["regions"]} == dict.fromkeys(REGIONS, "ok")
    checked = {p["pool_id"]: p for p in report["pools"]}
    assert set(checked) == set(pools)
    for pool_id, (region, healthy) in pools.items():
        entry = checked[pool_id]
        assert entry["region"] == region and entry["account"] == "123456789012"
        assert entry["ok"] is healthy, entry["findings"]
        ids = {f["id"] for f in entry["findings"]}
        assert ("pool.no-cognito-provider" in ids) is not healthy
    # Shared reads: the one user pool and client behind three healthy pools are read once, and
    # the pools and their roles once each (by the inventory; the doctor reuses them).
    assert proxy.forwarded["DescribeUserPool"] == 1
    assert proxy.forwarded["DescribeUserPoolClient"] == 1
    assert proxy.forwarded["DescribeIdentityPool"] == len(pools)
    assert proxy.forwarded["GetIdentityPoolRoles"] == len(pools)


def test_doctor_all_exits_0_when_every_pool_is_healthy_and_prints_a_table(fleet, endpoint, boto, unique, capsys):
    up, client = user_pool(boto)
    healthy = regional_pool(boto, "me-central-1", unique("fine"), providers=[provider(up, client)])
    _trusted_role(boto, healthy, unique("doc-all-ok"))
    code = main(["--endpoint-url", endpoint, "doctor", "--all", "--regions", "me-central-1"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    table = out[out.index("REGION"):].splitlines()
    assert table[0].split()[:4] == ["REGION", "ACCOUNT", "NAME", "ID"]
    assert any(healthy in line and line.split()[-2:] == ["0", "0"] for line in table)
    assert "1 pool(s) checked: 0 with errors, 1 without." in out
    assert f"Identity pool {healthy}" in out  # not a terminal: each pool's findings come first


def test_a_region_that_cannot_be_read_fails_doctor_all_but_the_others_are_checked(fleet, proxy, capsys):
    pools, _, _ = fleet
    proxy.add("ListIdentityPools", DENY, region="sa-east-1")
    code = main(["--endpoint-url", proxy.url, "doctor", "--all", "--regions", ",".join(REGIONS), "--json"])
    out, _ = capsys.readouterr()
    assert code == 1
    report = json.loads(out)
    assert {r["region"]: r["status"] for r in report["regions"]}["sa-east-1"] == "access-denied"
    assert {p["pool_id"] for p in report["pools"]} == {p for p, (r, _) in pools.items() if r != "sa-east-1"}


def test_doctor_needs_a_pool_or_all_and_all_refuses_single_pool_options(endpoint, capsys):
    assert main(["--endpoint-url", endpoint, "doctor"]) == 2
    assert "--all" in capsys.readouterr().err
    assert main(["--endpoint-url", endpoint, "doctor", "--all", "--write-plan", "x.yaml"]) == 2
    assert "do not go with --all" in capsys.readouterr().err
    assert main(["--endpoint-url", endpoint, "doctor", "--regions", "all"]) == 2
