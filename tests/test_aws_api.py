"""The AWS gateway's typed interface: it lists every member the core and the TUI reach through the
gateway (found in the source, calls checked against its signatures), and the real gateway and
the snapshot tests' fixed account both satisfy it, member by member and call by call."""

from __future__ import annotations

import ast
import inspect
import typing
from pathlib import Path

import pytest

import cognito_tui
from cognito_tui.aws import api
from cognito_tui.aws.gateway import Aws
from cognito_tui.settings import Settings
from fixed_account import FixedAws, NotInTheFixedAccount

PROTOCOLS = (api.AwsApi, api.IdentityPoolsApi, api.UserPoolsApi, api.RolesApi)
GROUPS = {"identity_pools": api.IdentityPoolsApi, "user_pools": api.UserPoolsApi, "roles": api.RolesApi}
SOURCE = Path(cognito_tui.__file__).parent


def _hints(protocol) -> dict:
    from cognito_tui.aws.identity_pools import PoolSummary
    from cognito_tui.aws.session import Clients
    from cognito_tui.aws.user_pools import ClientDetails, ClientSummary, UserPoolSummary

    names = {**vars(api), "Settings": Settings, "PoolSummary": PoolSummary, "ClientDetails": ClientDetails,
             "ClientSummary": ClientSummary, "UserPoolSummary": UserPoolSummary, "Clients": Clients}
    return typing.get_type_hints(protocol, globalns=names)


def members(protocol) -> set[str]:
    return {n for n in vars(protocol) if not n.startswith("_")} | set(protocol.__annotations__)


def _calls_like(wanted: inspect.Signature, value) -> bool:
    """value can be called every way the protocol's method can: all arguments by position, all by
    keyword (keyword-only ones always by keyword), and only the required ones."""
    params = [p for p in wanted.parameters.values() if p.name != "self"]
    positional = [p.name for p in params if p.kind != p.KEYWORD_ONLY]
    keyword_only = {p.name: p.name for p in params if p.kind == p.KEYWORD_ONLY}
    required = [p.name for p in params if p.default is p.empty and p.kind != p.KEYWORD_ONLY]
    try:
        got = inspect.signature(value)
        got.bind(*positional, **keyword_only)
        got.bind(**{p.name: p.name for p in params})
        got.bind(*required)
    except TypeError:
        return False
    return True


def missing_members(obj, protocol) -> list[str]:
    """The protocol's members obj lacks or cannot be called like; descends into members typed
    with another protocol."""
    hints = _hints(protocol)
    out = []
    for name in sorted(members(protocol)):
        if not hasattr(obj, name):
            out.append(name)
            continue
        value = getattr(obj, name)
        if hints.get(name) in PROTOCOLS:
            out += [f"{name}.{inner}" for inner in missing_members(value, hints[name])]
            continue
        wanted = getattr(protocol, name, None)
        if callable(wanted) and not _calls_like(inspect.signature(wanted), value):
            out.append(f"{name}{inspect.signature(wanted)}")
    return out


@pytest.mark.parametrize("make", [lambda: Aws(Settings(region="us-east-1")), FixedAws], ids=["gateway", "fixed"])
def test_the_gateway_and_the_fixed_account_satisfy_the_interface(make):
    aws = make()
    assert missing_members(aws, api.AwsApi) == []
    assert isinstance(aws, api.AwsApi)
    assert isinstance(aws.identity_pools, api.IdentityPoolsApi)
    assert isinstance(aws.user_pools, api.UserPoolsApi)
    assert isinstance(aws.roles, api.RolesApi)


def test_a_stand_in_without_a_method_or_with_another_call_is_refused():
    aws = FixedAws()

    class Short:
        def pages(self):  # cannot take the region the wizard's sources may ask for
            yield []

        def describe(self, user_pool_id):
            return {}

        def describe_client(self, user_pool_id):  # one argument short
            return None

    aws.user_pools = Short()
    missing = missing_members(aws, api.AwsApi)
    assert "user_pools.describe_client(self, user_pool_id: 'str', client_id: 'str') -> 'ClientDetails'" in missing
    assert "user_pools.list_clients" in missing and "user_pools.create_public_client" in missing
    assert any(m.startswith("user_pools.pages(") for m in missing)
    assert not isinstance(aws.user_pools, api.UserPoolsApi)


def test_what_the_fixed_account_does_not_answer_refuses_by_name_instead_of_pretending():
    aws = FixedAws()
    with pytest.raises(NotInTheFixedAccount, match=r"does not answer FixedUserPools\.create_public_client"):
        aws.user_pools.create_public_client("us-east-1_AbCdEf123", "web")
    with pytest.raises(NotInTheFixedAccount, match=r"FixedAws\.caller_identity"):
        aws.caller_identity()
    with pytest.raises(NotInTheFixedAccount, match="never sign in"):
        aws.clients.session()
    # What the pictures need answers from the fixed data.
    assert aws.region == "us-east-1" and aws.get_role(
        "arn:aws:iam::123456789012:role/lambda-runner")["RoleName"] == "lambda-runner"


def _gateway_uses() -> dict[tuple[str, str], list[tuple[str, ast.Call | None]]]:
    """Every `aws.X` and `aws.<group>.X` in the package outside aws/ (and local/, the local
    Cognito's own moto backends): (group or "", member) -> [(file:line, the call or None)].
    `aws`, `self.aws`, `ctx.aws`, `self._aws`, ... and names bound to `aws.<group>` count."""
    found: dict[tuple[str, str], list] = {}

    def is_gateway(node) -> bool:
        return (isinstance(node, ast.Name) and node.id in ("aws", "_aws")) or (
            isinstance(node, ast.Attribute) and node.attr in ("aws", "_aws"))

    def group_of(node, aliases) -> str | None:
        if isinstance(node, ast.Attribute) and node.attr in GROUPS and is_gateway(node.value):
            return node.attr
        if isinstance(node, ast.Name):
            return aliases.get(node.id)
        return None

    for path in sorted(SOURCE.rglob("*.py")):
        if path.relative_to(SOURCE).parts[0] in ("aws", "local"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                pairs = [(node.targets[0], node.value)]
                if isinstance(node.targets[0], ast.Tuple) and isinstance(node.value, ast.Tuple):
                    pairs = list(zip(node.targets[0].elts, node.value.elts))
                for target, value in pairs:
                    if isinstance(target, ast.Name) and isinstance(value, ast.Attribute) \
                            and value.attr in GROUPS and is_gateway(value.value):
                        aliases[target.id] = value.attr
        calls = {id(n.func): n for n in ast.walk(tree) if isinstance(n, ast.Call)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            group = group_of(node.value, aliases)
            key = (group, node.attr) if group else (("", node.attr) if is_gateway(node.value) else None)
            if key is not None:
                where = f"{path.relative_to(SOURCE.parent)}:{node.lineno}"
                found.setdefault(key, []).append((where, calls.get(id(node))))
    return found


def test_the_interface_lists_every_member_the_code_reaches_through_the_gateway():
    uses = _gateway_uses()
    # The scan itself finds the calls this interface was written for, creation and rollback included.
    for key in [("user_pools", "create_public_client"), ("identity_pools", "create"), ("roles", "create"),
                ("identity_pools", "update"), ("user_pools", "has_users"), ("", "caller_identity")]:
        assert key in uses, key
    unlisted = [f"{group + '.' if group else ''}{name} ({places[0][0]})" for (group, name), places in uses.items()
                if name not in members(GROUPS[group] if group else api.AwsApi)]
    assert unlisted == [], "add these to cognito_tui/aws/api.py"


def test_every_call_the_code_makes_through_the_gateway_fits_the_interface_signature():
    bad = []
    for (group, name), places in _gateway_uses().items():
        wanted = getattr(GROUPS[group] if group else api.AwsApi, name, None)
        if not callable(wanted):
            continue
        signature = inspect.signature(wanted)
        for where, call in places:
            if call is None or any(isinstance(a, ast.Starred) for a in call.args) \
                    or any(k.arg is None for k in call.keywords):
                continue
            try:
                signature.bind(None, *call.args, **{k.arg: None for k in call.keywords})
            except TypeError as exc:
                bad.append(f"{where}: {group}.{name}: {exc}")
    assert bad == []
