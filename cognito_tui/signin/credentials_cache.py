"""Temporary AWS credentials kept between `credentials` calls, one 0600 file per sign-in under the
XDG cache folder, written atomically. A file is used only for the identity pool, user pool, app
client and user it was written for, and only while more than five minutes remain; a symbolic
link, another user's file or a corrupt one is ignored with a warning. Cheap to import: no boto3."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from ..locations import cache_dir
from ..private_files import UnsafeFile, read_private, write_private
from .model import Credentials
from .stored import SignInKey

MIN_SECONDS_LEFT = 300


def cache_path(key: SignInKey) -> Path:
    return cache_dir() / "credentials" / f"{key.digest}.json"


def load(key: SignInKey, warn: Callable[[str], None] | None = None,
         min_seconds_left: float = MIN_SECONDS_LEFT) -> Credentials | None:
    warn = warn or (lambda _line: None)
    path = cache_path(key)
    try:
        text = read_private(path)
    except UnsafeFile as exc:
        warn(f"ignoring the credentials cache: {exc}.")
        return None
    if text is None:
        return None
    try:
        data = json.loads(text)
        if data["key"] != key.text:
            return None  # another sign-in's file under this name: never used for it
        credentials = Credentials(
            identity_id=data["IdentityId"], access_key_id=data["AccessKeyId"], secret_key=data["SecretKey"],
            session_token=data["SessionToken"], expiration=_parse(data["Expiration"]),
            received_at=_parse(data["ReceivedAt"]))
        if not all(isinstance(v, str) and v for v in (credentials.identity_id, credentials.access_key_id,
                                                       credentials.secret_key, credentials.session_token)):
            raise ValueError("empty field")
    except (ValueError, KeyError, TypeError):
        warn(f"ignoring the credentials cache: {path} is not a valid cache file.")
        return None
    return credentials if credentials.seconds_left() > min_seconds_left else None


def save(key: SignInKey, credentials: Credentials) -> Path:
    data = {"key": key.text, "IdentityId": credentials.identity_id, "AccessKeyId": credentials.access_key_id,
            "SecretKey": credentials.secret_key, "SessionToken": credentials.session_token,
            "Expiration": credentials.expiration.isoformat(), "ReceivedAt": credentials.received_at.isoformat()}
    return write_private(cache_path(key), json.dumps(data))


def delete(key: SignInKey) -> bool:
    try:
        os.unlink(cache_path(key))
        return True
    except FileNotFoundError:
        return False


def _parse(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("naive time")
    return value.astimezone(timezone.utc)
