"""Several request fixes in front of moto, each seeing only its operations: the first handler of
an operation gets the request, and its `forward` leads to the next one of that operation, then
to moto."""

from __future__ import annotations

from typing import Any, Protocol

from .sign_in_fixes import Forward, Reply


class Handler(Protocol):
    OPERATIONS: frozenset[str]

    def handle(self, operation: str, body: dict[str, Any], forward: Forward) -> Reply: ...


class HandlerChain:
    def __init__(self, *handlers: Handler):
        self.handlers = handlers
        self.OPERATIONS = frozenset().union(*(h.OPERATIONS for h in handlers))

    def handle(self, operation: str, body: dict[str, Any], forward: Forward) -> Reply:
        chain = [h for h in self.handlers if operation in h.OPERATIONS]

        def step(index: int) -> Forward:
            if index == len(chain):
                return forward
            return lambda changed: chain[index].handle(operation, changed, step(index + 1))

        return step(0)(body)
