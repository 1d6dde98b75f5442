"""The wizard's answers about what Save creates: a provider that names a new app client (of a new
user pool, or of an existing one), the names' checks, and how drafts keep them.

Names are checked with plan version 2's patterns (kept in ids, which loads no yaml).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import ids
from ..errors import InputError

IDENTITY_POOL, USER_POOL, CLIENT = "identity pool", "user pool", "app client"


@dataclass(frozen=True)
class NewProvider:
    """A provider whose app client Save creates, in a new user pool (user_pool_id empty) or in an
    existing one (its ID and name). The plan names the client by name and its user pool by ID when
    it exists (names are not unique), by name when it is new, so a rerun finds them again."""

    user_pool: str                 # the user pool's name
    client: str                    # the new app client's name
    user_pool_id: str = ""         # "" : the user pool is created too
    region: str = ""               # the user pool's region ("" : the session's)
    server_side_token_check: bool = False

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.region, self.user_pool_id, self.user_pool, self.client)

    @property
    def label(self) -> str:
        pool = f"new user pool {self.user_pool}" if not self.user_pool_id else f"user pool {self.user_pool_id}"
        return f"{pool}, new app client {self.client}"

    def to_draft(self) -> dict:
        return {"user_pool": self.user_pool, "client": self.client, "user_pool_id": self.user_pool_id,
                "region": self.region, "server_side_token_check": self.server_side_token_check}

    @classmethod
    def from_draft(cls, item) -> "NewProvider":
        if not isinstance(item, dict):
            raise InputError("The draft's new provider is not readable.", "Start over.")
        user_pool_id = str(item.get("user_pool_id") or "")
        if user_pool_id:
            ids.validate_user_pool_id(user_pool_id)
        region = str(item.get("region") or "")
        if region and not ids.REGION.fullmatch(region):
            raise InputError("The draft's new user pool has no valid region.", "Start over.")
        return cls(check_name(USER_POOL, item.get("user_pool")), check_name(CLIENT, item.get("client")),
                   user_pool_id, region, bool(item.get("server_side_token_check", False)))


def check_name(what: str, value) -> str:
    """A name for a new identity pool, user pool or app client, as plan version 2 takes it."""
    pattern = {IDENTITY_POOL: ids.IDENTITY_POOL_NAME, USER_POOL: ids.USER_POOL_NAME, CLIENT: ids.CLIENT_NAME}[what]
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise InputError(f"The new {what} needs a name.", "For example shop-users.")
    if len(text) > 128:
        raise InputError(f"A {what} name is at most 128 characters; this one has {len(text)}.", "Shorten it.")
    if not pattern.fullmatch(text):
        raise InputError(f"{ids._show(text)} is not a valid {what} name: use letters, digits, spaces "
                         "and + = , . @ - _ only.", "")
    return text
