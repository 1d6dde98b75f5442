"""Commands end through cli.entry (the usual exit, its last garbage collection spared): nothing may be lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as usual
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env=env)


def _entry(body: str) -> str:
    """A command whose work is body, ended through the entry point."""
    return f"import sys; import cognito_tui.cli as cli\ndef work(argv=None):\n    {body}\ncli.main = work; cli.entry()"


def test_the_entry_point_flushes_output_runs_exit_handlers_and_keeps_the_code(tmp_path):
    marker = tmp_path / "handler-ran"
    done = _run(_entry(f"import atexit; atexit.register(lambda: open({str(marker)!r}, 'w').write('ran')); "
                       f"sys.stdout.write('no newline at the end'); sys.stderr.write('to stderr'); return 3"))
    assert (done.returncode, done.stdout, done.stderr) == (3, "no newline at the end", "to stderr")
    assert marker.read_text() == "ran"


def test_the_entry_point_waits_for_a_thread_still_at_work(tmp_path):
    marker = tmp_path / "thread-finished"
    done = _run(_entry(f"import threading, time; "
                       f"threading.Thread(target=lambda: (time.sleep(0.3), open({str(marker)!r}, 'w').close())).start(); "
                       f"return 0"))
    assert done.returncode == 0 and marker.exists()


def test_a_command_through_the_entry_point_prints_all_it_has_and_its_exit_code(endpoint, aws):
    import yaml

    pool_id = aws.clients.client("cognito-identity").create_identity_pool(
        IdentityPoolName="entry_point", AllowUnauthenticatedIdentities=False)["IdentityPoolId"]
    code = (f"import sys; sys.argv = ['cognito-tui', '--endpoint-url', {endpoint!r}, '--region', 'us-east-1', "
            f"'export', {pool_id!r}]; from cognito_tui.cli import entry; entry()")
    done = _run(code)
    assert done.returncode == 0, done.stderr
    assert pool_id in str(yaml.safe_load(done.stdout))  # a pipe is block-buffered: all of it was flushed
    missing = _run(code.replace(pool_id, pool_id[:-1] + ("0" if pool_id[-1] != "0" else "1")))
    assert missing.returncode == 1 and "not found" in missing.stderr.lower()
