"""The plan file (version 1): the desired Cognito providers of each identity pool.

Loaded from YAML node by node so that every error names the file, the line and the field.
Anchors and aliases are refused outright: a plan needs none, and they make alias bombs possible.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from . import ids

if TYPE_CHECKING:
    from .plan_v2 import PlanV2
from .errors import CognitoTuiError, InputError

PLAN_VERSION = 1
MAX_PLAN_BYTES = 1_000_000
MAX_POOLS = 1000
MAX_DEPTH = 20
MAX_ISSUES = 20
_TOP_KEYS = {"version", "identity_pools"}  # version 2 adds user_pools: plan_v2.py
_POOL_KEYS = {"id", "cognito_providers"}
_PROVIDER_KEYS = {"user_pool_id", "client_id", "server_side_token_check"}


@dataclass(frozen=True)
class ProviderSpec:
    user_pool_id: str
    client_id: str
    server_side_token_check: bool = False

    @property
    def provider_name(self) -> str:
        return ids.provider_name(self.user_pool_id)

    @property
    def key(self) -> tuple[str, str]:
        return (self.provider_name, self.client_id)

    def to_aws(self) -> dict:
        return {"ProviderName": self.provider_name, "ClientId": self.client_id,
                "ServerSideTokenCheck": self.server_side_token_check}


@dataclass(frozen=True)
class PoolPlan:
    id: str
    providers: tuple[ProviderSpec, ...] = ()
    allow_unauthenticated: bool | None = None  # None: kept as it is (version 1 never sets it)


@dataclass(frozen=True)
class Plan:
    pools: tuple[PoolPlan, ...]
    source: str = "<plan>"


MAX_FIELD_CHARS = 120
MAX_MESSAGE_CHARS = 240


def printable(text: str, limit: int) -> str:
    """Text from the plan made safe to print on one terminal line: control and other
    non-printable characters escaped, line breaks folded, and the length capped."""
    out = "".join(ch if ch.isprintable() else ("\\n" if ch in "\r\n" else repr(ch)[1:-1]) for ch in text)
    return out if len(out) <= limit else out[:limit - 3] + "..."


@dataclass(frozen=True)
class PlanIssue:
    line: int
    field: str
    message: str

    def __post_init__(self):
        # Fields and messages echo the plan's own text (keys, values, YAML errors): never let a
        # hostile file put escape sequences or a megabyte on the user's terminal.
        object.__setattr__(self, "field", printable(self.field, MAX_FIELD_CHARS))
        object.__setattr__(self, "message", printable(self.message, MAX_MESSAGE_CHARS))

    def render(self, source: str) -> str:
        where = f"{source}:{self.line}" if self.line else source
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class PlanError(InputError):
    """The plan file is invalid. Carries every problem found, each with its line and field."""

    title = "Invalid plan"

    def __init__(self, source: str, issues: list[PlanIssue]):
        self.source = source
        self.issues = issues[:MAX_ISSUES]  # the first ones; the message counts them all
        first = issues[0].render(source)
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        super().__init__(first + more, "Fix the plan file and run the command again.")

    def to_dict(self) -> dict:
        out = super().to_dict()
        out["problems"] = [{"file": self.source, "line": i.line, "field": i.field, "message": i.message}
                           for i in self.issues]
        return out


def load_plan(path: str | Path) -> Plan | PlanV2:
    path = Path(path)
    source = str(path)
    try:
        # Read at most one byte past the limit: /dev/zero, a FIFO or a pipe has no size to stat.
        with path.open("rb") as handle:
            data = handle.read(MAX_PLAN_BYTES + 1)
    except FileNotFoundError as exc:
        raise InputError(f"Plan file {source} not found.", "Check the path.") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{source} is a folder, not a plan file.", "Give the path of a YAML file.") from exc
    except OSError as exc:
        raise InputError(f"Cannot read plan file {source}: {exc.strerror}.", "Check the path and its permissions.") from exc
    return parse_plan(data, source)


def parse_plan(data: str | bytes, source: str = "<plan>") -> Plan | PlanV2:
    if len(data) > MAX_PLAN_BYTES:
        raise PlanError(source, [PlanIssue(0, "", f"The file is larger than {MAX_PLAN_BYTES} bytes.")])
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PlanError(source, [PlanIssue(0, "", f"Not UTF-8 text (byte {exc.start}).")]) from exc
    root = _compose(data, source)
    issues: list[PlanIssue] = []
    if _version_of(root) == 2:
        from .plan_v2 import PlanV2, read_v2

        user_pools, identity_pools = read_v2(root, issues)
        if issues:
            raise PlanError(source, issues)
        return PlanV2(user_pools, identity_pools, source)
    plan = _Reader(issues).plan(root)
    if issues:
        raise PlanError(source, issues)
    return Plan(plan, source)


def _version_of(root: yaml.Node) -> int | None:
    """The plan's version when it is a plain integer 1 or 2 (anything else is reported by the reader)."""
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "version" and isinstance(value, yaml.ScalarNode) \
                    and value.tag == "tag:yaml.org,2002:int" and value.value.strip() in ("1", "2"):
                return int(value.value)
    return None


# libyaml when present: PyYAML's pure-Python scanner is quadratic in flow nesting depth.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, source: str) -> yaml.Node:
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1
                raise PlanError(source, [PlanIssue(line, "", "YAML anchors and aliases are not allowed in a plan.")])
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    # A plan is 5 levels deep; stopping here also keeps composing from recursing.
                    raise PlanError(source, [PlanIssue(event.start_mark.line + 1, "",
                                                       "The YAML is nested too deeply for a plan.")])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        node = yaml.compose(text, Loader=_LOADER)
    except PlanError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise PlanError(source, [PlanIssue(line, "", f"Not valid YAML: {exc.problem or exc.context}.")]) from exc
    except yaml.YAMLError as exc:
        raise PlanError(source, [PlanIssue(0, "", f"Not valid YAML: {exc}.")]) from exc
    except RecursionError as exc:
        raise PlanError(source, [PlanIssue(0, "", "The YAML is nested too deeply.")]) from exc
    if node is None:
        raise PlanError(source, [PlanIssue(0, "", "The plan is empty.")])
    return node


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Reader:
    def __init__(self, issues: list[PlanIssue]):
        self.issues = issues

    def fail(self, node: yaml.Node, field: str, message: str) -> None:
        self.issues.append(PlanIssue(_line(node), field, message))

    def mapping(self, node: yaml.Node, field: str, allowed: set[str]) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, field, f"Expected a mapping (key: value), found {_kind(node)}.")
            return None
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            name = f"{field}.{key}" if field else str(key)
            if key not in allowed:
                self.fail(key_node, name, f"Unknown key. Allowed here: {', '.join(sorted(allowed))}.")
            elif key in out:
                self.fail(key_node, name, "Key given twice.")
            else:
                out[key] = (key_node, value_node)
        return out

    def plan(self, root: yaml.Node) -> tuple[PoolPlan, ...]:
        top = self.mapping(root, "", _TOP_KEYS)
        if top is None:
            return ()
        if "version" not in top:
            self.fail(root, "version", f"Missing. Add `version: {PLAN_VERSION}`.")
        else:
            node = top["version"][1]
            if node.tag != "tag:yaml.org,2002:int" or node.value.strip() != str(PLAN_VERSION):
                shown = repr(node.value) if isinstance(node, yaml.ScalarNode) else _kind(node)
                self.fail(node, "version", f"Unsupported version {shown}; this tool reads versions 1 and 2.")
        if "identity_pools" not in top:
            self.fail(root, "identity_pools", "Missing: list the identity pools to configure.")
            return ()
        seq = top["identity_pools"][1]
        if not isinstance(seq, yaml.SequenceNode):
            self.fail(seq, "identity_pools", f"Expected a list, found {_kind(seq)}.")
            return ()
        if len(seq.value) > MAX_POOLS:
            self.fail(seq, "identity_pools", f"More than {MAX_POOLS} pools in one plan.")
            return ()
        pools: list[PoolPlan] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(seq.value):
            pool = self.pool(item, f"identity_pools[{index}]")
            if pool is None:
                continue
            if pool.id in seen:
                self.fail(item, f"identity_pools[{index}].id",
                          f"Pool {pool.id} is listed twice (first at line {seen[pool.id]}).")
                continue
            seen[pool.id] = _line(item)
            pools.append(pool)
        return tuple(pools)

    def pool(self, node: yaml.Node, field: str) -> PoolPlan | None:
        fields = self.mapping(node, field, _POOL_KEYS)
        if fields is None:
            return None
        pool_id = self.identifier(fields, node, field, "id", ids.validate_identity_pool_id)
        if "cognito_providers" not in fields:
            self.fail(node, f"{field}.cognito_providers",
                      "Missing: give the complete list of Cognito providers ([] removes them all).")
            return None
        name = f"{field}.cognito_providers"
        items = self.provider_items(fields["cognito_providers"][1], name)
        if items is None:
            return None
        providers: list[ProviderSpec] = []
        seen: dict[tuple[str, str], int] = {}
        for index, item in enumerate(items):
            provider = self.provider(item, f"{name}[{index}]")
            if provider is None:
                continue
            if provider.key in seen:
                self.fail(item, f"{name}[{index}]", f"Duplicate provider {provider.user_pool_id} / "
                                                    f"{provider.client_id} (first at line {seen[provider.key]}).")
                continue
            seen[provider.key] = _line(item)
            providers.append(provider)
        if pool_id is None:
            return None
        return PoolPlan(pool_id, tuple(providers))

    def provider_items(self, seq: yaml.Node, name: str) -> list[yaml.Node] | None:
        """The entries of a cognito_providers list (both plan versions), or None when it is not one."""
        if isinstance(seq, yaml.ScalarNode) and seq.tag == "tag:yaml.org,2002:null":
            self.fail(seq, name, "Empty value: write [] to remove every provider, or list them.")
            return None
        if not isinstance(seq, yaml.SequenceNode):
            self.fail(seq, name, f"Expected a list, found {_kind(seq)}.")
            return None
        if len(seq.value) > ids.MAX_PROVIDERS_PER_POOL:
            self.fail(seq, name, f"{len(seq.value)} providers; an identity pool takes at most "
                                 f"{ids.MAX_PROVIDERS_PER_POOL} user-pool providers.")
        return seq.value

    def provider(self, node: yaml.Node, field: str) -> ProviderSpec | None:
        fields = self.mapping(node, field, _PROVIDER_KEYS)
        if fields is None:
            return None
        user_pool_id = self.identifier(fields, node, field, "user_pool_id", ids.validate_user_pool_id)
        client_id = self.identifier(fields, node, field, "client_id", ids.validate_client_id)
        check = False
        if "server_side_token_check" in fields:
            value = fields["server_side_token_check"][1]
            if not (isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:bool"):
                self.fail(value, f"{field}.server_side_token_check", f"Expected true or false, found {_kind(value)}.")
            else:
                check = value.value.lower() in ("true", "yes", "on", "y")
        if user_pool_id is None or client_id is None:
            return None
        return ProviderSpec(user_pool_id, client_id, check)

    def identifier(self, fields: dict, parent: yaml.Node, field: str, key: str, validate) -> str | None:
        name = f"{field}.{key}"
        if key not in fields:
            self.fail(parent, name, "Missing.")
            return None
        node = fields[key][1]
        if not isinstance(node, yaml.ScalarNode) or node.tag in ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"):
            self.fail(node, name, f"Expected a string, found {_kind(node)}.")
            return None
        try:
            return validate(node.value)
        except CognitoTuiError as exc:
            self.fail(node, name, exc.one_line())
            return None


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    kinds = {"null": "nothing", "bool": "a boolean", "int": "a number", "float": "a number",
             "str": "text", "timestamp": "a date"}
    tag = node.tag.rsplit(":", 1)[-1]
    return kinds.get(tag, tag)


def pool_plan_from_config(config: dict) -> PoolPlan:
    """The pool's current Cognito providers as a plan entry (used by export).

    A malformed provider name raises InputError: a plan cannot express it, and doctor explains it.
    """
    providers = []
    for provider in config.get("CognitoIdentityProviders", []) or []:
        pool = ids.parse_provider_name(provider["ProviderName"])
        providers.append(ProviderSpec(pool, provider["ClientId"], bool(provider.get("ServerSideTokenCheck", False))))
    return PoolPlan(config["IdentityPoolId"], tuple(providers))


def plan_to_dict(plan: Plan) -> dict:
    """The plan as data in the file's own shape (JSON is YAML, so load_plan reads it back)."""
    return {"version": PLAN_VERSION, "identity_pools": [
        {"id": pool.id, "cognito_providers": [
            {"user_pool_id": p.user_pool_id, "client_id": p.client_id,
             "server_side_token_check": p.server_side_token_check} for p in pool.providers]}
        for pool in plan.pools]}


def dump_plan(plan: Plan, comments: dict[str, str] | None = None) -> str:
    """Plan as YAML text (the format load_plan reads). comments: pool id -> a comment line above it."""
    lines = [f"version: {PLAN_VERSION}", "identity_pools:"]
    for pool in plan.pools:
        if comments and pool.id in comments:
            lines.append(f"  # {comments[pool.id]}")
        lines.append(f"  - id: {_quote(pool.id)}")
        lines += provider_lines(pool.providers)
    return "\n".join(lines) + "\n"


def provider_lines(providers: tuple[ProviderSpec, ...]) -> list[str]:
    """A pool's cognito_providers as version 1 plan lines."""
    if not providers:
        return ["    cognito_providers: []"]
    lines = ["    cognito_providers:"]
    for p in providers:
        lines.append(f"      - user_pool_id: {_quote(p.user_pool_id)}")
        lines.append(f"        client_id: {_quote(p.client_id)}")
        lines.append(f"        server_side_token_check: {'true' if p.server_side_token_check else 'false'}")
    return lines


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


