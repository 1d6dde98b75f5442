"""Credentials as text: `export` lines, JSON, and the AWS CLI credential_process format."""

from __future__ import annotations

import json
import shlex
from datetime import timezone

from .model import Credentials


def iso8601(credentials: Credentials) -> str:
    return credentials.expiration.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def env_lines(credentials: Credentials) -> str:
    values = [
        ("AWS_ACCESS_KEY_ID", credentials.access_key_id),
        ("AWS_SECRET_ACCESS_KEY", credentials.secret_key),
        ("AWS_SESSION_TOKEN", credentials.session_token),
        ("AWS_CREDENTIAL_EXPIRATION", iso8601(credentials)),
    ]
    return "".join(f"export {name}={shlex.quote(value)}\n" for name, value in values)


def as_dict(credentials: Credentials) -> dict:
    return {"AccessKeyId": credentials.access_key_id, "SecretAccessKey": credentials.secret_key,
            "SessionToken": credentials.session_token, "Expiration": iso8601(credentials),
            "IdentityId": credentials.identity_id}


def as_json(credentials: Credentials) -> str:
    return json.dumps(as_dict(credentials), indent=2) + "\n"


def as_process(credentials: Credentials) -> str:
    """What `credential_process` must print: Version 1 and the four fields, nothing else."""
    return json.dumps({"Version": 1, "AccessKeyId": credentials.access_key_id,
                       "SecretAccessKey": credentials.secret_key,
                       "SessionToken": credentials.session_token,
                       "Expiration": iso8601(credentials)}) + "\n"


FORMATS = {"env": env_lines, "json": as_json, "process": as_process}
