"""Demo data for the local Cognito: two user pools, app clients, users, and an identity pool with
a correctly trusted authenticated role but no Cognito provider yet (adding one is the wizard's job).

Seeded in-process through moto's backends: over HTTP each call would cost a round trip, and
everything here must be ready within about a second.
"""

from __future__ import annotations

import json
import secrets
import shlex
from dataclasses import dataclass, field

from .. import role_trust
from . import moto_bridge
from .identity_store import ACCOUNT_ID, IdentityPool, IdentityStore, new_id

DUMMY_ACCESS_KEY_ID = "testing"
DUMMY_SECRET_ACCESS_KEY = "testing"
PUBLIC_CLIENT_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
SECRET_CLIENT_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


@dataclass
class DemoData:
    """What was seeded. Passwords and the client secret stay out of repr()."""

    region: str
    identity_pool_id: str
    identity_pool_name: str
    auth_role_arn: str
    user_pool_id: str
    client_id: str
    secret_client_id: str
    second_user_pool_id: str
    second_client_id: str
    username: str
    new_password_username: str
    password: str = field(repr=False)
    new_password_temp_password: str = field(repr=False)
    secret_client_secret: str = field(repr=False)
    endpoint_url: str = ""

    def export_lines(self, endpoint_url: str | None = None) -> list[str]:
        """Shell `export NAME=value` lines for the endpoint, dummy keys and the demo IDs.
        They include the demo user's password: a throwaway credential, printed on purpose."""
        values = {
            "DEMO_IDENTITY_POOL_ID": self.identity_pool_id,
            "DEMO_USER_POOL_ID": self.user_pool_id,
            "DEMO_CLIENT_ID": self.client_id,
            "DEMO_USERNAME": self.username,
            "DEMO_PASSWORD": self.password,
            "DEMO_SECRET_CLIENT_ID": self.secret_client_id,
            "DEMO_SECOND_USER_POOL_ID": self.second_user_pool_id,
            "DEMO_SECOND_CLIENT_ID": self.second_client_id,
            "DEMO_NEW_PASSWORD_USERNAME": self.new_password_username,
            "DEMO_NEW_PASSWORD_TEMP_PASSWORD": self.new_password_temp_password,
            "DEMO_AUTH_ROLE_ARN": self.auth_role_arn,
        }
        base = base_export_lines(endpoint_url or self.endpoint_url, self.region)
        return base + [f"export {name}={shlex.quote(value)}" for name, value in values.items()]


def base_export_lines(endpoint_url: str, region: str) -> list[str]:
    """The lines that point AWS tools at the local Cognito (also printed without demo data)."""
    values = {
        "AWS_ENDPOINT_URL": endpoint_url,
        "AWS_DEFAULT_REGION": region,
        "AWS_ACCESS_KEY_ID": DUMMY_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": DUMMY_SECRET_ACCESS_KEY,
    }
    return [f"export {name}={shlex.quote(value)}" for name, value in values.items()]


def demo_password() -> str:
    """A fresh password per server that meets the default policy (upper, lower, digit, symbol)."""
    return f"Demo-{secrets.token_hex(6)}-Pw1"


def _user_pools(region: str):
    from moto.cognitoidp.models import cognitoidp_backends

    return cognitoidp_backends[ACCOUNT_ID][region]


def _create_role(identity_pool_id: str) -> str:
    from moto.iam.models import iam_backends

    # moto's IAM is shared by every server in this process: a suffix keeps role names unique.
    name = f"cognito-tui-demo-authenticated-{identity_pool_id.rsplit(':', 1)[1][:8]}"
    role = iam_backends[ACCOUNT_ID][moto_bridge.PARTITION].create_role(
        role_name=name, assume_role_policy_document=json.dumps(role_trust.good_trust_policy(identity_pool_id)),
        path="/", permissions_boundary=None, description="Authenticated role of the cognito-tui demo",
        tags=[], max_session_duration="3600")
    return role.arn


def _client(backend, pool_id: str, name: str, flows: list[str], secret: bool = False):
    return backend.create_user_pool_client(pool_id, secret, {"ClientName": name, "ExplicitAuthFlows": flows})


def _confirmed_user(backend, pool_id: str, username: str, password: str) -> None:
    attributes = [{"Name": "email", "Value": f"{username}@example.com"},
                  {"Name": "email_verified", "Value": "true"}]
    backend.admin_create_user(pool_id, username, "SUPPRESS", password, attributes)
    backend.admin_set_user_password(pool_id, username, password, True)


def seed(store: IdentityStore, region: str) -> DemoData:
    """Create the demo resources in moto and in the identity store; returns their IDs."""
    moto_bridge.install_patches()
    backend = _user_pools(region)
    pool = backend.create_user_pool("cognito-tui-demo", {})
    client = _client(backend, pool.id, "demo-app", PUBLIC_CLIENT_FLOWS)
    secret_client = _client(backend, pool.id, "demo-app-with-secret", SECRET_CLIENT_FLOWS, secret=True)
    second = backend.create_user_pool("cognito-tui-demo-second", {})
    second_client = _client(backend, second.id, "second-app", PUBLIC_CLIENT_FLOWS)

    password, temp_password = demo_password(), demo_password()
    _confirmed_user(backend, pool.id, "demo-user", password)
    _confirmed_user(backend, second.id, "demo-user", password)
    backend.admin_create_user(pool.id, "new-user", "SUPPRESS", temp_password,
                              [{"Name": "email", "Value": "new-user@example.com"}])

    identity_pool = IdentityPool(pool_id=new_id(region), name="cognito-tui demo",
                                 allow_unauthenticated=False, tags={"purpose": "cognito-tui demo"})
    identity_pool.roles = {"authenticated": _create_role(identity_pool.pool_id)}
    with store.lock:
        store.region(region).pools[identity_pool.pool_id] = identity_pool

    return DemoData(
        region=region, identity_pool_id=identity_pool.pool_id, identity_pool_name=identity_pool.name,
        auth_role_arn=identity_pool.roles["authenticated"], user_pool_id=pool.id, client_id=client.id,
        secret_client_id=secret_client.id, second_user_pool_id=second.id,
        second_client_id=second_client.id, username="demo-user", new_password_username="new-user",
        password=password, new_password_temp_password=temp_password,
        secret_client_secret=secret_client.secret)
