"""The AWS gateway's typed interface: the real gateway and the snapshot tests' fixed account
both satisfy it, member by member and call by call."""

from __future__ import annotations

import inspect
import typing

import pytest

from cognito_tui.aws import api
from cognito_tui.aws.gateway import Aws
from cognito_tui.settings import Settings
from fixed_account import FixedAws

PROTOCOLS = (api.AwsApi, api.IdentityPoolsApi, api.UserPoolsApi, api.RolesApi)


def missing_members(obj, protocol) -> list[str]:
    """The protocol's members obj lacks or cannot be called like; descends into members typed
    with another protocol."""
    from cognito_tui.aws.identity_pools import PoolSummary
    from cognito_tui.aws.user_pools import ClientDetails, ClientSummary, UserPoolSummary

    names = {**vars(api), "Settings": Settings, "PoolSummary": PoolSummary, "ClientDetails": ClientDetails,
             "ClientSummary": ClientSummary, "UserPoolSummary": UserPoolSummary}
    hints = typing.get_type_hints(protocol, globalns=names)
    out = []
    for name in sorted({n for n in vars(protocol) if not n.startswith("_")} | set(protocol.__annotations__)):
        if not hasattr(obj, name):
            out.append(name)
            continue
        value = getattr(obj, name)
        if hints.get(name) in PROTOCOLS:
            out += [f"{name}.{inner}" for inner in missing_members(value, hints[name])]
            continue
        wanted = getattr(protocol, name, None)
        if callable(wanted):
            params = [p.name for p in inspect.signature(wanted).parameters.values() if p.name != "self"]
            try:
                inspect.signature(value).bind(*params)
            except TypeError:
                out.append(f"{name}{inspect.signature(wanted)}")
    return out


@pytest.mark.parametrize("make", [lambda: Aws(Settings(region="us-east-1")), FixedAws], ids=["gateway", "fixed"])
def test_the_gateway_and_the_fixed_account_satisfy_the_interface(make):
    aws = make()
    assert missing_members(aws, api.AwsApi) == []
    assert isinstance(aws, api.AwsApi)
    assert isinstance(aws.identity_pools, api.IdentityPoolsApi)
    assert isinstance(aws.user_pools, api.UserPoolsApi)


def test_a_stand_in_without_a_method_or_with_another_call_is_refused():
    aws = FixedAws()

    class NoClients:
        def pages(self):
            yield []

        def describe(self, user_pool_id):
            return {}

        def describe_client(self, user_pool_id):  # one argument short
            return None

    aws.user_pools = NoClients()
    assert missing_members(aws, api.AwsApi) == [
        "user_pools.describe_client(self, user_pool_id: 'str', client_id: 'str') -> 'ClientDetails'",
        "user_pools.list_clients"]
    assert not isinstance(aws.user_pools, api.UserPoolsApi)
