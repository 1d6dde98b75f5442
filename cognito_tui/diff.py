"""What a plan changes on a pool (providers added, removed, changed; everything else untouched), and
the one way any change to a pool is shown: `+ add / - REMOVE / ~ change` lines, for apply, rollback
and the wizard's review and conflict screens."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from . import ids
from .errors import CognitoTuiError
from .plan import PoolPlan, printable
from .wrapping import DEFAULT_WIDTH, wrap

ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"


@dataclass(frozen=True)
class ProviderChange:
    kind: str
    provider_name: str
    client_id: str
    check_before: bool | None = None
    check_after: bool | None = None

    def to_dict(self) -> dict:
        out = {"change": self.kind, "provider_name": self.provider_name, "client_id": self.client_id}
        if self.kind == CHANGED:
            out["server_side_token_check"] = {"before": self.check_before, "after": self.check_after}
        elif self.kind in (ADDED, UNCHANGED):
            out["server_side_token_check"] = self.check_after
        else:
            out["server_side_token_check"] = self.check_before
        return out


@dataclass(frozen=True)
class PoolDiff:
    pool_id: str
    pool_name: str
    changes: tuple[ProviderChange, ...] = field(default_factory=tuple)
    settings: tuple[tuple[str, object, object], ...] = ()  # other fields the plan sets: (field, before, after)

    def of(self, kind: str) -> list[ProviderChange]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def has_changes(self) -> bool:
        return any(c.kind != UNCHANGED for c in self.changes) or bool(self.settings)

    def summary(self) -> str:
        counts = [f"{len(self.of(k))} {k}" for k in (ADDED, REMOVED, CHANGED) if self.of(k)]
        counts += [f"{key} changed" for key, _, _ in self.settings]
        return ", ".join(counts) if counts else "no changes"

    def to_dict(self) -> dict:
        return {"pool_id": self.pool_id, "pool_name": self.pool_name, "summary": self.summary(),
                "changes": [c.to_dict() for c in self.changes if c.kind != UNCHANGED],
                "unchanged": [c.to_dict() for c in self.of(UNCHANGED)],
                **({"settings": [{"field": k, "before": b, "after": a} for k, b, a in self.settings]}
                   if self.settings else {})}


def _key(provider: dict) -> tuple[str, str]:
    return (provider.get("ProviderName", ""), provider.get("ClientId", ""))


def diff_pool(current: dict, desired: PoolPlan) -> PoolDiff:
    """Compare the pool's providers (as AWS returned them) with the plan's list."""
    have = {_key(p): bool(p.get("ServerSideTokenCheck", False)) for p in current.get("CognitoIdentityProviders") or []}
    want = {spec.key: spec.server_side_token_check for spec in desired.providers}
    changes: list[ProviderChange] = []
    for key, before in have.items():
        if key not in want:
            changes.append(ProviderChange(REMOVED, *key, check_before=before))
        elif want[key] != before:
            changes.append(ProviderChange(CHANGED, *key, check_before=before, check_after=want[key]))
        else:
            changes.append(ProviderChange(UNCHANGED, *key, check_before=before, check_after=before))
    for key, after in want.items():
        if key not in have:
            changes.append(ProviderChange(ADDED, *key, check_after=after))
    settings = []
    guest = bool(current.get("AllowUnauthenticatedIdentities"))
    if desired.allow_unauthenticated is not None and desired.allow_unauthenticated != guest:
        settings.append(("AllowUnauthenticatedIdentities", guest, desired.allow_unauthenticated))
    return PoolDiff(current.get("IdentityPoolId", desired.id), current.get("IdentityPoolName", ""), tuple(changes),
                    tuple(settings))


def desired_config(current: dict, desired: PoolPlan) -> dict:
    """The complete configuration to send: the pool as read, with only the provider list replaced.

    Providers that stay keep their place; new ones follow in plan order.
    """
    want = {spec.key: spec for spec in desired.providers}
    kept = []
    for provider in current.get("CognitoIdentityProviders") or []:
        spec = want.pop(_key(provider), None)
        if spec is not None:
            kept.append(spec.to_aws())
    config = dict(current)
    config["CognitoIdentityProviders"] = kept + [spec.to_aws() for spec in want.values()]
    if desired.allow_unauthenticated is not None:
        config["AllowUnauthenticatedIdentities"] = desired.allow_unauthenticated
    return config


def normalized(config: dict) -> dict:
    """A pool configuration in a canonical form, so two reads of the same pool compare equal."""
    out = {}
    for key, value in config.items():
        if value in (None, [], {}):
            continue
        if key == "CognitoIdentityProviders":
            value = sorted(({"ProviderName": p.get("ProviderName"), "ClientId": p.get("ClientId"),
                             "ServerSideTokenCheck": bool(p.get("ServerSideTokenCheck", False))} for p in value),
                           key=lambda p: (p["ProviderName"], p["ClientId"]))
        elif key in ("OpenIdConnectProviderARNs", "SamlProviderARNs"):
            value = sorted(value)
        elif key == "AllowClassicFlow" and value is False:
            continue
        out[key] = value
    return out


def config_changes(before: dict, after: dict) -> list[tuple[str, object, object]]:
    """Fields whose values differ between two pool configurations: (field, before, after)."""
    a, b = normalized(before), normalized(after)
    return [(key, a.get(key), b.get(key)) for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)]


# Every field of an identity pool, in the order a person reads them, with the words used for it.
FIELDS = (
    ("IdentityPoolName", "name"),
    ("AllowUnauthenticatedIdentities", "guest (unauthenticated) access"),
    ("AllowClassicFlow", "basic (classic) flow"),
    ("DeveloperProviderName", "developer provider name"),
    ("SupportedLoginProviders", "login provider"),
    ("OpenIdConnectProviderARNs", "OpenID Connect provider"),
    ("SamlProviderARNs", "SAML provider"),
    ("CognitoIdentityProviders", "Cognito provider"),
    ("IdentityPoolTags", "tag"),
)
_LABELS = dict(FIELDS)
_ORDER = {key: index for index, (key, _) in enumerate(FIELDS)}
MARKS = {ADDED: "+ add", REMOVED: "- REMOVE", CHANGED: "~ change", UNCHANGED: "keep"}
_COLORS = {ADDED: "32", REMOVED: "31;1", CHANGED: "33"}
_MAX_VALUE = 200


@dataclass(frozen=True)
class DiffLine:
    """One change a person reads: what kind (added, removed, changed, unchanged) and what, in words."""

    kind: str
    text: str

    @property
    def mark(self) -> str:
        return MARKS[self.kind]


def provider_lines(diff: PoolDiff) -> list[DiffLine]:
    """The plan's diff of a pool's Cognito providers, one line per provider."""
    lines = []
    for change in diff.changes:
        who = _provider(change.provider_name, change.client_id)
        if change.kind == CHANGED:
            lines.append(DiffLine(CHANGED, f"{who}: server-side check "
                                           f"{_onoff(change.check_before)} -> {_onoff(change.check_after)}"))
        elif change.kind == REMOVED:
            lines.append(DiffLine(REMOVED, who))
        else:
            lines.append(DiffLine(change.kind, f"{who}, server-side check {_onoff(change.check_after)}"))
    for key, before, after in diff.settings:  # what a version 2 plan sets beside the providers
        lines.append(DiffLine(CHANGED, f"{_LABELS.get(key, key)} {_onoff(before)} -> {_onoff(after)}"))
    return lines


def change_lines(changes: list[tuple[str, object, object]]) -> list[DiffLine]:
    """config_changes' (field, before, after) as lines for every field of the pool: entries of a list
    or a mapping each on their own line, the Cognito providers as in the plan's diff."""
    lines: list[DiffLine] = []
    for key, before, after in sorted(changes, key=lambda c: (_ORDER.get(c[0], len(_ORDER)), c[0])):
        label = _LABELS.get(key, printable(str(key), 80))
        if key == "CognitoIdentityProviders":
            lines += _cognito_provider_lines(before or [], after or [])
        elif key in ("AllowUnauthenticatedIdentities", "AllowClassicFlow"):
            lines.append(DiffLine(CHANGED, f"{label} {_onoff(before)} -> {_onoff(after)}"))
        elif isinstance(before or after, dict):
            lines += _mapping_lines(label, before or {}, after or {})
        elif isinstance(before or after, list):
            old, new = [_value(v) for v in before or []], [_value(v) for v in after or []]
            lines += [DiffLine(REMOVED, f"{label} {v}") for v in old if v not in new]
            lines += [DiffLine(ADDED, f"{label} {v}") for v in new if v not in old]
        else:
            lines.append(_scalar_line(label, before, after))
    return lines


def render_lines(lines: list[DiffLine], *, width: int = DEFAULT_WIDTH, color: bool = False) -> list[str]:
    """Lines for a terminal: the mark in a column of its own, the text wrapped at spaces beside it."""
    out = []
    for line in lines:
        wrapped = wrap(line.text, width, indent=f"  {line.mark:<8}  ")
        code = _COLORS.get(line.kind) if color else None
        out += [f"\033[{code}m{text}\033[0m" if code else text for text in wrapped]
    return out


def render_diff(diff: PoolDiff, *, color: bool = False, width: int = DEFAULT_WIDTH) -> str:
    """A diff a person reads at a glance: one line per provider, removals called out."""
    name = f" ({diff.pool_name})" if diff.pool_name else ""
    summary = diff.summary().replace(" ", "\u00a0")  # "1 added" stays on one line
    lines = [line.replace("\u00a0", " ") for line in wrap(f"Identity pool {diff.pool_id}{name}: {summary}", width, hang="  ")]
    lines += render_lines(provider_lines(diff), width=width, color=color)
    if diff.has_changes:
        lines.append("  (every other setting of the pool stays as it is)")
    return "\n".join(lines)


def render_config_changes(changes: list[tuple[str, object, object]], *, color: bool = False,
                          width: int = DEFAULT_WIDTH) -> str:
    if not changes:
        return "  no differences"
    return "\n".join(render_lines(change_lines(changes), width=width, color=color))


def _provider(provider_name: str, client_id: str) -> str:
    try:
        return f"user pool {ids.parse_provider_name(provider_name)}, client {printable(client_id, _MAX_VALUE)}"
    except CognitoTuiError:
        return f"provider {_value(provider_name)}, client {printable(str(client_id), _MAX_VALUE)}"


def _cognito_provider_lines(before: list[dict], after: list[dict]) -> list[DiffLine]:
    old = {_key(p): bool(p.get("ServerSideTokenCheck", False)) for p in before}
    new = {_key(p): bool(p.get("ServerSideTokenCheck", False)) for p in after}
    changes = [ProviderChange(REMOVED, *key, check_before=check) for key, check in old.items() if key not in new]
    changes += [ProviderChange(CHANGED, *key, check_before=old[key], check_after=check)
                for key, check in new.items() if key in old and old[key] != check]
    changes += [ProviderChange(ADDED, *key, check_after=check) for key, check in new.items() if key not in old]
    return provider_lines(PoolDiff("", "", tuple(changes)))


def _mapping_lines(label: str, before: dict, after: dict) -> list[DiffLine]:
    lines = []
    for key in sorted(set(before) | set(after), key=str):
        name = f"{label} {printable(str(key), _MAX_VALUE)}"
        if key not in after:
            lines.append(DiffLine(REMOVED, f"{name}: {_value(before[key])}"))
        elif key not in before:
            lines.append(DiffLine(ADDED, f"{name}: {_value(after[key])}"))
        elif before[key] != after[key]:
            lines.append(DiffLine(CHANGED, f"{name}: {_value(before[key])} -> {_value(after[key])}"))
    return lines


def _scalar_line(label: str, before: object, after: object) -> DiffLine:
    if before is None:
        return DiffLine(ADDED, f"{label} {_value(after)}")
    if after is None:
        return DiffLine(REMOVED, f"{label} {_value(before)}")
    return DiffLine(CHANGED, f"{label} {_value(before)} -> {_value(after)}")


def _value(value: object) -> str:
    """A value from AWS as a person reads it: text in quotes, escaped; never a Python repr."""
    if isinstance(value, bool):
        return _onoff(value)
    if isinstance(value, str):
        return f'"{printable(value, _MAX_VALUE)}"'
    return printable(json.dumps(value, sort_keys=True, default=str), _MAX_VALUE)


def _onoff(value: bool | None) -> str:
    return "on" if value else "off"
