"""One way to write a file: atomically (a temporary file beside it, flushed to disk, then renamed),
so a crash or a full disk leaves the old file or the new one, never half of either; and privately
(0600 files in 0700 folders) for everything under cognito-tui's own XDG folders."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def private_dir(path: str | Path) -> Path:
    """Create `path` and any missing parents as 0700 folders; a folder of ours that exists already
    is tightened to 0700. Folders that exist and belong to someone else are left as they are."""
    path = Path(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, 0o700)  # umask only removes bits: 0700 stays 0700
    info = os.stat(path)
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) != 0o700:
        os.chmod(path, 0o700)
    return path


def write_atomic(path: str | Path, data: str | bytes, *, mode: int = 0o600,
                 exclusive: bool = False) -> Path:
    """Write `data` to `path` whole or not at all, with permissions `mode` whatever the umask.

    exclusive=True never replaces an existing file (FileExistsError), still atomically.
    A symbolic link at `path` is replaced, never followed."""
    import tempfile  # here, not at the top: reading a private file must stay cheap

    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        if exclusive:
            os.link(tmp, path)  # fails if the name is taken: no window where both exist half-written
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


def write_private(path: str | Path, data: str | bytes, **kwargs) -> Path:
    """write_atomic into a 0700 folder (created when missing): for files under our XDG folders."""
    path = Path(path)
    private_dir(path.parent)
    return write_atomic(path, data, **kwargs)


class UnsafeFile(Exception):
    """A private file that must not be trusted: a symbolic link, someone else's, or readable by others."""


def read_private(path: str | Path) -> str | None:
    """The text of one of our 0600 files, or None when there is none. A symbolic link, a file
    owned by another user or open to group or others raises UnsafeFile (never followed, never read)."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        if os.path.islink(path):
            raise UnsafeFile(f"{path} is a symbolic link") from None
        raise UnsafeFile(f"{path} cannot be read ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(f"{path} is not a regular file")
        if info.st_uid != os.getuid():
            raise UnsafeFile(f"{path} belongs to another user (uid {info.st_uid})")
        if stat.S_IMODE(info.st_mode) & 0o077:
            raise UnsafeFile(f"{path} is readable by others (mode {stat.S_IMODE(info.st_mode):04o})")
        return handle.read().decode("utf-8", errors="replace")
