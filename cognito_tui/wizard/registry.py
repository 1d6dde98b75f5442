"""The names wizards/*.yaml may use, and what they stand for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import actions, sources, validators
from .spec import WizardSpec


@dataclass(frozen=True)
class ValidatorEntry:
    func: Callable[[validators.Context, str], Any]
    remote: bool = False  # calls AWS: run it in a worker


VALIDATORS: dict[str, ValidatorEntry] = {
    "identity_pool_id_format": ValidatorEntry(validators.identity_pool_id_format),
    "user_pool_id_format": ValidatorEntry(validators.user_pool_id_format),
    "user_pool_exists": ValidatorEntry(validators.user_pool_exists, remote=True),
    "client_id_format": ValidatorEntry(validators.client_id_format),
    "client_in_user_pool": ValidatorEntry(validators.client_in_user_pool, remote=True),
    "not_already_a_provider": ValidatorEntry(validators.not_already_a_provider),
    "role_arn_format": ValidatorEntry(validators.role_arn_format),
    "plan_path": ValidatorEntry(validators.plan_path),
}

CHOICE_SOURCES: dict[str, Callable] = {
    "identity_pools": sources.identity_pools,
    "user_pools": sources.user_pools,
    "app_clients": sources.app_clients,
    "roles": sources.roles,
}

ACTIONS: dict[str, Callable] = {
    "apply_setup_plan": actions.apply_setup_plan,
    "preview_setup_plan": actions.preview_setup_plan,
    "write_plan": actions.write_plan,
    "plan_text": actions.plan_text,
}


def unresolved(spec: WizardSpec) -> dict[str, set[str]]:
    """Names the wizard uses that nothing is registered under (empty when all resolve)."""
    known = {"validators": VALIDATORS, "choices": CHOICE_SOURCES, "actions": ACTIONS}
    return {kind: {n for n in names if n not in known[kind]}
            for kind, names in spec.names.items() if any(n not in known[kind] for n in names)}


def validate(names: tuple[str, ...], ctx: validators.Context, value: str, *, remote: bool = True) -> dict[str, Any]:
    """Run the named validators in order; the first failure raises InputError.
    With remote=False only the local checks run (for checking as you type)."""
    results: dict[str, Any] = {}
    for name in names:
        entry = VALIDATORS[name]
        if entry.remote and not remote:
            continue
        results[name] = entry.func(ctx, value)
    return results


def has_remote(names: tuple[str, ...]) -> bool:
    return any(VALIDATORS[n].remote for n in names)
