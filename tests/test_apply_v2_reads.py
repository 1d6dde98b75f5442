"""A version 2 apply reads each existing identity pool once before writing it (counted at the wire
by the proxy), and that read is still the one right before the write: a pool changed while the run
created what comes first is a conflict, and nothing is written to it. Confirmed on a terminal, the
run is checked against the preview that was confirmed."""

from __future__ import annotations

import pytest

from aws_builders import describe, provider, rich_identity_pool, user_pool
from cognito_tui.aws.gateway import Aws
from cognito_tui.cli import main
from cognito_tui.plan import load_plan
from cognito_tui.settings import Settings
from cognito_tui.setup.converge import apply_v2
from faulty_proxy import DELAY


def _plan(tmp_path, changed: str, kept: str, kept_name: str, new_user_pool: str | None = None) -> str:
    """`changed` (by ID) gains guest access; `kept` (by name) is already as the plan says."""
    user_pools = f"""user_pools:
  - name: "{new_user_pool}"
    clients: [{{name: web}}]
""" if new_user_pool else ""
    providers = f"""    cognito_providers:
      - user_pool: "{new_user_pool}"
        client: web
""" if new_user_pool else ""
    path = tmp_path / "plan.yaml"
    path.write_text(f"""\
version: 2
{user_pools}identity_pools:
  - id: "{changed}"
    allow_unauthenticated: true
{providers}  - name: "{kept_name}"
    allow_unauthenticated: false
""")
    return str(path)


@pytest.fixture
def two_pools(boto):
    """Two existing pools, guest access off: (the one the plan changes, the one it leaves, its name)."""
    up, client = user_pool(boto)
    changed, kept = (rich_identity_pool(boto, [provider(up, client)]) for _ in range(2))
    for pool in (changed, kept):
        boto("cognito-identity").update_identity_pool(**{**pool, "AllowUnauthenticatedIdentities": False})
    return changed["IdentityPoolId"], kept["IdentityPoolId"], kept["IdentityPoolName"]


@pytest.mark.parametrize("mode", ["--yes", "--dry-run"])
def test_a_headless_apply_reads_each_existing_identity_pool_once_before_writing_it(
        proxy, two_pools, tmp_path, capsys, mode):
    changed, kept, kept_name = two_pools
    plan = _plan(tmp_path, changed, kept, kept_name)

    code = main(["--endpoint-url", proxy.url, "--region", "us-east-1", "apply", plan, mode])
    out, err = capsys.readouterr()

    assert code == 0, out + err
    reads = {pool_id: proxy.forwarded_for[("DescribeIdentityPool", pool_id)] for pool_id in (changed, kept)}
    writes = proxy.forwarded_for[("UpdateIdentityPool", changed)]
    if mode == "--yes":
        # The read the change is based on, and the read-back that verifies the write.
        assert (reads, writes) == ({changed: 2, kept: 1}, 1)
        assert proxy.forwarded_for[("UpdateIdentityPool", kept)] == 0
    else:
        assert (reads, writes) == ({changed: 1, kept: 1}, 0)


def test_a_pool_changed_while_the_run_creates_its_user_pool_is_a_conflict_and_is_not_written(
        proxy, two_pools, boto, tmp_path, unique):
    """With bases (the wizard's Save), the pool is checked before anything is written, and read
    again right before its own write: a change in between is seen there."""
    changed, kept, kept_name = two_pools
    seen = describe(boto, changed)
    theirs = {**seen, "AllowClassicFlow": not seen.get("AllowClassicFlow", False)}

    def other_writer(operation, body):
        boto("cognito-identity").update_identity_pool(**theirs)

    proxy.add("CreateUserPool", DELAY, seconds=0, before=other_writer)
    plan = load_plan(_plan(tmp_path, changed, kept, kept_name, new_user_pool=unique("users-")))
    report = apply_v2(Aws(Settings(region="us-east-1", endpoint_url=proxy.url)), plan, bases={changed: seen})

    assert report.exit_code == 3
    assert [k for k, _, _ in report.pools[-1].changed_meanwhile] == ["AllowClassicFlow"]
    # Once before anything is written, once right before the pool's own write; never written.
    assert proxy.forwarded_for[("DescribeIdentityPool", changed)] == 2
    assert proxy.forwarded_for[("UpdateIdentityPool", changed)] == 0
    assert describe(boto, changed) == theirs


def test_a_pool_changed_between_the_preview_and_the_confirmation_is_a_conflict_and_nothing_is_written(
        endpoint, two_pools, boto, tmp_path, unique, isolated_state, monkeypatch, capsys):
    """Asked on a terminal, what is confirmed is the preview: a pool changed since it was read for
    the preview is a conflict (exit 3), their change stays, and not even the new user pool is made."""
    from cognito_tui.commands import output

    changed, kept, kept_name = two_pools
    new_user_pool = unique("users-")
    plan = _plan(tmp_path, changed, kept, kept_name, new_user_pool=new_user_pool)
    theirs = {**describe(boto, changed), "IdentityPoolTags": {"owner": "someone-else"}}

    def confirm_while_someone_else_writes(question, *, yes):
        boto("cognito-identity").update_identity_pool(**theirs)
        return True

    monkeypatch.setattr(output, "stdin_is_tty", lambda: True)
    monkeypatch.setattr(output, "confirm_write", confirm_while_someone_else_writes)
    code = main(["--endpoint-url", endpoint, "--region", "us-east-1", "apply", plan])
    out, err = capsys.readouterr()

    assert code == 3, out + err
    assert "changed since it was read (IdentityPoolTags)" in err
    assert describe(boto, changed) == theirs
    assert new_user_pool not in [p["Name"] for p in boto("cognito-idp").get_paginator("list_user_pools")
                                 .paginate(MaxResults=60).build_full_result()["UserPools"]]
    assert not (isolated_state / "state" / "cognito-tui" / "backups" / changed).exists()
