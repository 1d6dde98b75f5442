"""cognito-identity over awsJson1.1: parse the request, find the region, run the operation."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from . import identities, identity_pools
from .errors import ServiceError
from .identity_store import IdentityStore, RegionState

TARGET_PREFIX = "AWSCognitoIdentityService."
# "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/cognito-identity/aws4_request, ..."
CREDENTIAL_SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/([a-z0-9-]+)/")
ID_PREFIX = re.compile(r"^([a-z]{2}(?:-[a-z]+)+-\d+):")

Handler = Callable[[RegionState, str, dict[str, Any]], dict[str, Any]]

NOT_SUPPORTED_HERE = {
    "GetOpenIdTokenForDeveloperIdentity", "LookupDeveloperIdentity", "MergeDeveloperIdentities",
    "UnlinkDeveloperIdentity", "UnlinkIdentity", "GetPrincipalTagAttributeMap",
    "SetPrincipalTagAttributeMap",
}


def request_region(authorization: str | None, body: dict[str, Any], default: str) -> str:
    """The region a request is for: the SigV4 credential scope, else (GetId and the other unsigned
    calls) the region prefix of the pool or identity ID, else the server's region."""
    match = CREDENTIAL_SCOPE.search(authorization or "")
    if match:
        return match.group(1)
    for key in ("IdentityPoolId", "IdentityId"):
        value = body.get(key)
        found = ID_PREFIX.match(value) if isinstance(value, str) else None
        if found:
            return found.group(1)
    return default


def _without_region(operation: Callable[[RegionState, dict[str, Any]], dict[str, Any]]) -> Handler:
    """Most operations need only their region's state, not the region's name."""
    return lambda state, region, body: operation(state, body)


class IdentityService:
    """The local cognito-identity: one operation table over one IdentityStore."""

    def __init__(self, store: IdentityStore, credential_ttl: int, default_region: str):
        self.store = store
        self.default_region = default_region
        self._operations: dict[str, Handler] = {
            "CreateIdentityPool": identity_pools.create_identity_pool,
            "DescribeIdentityPool": _without_region(identity_pools.describe_identity_pool),
            "UpdateIdentityPool": _without_region(identity_pools.update_identity_pool),
            "DeleteIdentityPool": _without_region(identity_pools.delete_identity_pool),
            "ListIdentityPools": _without_region(identity_pools.list_identity_pools),
            "TagResource": identity_pools.tag_resource,
            "UntagResource": identity_pools.untag_resource,
            "ListTagsForResource": identity_pools.list_tags_for_resource,
            "SetIdentityPoolRoles": _without_region(identity_pools.set_identity_pool_roles),
            "GetIdentityPoolRoles": _without_region(identity_pools.get_identity_pool_roles),
            "GetId": _without_region(identities.get_id),
            "GetCredentialsForIdentity": lambda state, region, body:
                identities.get_credentials_for_identity(state, body, credential_ttl),
            "GetOpenIdToken": _without_region(identities.get_open_id_token),
            "ListIdentities": _without_region(identities.list_identities),
            "DescribeIdentity": _without_region(identities.describe_identity),
            "DeleteIdentities": _without_region(identities.delete_identities),
        }

    def handle(self, operation: str, raw_body: bytes, authorization: str | None) -> dict[str, Any]:
        """Run one operation; raises ServiceError for anything the client should see as an error."""
        handler = self._operations.get(operation)
        if handler is None:
            if operation in NOT_SUPPORTED_HERE:
                raise ServiceError("UnsupportedOperationException",
                                   f"{operation} is not supported by the local Cognito.")
            raise ServiceError("UnknownOperationException", f"Unknown operation {operation}.")
        body = parse_body(raw_body)
        region = request_region(authorization, body, self.default_region)
        with self.store.lock:
            return handler(self.store.region(region), region, body)


def parse_body(raw: bytes) -> dict[str, Any]:
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise ServiceError("SerializationException", "The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ServiceError("SerializationException", "The request body must be a JSON object.")
    return body
