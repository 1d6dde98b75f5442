"""apply against the local Cognito over HTTP: the five safety rules, one by one."""

import stat
import threading

import pytest
from botocore.stub import Stubber

from aws_builders import describe, provider, rich_identity_pool, user_pool
from cognito_tui.apply import CHANGED, CONFLICT, FAILED, UNCHANGED, WOULD_CHANGE, apply_plan, apply_pool, restore_pool
from cognito_tui.backup import read_backup
from cognito_tui.plan import Plan, PoolPlan, ProviderSpec


def _without_providers(config: dict) -> dict:
    return {k: v for k, v in config.items() if k != "CognitoIdentityProviders"}


def test_apply_adds_a_provider_and_keeps_every_other_field(aws, boto):
    up, client = user_pool(boto)
    before = rich_identity_pool(boto)
    result = apply_pool(aws, PoolPlan(before["IdentityPoolId"], (ProviderSpec(up, client),)))
    assert result.status == CHANGED, result.error
    after = describe(boto, before["IdentityPoolId"])
    assert after["CognitoIdentityProviders"] == [provider(up, client)]
    assert _without_providers(after) == _without_providers(before)


def test_apply_removes_unlisted_providers_and_toggles_the_check(aws, boto):
    up1, c1 = user_pool(boto)
    up2, c2 = user_pool(boto)
    before = rich_identity_pool(boto, [provider(up1, c1), provider(up2, c2)])
    result = apply_pool(aws, PoolPlan(before["IdentityPoolId"], (ProviderSpec(up2, c2, True),)))
    assert result.status == CHANGED
    assert [c.kind for c in result.diff.changes] == ["removed", "changed"]
    after = describe(boto, before["IdentityPoolId"])
    assert after["CognitoIdentityProviders"] == [provider(up2, c2, True)]
    assert _without_providers(after) == _without_providers(before)


def test_a_second_apply_has_nothing_to_change(aws, boto):
    up, client = user_pool(boto)
    pool = rich_identity_pool(boto, [provider(up, client)])
    result = apply_pool(aws, PoolPlan(pool["IdentityPoolId"], (ProviderSpec(up, client),)))
    assert result.status == UNCHANGED
    assert result.backup is None


def test_dry_run_writes_nothing(aws, boto):
    up, client = user_pool(boto)
    before = rich_identity_pool(boto)
    result = apply_pool(aws, PoolPlan(before["IdentityPoolId"], (ProviderSpec(up, client),)), dry_run=True)
    assert result.status == WOULD_CHANGE
    assert [c.kind for c in result.diff.changes] == ["added"]
    assert describe(boto, before["IdentityPoolId"]) == before


def test_update_is_sent_the_complete_configuration(aws):
    """AWS resets every field not sent; the request must carry every field that was read."""
    pool = {
        "IdentityPoolId": "us-east-1:0f4a7c2e-1111-2222-3333-444455556666",
        "IdentityPoolName": "every_field",
        "AllowUnauthenticatedIdentities": True,
        "AllowClassicFlow": True,
        "SupportedLoginProviders": {"graph.facebook.com": "1234567890"},
        "DeveloperProviderName": "login.example",
        "OpenIdConnectProviderARNs": ["arn:aws:iam::123456789012:oidc-provider/auth.example.com"],
        "CognitoIdentityProviders": [provider("us-east-1_Old1", "oldclient")],
        "SamlProviderARNs": ["arn:aws:iam::123456789012:saml-provider/corp"],
        "IdentityPoolTags": {"team": "identity"},
    }
    expected_update = dict(pool, CognitoIdentityProviders=[provider("us-east-1_New1", "newclient", True)])
    cognito_identity = aws.clients.client("cognito-identity")
    with Stubber(cognito_identity) as stub:
        stub.add_response("describe_identity_pool", pool, {"IdentityPoolId": pool["IdentityPoolId"]})
        stub.add_response("update_identity_pool", expected_update, expected_update)
        stub.add_response("describe_identity_pool", expected_update, {"IdentityPoolId": pool["IdentityPoolId"]})
        result = apply_pool(aws, PoolPlan(pool["IdentityPoolId"], (ProviderSpec("us-east-1_New1", "newclient", True),)))
        stub.assert_no_pending_responses()
    assert result.status == CHANGED, result.error


def test_a_pool_changed_since_it_was_read_is_a_conflict_and_nothing_is_written(aws, boto):
    up, client = user_pool(boto)
    seen = rich_identity_pool(boto)
    # Someone else edits the pool after the user saw it.
    other = dict(seen, AllowUnauthenticatedIdentities=False)
    boto("cognito-identity").update_identity_pool(**other)
    result = apply_pool(aws, PoolPlan(seen["IdentityPoolId"], (ProviderSpec(up, client),)), base=seen)
    assert result.status == CONFLICT
    assert result.error.exit_code == 3
    assert [k for k, _, _ in result.changed_meanwhile] == ["AllowUnauthenticatedIdentities"]
    now = describe(boto, seen["IdentityPoolId"])
    assert now.get("CognitoIdentityProviders", []) == []
    assert now["AllowUnauthenticatedIdentities"] is False  # the other writer's change survives
    assert result.backup is None


def test_backup_is_written_0600_before_the_write_and_rollback_restores_it(aws, boto):
    up, client = user_pool(boto)
    before = rich_identity_pool(boto)
    result = apply_pool(aws, PoolPlan(before["IdentityPoolId"], (ProviderSpec(up, client),)))
    assert result.backup is not None and result.backup.exists()
    assert stat.S_IMODE(result.backup.stat().st_mode) == 0o600
    assert read_backup(result.backup) == before
    restored = restore_pool(aws, read_backup(result.backup))
    assert restored.status == CHANGED, restored.error
    assert describe(boto, before["IdentityPoolId"]) == before


def test_many_pools_apply_concurrently_and_one_failure_does_not_stop_the_others(aws, boto):
    up, client = user_pool(boto)
    pools = [rich_identity_pool(boto)["IdentityPoolId"] for _ in range(6)]
    missing = "us-east-1:00000000-0000-0000-0000-000000000000"
    plan = Plan(tuple(PoolPlan(p, (ProviderSpec(up, client),)) for p in pools[:3] + [missing] + pools[3:]))
    seen = []
    report = apply_plan(aws, plan, workers=4, on_result=lambda r: seen.append(r.pool_id))
    assert [r.status for r in report.results] == [CHANGED] * 3 + [FAILED] + [CHANGED] * 3
    assert report.results[3].pool_id == missing
    assert "Not found" in report.results[3].error.message
    assert report.exit_code == 1
    assert sorted(seen) == sorted(p.id for p in plan.pools)
    for pool_id in pools:
        assert describe(boto, pool_id)["CognitoIdentityProviders"] == [provider(up, client)]


def test_cancel_before_write_skips_the_pool(aws, boto):
    up, client = user_pool(boto)
    pool = rich_identity_pool(boto)
    cancel = threading.Event()
    cancel.set()
    result = apply_pool(aws, PoolPlan(pool["IdentityPoolId"], (ProviderSpec(up, client),)), cancel=cancel)
    assert result.status == "skipped"
    assert describe(boto, pool["IdentityPoolId"]) == pool


def test_a_symlinked_backup_folder_is_refused_and_nothing_is_written(aws, boto, tmp_path, monkeypatch):
    up, client = user_pool(boto)
    pool = rich_identity_pool(boto)
    real = tmp_path / "elsewhere"
    real.mkdir()
    state = tmp_path / "linked-state"
    state.mkdir()
    (state / "cognito-tui").symlink_to(real, target_is_directory=True)
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    result = apply_pool(aws, PoolPlan(pool["IdentityPoolId"], (ProviderSpec(up, client),)))
    assert result.status == FAILED
    assert "symbolic link" in result.error.message
    assert describe(boto, pool["IdentityPoolId"]) == pool
