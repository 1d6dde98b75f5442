"""Backups of a pool's full configuration, written before every save; read back by rollback."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timezone
from pathlib import Path

import yaml

from . import ids
from .errors import CognitoTuiError, InputError
from .locations import backups_dir
from .private_files import private_dir, write_atomic

BACKUP_KIND = "cognito-tui/identity-pool-backup"


class BackupError(CognitoTuiError):
    """No safe backup could be written, so nothing is written to the pool."""

    title = "Backup failed"


def _refuse_symlinks(path: Path) -> None:
    """Raise BackupError if any part of path, up to the cognito-tui folder, is a symlink."""
    probe = path
    while probe != probe.parent and len(probe.parts) > 1:
        if probe.is_symlink():
            raise BackupError(f"The backup folder {probe} is a symbolic link; refusing to write backups through it.",
                              "Replace it with a real folder. Nothing was written to the pool.")
        if probe.name == "cognito-tui":
            break
        probe = probe.parent


def _safe_dir(path: Path) -> Path:
    """Create path (0700) and refuse any part of it below the state folder that is a symlink."""
    _refuse_symlinks(path)  # before mkdir, which would create folders through the link
    try:
        private_dir(path)
    except OSError as exc:
        raise BackupError(f"Cannot create the backup folder {path}: {exc.strerror}.",
                          "Make it writable, or set XDG_STATE_HOME to a writable folder. Nothing was written to the pool.") from exc
    _refuse_symlinks(path)
    if not os.access(path, os.W_OK):
        raise BackupError(f"The backup folder {path} is not writable.",
                          "Fix its permissions or set XDG_STATE_HOME. Nothing was written to the pool.")
    return path


def runs_dir() -> Path:
    """Where the run records of version 2 plans go: beside the pools' backups, 0700."""
    return _safe_dir(backups_dir() / "runs")


def write_backup(config: dict, endpoint_url: str | None = None) -> Path:
    """Write the pool's configuration as read, mode 0600, in a new file; return its path."""
    pool_id = ids.validate_identity_pool_id(config.get("IdentityPoolId"))
    folder = _safe_dir(backups_dir() / pool_id)
    now = datetime.now(timezone.utc)
    document = {"kind": BACKUP_KIND, "version": 1, "taken_at": now.isoformat(timespec="seconds"),
                "endpoint_url": endpoint_url, "pool": config}
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    return write_new(folder, now, text, "Nothing was written to the pool.")


def write_new(folder: Path, now: datetime, text: str, hint: str) -> Path:
    """A new 0600 file named after the UTC time in folder (never replacing one); BackupError if not."""
    stamp = now.strftime("%Y%m%dT%H%M%S.%fZ")
    for attempt in range(100):
        path = folder / (f"{stamp}.yaml" if attempt == 0 else f"{stamp}-{attempt}.yaml")
        try:
            write_atomic(path, text, exclusive=True)
        except FileExistsError:
            continue
        except OSError as exc:
            raise BackupError(f"Cannot write {path}: {exc.strerror}.", hint) from exc
        return path
    raise BackupError(f"Cannot find a free file name in {folder}.", hint)


def read_backup(path: str | Path) -> dict:
    """The pool configuration stored in a backup file; InputError if it is not one."""
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"Backup file {path} not found.", "Backups are under $XDG_STATE_HOME/cognito-tui/backups/.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"Cannot read backup file {path}.", "Check the path and its permissions.") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"Backup file {path} is not valid YAML.", "Give a file written by cognito-tui.") from exc
    if not isinstance(document, dict) or document.get("kind") != BACKUP_KIND or not isinstance(document.get("pool"), dict):
        raise InputError(f"{path} is not a cognito-tui backup.", "Give a file from $XDG_STATE_HOME/cognito-tui/backups/.")
    pool = document["pool"]
    ids.validate_identity_pool_id(pool.get("IdentityPoolId"))
    if "IdentityPoolName" not in pool or "AllowUnauthenticatedIdentities" not in pool:
        raise InputError(f"Backup file {path} lacks the pool's name or access settings.", "It may be damaged.")
    return pool


def file_mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)
