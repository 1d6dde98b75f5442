"""Service errors as AWS's awsJson1.1 protocol reports them: HTTP 400 + {"__type", "message"}."""

from __future__ import annotations

import json


class ServiceError(Exception):
    """An error the client should see, with AWS's code and text."""

    def __init__(self, code: str, message: str, status: int = 400):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status

    def body(self) -> bytes:
        return json.dumps({"__type": self.code, "message": self.message}).encode()


def not_authorized(message: str) -> ServiceError:
    return ServiceError("NotAuthorizedException", message)


def invalid_parameter(message: str) -> ServiceError:
    return ServiceError("InvalidParameterException", message)


def not_found(message: str) -> ServiceError:
    return ServiceError("ResourceNotFoundException", message)


def internal_error() -> ServiceError:
    return ServiceError("InternalErrorException", "An internal error occurred in the local Cognito.", 500)


class ValidationErrors:
    """Collects constraint failures and reports them in one ValidationException, as AWS does."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, value: object, field: str, constraint: str) -> None:
        shown = "null" if value is None else f"'{value}'"
        self.problems.append(f"Value {shown} at '{field}' failed to satisfy constraint: {constraint}")

    def raise_if_any(self) -> None:
        if not self.problems:
            return
        count = len(self.problems)
        noun = "error" if count == 1 else "errors"
        raise ServiceError("ValidationException",
                           f"{count} validation {noun} detected: " + "; ".join(self.problems))
