"""A terminal that goes away (an SSH link that drops, a closed window) hangs the app up, and
`kill` terminates it: either way it ends as if the operator had quit, so the demo leaves no
folder behind, no process runs on, and a terminal that is still there is given back as it was."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from pty_session import TERMINAL, PtySession

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"


def _demo(tmp: Path) -> PtySession:
    env = {k: v for k, v in os.environ.items() if k not in ("TEXTUAL_DRIVER", "NO_COLOR")}
    env.update(TERM="xterm-256color", TMPDIR=str(tmp))  # the demo makes its folder in tmp
    session = PtySession([sys.executable, "-m", "cognito_tui", "demo"], env, stdout=TERMINAL)
    session.read_until("Identity pool")
    session.read_until("cognito-tui demo")  # the pool list is drawn: the app is up
    return session


def _left_behind(tmp: Path) -> list[str]:
    return sorted(str(p.relative_to(tmp)) for p in tmp.rglob("*"))


def test_the_demo_ends_and_leaves_nothing_when_its_terminal_hangs_up(tmp_path):
    session = _demo(tmp_path)
    try:
        assert len(list(tmp_path.glob("cognito-tui-demo-*"))) == 1
        os.close(session.master)  # the terminal goes away: the kernel sends SIGHUP
        code = session.proc.wait(30)
    finally:
        if session.proc.poll() is None:
            session.proc.kill()
    assert code == 128 + signal.SIGHUP  # ended by the hang-up, cleanly (a crash would be 1)
    assert _left_behind(tmp_path) == []


def test_the_demo_ends_cleanly_when_killed_and_gives_the_terminal_back(tmp_path):
    session = _demo(tmp_path)
    try:
        session.proc.send_signal(signal.SIGTERM)
        code, _ = session.finish(30)
    finally:
        if session.proc.poll() is None:
            session.proc.kill()
    assert code == 128 + signal.SIGTERM
    assert LEAVE_ALTERNATE_SCREEN in session.screen  # the shell's screen is back
    assert "Traceback" not in session.text
    assert _left_behind(tmp_path) == []


def test_a_hang_up_while_the_wizard_starts_never_leaves_it_running(endpoint, tmp_path):
    """Hung up in the first moments (the screen half drawn, the pools being read), the wizard
    still ends: its writes to the vanished terminal must not stall the exit."""
    env = {k: v for k, v in os.environ.items() if k not in ("TEXTUAL_DRIVER", "NO_COLOR")}
    env.update(TERM="xterm-256color", COGNITO_TUI_DRAFTS="0", AWS_ACCESS_KEY_ID="testing",
               AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1")
    for after in ("\x1b[?1049h", "Step 1 of", "Identity pool"):
        session = PtySession([sys.executable, "-m", "cognito_tui", "--endpoint-url", endpoint], env,
                             stdout=TERMINAL)
        try:
            session.read_until(after)
            os.close(session.master)
            code = session.proc.wait(30)
        finally:
            if session.proc.poll() is None:
                session.proc.kill()
        # Ended: by the signal itself before the app takes it over, or by the app (129).
        assert code in (-signal.SIGHUP, 128 + signal.SIGHUP), f"hung up after {after!r}: {code}"
