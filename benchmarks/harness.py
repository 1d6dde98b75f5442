"""Process timing for the benchmark: wall time and peak memory of a child, in a pipe or a pty."""

from __future__ import annotations

import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str = ""
    stderr: str = ""


def run_process(argv: list[str], env: dict | None = None, stdin: str | None = None, timeout: float = 120) -> Run:
    """Run a command to completion; wall time from spawn to exit, and its own peak RSS (wait4)."""
    import threading

    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    chunks: dict[str, bytes] = {}

    def read(name: str, stream) -> None:
        chunks[name] = stream.read()

    readers = [threading.Thread(target=read, args=(n, s)) for n, s in (("out", proc.stdout), ("err", proc.stderr))]
    for reader in readers:
        reader.start()
    if stdin is not None:
        proc.stdin.write(stdin.encode())
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    for reader in readers:
        reader.join(timeout)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode,
               chunks.get("out", b"").decode(errors="replace"), chunks.get("err", b"").decode(errors="replace"))


def run_in_pty(argv: list[str], markers: list[str], env: dict | None = None, size=(24, 80),
               timeout: float = 30) -> tuple[dict[str, float], float]:
    """Start argv on a pseudo-terminal; return seconds until each marker first appears on the
    screen stream, and the child's peak RSS (MB). The child is stopped after the last marker."""
    import fcntl
    import termios

    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
        os.execvpe(argv[0], argv, env or os.environ)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
    seen: dict[str, float] = {}
    buffer = b""
    wanted = [(m, m.encode()) for m in markers]
    deadline = start + timeout
    try:
        while len(seen) < len(markers) and time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buffer += chunk
            now = time.perf_counter() - start
            for text, raw in wanted:
                if text not in seen and raw in buffer:
                    seen[text] = now
    finally:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        _drain(fd, pid)
    _, status, usage = _wait4(pid)
    os.close(fd)
    return seen, usage.ru_maxrss / 1024


def _drain(fd: int, pid: int) -> None:
    """Read the pty until the child has gone (EOF or EIO); kill it if it lingers."""
    end = time.perf_counter() + 3
    while time.perf_counter() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                if not os.read(fd, 65536):
                    return
            except OSError:
                return
    os.kill(pid, signal.SIGKILL)


def _wait4(pid: int):
    return os.wait4(pid, 0)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


class PtySession:
    """A program on a pseudo-terminal, driven key by key, timing what it draws."""

    def __init__(self, argv: list[str], env: dict | None = None, size=(24, 80)):
        import fcntl
        import termios

        self.start = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
            os.execvpe(argv[0], argv, env or os.environ)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
        self.buffer = b""

    def read_until(self, predicate, timeout: float = 30) -> float:
        """Read output until predicate(buffer) is true; seconds from now until then."""
        begin = time.perf_counter()
        while not predicate(self.buffer):
            if time.perf_counter() - begin > timeout:
                raise TimeoutError("the program did not draw what was expected in time")
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    raise EOFError("the program ended")
                self.buffer += chunk
        return time.perf_counter() - begin

    def key(self, data: bytes, predicate, timeout: float = 10, quiet: float = 0.03) -> float:
        """Send a keystroke; seconds until the last byte of the redraw that satisfies
        predicate(new output), the redraw being over when the program has been quiet for `quiet`."""
        self.buffer = b""
        begin = time.perf_counter()
        last = begin
        os.write(self.fd, data)
        while True:
            now = time.perf_counter()
            if now - begin > timeout:
                raise TimeoutError("the program did not redraw in time")
            done = predicate(self.buffer)
            ready, _, _ = select.select([self.fd], [], [], quiet if done else 0.05)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    raise EOFError("the program ended")
                self.buffer += chunk
                last = time.perf_counter()
            elif done:
                return last - begin

    def close(self) -> float:
        """Stop the program; its peak RSS in MB."""
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        _drain(self.fd, self.pid)
        _, _, usage = os.wait4(self.pid, 0)
        os.close(self.fd)
        return usage.ru_maxrss / 1024
