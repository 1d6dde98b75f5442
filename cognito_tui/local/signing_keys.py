"""One RS256 signing key per user pool, as on AWS, each with its own kid.

moto signs every pool's tokens with one key that ships inside moto, so a token of one pool
verifies with another pool's key set. Here each pool gets a fresh 2048-bit key the first time it
signs a token or its key set is asked for (about 60 ms; most pools in a test run never sign).
Keys live as long as the process (or the state file), like moto's own backends.
"""

from __future__ import annotations

import json
import threading
from typing import Any

ALGORITHM = "RS256"
_lock = threading.Lock()
_keys: dict[str, Any] = {}  # user pool ID -> joserfc RSAKey (private), its kid set


def _new_key() -> Any:
    from joserfc.jwk import RSAKey

    key = RSAKey.generate_key(2048, {"alg": ALGORITHM, "use": "sig"}, private=True)
    # AWS's kids are opaque base64 strings; the RFC 7638 thumbprint is one, and unique per key.
    key.ensure_kid()
    return key


def key_for(user_pool_id: str) -> Any:
    """The pool's private signing key, made on first use."""
    with _lock:
        key = _keys.get(user_pool_id)
        if key is None:
            key = _keys[user_pool_id] = _new_key()
        return key


def key_set(user_pool_id: str) -> dict[str, Any]:
    """The pool's public JWKS, as served at /<pool>/.well-known/jwks.json."""
    public = key_for(user_pool_id).as_dict(private=False)
    return {"keys": [{"alg": ALGORITHM, "e": public["e"], "kid": public["kid"], "kty": "RSA",
                      "n": public["n"], "use": "sig"}]}


def sign(user_pool_id: str, claims: dict[str, Any]) -> str:
    """A compact RS256 JWT signed with the pool's key, its kid in the header."""
    from joserfc import jws

    key = key_for(user_pool_id)
    payload = json.dumps(claims, separators=(",", ":")).encode()
    return jws.serialize_compact({"kid": key.kid, "alg": ALGORITHM}, payload, key)


def verify(user_pool_id: str, token: str) -> bool:
    """Is the token signed by this pool's key (the kid must name it)?"""
    from joserfc import jws
    from joserfc.errors import JoseError

    key = key_for(user_pool_id)
    try:
        header = jws.extract_compact(token.encode()).protected
        if header.get("kid") != key.kid or header.get("alg") != ALGORITHM:
            return False
        jws.deserialize_compact(token, key, algorithms=[ALGORITHM])
    except (JoseError, ValueError, TypeError):
        return False
    return True


def export_keys() -> dict[str, dict[str, Any]]:
    """Every pool's private key as a JWK (for the state file)."""
    with _lock:
        return {pool_id: key.as_dict(private=True) for pool_id, key in _keys.items()}


def import_keys(keys: dict[str, dict[str, Any]]) -> None:
    """Install saved private keys (from the state file); raises ValueError for a bad one."""
    from joserfc.errors import JoseError
    from joserfc.jwk import RSAKey

    loaded = {}
    for pool_id, data in keys.items():
        try:
            key = RSAKey.import_key(data)
        except (JoseError, ValueError, TypeError, KeyError) as exc:
            raise ValueError(f"the signing key of user pool {pool_id} is not a valid RSA key") from exc
        if not key.is_private or not key.kid:
            raise ValueError(f"the signing key of user pool {pool_id} is incomplete")
        loaded[pool_id] = key
    with _lock:
        _keys.update(loaded)


def forget(user_pool_id: str) -> None:
    with _lock:
        _keys.pop(user_pool_id, None)
