"""Turn doctor's automatic fixes into a plan that `apply` (or the wizard's Save) can apply."""

from __future__ import annotations

from collections.abc import Iterable

from .. import ids
from ..errors import CognitoTuiError, InputError
from ..plan import PoolPlan, ProviderSpec
from .findings import REMOVE, REPLACE, AutoFix, Finding


def auto_fixes(findings: Iterable[Finding]) -> list[AutoFix]:
    return [f.auto_fix for f in findings if f.auto_fix is not None]


def fix_plan(pool_config: dict, findings: Iterable[Finding]) -> PoolPlan:
    """The pool's providers with every automatic fix applied; pass it to cognito_tui.apply.apply_pool.

    A removal wins over a replacement of the same entry. A malformed provider without a fix cannot
    be written as a plan, so it raises InputError naming it.
    """
    fixes: dict[tuple[str, str], AutoFix] = {}
    for fix in auto_fixes(findings):
        if fix.key not in fixes or fix.action == REMOVE:
            fixes[fix.key] = fix
    providers: list[ProviderSpec] = []
    seen: set[tuple[str, str]] = set()
    unfixable: list[str] = []
    for provider in pool_config.get("CognitoIdentityProviders") or []:
        name, client = provider.get("ProviderName", ""), provider.get("ClientId", "")
        check = bool(provider.get("ServerSideTokenCheck", False))
        fix = fixes.get((name, client))
        if fix is not None and fix.action == REMOVE:
            continue
        if fix is not None and fix.action == REPLACE and fix.spec is not None:
            spec = fix.spec
        else:
            try:
                spec = ProviderSpec(ids.parse_provider_name(name), client, check)
            except CognitoTuiError:
                unfixable.append(name)
                continue
        if spec.key not in seen:
            seen.add(spec.key)
            providers.append(spec)
    if unfixable:
        raise InputError(f"No automatic fix for the provider name(s) {', '.join(repr(n) for n in unfixable)}.",
                         "Correct or remove them by hand (wizard step \"Providers\"), then run doctor again.")
    return PoolPlan(pool_config["IdentityPoolId"], tuple(providers))
