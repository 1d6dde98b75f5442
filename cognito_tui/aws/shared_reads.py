"""Reads shared by several jobs that read the same things: each identity pool, its roles, each user
pool, app client and IAM role is read once, however many jobs (or threads) ask for it.

doctor --all shares them across many pools' doctor runs (the pools themselves and their roles come
from the inventory, which has read them already); the wizard's Review between its dry run of Save and
its doctor. Only reads are shared, and only while the jobs run: anything else goes to the gateway
itself, and nothing written through it is seen by a read already made.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Hashable
from typing import Any

from ..errors import CognitoTuiError
from .roles import role_name


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


class _Reads:
    """A part of the gateway (identity_pools, user_pools, roles) whose reads are shared; the rest of
    it is the real one's. Reads give copies: a job that changes what it was given (an apply does)
    must not change what another sees."""

    def __init__(self, real, memo: Memo):
        self._real, self._memo = real, memo

    def __getattr__(self, name: str):
        return getattr(self._real, name)


class _IdentityPools(_Reads):
    def __init__(self, real, memo: Memo, configs: dict[str, dict], roles: dict[str, dict]):
        super().__init__(real, memo)
        self._configs, self._roles = configs, roles

    def describe(self, pool_id: str) -> dict:
        found = self._configs.get(pool_id)
        if found is None:
            found = self._memo.get(("identity_pool", pool_id), self._real.describe, pool_id)
        return copy.deepcopy(found)

    def get_roles(self, pool_id: str) -> dict:
        found = self._roles.get(pool_id)
        if found is None:
            found = self._memo.get(("identity_pool_roles", pool_id), self._real.get_roles, pool_id)
        return copy.deepcopy(found)


class _UserPools(_Reads):
    def describe(self, user_pool_id: str) -> dict:
        return copy.deepcopy(self._memo.get(("user_pool", user_pool_id), self._real.describe, user_pool_id))

    def describe_client(self, user_pool_id: str, client_id: str, *, with_secret: bool = False):
        if with_secret:  # a secret is never kept
            return self._real.describe_client(user_pool_id, client_id, with_secret=True)
        return self._memo.get(("client", user_pool_id, client_id), self._real.describe_client, user_pool_id, client_id)


class _Roles(_Reads):
    def get(self, role_arn: str) -> dict:
        return self.get_by_name(role_name(role_arn))

    def get_by_name(self, name: str) -> dict:
        return copy.deepcopy(self._memo.get(("role", name), self._real.get_by_name, name))


class SharedReads:
    """The gateway (aws.gateway.Aws), each of its reads made once. configs / roles: identity pools'
    configurations and roles already read, by pool ID."""

    def __init__(self, aws, configs: dict[str, dict] | None = None, roles: dict[str, dict] | None = None):
        self._aws = aws
        self.memo = Memo()
        self.identity_pools = _IdentityPools(aws.identity_pools, self.memo, configs or {}, roles or {})
        self.user_pools = _UserPools(aws.user_pools, self.memo)
        self.roles = _Roles(aws.roles, self.memo)

    def get_role(self, role_arn: str) -> dict:
        return self.roles.get(role_arn)

    def __getattr__(self, name: str):
        return getattr(self._aws, name)
