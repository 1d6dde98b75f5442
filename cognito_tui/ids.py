"""ID formats (from the botocore service models), and Cognito provider names built and parsed."""

from __future__ import annotations

import re

from .errors import InputError

IDENTITY_POOL_ID = re.compile(r"^[\w-]+:[0-9a-f-]+$", re.ASCII)
USER_POOL_ID = re.compile(r"^[\w-]+_[0-9a-zA-Z]+$", re.ASCII)
USER_POOL_CLIENT_ID = re.compile(r"^[\w+]+$", re.ASCII)
# A region as it appears as an ID prefix: us-east-1, eu-central-2, us-gov-west-1, ...
REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$", re.ASCII)
# Names of what plan version 2 finds again by name, or creates.
USER_POOL_NAME = re.compile(r"^[\w +=,.@-]{1,128}$", re.ASCII)
CLIENT_NAME = re.compile(r"^[\w +=,.@-]{1,128}$", re.ASCII)
IDENTITY_POOL_NAME = re.compile(r"^[\w +=,.@-]{1,128}$", re.ASCII)
PROVIDER_NAME = re.compile(
    r"^cognito-idp\.(?P<region>[a-z0-9-]+)\.amazonaws\.com/(?P<pool>[\w-]+_[0-9a-zA-Z]+)$", re.ASCII)

MAX_PROVIDERS_PER_POOL = 50
MAX_PROVIDER_NAME = 128


def _show(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 80 else text[:77] + "...'"


def validate_identity_pool_id(value: object) -> str:
    """Return the identity pool ID, or raise InputError naming what is wrong with it."""
    if not isinstance(value, str) or not value:
        raise InputError("An identity pool ID is required.", "It looks like us-east-1:0f4a7c2e-1111-2222-3333-444455556666.")
    if len(value) > 55 or not IDENTITY_POOL_ID.fullmatch(value):
        raise InputError(
            f"Malformed identity pool ID {_show(value)}.",
            "It looks like <region>:<uuid>, e.g. us-east-1:0f4a7c2e-1111-2222-3333-444455556666.")
    region = value.split(":", 1)[0]
    if not REGION.fullmatch(region):
        raise InputError(f"Identity pool ID {_show(value)} does not start with a region.",
                         "It looks like <region>:<uuid>, e.g. us-east-1:0f4a7c2e-....")
    return value


def validate_user_pool_id(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise InputError("A user pool ID is required.", "It looks like us-east-1_AbCdEf123.")
    if len(value) > 55 or not USER_POOL_ID.fullmatch(value):
        raise InputError(f"Malformed user pool ID {_show(value)}.",
                         "It looks like <region>_<letters and digits>, e.g. us-east-1_AbCdEf123.")
    region = value.rsplit("_", 1)[0]
    if not REGION.fullmatch(region):
        raise InputError(f"User pool ID {_show(value)} does not start with a region.",
                         "It looks like us-east-1_AbCdEf123.")
    return value


def validate_client_id(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise InputError("An app client ID is required.", "Find it under the user pool's App clients.")
    if len(value) > 128 or not USER_POOL_CLIENT_ID.fullmatch(value):
        raise InputError(f"Malformed app client ID {_show(value)}.",
                         "An app client ID has only letters, digits, '_' and '+', e.g. 1h57kf5cpq17m0eml12EXAMPLE.")
    return value


def region_of_user_pool(user_pool_id: str) -> str:
    """The region is the user pool ID's prefix: us-east-1_AbC -> us-east-1."""
    return validate_user_pool_id(user_pool_id).rsplit("_", 1)[0]


def region_of_identity_pool(identity_pool_id: str) -> str:
    return validate_identity_pool_id(identity_pool_id).split(":", 1)[0]


def provider_name(user_pool_id: str) -> str:
    """The identity pool's ProviderName (and logins-map key) for a user pool."""
    region = region_of_user_pool(user_pool_id)
    return f"cognito-idp.{region}.amazonaws.com/{user_pool_id}"


def parse_provider_name(name: str) -> str:
    """Return the user pool ID in a provider name; reject the common typos with a clear reason."""
    if not isinstance(name, str) or not name:
        raise InputError("A provider name is required.",
                         "It looks like cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123.")
    if len(name) > MAX_PROVIDER_NAME:
        # Checked before any pattern runs: a huge paste must be refused at once, not searched.
        raise InputError(f"Provider name {_show(name)} is longer than {MAX_PROVIDER_NAME} characters.",
                         "It looks like cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123.")
    match = PROVIDER_NAME.fullmatch(name)
    if match:
        region, pool = match.group("region"), match.group("pool")
        pool_region = region_of_user_pool(pool)
        if region != pool_region:
            raise InputError(
                f"Provider name {_show(name)} names region {region}, but the user pool ID is in {pool_region}.",
                f"Use {provider_name(pool)}.")
        return pool
    expected = "cognito-idp.<region>.amazonaws.com/<user pool id>"
    pool_match = re.search(r"([a-z]{2}(?:-[a-z]+)+-\d+_[0-9A-Za-z]+)\Z", name)
    fix = f" Use {provider_name(pool_match.group(1))}." if pool_match else ""
    if not name.startswith("cognito-idp"):
        reason = "is not of the form " + expected
    elif name.startswith("cognito-idp:") or re.match(r"^cognito-idp\.[a-z0-9-]+:", name):
        reason = "uses ':' where '.' belongs"
    elif ".amazonaws.com/" not in name:
        reason = "is missing '.amazonaws.com/'"
    elif IDENTITY_POOL_ID.fullmatch(name.rsplit("/", 1)[-1]):
        reason = "ends in an identity pool ID, not a user pool ID"
    else:
        reason = "is not of the form " + expected
    raise InputError(f"Provider name {_show(name)} {reason}.", (f"Expected {expected}." + fix).strip())
