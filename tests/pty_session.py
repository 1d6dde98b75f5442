"""Run a command with a real pseudo-terminal as its controlling terminal (a new session whose
terminal is the pty, as a login shell has), read what it writes there and type into it."""

from __future__ import annotations

import os
import select
import struct
import subprocess
import sys
import time

# The child makes the pty its controlling terminal, takes the default hang-up (as in a terminal's
# session, whatever the test runner inherited: nohup ignores SIGHUP) or ignores it (as under nohup),
# then becomes the command (no preexec_fn: the test process has threads).
_ATTACH = ("import fcntl, os, signal, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
           "signal.signal(signal.SIGHUP, getattr(signal, sys.argv[1])); os.execvp(sys.argv[2], sys.argv[2:])")

TERMINAL = object()  # stdout= for a command that draws on the terminal (a TUI)


class PtySession:
    def __init__(self, argv: list[str], env: dict, *, size=(24, 80), stdout=subprocess.PIPE, nohup=False):
        """nohup: the command starts with SIGHUP ignored, as `nohup` (or `trap '' HUP`) starts it."""
        import fcntl
        import termios

        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
        stdout = slave if stdout is TERMINAL else stdout
        self.proc = subprocess.Popen([sys.executable, "-c", _ATTACH, "SIG_IGN" if nohup else "SIG_DFL", *argv], stdin=slave, stdout=stdout,
                                     stderr=slave, env=env, start_new_session=True)
        os.close(slave)
        self.screen = b""

    def read_until(self, needle: str, timeout: float = 30, after: int = 0) -> str:
        """Read until `needle` shows (past byte `after` of what was shown: a prompt asked again)."""
        deadline = time.monotonic() + timeout
        while needle.encode() not in self.screen[after:]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{needle!r} not shown within {timeout} s; screen:\n{self.text}")
            ready, _, _ = select.select([self.master], [], [], min(left, 0.5))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk:
                    if self.proc.poll() is not None:
                        raise AssertionError(f"exited {self.proc.returncode} before {needle!r}:\n{self.text}")
                    time.sleep(0.05)
                self.screen += chunk
        return self.text

    @property
    def text(self) -> str:
        return self.screen.decode("utf-8", errors="replace")

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def finish(self, timeout: float = 60) -> tuple[int, str]:
        """Wait for the exit; returns (exit code, stdout). Drains the terminal meanwhile."""
        out = self.proc.stdout.read().decode() if self.proc.stdout else ""
        code = self.proc.wait(timeout)
        while True:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if not ready:
                break
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.screen += chunk
        os.close(self.master)
        return code, out
