"""Identity IDs per user and pool: in memory, and on disk under XDG_CACHE_HOME (they are not secret;
caching them saves a GetId per sign-in, whose rate limit is the lowest of the flow)."""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from ..locations import cache_dir
from ..private_files import write_private

log = logging.getLogger(__name__)


class IdentityCache:
    def __init__(self, path: Path | None = None, *, disk: bool = True):
        self._path = path if path is not None else cache_dir() / "identities.json"
        self._disk = disk
        self._lock = threading.Lock()
        self._memory: dict[str, str] = {}
        self._loaded = False

    @staticmethod
    def key(identity_pool_id: str, provider: str, sub: str) -> str:
        return f"{identity_pool_id}|{provider}|{sub}"

    def _load(self) -> None:
        if self._loaded or not self._disk:
            return
        self._loaded = True
        try:
            data = json.loads(self._path.read_text())
            if isinstance(data, dict):
                self._memory.update({k: v for k, v in data.items() if isinstance(v, str)})
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:  # a broken cache costs one GetId, nothing more
            log.debug("identity cache unreadable: %s", exc)

    def get(self, key: str) -> str | None:
        with self._lock:
            self._load()
            return self._memory.get(key)

    def put(self, key: str, identity_id: str) -> None:
        with self._lock:
            self._load()
            self._memory[key] = identity_id
            self._save()

    def drop(self, key: str) -> None:
        with self._lock:
            self._load()
            if self._memory.pop(key, None) is not None:
                self._save()

    def _save(self) -> None:
        if not self._disk:
            return
        try:
            write_private(self._path, json.dumps(self._memory, indent=1, sort_keys=True))
        except OSError as exc:
            log.debug("identity cache not written: %s", exc)
