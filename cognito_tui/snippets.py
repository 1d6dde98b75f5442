"""\"Use it in your app\": the guide's SDK snippets filled in with the real pool and client IDs."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import InputError
from .ids import (provider_name, region_of_identity_pool, region_of_user_pool, validate_client_id,
                  validate_identity_pool_id)

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# The AWS mobile SDKs name a few regions irregularly.
_IOS_REGION_EXCEPTIONS = {"cn-northwest-1": "CNNorthWest1"}


@dataclass(frozen=True)
class Snippet:
    key: str
    title: str
    language: str  # a TextArea language name
    syntax: str  # a Pygments lexer name, for rich.syntax
    filename: str
    code: str


@lru_cache(maxsize=1)
def _templates() -> tuple[dict, ...]:
    import yaml

    text = resources.files("cognito_tui.snippet_templates").joinpath("snippets.yaml").read_text()
    return tuple(yaml.safe_load(text))


def ios_region(region: str) -> str:
    """us-east-1 -> USEast1, as AWSRegionType names it (AWSRegionUSEast1 / .USEast1)."""
    if region in _IOS_REGION_EXCEPTIONS:
        return _IOS_REGION_EXCEPTIONS[region]
    first, *rest = region.split("-")
    return first.upper() + "".join(part.capitalize() for part in rest)


def values(identity_pool_id: str, user_pool_id: str, client_id: str, *, has_secret: bool = False) -> dict[str, str]:
    """Every placeholder's value. The client secret itself is never written into a snippet."""
    validate_identity_pool_id(identity_pool_id)
    validate_client_id(client_id)
    name = provider_name(user_pool_id)
    # Each pool is reached in its own region: the user pool's is the prefix of its ID, and may
    # differ from the identity pool's.
    identity_ios = ios_region(region_of_identity_pool(identity_pool_id))
    user_pool_ios = ios_region(region_of_user_pool(user_pool_id))
    return {
        "identity_pool_id": identity_pool_id,
        "identity_pool_region": region_of_identity_pool(identity_pool_id),
        "user_pool_id": user_pool_id,
        "user_pool_region": region_of_user_pool(user_pool_id),
        "client_id": client_id,
        "provider_name": name,
        "ios_identity_pool_region_objc": f"AWSRegion{identity_ios}",
        "ios_identity_pool_region_swift": f".{identity_ios}",
        "ios_user_pool_region_objc": f"AWSRegion{user_pool_ios}",
        "ios_user_pool_region_swift": f".{user_pool_ios}",
        "client_secret_objc": '@"YOUR_CLIENT_SECRET"' if has_secret else "nil",
        "client_secret_swift": '"YOUR_CLIENT_SECRET"' if has_secret else "nil",
    }


def fill(template: str, mapping: dict[str, str]) -> str:
    def one(match: re.Match) -> str:
        key = match.group(1)
        if key not in mapping:
            raise KeyError(f"snippet placeholder {{{{{key}}}}} has no value")
        return mapping[key]

    return _PLACEHOLDER.sub(one, template)


def snippets(identity_pool_id: str, user_pool_id: str, client_id: str, *,
             has_secret: bool = False) -> list[Snippet]:
    """All snippets, in the guide's order (iOS, Android, JavaScript), then SDK v3 and Python."""
    mapping = values(identity_pool_id, user_pool_id, client_id, has_secret=has_secret)
    return [Snippet(key=t["key"], title=t["title"], language=t["language"], syntax=t["syntax"],
                    filename=t["filename"], code=fill(t["code"], mapping)) for t in _templates()]


def save_snippet(snippet: Snippet, path: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write a snippet to the file the user named (IDs only: nothing secret in it)."""
    target = Path(os.path.expanduser(str(path))).resolve()
    if target.is_dir():
        target = target / snippet.filename
    if target.exists() and not overwrite:
        raise InputError(f"{target} already exists.", "Choose another name, or confirm overwriting it.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(snippet.code)
    except OSError as exc:
        raise InputError(f"Cannot write {target}: {exc.strerror or exc}.", "Choose another path.") from exc
    return target
