"""The wizard's first page of identity pools, read ahead by a helper process (aws.prefetch)."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time

import pytest

from cognito_tui.aws import prefetch
from cognito_tui.aws.gateway import Aws
from cognito_tui.errors import EndpointError
from cognito_tui.settings import Settings

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or prefetch._cores() < 2,
                                reason="the read-ahead runs only where a second core can take it")


def _pool_ids(aws: Aws) -> list[str]:
    return [pool.id for page in aws.identity_pools.pages() for pool in page]


def _list_calls(aws: Aws) -> list[str]:
    calls: list[str] = []
    aws.clients.add_hook("before-call.cognito-identity.ListIdentityPools", lambda **_: calls.append("List"))
    return calls


def _reaped(page: prefetch.FirstPage) -> bool:
    try:
        os.waitpid(page._pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_page_read_ahead_replaces_the_first_list_call_and_the_rest_follows_its_token(endpoint):
    # A region of its own, so the other tests' lists stay as they are.
    settings = Settings(region="eu-west-1", endpoint_url=endpoint, max_attempts=2)
    aws = Aws(settings)
    for i in range(61):  # more than one page of 60
        aws.clients.client("cognito-identity").create_identity_pool(
            IdentityPoolName=f"prefetch_{i}", AllowUnauthenticatedIdentities=False)
    expected = _pool_ids(aws)
    assert len(expected) > 60

    page = prefetch.start(settings)
    ahead = Aws(settings, first_pools_page=page)
    calls = _list_calls(ahead)
    assert _pool_ids(ahead) == expected
    pages = -(-len(expected) // 60)
    assert len(calls) == pages - 1  # the first page came from the helper
    assert _reaped(page)

    assert _pool_ids(ahead) == expected and len(calls) == 2 * pages - 1  # a reload lists from the start


def test_a_failed_read_ahead_gives_way_to_the_wizards_own_call_and_its_error():
    dead = Settings(region="us-east-1", endpoint_url="http://127.0.0.1:9", max_attempts=1)
    page = prefetch.start(dead)
    assert page.take() is None and _reaped(page)
    with pytest.raises(EndpointError):
        _pool_ids(Aws(dead, first_pools_page=prefetch.start(dead)))


def test_a_stalled_endpoint_ends_the_wait_after_one_attempts_timeouts():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(server.accept()[0]), daemon=True).start()
    stalled = Settings(region="us-east-1", endpoint_url=f"http://127.0.0.1:{server.getsockname()[1]}",
                       connect_timeout=0.5, read_timeout=0.5)
    try:
        page = prefetch.start(stalled)
        begin = time.monotonic()
        assert page.take() is None
        assert time.monotonic() - begin < 2 + 1  # connect + read timeouts + 1 s, never the retries
        assert _reaped(page)
    finally:
        server.close()
        for conn in held:
            conn.close()


def test_closing_before_the_answer_stops_and_reaps_the_helper(settings):
    page = prefetch.start(settings)
    page.close()
    assert _reaped(page) and page.take() is None


def test_one_core_reads_nothing_ahead(settings, monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert prefetch.start(settings) is None
    monkeypatch.delattr(os, "sched_getaffinity")  # as on macOS: the core count decides
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert prefetch.start(settings) is None


def test_the_helper_ignores_modules_in_the_working_directory(settings, tmp_path):
    # A stray botocore/ where the wizard is started must not load in the helper, even where the
    # command itself has the working directory on its path (`python -c`, `python -m`).
    import subprocess

    marker = tmp_path / "stray-module-ran"
    (tmp_path / "botocore").mkdir()
    (tmp_path / "botocore" / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\nraise ImportError\n")
    code = ("import sys; from cognito_tui.aws import prefetch; from cognito_tui.settings import Settings; "
            f"page = prefetch.start(Settings(region='us-east-1', endpoint_url={settings.endpoint_url!r})).take(); "
            "print(page is not None, 'botocore' in sys.modules)")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(prefetch.__file__))))
    env = {**os.environ, "PYTHONPATH": root}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path,
                          env=env)
    assert done.stdout == "True False\n", done.stderr
    assert not marker.exists()


def test_the_helper_writes_nothing_on_the_terminal():
    # The helper is a fork of a command that runs on a terminal: whatever it would print (here, the
    # parent's streams are the captured pipes of a child interpreter) must go nowhere.
    import subprocess

    code = ("import os, sys; from cognito_tui.aws import prefetch; from cognito_tui.settings import Settings; "
            "sys.stdout.write('parent '); "  # buffered, not flushed: the helper must not flush it again
            "p = prefetch.start(Settings(region='us-east-1', endpoint_url='http://127.0.0.1:9')); "
            "print(p.take())")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(prefetch.__file__))))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=root)
    assert (done.stdout, done.stderr) == ("parent None\n", "")


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="reads the helper's descriptors from /proc")
def test_the_helper_has_no_terminal_and_its_own_session():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    stalled = Settings(region="us-east-1", endpoint_url=f"http://127.0.0.1:{server.getsockname()[1]}",
                       connect_timeout=5, read_timeout=5)
    page = prefetch.start(stalled)
    try:
        pid = page._pid
        deadline = time.monotonic() + 10
        while os.getsid(pid) != pid and time.monotonic() < deadline:  # until it has detached
            time.sleep(0.01)
        while os.readlink(f"/proc/{pid}/fd/2") != os.devnull and time.monotonic() < deadline:
            time.sleep(0.01)
        assert os.getsid(pid) == pid  # its own session: no controlling terminal, no terminal signals
        assert [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in (0, 1, 2)] == [os.devnull] * 3
    finally:
        page.close()
        server.close()
    assert _reaped(page)
