"""Users' passwords as verifiers: what the state file keeps instead of the passwords themselves.

moto checks passwords by comparing them in the clear, so a running server holds them. The state
file keeps each user's SRP salt and verifier instead (as Cognito does). A restored user has no
password in moto until one is proven: SRP runs on the verifier alone, and a password flow or
ChangePassword that presents a password matching the verifier gives it back to moto, which then
checks it as usual. A wrong password is never learned, so moto refuses it with its own error.
"""

from __future__ import annotations

from typing import Any

from . import srp

ATTRIBUTE = "cognito_tui_password_verifier"  # set on moto's user object: (salt hex, verifier)


def verifier_of(pool_id: str, user: Any) -> tuple[str, int] | None:
    """The user's (salt, verifier): from the password moto holds, else the restored one."""
    if user.password is not None:
        return srp.salt_and_verifier(pool_id, user.username, user.password)
    return getattr(user, ATTRIBUTE, None)


def for_srp(pool_id: str, user: Any) -> tuple[str, int]:
    """What the SRP challenge runs on; a user with no password at all gets the empty one's."""
    return verifier_of(pool_id, user) or srp.salt_and_verifier(pool_id, user.username, "")


def learn(pool_id: str, user: Any, candidate: Any) -> None:
    """Give moto a restored user's password back when the candidate matches the verifier."""
    stored = getattr(user, ATTRIBUTE, None)
    if user.password is not None or stored is None or not isinstance(candidate, str) or not candidate:
        return
    salt_hex, verifier = stored
    if srp.password_matches(pool_id, user.username, salt_hex, verifier, candidate):
        user.password = candidate


def export(pool_id: str, user: Any) -> dict[str, str] | None:
    found = verifier_of(pool_id, user)
    return {"salt": found[0], "verifier": f"{found[1]:x}"} if found else None


def restore(user: Any, saved: Any) -> None:
    """Install a saved verifier on a user that moto holds no password for."""
    user.password = None
    if saved is None:
        return
    salt, verifier = str(saved["salt"]), int(str(saved["verifier"]), 16)
    bytes.fromhex(srp.pad_hex(salt))  # a salt that is not hex is a damaged file (ValueError)
    setattr(user, ATTRIBUTE, (salt, verifier))
