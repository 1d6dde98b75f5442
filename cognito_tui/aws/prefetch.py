"""The wizard's first page of identity pools, read ahead by a helper process on another core.

Starting the wizard costs two long stretches of CPU: Textual drawing its first screen, and botocore
loading before the first AWS call. In one process they run one after the other (Python runs one
thread at a time). A helper started before the interface loads does the AWS side on a second core,
and its network wait overlaps the drawing too. It prints the raw page as JSON; on any failure it
prints nothing and the wizard lists the pools itself, with its usual retries and errors.

The helper is a fresh interpreter (posix_spawn, not fork: nothing of this process is copied), in
its own session with no terminal and stdin/stderr on /dev/null, so it can neither prompt (for a
profile's MFA code, say) nor draw on the screen.
"""

from __future__ import annotations

import json
import os
import select
import signal
import sys
import time
from dataclasses import asdict, replace

from ..settings import Settings
from .identity_pools import PAGE_SIZE

_PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# -P: the working directory is not put on sys.path (a stray botocore/ there must not load).
_BOOT = f"import sys; sys.path.insert(0, {_PACKAGE_PARENT!r}); from cognito_tui.aws.prefetch import main; main()"


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
    if not (sys.executable and hasattr(os, "posix_spawn")) or _cores() < 2:
        return None
    read_fd, write_fd = os.pipe()
    os.set_inheritable(write_fd, False)  # only the dup2 below reaches the helper
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_DUP2, write_fd, 1),
               (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
    argv = [sys.executable, "-P", "-c", _BOOT, json.dumps(asdict(settings))]
    try:
        pid = os.posix_spawn(sys.executable, argv, os.environ, file_actions=actions, setsid=True)
    except OSError:
        os.close(read_fd)
        return None
    finally:
        os.close(write_fd)
    return FirstPage(pid, read_fd, settings.connect_timeout + settings.read_timeout + 1)


def _cores() -> int:
    """The cores this process may run on (macOS has no affinity call: all of them)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def main() -> None:
    """The helper: one ListIdentityPools page as JSON on stdout, or nothing."""
    try:
        settings = Settings(**json.loads(sys.argv[1]))
        signal.alarm(int(settings.connect_timeout + settings.read_timeout) + 5)  # never outlive a stall
        from .session import Clients, call

        clients = Clients(replace(settings, max_attempts=1))  # a failure is retried by the wizard itself
        response = call(clients.client("cognito-identity"), "ListIdentityPools", MaxResults=PAGE_SIZE)
        sys.stdout.write(json.dumps({"IdentityPools": response.get("IdentityPools", []),
                                     "NextToken": response.get("NextToken")}))
        sys.stdout.flush()
    except BaseException:  # noqa: BLE001 - the helper answers nothing; the wizard lists the pools itself
        pass
