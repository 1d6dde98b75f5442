"""`--state-file`: the local Cognito's state in one JSON file, restored at start, saved as it changes.

Why JSON and not pickle: a pickle runs code while it loads, so a file of unknown origin could
not be refused before it had already done its harm. JSON only ever yields data; the file must
open with the format name and version below, and every object's class is chosen by the loader
(state_snapshot), never by the file. A file that is not JSON, names another format or version, is
owned by another user, or does not fit the expected shape is refused and left untouched.

The file holds users' passwords only as SRP salts and verifiers (password_verifiers), but it
does hold the clients' secrets, the signing keys and the demo's throwaway passwords (for its
export lines), so it is written 0600, atomically (temporary file, fsync, rename): a crash never
leaves half a file.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..private_files import write_atomic
from .demo import DemoData
from .identity_store import IdentityStore
from .state_snapshot import SnapshotError, export_state, restore_state

log = logging.getLogger(__name__)
FORMAT = "cognito-tui local state"
VERSION = 1
MAX_BYTES = 256 * 1024 * 1024
SAVE_DELAY = 0.2  # seconds: changes arriving together are saved together


class StateFileError(Exception):
    """The state file cannot be used; it has not been changed."""

    def __init__(self, path: Path, problem: str, hint: str):
        super().__init__(f"{path}: {problem}")
        self.path, self.problem, self.hint = path, problem, hint


def _refuse(path: Path, problem: str) -> StateFileError:
    return StateFileError(path, problem, "It was left as it is. Give another --state-file (a new "
                                         "file starts afresh), or move this one away.")


def read(path: Path) -> dict[str, Any] | None:
    """The saved state in the file, None when there is none yet (no file, or an empty one)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _refuse(path, f"cannot be read ({exc.strerror})") from None
    if not path.is_file():
        raise _refuse(path, "is not a regular file")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise _refuse(path, "belongs to another user; a state file is only loaded from its owner")
    if info.st_size == 0:
        return None
    if info.st_size > MAX_BYTES:
        raise _refuse(path, f"is larger than {MAX_BYTES // (1024 * 1024)} MB; not a state file")
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise _refuse(path, f"cannot be read ({exc.strerror})") from None
    except (ValueError, UnicodeDecodeError):
        raise _refuse(path, "is not a cognito-tui state file (not JSON)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _refuse(path, "is not a cognito-tui state file (it does not start with its format name)")
    if data.get("version") != VERSION:
        raise _refuse(path, f"is a state file of version {data.get('version')!r}; this cognito-tui "
                            f"reads version {VERSION}")
    return data


def load(path: Path, store: IdentityStore) -> tuple[bool, DemoData | None]:
    """Restore the file's state: (True, its demo data) when there was one, (False, None) if new."""
    data = read(path)
    if data is None:
        return False, None
    try:
        return True, restore_state(data, store)
    except SnapshotError as exc:
        raise _refuse(path, f"is damaged and was not loaded ({exc})") from None


def write(path: Path, state: dict[str, Any]) -> None:
    """Write the state atomically, readable by its owner only."""
    document = {"format": FORMAT, "version": VERSION,
                "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), **state}
    payload = json.dumps(document, separators=(",", ":"), default=_plain).encode()
    write_atomic(path, payload, mode=0o600)


def _plain(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not saved")


class StateKeeper:
    """Saves the state shortly after each change and once more when stopped.

    `lock` is held by the server around every request while a state file is in use, so a save
    never sees a request half done."""

    def __init__(self, path: Path, store: IdentityStore, demo: DemoData | None):
        self.path, self.store, self.demo = path, store, demo
        self.lock = threading.RLock()
        self._dirty = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="local-cognito-state", daemon=True)

    def start(self) -> None:
        self.save()
        self._thread.start()

    def changed(self) -> None:
        self._dirty.set()

    def save(self) -> None:
        with self.lock:
            state = export_state(self.store, self.demo)
            write(self.path, state)

    def _run(self) -> None:
        # stop() sets _stopping before it wakes the thread, so a wake-up cleared by a save in
        # progress still ends the loop at the next check.
        while not self._stopping:
            self._dirty.wait()
            if self._stopping:
                return
            time.sleep(SAVE_DELAY)  # gather a burst of changes into one write
            self._dirty.clear()
            try:
                self.save()
            except Exception as exc:  # noqa: BLE001 - keep serving; the next change tries again
                log.error("could not save the state to %s: %s", self.path, exc)

    def stop(self) -> None:
        """Write the last state and stop the saving thread."""
        self._stopping = True
        self._dirty.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self.save()
