"""The wizard's first page of identity pools, read ahead by a helper process on another core.

Starting the wizard costs two long stretches of CPU: Textual drawing its first screen, and botocore
loading before the first AWS call. In one process they run one after the other (Python runs one
thread at a time). A helper started before the interface loads does the AWS side on a second core,
and its network wait overlaps the drawing too. It writes the raw page as JSON to a pipe; on any
failure it writes nothing and the wizard lists the pools itself, with its usual retries and errors.

The helper is a fork of the command taken before Textual loads (no thread runs yet, and the
interpreter and the command line are already there, which a fresh interpreter would redo), in its
own session with no terminal and stdin/stdout/stderr on /dev/null, so it can neither prompt (for a
profile's MFA code, say) nor draw on the screen. It ends with os._exit: nothing of the command's
is flushed or run again.
"""

from __future__ import annotations

import json
import os
import select
import signal
import sys
import time
from dataclasses import replace

from ..settings import Settings
from .identity_pools import PAGE_SIZE


class FirstPage:
    """A helper reading one ListIdentityPools page. take() gives its answer once, and reaps it."""

    def __init__(self, pid: int, fd: int, wait: float):
        self._pid, self._fd, self._wait = pid, fd, wait

    def take(self) -> dict | None:
        """The page ({"IdentityPools": [...], "NextToken": ...}), or None when the helper failed
        or did not answer within one attempt's timeouts. Blocks: call it from a worker thread."""
        if self._fd < 0:
            return None
        data, deadline = b"", time.monotonic() + self._wait
        try:
            while (left := deadline - time.monotonic()) > 0:
                ready, _, _ = select.select([self._fd], [], [], left)
                chunk = os.read(self._fd, 65536) if ready else b""
                if not chunk:
                    break
                data += chunk
        finally:
            self.close()
        try:
            page = json.loads(data) if data else None
        except ValueError:
            return None
        return page if isinstance(page, dict) and isinstance(page.get("IdentityPools"), list) else None

    def close(self) -> None:
        """Stop the helper if it still runs and reap it; its answer, if any, is dropped."""
        if self._fd < 0:
            return
        os.close(self._fd)
        self._fd = -1
        try:
            if os.waitpid(self._pid, os.WNOHANG) == (0, 0):
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass


def start(settings: Settings) -> FirstPage | None:
    """Start the helper, or None where it would not pay (one core) or cannot run."""
    if not hasattr(os, "fork") or _cores() < 2:
        return None
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the helper
        code = 1
        try:
            os.close(read_fd)
            _detach()
            code = _read_first_page(settings, write_fd)
        finally:
            os._exit(code)
    os.close(write_fd)
    return FirstPage(pid, read_fd, settings.connect_timeout + settings.read_timeout + 1)


def _detach() -> None:
    """The helper leaves the terminal: its own session, stdin/stdout/stderr on /dev/null, and no
    module from the working directory on its import path (a stray botocore/ there must not load)."""
    os.setsid()
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
    here = os.getcwd()
    sys.path[:] = [p for p in sys.path if p and os.path.abspath(p) != here]


def _cores() -> int:
    """The cores this process may run on (macOS has no affinity call: all of them)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def _read_first_page(settings: Settings, fd: int) -> int:
    """In the helper: one ListIdentityPools page as JSON on fd, or nothing; the exit status."""
    try:
        signal.alarm(int(settings.connect_timeout + settings.read_timeout) + 5)  # never outlive a stall
        from .session import Clients, call

        clients = Clients(replace(settings, max_attempts=1))  # a failure is retried by the wizard itself
        response = call(clients.client("cognito-identity"), "ListIdentityPools", MaxResults=PAGE_SIZE)
        data = json.dumps({"IdentityPools": response.get("IdentityPools", []),
                           "NextToken": response.get("NextToken")}).encode()
        while data:
            data = data[os.write(fd, data):]
        os.close(fd)  # the answer is whole now, not when this process has finished exiting
        return 0
    except BaseException:  # noqa: BLE001 - the helper answers nothing; the wizard lists the pools itself
        return 1
