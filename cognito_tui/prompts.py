"""Questions on the controlling terminal (/dev/tty), as getpass asks them: the prompt goes to the
terminal, the answer comes from it, secrets are typed with echo off. stdin and stdout are left
alone (stdin may carry a password, stdout the credentials). No terminal, no question: None."""

from __future__ import annotations

import contextlib
import os

MATCH_TRIES = 3


class Terminal:
    """The controlling terminal, open for reading and writing; use as a context manager."""

    def __init__(self, fd: int):
        self.fd = fd

    @classmethod
    def open(cls) -> "Terminal | None":
        try:
            return cls(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY))
        except OSError:  # no controlling terminal (cron, CI, a daemon, setsid)
            return None

    def __enter__(self) -> "Terminal":
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def write(self, text: str) -> None:
        data = text.encode("utf-8", errors="replace")
        while data:
            data = data[os.write(self.fd, data):]

    def size(self) -> tuple[int, int]:
        try:
            size = os.get_terminal_size(self.fd)
            return size.columns, size.lines
        except OSError:
            return 80, 24

    def read_line(self, *, echo: bool = True, prompt: str = "") -> str | None:
        """One line typed on the terminal (None on end of input), without its newline. The prompt
        is written once echo is off, so nothing typed after it shows."""
        with self._echo_off() if not echo else contextlib.nullcontext():
            self.write(prompt)
            data = b""
            while not data.endswith(b"\n"):
                chunk = os.read(self.fd, 1024)
                if not chunk:
                    if not data:
                        return None
                    break
                data += chunk
        if not echo:
            self.write("\n")  # the Enter that was not echoed
        return data.decode("utf-8", errors="replace").rstrip("\r\n")

    @contextlib.contextmanager
    def _echo_off(self):
        try:
            import termios
        except ImportError:  # no termios (Windows): no terminal here anyway
            yield
            return
        try:
            old = termios.tcgetattr(self.fd)
        except termios.error:
            yield
            return
        new = list(old)
        new[3] &= ~termios.ECHO
        # TCSADRAIN, not getpass's TCSAFLUSH: keys typed ahead (a password manager's auto-type)
        # are kept, not thrown away.
        termios.tcsetattr(self.fd, termios.TCSADRAIN, new)
        try:
            yield
        finally:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, old)

    def ask(self, prompt: str, *, secret: bool = False) -> str | None:
        return self.read_line(echo=not secret, prompt=f"{prompt}: ")

    def ask_new_secret(self, prompt: str) -> str | None:
        """A new secret typed twice; asked again (up to three times) when the two differ."""
        for _ in range(MATCH_TRIES):
            first = self.ask(prompt, secret=True)
            if not first:
                return None
            if self.ask("Type it again to confirm", secret=True) == first:
                return first
            self.write("The two entries differ; try again.\n")
        return None

    def confirm(self, question: str, default: bool = False) -> bool:
        answer = self.ask(f"{question} [{'Y/n' if default else 'y/N'}]")
        if not answer:
            return default
        return answer.strip().lower() in ("y", "yes")


def has_terminal() -> bool:
    terminal = Terminal.open()
    if terminal is None:
        return False
    os.close(terminal.fd)
    return True
