"""Save temporary credentials to a named profile in the AWS shared credentials file.

Only the named profile's block is replaced; every other line (other profiles, comments) is kept
byte for byte. The file is written atomically with mode 0600."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import InputError
from .locations import aws_credentials_file, state_dir
from .private_files import write_atomic
from .signin.formats import iso8601
from .signin.model import Credentials

PROFILE_NAME = re.compile(r"^[\w.@+-]{1,64}$", re.ASCII)
_HEADER = re.compile(r"^\s*\[\s*([^\]]*?)\s*\]\s*(?:[#;].*)?$")


def credentials_path(environ: dict | None = None) -> Path:
    """AWS_SHARED_CREDENTIALS_FILE if set, else ~/.aws/credentials (as the SDKs and CLI read it)."""
    return aws_credentials_file(environ)


def profile_file_for(endpoint_url: str | None, environ: dict | None = None) -> Path:
    """Where a profile of credentials from this endpoint belongs. Credentials from a local endpoint
    (`cognito-tui demo`, `cognito-tui local`) work only there, so they never go into the shared
    file the SDKs and the AWS CLI read for AWS: they get a file of their own in the state folder."""
    if endpoint_url:
        return state_dir() / "local-credentials"
    return credentials_path(environ)


def validate_profile_name(name: str) -> str:
    name = (name or "").strip()
    if not PROFILE_NAME.match(name):
        raise InputError(f"Invalid profile name {name!r}.",
                         "Use letters, digits and . _ - @ + (up to 64 characters), e.g. cognito-demo.")
    return name


def profile_block(name: str, credentials: Credentials) -> list[str]:
    return [
        f"[{name}]\n",
        f"# written by cognito-tui for identity {credentials.identity_id}; expires {iso8601(credentials)}\n",
        f"aws_access_key_id = {credentials.access_key_id}\n",
        f"aws_secret_access_key = {credentials.secret_key}\n",
        f"aws_session_token = {credentials.session_token}\n",
    ]


def replace_profile(text: str, name: str, block: list[str]) -> str:
    """The file's text with profile `name` replaced by block (or block appended)."""
    lines = text.splitlines(keepends=True)
    start = end = None
    for index, line in enumerate(lines):
        match = _HEADER.match(line)
        if not match:
            continue
        if start is not None and end is None:
            end = index
        if match.group(1) == name and start is None:
            start = index
    if start is None:
        prefix = "".join(lines)
        if prefix and not prefix.endswith("\n"):
            prefix += "\n"
        if prefix.strip():
            prefix += "\n"
        return prefix + "".join(block)
    end = len(lines) if end is None else end
    tail = lines[end:]
    # keep one blank line between the replaced block and the next profile
    spacer = ["\n"] if tail else []
    return "".join(lines[:start] + block + spacer + tail)


def save_profile(name: str, credentials: Credentials, path: Path | None = None) -> Path:
    """Write (or replace) profile `name`; returns the file written. Mode 0600, atomic replace."""
    name = validate_profile_name(name)
    path, text, _mode = _read_for_update(path or credentials_path(), "AWS_SHARED_CREDENTIALS_FILE")
    return write_atomic(path, replace_profile(text, name, profile_block(name, credentials)))


def _read_for_update(path: Path, variable: str) -> tuple[Path, str, int]:
    """(path, its text, its mode) of an AWS file about to be rewritten; a missing file is empty
    and 0600, its folder made. Anything but a regular file (or /dev/null) is refused."""
    if str(path) == os.devnull or (path.exists() and not path.is_file()):
        raise InputError(f"Cannot write to {path}: not a regular file.", f"Set {variable} to a file path.")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        return path, path.read_text(), path.stat().st_mode & 0o777
    except FileNotFoundError:
        return path, "", 0o600


def config_path(environ: dict | None = None) -> Path:
    """AWS_CONFIG_FILE if set, else ~/.aws/config (as the SDKs and CLI read it)."""
    env = os.environ if environ is None else environ
    value = env.get("AWS_CONFIG_FILE")
    return Path(os.path.expanduser(value)) if value else Path.home() / ".aws" / "config"


def set_config_value(text: str, section: str, key: str, value: str) -> str:
    """The config file's text with `key = value` in [section]: the key's line replaced, or added
    under the section's header, or the section appended. Every other line is kept byte for byte."""
    lines = text.splitlines(keepends=True)
    entry = f"{key} = {value}\n"
    start = next((i for i, line in enumerate(lines)
                  if (m := _HEADER.match(line)) and " ".join(m.group(1).split()) == section), None)
    if start is None:
        return replace_profile(text, section, [f"[{section}]\n", entry])
    end = next((i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
    setting = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for index in range(start + 1, end):
        if setting.match(lines[index]):
            return "".join(lines[:index] + [entry] + lines[index + 1:])
    header = lines[start] if lines[start].endswith("\n") else lines[start] + "\n"
    return "".join(lines[:start] + [header, entry] + lines[start + 1:])


def save_credential_process(name: str, command: str, path: Path | None = None) -> Path:
    """Point profile `name` of the AWS config file at `command` (credential_process); the rest of
    the file, that profile's other settings included, is kept. The file's mode is kept (0600 if new)."""
    name = validate_profile_name(name)
    # A linked config (dotfiles) stays linked: the file it points to is rewritten.
    path, text, mode = _read_for_update(Path(os.path.realpath(path or config_path())), "AWS_CONFIG_FILE")
    section = "default" if name == "default" else f"profile {name}"
    return write_atomic(path, set_config_value(text, section, "credential_process", command), mode=mode)
