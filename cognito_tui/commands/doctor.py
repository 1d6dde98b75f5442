"""`cognito-tui doctor` (being built)."""

from __future__ import annotations


def register(sub) -> None:
    sub.add_parser("doctor", help="(not available yet)")


def run(args) -> int:
    from ..errors import InputError

    raise InputError("`cognito-tui doctor` is not available in this version yet.", "")
