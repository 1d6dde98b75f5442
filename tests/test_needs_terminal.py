"""The full-screen commands refuse to start without a terminal, or on TERM=dumb: exit 2, one line
naming the headless command to use, and not one escape code written."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

import pytest

from cognito_tui.commands.terminal import require_terminal
from cognito_tui.errors import InputError

COMMANDS = {
    "wizard": ([], "cognito-tui apply"),
    "demo": (["demo"], "cognito-tui local"),
    "signin": (["signin"], "cognito-tui credentials"),
}


def _env(term: str = "xterm-256color") -> dict:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    env["TERM"] = term
    return env


@pytest.mark.parametrize("command", COMMANDS)
def test_without_a_terminal_the_command_refuses_in_one_plain_line(command):
    argv, headless = COMMANDS[command]
    out = subprocess.run([sys.executable, "-m", "cognito_tui.cli", *argv], stdin=subprocess.DEVNULL,
                         capture_output=True, timeout=60, env=_env())
    assert out.returncode == 2
    assert b"\x1b" not in out.stdout + out.stderr
    assert out.stdout == b""
    lines = out.stderr.decode().splitlines()
    assert len(lines) == 1 and "needs a terminal" in lines[0] and headless in lines[0]


def _run_on_pty(argv: list[str], env: dict, *, stdout_pipe: bool) -> tuple[int, bytes]:
    """Run with stdin (and stdout unless stdout_pipe) on a pseudo-terminal; everything it wrote."""
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "cognito_tui.cli", *argv], stdin=slave,
                                stdout=subprocess.PIPE if stdout_pipe else slave, stderr=subprocess.PIPE
                                if stdout_pipe else slave, env=env)
        os.close(slave)
        written = b""
        if stdout_pipe:
            out, err = proc.communicate(timeout=60)
            written = out + err
        else:
            while True:
                ready, _, _ = select.select([master], [], [], 60)
                if not ready:
                    proc.kill()
                    raise AssertionError(f"still running; wrote {written[-300:]!r}")
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # EIO: the child has closed the terminal
                    break
                if not chunk:
                    break
                written += chunk
        return proc.wait(timeout=60), written
    finally:
        os.close(master)


def test_a_terminal_for_input_but_output_to_a_pipe_is_refused_too():
    code, written = _run_on_pty([], _env(), stdout_pipe=True)
    assert code == 2 and b"\x1b" not in written and b"needs a terminal" in written


@pytest.mark.parametrize("command", COMMANDS)
def test_term_dumb_is_refused_with_what_to_do(command):
    argv, headless = COMMANDS[command]
    code, written = _run_on_pty(argv, _env("dumb"), stdout_pipe=False)
    assert code == 2
    assert b"\x1b" not in written
    text = written.decode()
    assert "TERM=dumb" in text and headless in text and len(text.strip().splitlines()) == 1


def test_an_app_served_through_another_driver_needs_no_terminal(monkeypatch):
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    monkeypatch.setattr(sys, "stdin", open(os.devnull))
    require_terminal("wizard")  # textual-serve's sessions run on pipes: no refusal
    monkeypatch.delenv("TEXTUAL_DRIVER")
    with pytest.raises(InputError):
        require_terminal("wizard")
