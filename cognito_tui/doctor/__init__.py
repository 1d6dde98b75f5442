"""Doctor: end-to-end checks of an identity pool, its user pools, app clients and roles.

Facts are fetched once (facts.fetch_facts); every check is a pure function of them.
"""

from __future__ import annotations

from .checks import check_pool, check_providers
from .facts import Facts, Fetched, fetch_facts, intended_user_pool, trust_document
from .findings import ERROR, INFO, SEVERITIES, WARNING, AutoFix, Finding, Report, sort_findings
from .fixes import auto_fixes, fix_plan
from .render import render_text, summary_line
from .tokens import check_token
from .trust import check_roles, check_trust_policy, good_trust_policy

CHECKS = (check_pool, check_providers, check_roles, check_token)

__all__ = [
    "AutoFix", "CHECKS", "ERROR", "Facts", "Fetched", "Finding", "INFO", "Report", "SEVERITIES", "WARNING",
    "auto_fixes", "check_pool", "check_providers", "check_roles", "check_token", "check_trust_policy",
    "diagnose", "fetch_facts", "fix_plan", "good_trust_policy", "intended_user_pool",
    "render_text", "run_checks", "summary_line", "trust_document",
]


def run_checks(facts: Facts) -> Report:
    """Every check over the facts; errors first. A pool that cannot be read stops the rest."""
    findings = check_pool(facts)
    if facts.pool.ok:
        for check in CHECKS[1:]:
            findings += check(facts)
    name = facts.config.get("IdentityPoolName", "")
    return Report(facts.pool_id, sort_findings(findings), name)


def diagnose(aws, pool_id: str, *, token: str | None = None, config: dict | None = None) -> tuple[Report, Facts]:
    """Fetch the facts for pool_id and run every check on them (on config instead of the
    pool's current configuration, when given)."""
    facts = fetch_facts(aws, pool_id, token=token, config=config)
    return run_checks(facts), facts
