"""The run record of a version 2 apply: every creation and every replaced document, written (0600)
the moment it happens, so a run that fails midway still says what it made and `rollback` can undo it."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import yaml

from ..backup import BackupError, runs_dir, write_new
from ..errors import InputError
from ..private_files import write_atomic

RECORD_KIND = "cognito-tui/run-record"
CREATED, CHANGED = "created", "changed"
# What an entry is about: a created resource, or a document replaced (kept here to restore it).
TYPES = {"user_pool", "client", "identity_pool", "role", "trust_policy", "roles", "identity_pool_config"}


class RunRecord:
    """Entries appended as they happen; the file is rewritten whole (atomically) after each one."""

    def __init__(self, plan_source: str, endpoint_url: str | None):
        self.entries: list[dict] = []
        self.path: Path | None = None
        self._head = {"kind": RECORD_KIND, "version": 1,
                      "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                      "plan": plan_source, "endpoint_url": endpoint_url}

    def add(self, action: str, type_: str, **fields) -> None:
        self.entries.append({"action": action, "type": type_, **fields})
        self._write()

    def _write(self) -> None:
        text = yaml.safe_dump({**self._head, "entries": self.entries}, sort_keys=False, allow_unicode=True)
        hint = "Make $XDG_STATE_HOME writable; what was created so far is listed above."
        if self.path is None:
            self.path = write_new(runs_dir(), datetime.now(timezone.utc), text, hint)
            return
        try:
            write_atomic(self.path, text)
        except OSError as exc:
            raise BackupError(f"Cannot write the run record {self.path}: {exc.strerror}.", hint) from exc


def load_record(path: str | Path) -> list[dict] | None:
    """The entries of a run record; None when the file is something else (a pool backup);
    InputError when it is a damaged record or cannot be read."""
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # the backup reader gives the precise error
    if not isinstance(document, dict) or document.get("kind") != RECORD_KIND:
        return None
    entries = document.get("entries")
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and e.get("type") in TYPES and e.get("action") in (CREATED, CHANGED) for e in entries):
        raise InputError(f"Run record {path} is damaged (its entries are not as cognito-tui writes them).",
                         "Give a file from $XDG_STATE_HOME/cognito-tui/backups/runs/.")
    return entries
