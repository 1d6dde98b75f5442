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
import threading
import time
from dataclasses import replace

from ..settings import Settings
from .identity_pools import PAGE_SIZE


class FirstPage:
    """A helper reading one ListIdentityPools page. ready() says whether its answer is in (the UI
    thread may ask: it does not wait); take() gives the answer once; close() reaps the helper."""

    def __init__(self, pid: int, fd: int, wait: float):
        self._pid, self._fd, self._wait = pid, fd, wait
        self._data = b""
        self._page: dict | None = None  # the helper's whole answer, once it is in and is a page
        self._lock = threading.Lock()  # one reader of the pipe at a time
        self._reaped = False

    def ready(self) -> bool:
        """True when the helper's answer is in and is a page, not taken yet: take() then returns it
        at once. Never waits: False while the answer is still coming or another thread takes it."""
        if not self._lock.acquire(blocking=False):
            return False
        try:
            self._read(0.0)
            return self._page is not None
        finally:
            self._lock.release()

    def take(self) -> dict | None:
        """The page ({"IdentityPools": [...], "NextToken": ...}), or None when the helper failed
        or did not answer within one attempt's timeouts (it is then stopped). Waits for the answer
        unless ready() said it is in."""
        with self._lock:
            self._read(self._wait)
            if self._fd >= 0:  # no whole answer in time
                self.close()
            page, self._page = self._page, None
            return page

    def _read(self, wait: float) -> None:
        """Read the answer until the helper closes the pipe or `wait` seconds pass; then parse it."""
        if self._fd < 0:
            return
        deadline = time.monotonic() + wait
        while select.select([self._fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
            chunk = os.read(self._fd, 65536)
            if not chunk:  # the whole answer: the helper is ending by itself
                os.close(self._fd)
                self._fd = -1
                self._page = _page(self._data)
                self._reap(stop=False)  # never waits on its exit here: this may be the UI thread
                return
            self._data += chunk

    def close(self) -> None:
        """Stop the helper if it still runs and reap it; an answer not read in full is dropped."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        self._reap(stop=True)

    def _reap(self, stop: bool) -> None:
        """Reap the helper if it has ended; with stop, end it first if need be."""
        if self._reaped:
            return
        try:
            if os.waitpid(self._pid, os.WNOHANG) == (0, 0):
                if not stop:
                    return  # still exiting: close() reaps it
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass
        self._reaped = True


def _page(data: bytes) -> dict | None:
    try:
        page = json.loads(data) if data else None
    except ValueError:
        return None
    return page if isinstance(page, dict) and isinstance(page.get("IdentityPools"), list) else None


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
