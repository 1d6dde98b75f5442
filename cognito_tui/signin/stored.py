"""What `cognito-tui login` keeps so that later `credentials` calls need no password: the refresh
token (and the app client's secret, when it has one) in the OS keyring when a usable one exists,
else in a 0600 file in a 0700 folder under the XDG state folder; beside it, in a 0600 file, what is
not secret (the identity ID, the internal username, where the secret went).

A usable keyring is a real one (priority 1 or more: Secret Service, macOS Keychain, Windows
Credential Locker, KWallet) or one chosen on purpose with PYTHON_KEYRING_BACKEND or keyring's own
configuration file. keyring's fallbacks that only fail or keep plain text are not used."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..locations import state_dir
from ..private_files import UnsafeFile, read_private, write_private

SERVICE = "cognito-tui"
KEYRING = "keyring"
FILE = "file"


@dataclass(frozen=True)
class SignInKey:
    """One sign-in: identity pool, user pool, app client and the name the user signs in with."""

    identity_pool_id: str
    user_pool_id: str
    client_id: str
    username: str

    @property
    def text(self) -> str:
        return "|".join((self.identity_pool_id, self.user_pool_id, self.client_id, self.username))

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class StoredSignIn:
    refresh_token: str = field(repr=False)
    internal_username: str  # cognito:username, for SECRET_HASH on refresh
    identity_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)


def signins_dir() -> Path:
    return state_dir() / "signins"


Warn = Callable[[str], None]


class SignInStore:
    """Load, save and delete stored sign-ins. `warn` receives one line per file that is refused."""

    def __init__(self, folder: Path | None = None, warn: Warn | None = None):
        self.folder = folder or signins_dir()
        self.warn = warn or (lambda _line: None)

    def _meta_path(self, key: SignInKey) -> Path:
        return self.folder / f"{key.digest}.json"

    def _secret_path(self, key: SignInKey) -> Path:
        return self.folder / f"{key.digest}.secret.json"

    # -- reading --------------------------------------------------------------------------------

    def _read_json(self, path: Path) -> dict | None:
        try:
            text = read_private(path)
        except UnsafeFile as exc:
            self.warn(f"ignoring a stored sign-in: {exc}.")
            return None
        if text is None:
            return None
        try:
            data = json.loads(text)
        except ValueError:
            self.warn(f"ignoring a stored sign-in: {path} is not valid JSON.")
            return None
        return data if isinstance(data, dict) else None

    def load(self, key: SignInKey) -> StoredSignIn | None:
        meta = self._read_json(self._meta_path(key))
        if meta is None or meta.get("key") != key.text:
            return None  # nothing stored, or a file that is not this sign-in's
        where = meta.get("where")
        secrets: dict | None
        if where == KEYRING:
            secrets = self._keyring_get(key, meta.get("backend"))
        else:
            secrets = self._read_json(self._secret_path(key))
            if secrets is not None and secrets.get("key") != key.text:
                secrets = None
        token = (secrets or {}).get("refresh_token")
        if not isinstance(token, str) or not token:
            return None
        identity = meta.get("identity_id")
        client_secret = (secrets or {}).get("client_secret")
        return StoredSignIn(refresh_token=token, internal_username=str(meta.get("internal_username") or key.username),
                            identity_id=identity if isinstance(identity, str) else None,
                            client_secret=client_secret if isinstance(client_secret, str) else None)

    def where(self, key: SignInKey) -> str | None:
        meta = self._read_json(self._meta_path(key))
        return meta.get("where") if meta and meta.get("key") == key.text else None

    # -- writing --------------------------------------------------------------------------------

    def save(self, key: SignInKey, signin: StoredSignIn) -> str:
        """Store the sign-in, replacing any before it; returns KEYRING or the secret file's path."""
        secrets = {"key": key.text, "refresh_token": signin.refresh_token}
        if signin.client_secret:
            secrets["client_secret"] = signin.client_secret
        meta = {"key": key.text, "internal_username": signin.internal_username,
                "identity_id": signin.identity_id}
        backend = self._keyring_set(key, json.dumps(secrets))
        if backend is not None:
            meta.update(where=KEYRING, backend=backend)
            self._remove(self._secret_path(key))
            write_private(self._meta_path(key), json.dumps(meta, indent=1))
            return KEYRING
        write_private(self._secret_path(key), json.dumps(secrets))
        meta["where"] = FILE
        write_private(self._meta_path(key), json.dumps(meta, indent=1))
        return str(self._secret_path(key))

    def remember_identity(self, key: SignInKey, identity_id: str) -> None:
        meta = self._read_json(self._meta_path(key))
        if meta and meta.get("key") == key.text and meta.get("identity_id") != identity_id:
            meta["identity_id"] = identity_id
            write_private(self._meta_path(key), json.dumps(meta, indent=1))

    def delete(self, key: SignInKey) -> bool:
        """Forget the sign-in everywhere it may be; True when something was there."""
        meta = self._read_json(self._meta_path(key))
        found = False
        if meta and meta.get("where") == KEYRING:
            found = self._keyring_delete(key, meta.get("backend")) or found
        found = self._remove(self._secret_path(key)) or found
        return self._remove(self._meta_path(key)) or found

    @staticmethod
    def _remove(path: Path) -> bool:
        try:
            os.unlink(path)  # a symbolic link is removed, never followed
            return True
        except FileNotFoundError:
            return False

    # -- the keyring ----------------------------------------------------------------------------

    def _keyring_set(self, key: SignInKey, value: str) -> str | None:
        backend = usable_keyring()
        if backend is None:
            return None
        try:
            backend.set_password(SERVICE, key.text, value)
        except Exception as exc:  # noqa: BLE001 - a locked or broken keyring: fall back to the file
            self.warn(f"the keyring refused the refresh token ({type(exc).__name__}); using a file instead.")
            return None
        return _backend_name(backend)

    def _keyring_get(self, key: SignInKey, name: str | None) -> dict | None:
        backend = _keyring_named(name)
        if backend is None:
            self.warn("the keyring that holds the refresh token is not available here.")
            return None
        try:
            value = backend.get_password(SERVICE, key.text)
        except Exception as exc:  # noqa: BLE001
            self.warn(f"the keyring could not be read ({type(exc).__name__}).")
            return None
        try:
            data = json.loads(value) if value else None
        except ValueError:
            return None
        return data if isinstance(data, dict) and data.get("key") == key.text else None

    def _keyring_delete(self, key: SignInKey, name: str | None) -> bool:
        backend = _keyring_named(name)
        if backend is None:
            return False
        try:
            backend.delete_password(SERVICE, key.text)
            return True
        except Exception:  # noqa: BLE001 - already gone, or the keyring is locked
            return False


def _backend_name(backend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__name__}"


def usable_keyring():
    """The keyring backend to use, or None when only a failing or plain-text fallback exists."""
    try:
        import keyring
        import keyring.core
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        # Read the choice afresh each time (keyring.get_keyring() keeps the first one it made).
        backend = keyring.core.load_env() or keyring.core.load_config()
        chosen = backend is not None
        backend = backend or keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a misconfigured backend name
        return None
    if isinstance(backend, fail.Keyring) or type(backend).__module__ == "keyring.backends.null":
        return None
    try:
        priority = float(backend.priority)
    except Exception:  # noqa: BLE001 - priority raises when the backend cannot work here
        return None
    return backend if chosen or priority >= 1 else None


def _keyring_named(name: str | None):
    """The backend that stored the token, loaded directly (no discovery of every backend)."""
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return usable_keyring()
    if not name:
        return None
    try:
        import keyring.core

        return keyring.core.load_keyring(name)
    except Exception:  # noqa: BLE001 - not installed here any more
        return None
