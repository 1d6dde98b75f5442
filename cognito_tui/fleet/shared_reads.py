"""Reads shared across many pools' doctor runs: each user pool, app client and IAM role is read
once per account, however many identity pools name it; the pools themselves and their roles
come from the inventory, which has read them already."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any

from ..errors import CognitoTuiError


class _Slot:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: CognitoTuiError | None = None


class Memo:
    """Call fn once per key, even when several threads ask at once; errors are remembered too
    (a missing user pool is a fact about it, not a reason to ask again)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots: dict[Hashable, _Slot] = {}
        self.calls = 0

    def get(self, key: Hashable, fn: Callable[..., Any], *args: Any) -> Any:
        with self._lock:
            slot = self._slots.get(key)
            owner = slot is None
            if owner:
                slot = self._slots[key] = _Slot()
                self.calls += 1
        if owner:
            try:
                slot.value = fn(*args)
            except CognitoTuiError as exc:
                slot.error = exc
            finally:
                slot.done.set()
        else:
            slot.done.wait()
        if slot.error is not None:
            raise slot.error
        return slot.value


class _IdentityPools:
    def __init__(self, real, configs: dict[str, dict], roles: dict[str, dict]):
        self._real, self._configs, self._roles = real, configs, roles

    def describe(self, pool_id: str) -> dict:
        found = self._configs.get(pool_id)
        return dict(found) if found is not None else self._real.describe(pool_id)

    def get_roles(self, pool_id: str) -> dict:
        found = self._roles.get(pool_id)
        return found if found is not None else self._real.get_roles(pool_id)


class _UserPools:
    def __init__(self, real, memo: Memo):
        self._real, self._memo = real, memo

    def describe(self, user_pool_id: str) -> dict:
        return self._memo.get(("user_pool", user_pool_id), self._real.describe, user_pool_id)

    def describe_client(self, user_pool_id: str, client_id: str):
        return self._memo.get(("client", user_pool_id, client_id), self._real.describe_client, user_pool_id, client_id)


class SharedReads:
    """What doctor reads through (identity_pools, user_pools, get_role), for one account."""

    def __init__(self, aws, configs: dict[str, dict] | None = None, roles: dict[str, dict] | None = None):
        self._aws = aws
        self.memo = Memo()
        self.identity_pools = _IdentityPools(aws.identity_pools, configs or {}, roles or {})
        self.user_pools = _UserPools(aws.user_pools, self.memo)

    def get_role(self, role_arn: str) -> dict:
        return self.memo.get(("role", role_arn), self._aws.get_role, role_arn)
