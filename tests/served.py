"""`cognito-tui serve` as a process, for the tests that reach it over HTTP and from a browser."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from urllib.parse import urlsplit

# What a terminal stream holds besides text: CSI (colours, cursor moves), OSC, and other escapes.
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def screen_text(chunks: list[bytes]) -> str:
    """The text an app wrote to the terminal, escape sequences removed."""
    return ESCAPES.sub(b"", b"".join(chunks)).decode("utf-8", "replace")


class Served:
    def __init__(self, proc: subprocess.Popen, url: str):
        self.proc, self.url = proc, url
        parts = urlsplit(url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.token = parts.path.strip("/")
        self.stderr: list[str] = []
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stderr(self) -> None:
        for line in self.proc.stderr:
            self.stderr.append(line)

    def session_pids(self, event: str = "started") -> list[int]:
        return [int(m.group(1)) for line in list(self.stderr)
                if (m := re.search(rf"session {event}: process (\d+)", line))]

    def wait_for(self, predicate, timeout: float = 30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if value := predicate():
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out; server said: {''.join(self.stderr)}")

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(30)


@contextmanager
def served(*args: str):
    """Start `cognito-tui serve ARGS` on a free port; yields once it has printed its URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT")}
    proc = subprocess.Popen([sys.executable, "-m", "cognito_tui", "serve", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        url = proc.stdout.readline().strip()
        if not url:
            raise AssertionError(f"no URL printed: {proc.stderr.read()}")
        yield Served(proc, url)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def alive(pid: int) -> bool:
    """The process runs (a zombie counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
