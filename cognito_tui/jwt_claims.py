"""Reading a JWT's header and claims without checking its signature: the one decoder.

Strictness, the same for every caller: a compact JWS is exactly three dot-separated parts; the
header and the payload are unpadded base64url (RFC 7515: only A-Z a-z 0-9 - _), each a UTF-8 JSON
object; the signature part is not looked at. Nothing is stripped or repaired: a caller that reads
a token typed or piped by a person strips the whitespace itself. Anything else raises NotAJwt,
whose message says what is wrong ("it is not a JWT ...", "its payload is not ...").
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")


class NotAJwt(ValueError):
    """The text is not a compact JWT whose header and payload are JSON objects."""


def _json_object(part: str, name: str) -> dict[str, Any]:
    if not _BASE64URL.fullmatch(part) or len(part) % 4 == 1:
        raise NotAJwt(f"its {name} is not unpadded base64url")
    try:
        value = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise NotAJwt(f"its {name} is not base64url-encoded JSON") from None
    if not isinstance(value, dict):
        raise NotAJwt(f"its {name} is not a JSON object")
    return value


def unverified_parts(token: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, claims) of a compact JWT, decoded without checking its signature."""
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3:
        raise NotAJwt("it is not a JWT (three base64url parts separated by dots)")
    return _json_object(parts[0], "header"), _json_object(parts[1], "payload")


def unverified_claims(token: Any) -> dict[str, Any]:
    """The claims (payload) of a compact JWT, decoded without checking its signature."""
    return unverified_parts(token)[1]
