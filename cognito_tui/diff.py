"""What a plan changes on a pool: providers added, removed, changed; everything else untouched."""

from __future__ import annotations

from dataclasses import dataclass, field

from .plan import PoolPlan

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

    def of(self, kind: str) -> list[ProviderChange]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def has_changes(self) -> bool:
        return any(c.kind != UNCHANGED for c in self.changes)

    def summary(self) -> str:
        counts = [f"{len(self.of(k))} {k}" for k in (ADDED, REMOVED, CHANGED) if self.of(k)]
        return ", ".join(counts) if counts else "no changes"

    def to_dict(self) -> dict:
        return {"pool_id": self.pool_id, "pool_name": self.pool_name, "summary": self.summary(),
                "changes": [c.to_dict() for c in self.changes if c.kind != UNCHANGED],
                "unchanged": [c.to_dict() for c in self.of(UNCHANGED)]}


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
    return PoolDiff(current.get("IdentityPoolId", desired.id), current.get("IdentityPoolName", ""), tuple(changes))


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


def render_diff(diff: PoolDiff, *, color: bool = False) -> str:
    """A diff a person reads at a glance: one line per provider, removals called out."""
    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if color else text

    name = f" ({diff.pool_name})" if diff.pool_name else ""
    lines = [f"Identity pool {diff.pool_id}{name}: {diff.summary()}"]
    for change in diff.changes:
        provider = f"{change.provider_name}  client {change.client_id}"
        if change.kind == ADDED:
            lines.append(paint(f"  + add     {provider}  server-side check {_onoff(change.check_after)}", "32"))
        elif change.kind == REMOVED:
            lines.append(paint(f"  - REMOVE  {provider}", "31;1"))
        elif change.kind == CHANGED:
            lines.append(paint(f"  ~ change  {provider}  server-side check "
                               f"{_onoff(change.check_before)} -> {_onoff(change.check_after)}", "33"))
        else:
            lines.append(f"    keep    {provider}")
    if diff.has_changes:
        lines.append("    (every other setting of the pool stays as it is)")
    return "\n".join(lines)


def render_config_changes(changes: list[tuple[str, object, object]]) -> str:
    if not changes:
        return "  no differences"
    return "\n".join(f"  ~ {key}: {before!r} -> {after!r}" for key, before, after in changes)


def _onoff(value: bool | None) -> str:
    return "on" if value else "off"
