"""Nothing leaks and nothing is written through a trap: backups refuse unsafe folders (and then the
pool is not touched), and no secret reaches a backup, an exported plan, or the command output."""

import json
import os
import stat
from pathlib import Path

import pytest

from aws_builders import describe, rich_identity_pool, user_pool
from cognito_tui.apply import FAILED, apply_pool
from cognito_tui.backup import BackupError
from cognito_tui.cli import main
from cognito_tui.plan import PoolPlan, ProviderSpec

SECRET_KEY = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLE-session-token-0123456789"


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()


@pytest.mark.parametrize("level", ["cognito-tui", "backups", "pool"])
def test_a_symlink_anywhere_in_the_backup_folder_is_refused_and_nothing_is_written_anywhere(
        level, aws, boto, tmp_path, monkeypatch):
    up, client = user_pool(boto)
    pool = rich_identity_pool(boto)
    pool_id = pool["IdentityPoolId"]
    state = tmp_path / "state"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = {"cognito-tui": state / "cognito-tui",
            "backups": state / "cognito-tui" / "backups",
            "pool": state / "cognito-tui" / "backups" / pool_id}[level]
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(elsewhere, target_is_directory=True)
    monkeypatch.setenv("XDG_STATE_HOME", str(state))

    result = apply_pool(aws, PoolPlan(pool_id, (ProviderSpec(up, client),)))

    assert result.status == FAILED and isinstance(result.error, BackupError)
    assert "symbolic link" in result.error.message and "Nothing was written" in result.error.hint
    assert describe(boto, pool_id) == pool
    assert _tree(elsewhere) == set(), "something was created through the symlink"


def test_a_backup_folder_under_a_regular_file_is_refused_through_the_cli(boto, endpoint, tmp_path, monkeypatch,
                                                                         capsys):
    """Unwritable even for root: the state folder's parent is a file, so no folder can be made."""
    up, client = user_pool(boto)
    pool = rich_identity_pool(boto)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker / "state"))
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"version: 1\nidentity_pools:\n  - id: {pool['IdentityPoolId']}\n    cognito_providers:\n"
                    f"      - {{user_pool_id: {up}, client_id: {client}}}\n")

    code = main(["--endpoint-url", endpoint, "apply", str(plan), "--yes"])
    out, err = capsys.readouterr()

    assert code == 1
    assert "Cannot create the backup folder" in err and "Nothing was written to the pool" in err
    assert "Traceback" not in out + err
    assert describe(boto, pool["IdentityPoolId"]) == pool


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through mode 0500; covered by the file-parent case")
def test_a_read_only_backup_folder_is_refused(aws, boto, tmp_path, monkeypatch):
    up, client = user_pool(boto)
    pool = rich_identity_pool(boto)
    backups = tmp_path / "state" / "cognito-tui" / "backups"
    backups.mkdir(parents=True)
    backups.chmod(0o500)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    try:
        result = apply_pool(aws, PoolPlan(pool["IdentityPoolId"], (ProviderSpec(up, client),)))
    finally:
        backups.chmod(0o700)
    assert result.status == FAILED and isinstance(result.error, BackupError)
    assert describe(boto, pool["IdentityPoolId"]) == pool


def test_backups_and_their_folders_are_private_whatever_the_umask(aws, boto):
    old_umask = os.umask(0)  # the most permissive umask a user can have
    try:
        up, client = user_pool(boto)
        pool = rich_identity_pool(boto)
        result = apply_pool(aws, PoolPlan(pool["IdentityPoolId"], (ProviderSpec(up, client),)))
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(result.backup.stat().st_mode) == 0o600
    for folder in (result.backup.parent, result.backup.parent.parent, result.backup.parent.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_no_secret_reaches_backups_plans_or_output(boto, endpoint, tmp_path, isolated_state, monkeypatch, capsys):
    """A client with a secret, named in a plan, applied, exported, rolled back: the client secret and
    the caller's AWS secret key and session token appear in no file and no output."""
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("AWS_SESSION_TOKEN", SESSION_TOKEN)
    idp = boto("cognito-idp")
    user_pool_id = idp.create_user_pool(PoolName="with-secret")["UserPool"]["Id"]
    app = idp.create_user_pool_client(UserPoolId=user_pool_id, ClientName="confidential", GenerateSecret=True,
                                      ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    client_id, client_secret = app["UserPoolClient"]["ClientId"], app["UserPoolClient"]["ClientSecret"]
    assert len(client_secret) >= 20
    pool = rich_identity_pool(boto)
    pool_id = pool["IdentityPoolId"]
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"version: 1\nidentity_pools:\n  - id: {pool_id}\n    cognito_providers:\n"
                    f"      - {{user_pool_id: {user_pool_id}, client_id: {client_id}}}\n")
    exported = tmp_path / "exported.yaml"

    outputs = []

    def run(*argv):
        code = main(["--endpoint-url", endpoint, *argv])
        out, err = capsys.readouterr()
        outputs.append(out + err)
        return code, out

    assert run("apply", str(plan), "--dry-run")[0] == 0
    code, out = run("apply", str(plan), "--yes", "--json")
    assert code == 0
    backup = json.loads(out)["pools"][0]["backup"]
    assert run("export", pool_id, "-o", str(exported))[0] == 0
    assert run("export", pool_id)[0] == 0
    assert run("apply", str(exported), "--dry-run", "--json")[0] == 0
    assert run("rollback", backup, "--yes", "--json")[0] == 0
    assert run("rollback", backup, "--dry-run")[0] == 0
    assert describe(boto, pool_id) == pool

    files = [p for p in isolated_state.rglob("*") if p.is_file()]
    assert any(p.suffix == ".yaml" and "backups" in p.parts for p in files)
    assert exported in files
    for secret in (client_secret, SECRET_KEY, SESSION_TOKEN):
        for path in files:
            assert secret.encode() not in path.read_bytes(), f"secret found in {path}"
        for text in outputs:
            assert secret not in text
    assert client_id in exported.read_text()  # the test looked where the client is named
