"""Request field checks with the constraints of the cognito-identity service model (2014-06-30).

AWS validates patterns with Java regexes, where \\w is ASCII; so do we. botocore checks only
minimum lengths on the client, so everything else must be caught here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import ServiceError, ValidationErrors


@dataclass(frozen=True)
class StringRule:
    pattern: str | None
    min_len: int
    max_len: int

    def problems(self, value: str) -> list[str]:
        found = []
        if len(value) < self.min_len:
            found.append(f"Member must have length greater than or equal to {self.min_len}")
        if len(value) > self.max_len:
            found.append(f"Member must have length less than or equal to {self.max_len}")
        if self.pattern and value and not re.fullmatch(self.pattern, value, re.ASCII):
            found.append(f"Member must satisfy regular expression pattern: {self.pattern}")
        return found


IDENTITY_POOL_ID = StringRule(r"[\w-]+:[0-9a-f-]+", 1, 55)
IDENTITY_ID = StringRule(r"[\w-]+:[0-9a-f-]+", 1, 55)
IDENTITY_POOL_NAME = StringRule(r"[\w\s+=,.@-]+", 1, 128)
DEVELOPER_PROVIDER_NAME = StringRule(r"[\w._-]+", 1, 128)
PROVIDER_NAME = StringRule(r"[\w._:/-]+", 1, 128)
PROVIDER_CLIENT_ID = StringRule(r"[\w_]+", 1, 128)
LOGIN_PROVIDER_NAME = StringRule(None, 1, 128)
LOGIN_PROVIDER_ID = StringRule(r"[\w.;_/-]+", 1, 128)
LOGIN_TOKEN = StringRule(None, 1, 50000)
ARN = StringRule(None, 20, 2048)
TAG_KEY = StringRule(None, 1, 128)
TAG_VALUE = StringRule(None, 0, 256)
PAGINATION_KEY = StringRule(r"[\S]+", 1, 65535)


def _type_error(field: str, expected: str) -> ServiceError:
    # AWS answers a JSON value of the wrong type with a SerializationException.
    return ServiceError("SerializationException", f"Expected {expected} for '{field}'.")


def string(errors: ValidationErrors, body: dict[str, Any], key: str, field: str, rule: StringRule,
           *, required: bool = False) -> str | None:
    """The string at body[key], checked against rule; problems go to errors."""
    value = body.get(key)
    if value is None:
        if required:
            errors.add(None, field, "Member must not be null")
        return None
    if not isinstance(value, str):
        raise _type_error(field, "a string")
    for problem in rule.problems(value):
        errors.add(value, field, problem)
    return value


def boolean(errors: ValidationErrors, body: dict[str, Any], key: str, field: str,
            *, required: bool = False, default: bool = False) -> bool:
    value = body.get(key)
    if value is None:
        if required:
            errors.add(None, field, "Member must not be null")
        return default
    if not isinstance(value, bool):
        raise _type_error(field, "a boolean")
    return value


def integer(errors: ValidationErrors, body: dict[str, Any], key: str, field: str,
            low: int, high: int, *, required: bool = False) -> int | None:
    value = body.get(key)
    if value is None:
        if required:
            errors.add(None, field, "Member must not be null")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(field, "an integer")
    if value < low:
        errors.add(value, field, f"Member must have value greater than or equal to {low}")
    if value > high:
        errors.add(value, field, f"Member must have value less than or equal to {high}")
    return value


def mapping(body: dict[str, Any], key: str, field: str) -> dict[str, Any]:
    value = body.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _type_error(field, "an object")
    return value


def sequence(body: dict[str, Any], key: str, field: str) -> list[Any]:
    value = body.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _type_error(field, "a list")
    return value


def max_entries(errors: ValidationErrors, value: dict | list, field: str, limit: int) -> None:
    if len(value) > limit:
        errors.add(value, field, f"Member must have length less than or equal to {limit}")


def string_map(errors: ValidationErrors, body: dict[str, Any], key: str, field: str,
               key_rule: StringRule, value_rule: StringRule) -> dict[str, str]:
    """A map of strings to strings, each side checked."""
    raw = mapping(body, key, field)
    for name, value in raw.items():
        if not isinstance(value, str):
            raise _type_error(f"{field}.{name}", "a string")
        for problem in key_rule.problems(name):
            errors.add(name, f"{field}.key", problem)
        for problem in value_rule.problems(value):
            errors.add(value, f"{field}.value", problem)
    return dict(raw)


def string_list(errors: ValidationErrors, body: dict[str, Any], key: str, field: str,
                rule: StringRule) -> list[str]:
    raw = sequence(body, key, field)
    for index, value in enumerate(raw, start=1):
        if not isinstance(value, str):
            raise _type_error(f"{field}.{index}", "a string")
        for problem in rule.problems(value):
            errors.add(value, f"{field}.{index}.member", problem)
    return list(raw)
