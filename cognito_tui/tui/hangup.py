"""A full-screen command ends as quitting does when its terminal goes away (an SSH link that
drops, a closed window: SIGHUP) or when it is killed (SIGTERM), at any moment of its life. While it
starts (the demo's local Cognito, the read-ahead helper) the signal is kept and Textual is then never
started; while Textual starts its driver or a screen is up, the app exits. Either way it exits 129 or
143, the demo's folder goes, and a terminal still there is given back.

Textual never notices a dead terminal by itself: its output thread dies on the first write that
fails (EIO), the next writes fill that thread's queue and wait on it for ever, and its input
thread reads end-of-file in a loop. So a terminal that is gone is let go of (its descriptors point
to /dev/null) before anything more is written, and the exit has GRACE seconds before the process
ends anyway.

Under nohup (SIGHUP ignored) the signal stays ignored: `kill -HUP` alone ends nothing. But a
terminal that is gone can be neither drawn on nor read, so the app ends as on a hang-up when the
terminal itself says so (poll reports a hang-up, or a write fails with EIO).

In a browser (`cognito-tui serve`) none of this applies: Textual's web driver has its own signals,
and the session ends with its server (browser.end_with_the_server)."""

from __future__ import annotations

import errno
import os
import select
import signal
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:  # asyncio and Textual load with the app, not before the command's start (the read-ahead's fork)
    import asyncio

    from textual.app import App

GRACE = 5.0  # seconds Textual has to end after a hang-up or a kill before the process ends anyway
HUNG_UP = 128 + 1  # SIGHUP, by the shell's convention for "ended by signal N"
KILLED = 128 + 15  # SIGTERM
_GONE = getattr(select, "POLLHUP", 0) | getattr(select, "POLLERR", 0) | getattr(select, "POLLNVAL", 0)

_current: _Terminal | None = None


@contextmanager
def ended_with_the_terminal() -> Iterator[_Terminal | None]:
    """For the life of a full-screen command, from before anything starts: a hang-up or a kill is
    kept to end the command at its first screen, or ends the app that runs (run_in_terminal).
    None when served in a browser, not on the main thread, or on a system without hang-ups (Windows)."""
    global _current
    if _current is not None:
        yield _current
        return
    if (os.environ.get("TEXTUAL_DRIVER") or threading.current_thread() is not threading.main_thread()
            or not hasattr(signal, "SIGHUP") or not hasattr(select, "poll")):
        yield None
        return
    terminal = _current = _Terminal()
    try:
        yield terminal
    finally:
        terminal.close()
        _current = None


def run_in_terminal(app: App) -> int:
    """Run a full-screen app to its end; the exit code (the app's, or 129/143 when the terminal
    went away or the process was killed, before or while it ran)."""
    with ended_with_the_terminal() as terminal:
        if terminal is None:
            result = app.run()
        else:
            result = terminal.run(app)
            if terminal.code is not None and app.return_code in (None, 0):  # ended before it ran
                return terminal.code
    return int(result or 0) if app.return_code in (None, 0) else int(app.return_code)


class _Terminal:
    """The process's terminal: whether it went away (or the process was killed), and the app
    to end when that happens."""

    def __init__(self) -> None:
        self.code: int | None = None
        self._pid = os.getpid()
        self._fds = [fd for fd in (0, 1, 2) if os.isatty(fd)]  # a hung-up terminal no longer says it is one
        self._app: App | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._timer: threading.Timer | None = None
        self._previous = {}
        for signum in (signal.SIGHUP, signal.SIGTERM):
            previous = signal.getsignal(signum)
            if previous is not signal.SIG_IGN:  # nohup's choice stands; the terminal is watched instead
                self._previous[signum] = previous
                signal.signal(signum, self._signalled)

    def close(self) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, signal.SIG_DFL if previous is None else previous)

    def run(self, app: App):
        """app.run(), ended by a hang-up or a kill; not started at all after one."""
        if self.code is None and self.gone():
            self.hung_up()
        if self.code is not None:
            return None
        import asyncio

        from textual.drivers.linux_driver import LinuxDriver

        if isinstance(app.driver_class, type) and issubclass(app.driver_class, LinuxDriver):
            app.driver_class = _watched_driver(app.driver_class, self)
        return asyncio.run(self._run(app))

    async def _run(self, app: App):
        import asyncio

        self._app, self._loop = app, asyncio.get_running_loop()
        stop_reading, stop = os.pipe()
        watcher = threading.Thread(target=self._watch, args=(stop_reading,), name="terminal-hangup", daemon=True)
        watcher.start()
        try:
            if self.code is not None:  # between the check in run() and here
                return None
            return await app.run_async()
        finally:
            self._app = self._loop = None
            os.write(stop, b"x")
            watcher.join(1.0)
            os.close(stop)
            os.close(stop_reading)
            if self._timer is not None:  # Textual has ended: nothing is left to stall on the terminal
                self._timer.cancel()

    def gone(self) -> bool:
        """The terminal says it hung up (a pty whose other side closed, a dropped SSH link)."""
        if not self._fds:
            return False
        poll = select.poll()
        for fd in self._fds:
            poll.register(fd, 0)  # only hang-ups and errors are reported
        return any(events & _GONE for _, events in poll.poll(0))

    def hung_up(self) -> None:
        """The terminal is gone: what is still written to it goes nowhere instead of failing, and
        the app ends (or never starts) as on a hang-up."""
        nowhere = os.open(os.devnull, os.O_RDWR)
        for fd in self._fds:
            os.dup2(nowhere, fd)
        os.close(nowhere)
        self._end(HUNG_UP)

    def _signalled(self, signum: int, _frame) -> None:
        if os.getpid() != self._pid:  # a fork of the command (the read-ahead helper): the usual end
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if signum == signal.SIGHUP and self.gone():
            self.hung_up()
        else:  # a kill, or `kill -HUP` with the terminal still there: it is given back as it was
            self._end(128 + signum)

    def _end(self, code: int) -> None:
        """From a signal handler or a thread: end the app that runs, or keep the code so that none starts."""
        if self.code is None:
            self.code = code
        app, loop = self._app, self._loop
        if app is None or loop is None:
            return
        if self._timer is None:
            self._timer = threading.Timer(GRACE, os._exit, (code,))
            self._timer.daemon = True
            self._timer.start()
        # Queued behind what the app is doing: a screen being mounted finishes first (exiting
        # in the middle of its on_mount leaves it querying widgets already gone: an app error, exit 1).
        loop.call_soon_threadsafe(app.call_later, app.exit, code, code)

    def _watch(self, stop: int) -> None:
        """Thread: wait for the terminal to hang up (or for the app to end)."""
        poll = select.poll()
        for fd in self._fds:
            poll.register(fd, 0)
        poll.register(stop, select.POLLIN)
        while True:
            events = dict(poll.poll())
            if events.pop(stop, 0):
                return
            if any(mask & _GONE for mask in events.values()):
                self.hung_up()
                return


class Output:
    """What Textual's output thread writes to: a write that fails with EIO means the terminal is
    gone (the thread would die on it, and the writes after it wait for ever)."""

    def __init__(self, file, gone: Callable[[], None]) -> None:
        self._file, self._gone = file, gone

    def write(self, text: str) -> None:
        self._guarded(self._file.write, text)

    def flush(self) -> None:
        self._guarded(self._file.flush)

    def fileno(self) -> int:
        return self._file.fileno()

    def _guarded(self, call, *args) -> None:
        try:
            call(*args)
        except OSError as exc:
            if exc.errno != errno.EIO:
                raise
            self._gone()


def _watched_driver(driver_class: type, terminal: _Terminal) -> type:
    """Textual's terminal driver, writing through Output."""

    class WatchedDriver(driver_class):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._file = Output(self._file, terminal.hung_up)

    return WatchedDriver
