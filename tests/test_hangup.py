"""A terminal that goes away (an SSH link that drops, a closed window) hangs the app up, and
`kill` terminates it: either way it ends as if the operator had quit, so the demo leaves no
folder behind, no process runs on, and a terminal that is still there is given back as it was."""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from pathlib import Path

import pytest
from pty_session import TERMINAL, PtySession

ENTER_ALTERNATE_SCREEN = b"\x1b[?1049h"
LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"


def _demo(tmp: Path, nohup: bool = False) -> PtySession:
    env = {k: v for k, v in os.environ.items() if k not in ("TEXTUAL_DRIVER", "NO_COLOR")}
    env.update(TERM="xterm-256color", TMPDIR=str(tmp))  # the demo makes its folder in tmp
    session = PtySession([sys.executable, "-m", "cognito_tui", "demo"], env, stdout=TERMINAL, nohup=nohup)
    session.read_until("Identity pool")
    session.read_until("cognito-tui demo")  # the pool list is drawn: the app is up
    return session


def _hang_up(session: PtySession) -> int:
    """The terminal goes away; the exit code, or a failure when the command outlives it by 30 s."""
    try:
        os.close(session.master)
        return session.proc.wait(30)
    finally:
        if session.proc.poll() is None:
            session.proc.kill()


def _kill(session: PtySession) -> int:
    """`kill`: the exit code, or a failure when the command outlives it by 30 s."""
    try:
        session.proc.send_signal(signal.SIGTERM)
        code, _ = session.finish(30)
        return code
    finally:
        if session.proc.poll() is None:
            session.proc.kill()


def _left_behind(tmp: Path) -> list[str]:
    return sorted(str(p.relative_to(tmp)) for p in tmp.rglob("*"))


def test_the_demo_ends_and_leaves_nothing_when_its_terminal_hangs_up(tmp_path):
    session = _demo(tmp_path)
    assert len(list(tmp_path.glob("cognito-tui-demo-*"))) == 1
    code = _hang_up(session)  # the terminal goes away: the kernel sends SIGHUP
    assert code == 128 + signal.SIGHUP  # ended by the hang-up, cleanly (a crash would be 1)
    assert _left_behind(tmp_path) == []


def test_the_demo_ends_cleanly_when_killed_and_gives_the_terminal_back(tmp_path):
    session = _demo(tmp_path)
    code = _kill(session)
    assert code == 128 + signal.SIGTERM
    assert LEAVE_ALTERNATE_SCREEN in session.screen  # the shell's screen is back
    assert "Traceback" not in session.text
    assert _left_behind(tmp_path) == []


def _wizard_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("TEXTUAL_DRIVER", "NO_COLOR")}
    env.update(TERM="xterm-256color", COGNITO_TUI_DRAFTS="0", AWS_ACCESS_KEY_ID="testing",
               AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1")
    return env


@pytest.mark.parametrize("nohup", [False, True], ids=["hangup-default", "hangup-ignored"])
def test_a_hang_up_while_the_wizard_starts_ends_it_as_a_hang_up(endpoint, nohup):
    """Hung up in the first moments (Textual's driver started but no screen mounted, the screen
    half drawn, the pools being read), the wizard ends as on a hang-up: its writes to the vanished
    terminal never stall the exit, also when it was started with SIGHUP ignored."""
    for after in ("\x1b[?1049h", "Step 1 of", "Identity pool"):
        session = PtySession([sys.executable, "-m", "cognito_tui", "--endpoint-url", endpoint], _wizard_env(),
                             stdout=TERMINAL, nohup=nohup)
        session.read_until(after)
        code = _hang_up(session)
        assert code == 128 + signal.SIGHUP, f"hung up after {after!r}: {code}"


def _demo_starting(tmp: Path, nohup: bool) -> PtySession:
    """The demo, caught before Textual starts: its folder is made, its local Cognito is starting,
    nothing is drawn yet."""
    env = {k: v for k, v in os.environ.items() if k not in ("TEXTUAL_DRIVER", "NO_COLOR")}
    env.update(TERM="xterm-256color", TMPDIR=str(tmp))
    session = PtySession([sys.executable, "-m", "cognito_tui", "demo"], env, stdout=TERMINAL, nohup=nohup)
    deadline = time.monotonic() + 30
    while not list(tmp.glob("cognito-tui-demo-*")):
        assert time.monotonic() < deadline and session.proc.poll() is None, session.text
        time.sleep(0.005)
    return session


def _shown_so_far(session: PtySession) -> bytes:
    while select.select([session.master], [], [], 0)[0]:
        session.screen += os.read(session.master, 65536)
    return session.screen


@pytest.mark.parametrize("nohup", [False, True], ids=["hangup-default", "hangup-ignored"])
def test_the_demo_hung_up_before_its_first_screen_ends_as_a_hang_up_and_leaves_nothing(tmp_path, nohup):
    session = _demo_starting(tmp_path, nohup)
    assert ENTER_ALTERNATE_SCREEN not in _shown_so_far(session)  # Textual has not started
    code = _hang_up(session)
    assert code == 128 + signal.SIGHUP
    assert _left_behind(tmp_path) == []


@pytest.mark.parametrize("nohup", [False, True], ids=["hangup-default", "hangup-ignored"])
def test_the_demo_hung_up_as_its_screen_starts_ends_as_a_hang_up_and_leaves_nothing(tmp_path, nohup):
    session = _demo_starting(tmp_path, nohup)
    session.read_until(ENTER_ALTERNATE_SCREEN.decode())  # Textual's driver is up, the wizard not mounted
    code = _hang_up(session)
    assert code == 128 + signal.SIGHUP
    assert _left_behind(tmp_path) == []


@pytest.mark.parametrize("textual", [False, True], ids=["before-textual", "as-textual-starts"])
def test_the_demo_killed_before_its_first_screen_ends_as_killed_and_leaves_nothing(tmp_path, textual):
    session = _demo_starting(tmp_path, nohup=False)
    if textual:
        session.read_until(ENTER_ALTERNATE_SCREEN.decode())
    code = _kill(session)
    assert code == 128 + signal.SIGTERM
    assert "Traceback" not in session.text and "Error" not in session.text
    if textual:
        assert LEAVE_ALTERNATE_SCREEN in session.screen
    assert _left_behind(tmp_path) == []


def test_under_nohup_the_demo_ends_when_its_terminal_goes_away(tmp_path):
    """SIGHUP ignored: the hang-up signal never comes, but a terminal that is gone cannot be drawn
    on, so the demo ends as on a hang-up and leaves nothing."""
    session = _demo(tmp_path, nohup=True)
    code = _hang_up(session)
    assert code == 128 + signal.SIGHUP
    assert _left_behind(tmp_path) == []


def test_under_nohup_a_hang_up_signal_with_the_terminal_still_there_is_ignored(tmp_path):
    """What nohup asks for: `kill -HUP` alone does not end the demo while its terminal is there."""
    session = _demo(tmp_path, nohup=True)
    try:
        seen = len(session.screen)
        session.proc.send_signal(signal.SIGHUP)
        time.sleep(1)
        assert session.proc.poll() is None
        session.type("\x11")  # Ctrl+Q: nothing changed, so the demo quits at once
        session.read_until(LEAVE_ALTERNATE_SCREEN.decode(), after=seen)
        code, _ = session.finish(30)
    finally:
        if session.proc.poll() is None:
            session.proc.kill()
    assert code == 0
    assert _left_behind(tmp_path) == []


@pytest.mark.parametrize("nohup", [False, True], ids=["hangup-default", "hangup-ignored"])
def test_the_sign_in_view_hung_up_as_it_starts_ends_as_a_hang_up(endpoint, nohup):
    session = PtySession([sys.executable, "-m", "cognito_tui", "--endpoint-url", endpoint, "signin"],
                         _wizard_env(), stdout=TERMINAL, nohup=nohup)
    session.read_until(ENTER_ALTERNATE_SCREEN.decode())
    code = _hang_up(session)
    assert code == 128 + signal.SIGHUP


def test_textuals_output_thread_outlives_a_terminal_that_is_gone():
    """Textual's output thread dies on the first write that fails, and once its queue is full
    every write after waits for ever. Through Output, a failed write says the terminal is gone
    and the thread goes on (its writes then go to /dev/null: hangup.py)."""
    import threading

    from cognito_tui.tui.hangup import Output
    from textual.drivers._writer_thread import MAX_QUEUED_WRITES, WriterThread

    master, slave = os.openpty()
    terminal = os.fdopen(slave, "w")
    os.close(master)  # the terminal goes away: every write to it now fails with EIO
    gone = []
    writer = WriterThread(Output(terminal, lambda: gone.append(True)))
    writer.start()
    drawing = threading.Thread(target=lambda: [writer.write("frame\n") for _ in range(3 * MAX_QUEUED_WRITES)],
                               daemon=True)
    drawing.start()
    drawing.join(10)
    assert not drawing.is_alive(), "the writes stalled on the dead output thread"
    writer.stop()
    assert gone
