"""Faults between the tool and Cognito, injected by a proxy in front of the local Cognito: the
endpoint dies, throttles, denies, fails, stalls, the user presses Ctrl-C, someone else writes.
In every case each pool is entirely old or entirely new, and the user is told what happened."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from aws_builders import describe, provider, rich_identity_pool, user_pool
from cognito_tui.apply import CHANGED, CONFLICT, FAILED, SKIPPED, UNCHANGED, apply_plan, apply_pool
from cognito_tui.aws.gateway import Aws
from cognito_tui.backup import read_backup
from cognito_tui.cli import main
from cognito_tui.errors import AccessDeniedError, EndpointError
from cognito_tui.plan import Plan, PoolPlan, ProviderSpec, dump_plan
from cognito_tui.settings import Settings
from faulty_proxy import DELAY, DENY, ERROR_500, THROTTLE, every_other

ROOT = Path(__file__).resolve().parent.parent


def _via(proxy, **overrides) -> Aws:
    return Aws(Settings(region="us-east-1", endpoint_url=proxy.url, **overrides))


def _pools(boto, count):
    """count rich pools, their configuration before and after a plan adding one provider."""
    up, client = user_pool(boto)
    olds = [rich_identity_pool(boto) for _ in range(count)]
    news = [dict(old, CognitoIdentityProviders=[provider(up, client)]) for old in olds]
    plan = Plan(tuple(PoolPlan(old["IdentityPoolId"], (ProviderSpec(up, client),)) for old in olds))
    return olds, news, plan


def _plan_file(tmp_path, plan) -> str:
    path = tmp_path / "plan.yaml"
    path.write_text(dump_plan(plan))
    return str(path)


def _backups_on_disk(state: Path) -> set[str]:
    root = state / "cognito-tui" / "backups"
    return {str(p) for p in root.rglob("*.yaml")} if root.exists() else set()


def _old_or_new(boto, olds, news) -> list[str]:
    """'old' or 'new' per pool; fails if any pool is anything else (half-written)."""
    states = []
    for old, new in zip(olds, news):
        now = describe(boto, old["IdentityPoolId"])
        assert now in (old, new), f"pool {old['IdentityPoolId']} is neither old nor new: {now}"
        states.append("new" if now == new else "old")
    return states


def test_endpoint_dying_mid_apply_leaves_each_pool_old_or_new_and_a_rerun_converges(
        proxy, boto, fast_backoff, tmp_path, isolated_state, capsys):
    olds, news, plan = _pools(boto, 10)
    path = _plan_file(tmp_path, plan)
    proxy.die_after(13)  # each pool takes 3 calls: some pools finish, some never start

    code = main(["--endpoint-url", proxy.url, "apply", path, "--yes", "--json", "--workers", "3"])
    out, err = capsys.readouterr()

    assert code == 1 and proxy.dead
    assert "Traceback" not in err
    report = json.loads(out)
    entries = {e["pool_id"]: e for e in report["pools"]}
    states = _old_or_new(boto, olds, news)
    assert "old" in states and "new" in states
    for old, state in zip(olds, states):
        entry = entries[old["IdentityPoolId"]]
        if entry["status"] == "changed":
            assert state == "new"
        else:
            assert entry["status"] == "failed"
            if state == "old":  # never written: the endpoint was gone before the write
                assert entry["error"]["kind"] == "EndpointError", entry
                assert entry["error"]["error"].startswith("Cannot reach the endpoint")
            else:  # written, but the endpoint died before the read-back
                assert entry["error"]["error"].startswith("Saved, but the pool could not be read back"), entry
    # Every backup written is named in the report, and holds the pool as it was.
    named = {e["backup"] for e in report["pools"] if "backup" in e}
    assert named == _backups_on_disk(isolated_state / "state")
    for entry in report["pools"]:
        if "backup" in entry:
            assert read_backup(entry["backup"]) == next(o for o in olds if o["IdentityPoolId"] == entry["pool_id"])

    proxy.restart()
    code = main(["--endpoint-url", proxy.url, "apply", path, "--yes", "--json", "--workers", "3"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert {e["status"] for e in json.loads(out)["pools"]} <= {"changed", "unchanged"}
    assert _old_or_new(boto, olds, news) == ["new"] * len(olds)


def test_a_human_report_names_one_error_per_unwritten_pool(proxy, boto, fast_backoff, tmp_path, capsys):
    olds, news, plan = _pools(boto, 4)
    proxy.die_after(3)  # one pool completes (workers=1), then the endpoint is gone
    code = main(["--endpoint-url", proxy.url, "apply", _plan_file(tmp_path, plan), "--yes", "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 1
    assert _old_or_new(boto, olds, news) == ["new", "old", "old", "old"]
    assert [line.split(": ", 2)[1] for line in err.splitlines() if "Cannot reach the endpoint" in line] == [
        o["IdentityPoolId"] for o in olds[1:]]  # failures on stderr, one line per unwritten pool
    assert out.count("Changes saved successfully.") == 1 and "Cannot reach" not in out
    assert "Not applied: " + ", ".join(o["IdentityPoolId"] for o in olds[1:]) in err


def test_throttling_on_every_other_call_backs_off_and_writes_each_pool_exactly_once(proxy, boto, fast_backoff):
    olds, news, plan = _pools(boto, 4)
    proxy.add(None, THROTTLE, when=every_other)

    # One worker: the calls strictly alternate, so every call is throttled once, then goes through.
    report = apply_plan(_via(proxy), plan, workers=1)

    assert [r.status for r in report.results] == [CHANGED] * 4, [r.error for r in report.results]
    assert _old_or_new(boto, olds, news) == ["new"] * 4
    for old in olds:
        assert proxy.forwarded_for[("UpdateIdentityPool", old["IdentityPoolId"])] == 1
    assert proxy.received["UpdateIdentityPool"] == 8 and proxy.forwarded["UpdateIdentityPool"] == 4
    assert sum(proxy.received.values()) == 24 and sum(proxy.forwarded.values()) == 12
    assert len(fast_backoff) == 12  # botocore backed off before every retry


def test_access_denied_on_update_names_the_missing_iam_action_and_writes_nothing(proxy, boto, tmp_path, capsys):
    olds, news, plan = _pools(boto, 1)
    proxy.add("UpdateIdentityPool", DENY)

    code = main(["--endpoint-url", proxy.url, "apply", _plan_file(tmp_path, plan), "--yes"])
    out, err = capsys.readouterr()

    assert code == 1
    assert "cognito-identity:UpdateIdentityPool" in err
    assert "Access denied" in err and "Traceback" not in out + err
    assert _old_or_new(boto, olds, news) == ["old"]
    assert proxy.received["UpdateIdentityPool"] == 1  # not retried
    assert proxy.forwarded["UpdateIdentityPool"] == 0

    result = apply_pool(_via(proxy), plan.pools[0])
    assert result.status == FAILED and isinstance(result.error, AccessDeniedError)
    assert "cognito-identity:UpdateIdentityPool" in result.error.hint


def test_a_500_on_every_call_is_a_clear_endpoint_error_after_bounded_retries(proxy, boto, fast_backoff,
                                                                             tmp_path, capsys):
    olds, news, plan = _pools(boto, 1)
    proxy.add(None, ERROR_500)

    result = apply_pool(_via(proxy, max_attempts=3), plan.pools[0])
    assert result.status == FAILED and isinstance(result.error, EndpointError)
    assert proxy.received["DescribeIdentityPool"] == 3
    assert proxy.forwarded["DescribeIdentityPool"] == 0

    code = main(["--endpoint-url", proxy.url, "apply", _plan_file(tmp_path, plan), "--yes"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "internal error" in err and "Traceback" not in out + err
    assert proxy.received["DescribeIdentityPool"] == 3 + Settings().max_attempts
    assert _old_or_new(boto, olds, news) == ["old"]


def test_a_slow_endpoint_times_out_with_a_clear_error(proxy, boto):
    olds, news, plan = _pools(boto, 1)
    proxy.add("DescribeIdentityPool", DELAY, seconds=2)

    started = time.monotonic()
    result = apply_pool(_via(proxy, read_timeout=0.5, max_attempts=1), plan.pools[0])
    elapsed = time.monotonic() - started

    assert result.status == FAILED and isinstance(result.error, EndpointError), result.error
    assert "did not answer in time" in result.error.message
    # The tool gave up before the stalled answer came: the read timeout was honoured.
    assert proxy.answered["DescribeIdentityPool"] == 0, f"waited {elapsed:.2f} s for the answer"
    proxy.clear()
    assert _old_or_new(boto, olds, news) == ["old"]


def _ctrl_c_as_at_a_terminal() -> None:
    """The child takes SIGINT as a person's Ctrl-C does. A test run started in the background by a
    non-interactive shell (as a CI runner may start it) inherits SIGINT ignored, and Python then
    keeps it ignored: the apply would run to its end and the test would prove nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_apply_exits_130_and_each_pool_is_old_or_new(proxy, boto, isolated_state, tmp_path):
    olds, news, plan = _pools(boto, 6)
    # The writes in flight are held at the proxy until the signal is sent: on a busy machine the
    # test may only get to send it after a moment, and the apply must not be over by then.
    interrupt_sent = threading.Event()
    proxy.add("UpdateIdentityPool", DELAY, seconds=0.4, before=lambda operation, body: interrupt_sent.wait(60))
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_STATE_HOME=str(isolated_state / "state"))
    child = subprocess.Popen(
        [sys.executable, "-m", "cognito_tui.cli", "--endpoint-url", proxy.url, "apply", _plan_file(tmp_path, plan),
         "--yes", "--workers", "2"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=_ctrl_c_as_at_a_terminal)
    try:
        deadline = time.monotonic() + 30
        while proxy.received["UpdateIdentityPool"] < 1 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        assert proxy.received["UpdateIdentityPool"] >= 1, "the child never reached a write"
        child.send_signal(signal.SIGINT)
        interrupt_sent.set()
        out, err = child.communicate(timeout=30)
    finally:
        interrupt_sent.set()
        if child.poll() is None:
            child.kill()
            child.communicate()

    assert child.returncode == 130, (out, err)
    assert "Traceback" not in err
    assert "Interrupted" in out
    states = _old_or_new(boto, olds, news)
    assert "old" in states, "the interrupt came too late to skip anything"
    assert out.count("skipped (interrupted before it was written)") == states.count("old")


def test_a_conflicting_writer_between_review_and_save_is_exit_3_and_their_change_survives(
        boto, endpoint, tmp_path, isolated_state, monkeypatch, capsys):
    from cognito_tui.commands import output

    olds, news, plan = _pools(boto, 1)
    pool_id = olds[0]["IdentityPoolId"]
    theirs = dict(olds[0], AllowUnauthenticatedIdentities=not olds[0]["AllowUnauthenticatedIdentities"],
                  IdentityPoolTags={"owner": "someone-else"})

    def confirm_while_someone_else_writes(question, *, yes):
        boto("cognito-identity").update_identity_pool(**theirs)
        return True

    monkeypatch.setattr(output, "stdin_is_tty", lambda: True)
    monkeypatch.setattr(output, "confirm_write", confirm_while_someone_else_writes)

    code = main(["--endpoint-url", endpoint, "apply", _plan_file(tmp_path, plan)])
    out, err = capsys.readouterr()

    assert code == 3, out + err
    assert "CONFLICT" in out and "~ change  guest (unauthenticated) access" in out
    assert '+ add     tag owner: "someone-else"' in out and "changed since it was read" in err
    assert describe(boto, pool_id) == theirs
    assert _backups_on_disk(isolated_state / "state") == set()


def test_a_writer_racing_the_re_read_is_a_conflict_through_the_proxy(proxy, boto):
    olds, news, plan = _pools(boto, 1)
    seen = olds[0]
    theirs = dict(seen, SamlProviderARNs=[])

    def other_writer(operation, body):
        boto("cognito-identity").update_identity_pool(**theirs)

    proxy.add("DescribeIdentityPool", DELAY, seconds=0, before=other_writer, when=lambda n: n == 1)
    result = apply_pool(_via(proxy), plan.pools[0], base=seen)

    assert result.status == CONFLICT and result.error.exit_code == 3
    assert [k for k, _, _ in result.changed_meanwhile] == ["SamlProviderARNs"]
    assert proxy.forwarded["UpdateIdentityPool"] == 0
    now = describe(boto, seen["IdentityPoolId"])
    assert now == {k: v for k, v in theirs.items() if k != "SamlProviderARNs"}


def test_skipped_and_unchanged_pools_are_never_written(proxy, boto, fast_backoff):
    olds, news, plan = _pools(boto, 2)
    boto("cognito-identity").update_identity_pool(**news[0])
    report = apply_plan(_via(proxy), plan, workers=1)
    assert [r.status for r in report.results] == [UNCHANGED, CHANGED]
    assert proxy.forwarded_for[("UpdateIdentityPool", olds[0]["IdentityPoolId"])] == 0
    assert SKIPPED not in [r.status for r in report.results]
