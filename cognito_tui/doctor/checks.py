"""Checks of the pool, its providers, user pools and app clients: pure functions over Facts."""

from __future__ import annotations

from .. import ids
from ..errors import (
    AWS_AUTH_FLOW, AWS_ISSUER_MISMATCH, AWS_LIMIT, AWS_LOGINS_DONT_MATCH, AWS_NOT_SUPPORTED, AWS_SECRET_HASH,
    AWS_UNAUTH_NOT_SUPPORTED, CognitoTuiError,
)
from ..plan import ProviderSpec
from .facts import Facts, intended_user_pool
from .findings import ERROR, INFO, REMOVE, REPLACE, WARNING, AutoFix, Finding, would_see

QUOTA_NEAR = 45
_ADD_PROVIDER = ('the wizard (`cognito-tui`), steps "User pool" and "App client"; or a plan file '
                 "listing the provider and `cognito-tui apply PLAN`")


def provider_subject(provider: dict) -> str:
    return f"{provider.get('ProviderName', '')} (client {provider.get('ClientId', '')})"


def check_pool(facts: Facts) -> list[Finding]:
    """The pool can be read, has a Cognito provider, is within the quota; guest access noted."""
    pool_id = facts.pool_id
    if not facts.pool.ok:
        error = facts.pool.error
        if facts.pool.missing:
            return [Finding(
                "pool.not-found", ERROR, pool_id,
                f"Identity pool {pool_id} does not exist in its region ({pool_id.split(':', 1)[0]}).",
                f"Every call on it fails with ResourceNotFoundException: {error.aws_message or error.message}",
                "Check the pool ID and the account (--profile); `aws cognito-identity list-identity-pools "
                "--max-results 60` lists the pools there.")]
        return [Finding(
            "pool.unreadable", ERROR, pool_id, f"Identity pool {pool_id} could not be read: {error.message}",
            "Nothing else can be checked until the pool can be read.",
            error.hint or "Grant cognito-identity:DescribeIdentityPool to your identity, or use another --profile.")]
    findings: list[Finding] = []
    config = facts.config
    providers = facts.providers
    if not providers:
        findings.append(Finding(
            "pool.no-cognito-provider", ERROR, pool_id,
            "The identity pool has no Cognito user pool provider, so no user pool sign-in is accepted.",
            would_see(AWS_LOGINS_DONT_MATCH), f"Add the user pool and app client with {_ADD_PROVIDER}."))
    count, quota = len(providers), ids.MAX_PROVIDERS_PER_POOL
    if count >= QUOTA_NEAR:
        findings.append(Finding(
            "pool.provider-quota", WARNING if count >= quota else INFO, pool_id,
            f"The pool has {count} user-pool providers; the quota is {quota} per identity pool.",
            f"Adding a provider beyond the quota fails with {AWS_LIMIT}.",
            "Remove providers that are no longer used, or request a quota increase (Service Quotas, "
            "Amazon Cognito Federated Identities)."))
    if config.get("AllowUnauthenticatedIdentities"):
        findings.append(Finding(
            "pool.unauthenticated-on", INFO, pool_id,
            "Guest (unauthenticated) access is on: anyone can get credentials for the unauthenticated role.",
            "With guest access on, a sign-in that sends an empty or wrong logins map silently gets guest "
            f'credentials instead of the error "{AWS_UNAUTH_NOT_SUPPORTED}".',
            "If guests should not get AWS credentials, turn guest access off in the console "
            "(`aws cognito-identity update-identity-pool` resets every field not given: pass the full "
            "configuration from describe-identity-pool)."))
    return findings


def check_providers(facts: Facts) -> list[Finding]:
    findings: list[Finding] = []
    keys = {(p.get("ProviderName", ""), p.get("ClientId", "")) for p in facts.providers}
    for provider in facts.providers:
        findings += _name_findings(provider, keys, facts.pool_id)
        findings += _target_findings(facts, provider)
        findings.append(_token_check_info(provider))
    return findings


def _name_findings(provider: dict, keys: set[tuple[str, str]], pool_id: str) -> list[Finding]:
    name, client = provider.get("ProviderName", ""), provider.get("ClientId", "")
    try:
        ids.parse_provider_name(name)
        return []
    except CognitoTuiError as exc:
        problem = exc
    user_pool = intended_user_pool(name)
    auto_fix = None
    if user_pool is not None:
        spec = ProviderSpec(user_pool, client, bool(provider.get("ServerSideTokenCheck", False)))
        auto_fix = (AutoFix(REMOVE, name, client) if spec.key in keys
                    else AutoFix(REPLACE, name, client, spec))
    match = ids.PROVIDER_NAME.fullmatch(name)
    mismatch = bool(match and user_pool and match.group("region") != user_pool.rsplit("_", 1)[0])
    check_id = "provider.region-mismatch" if mismatch else "provider.malformed-name"
    fix = problem.hint
    if user_pool is not None:
        fix += f" Change it in the wizard (step \"Providers\"), or apply doctor's fix plan: {_fix_plan_hint(pool_id)}."
    return [Finding(check_id, ERROR, provider_subject(provider), problem.message,
                    f"The logins-map key must equal the token issuer; {would_see(AWS_ISSUER_MISMATCH)}",
                    fix, auto_fix)]


def _fix_plan_hint(pool_id: str) -> str:
    return f"`cognito-tui doctor {pool_id} --write-plan fix.yaml` then `cognito-tui apply fix.yaml`"


def _target_findings(facts: Facts, provider: dict) -> list[Finding]:
    name, client = provider.get("ProviderName", ""), provider.get("ClientId", "")
    user_pool, pool_id = intended_user_pool(name), facts.pool_id
    if user_pool is None:
        return []
    subject = provider_subject(provider)
    described = facts.user_pools.get(user_pool)
    if described is None:
        return []
    if described.missing:
        return [Finding(
            "userpool.not-found", WARNING, subject,
            f"User pool {user_pool} cannot be found from this account: deleted, recreated with a new ID, "
            "or in another account (which AWS accepts).",
            f"If it is gone, no token can come from it; a recreated pool's tokens are refused: "
            f"{would_see(AWS_NOT_SUPPORTED)}",
            # No automatic fix: from here a deleted pool and another account's look the same, and a
            # fix plan must never remove a provider that works.
            f"If it is in another account, keep it. Otherwise remove the provider in the wizard (step "
            f"\"Providers\"), or replace it with the new user pool and client ({_ADD_PROVIDER}).")]
    if not described.ok:
        return [Finding(
            "userpool.unreadable", WARNING, subject,
            f"User pool {user_pool} could not be read: {described.error.message}",
            "Its app client and flows cannot be checked.",
            described.error.hint or "Grant cognito-idp:DescribeUserPool to your identity.")]
    got = facts.clients.get((user_pool, client))
    if got is None:
        return []
    if got.missing:
        home = facts.client_homes.get(client)
        where = f" It belongs to user pool {home}." if home else ""
        return [Finding(
            "client.not-in-user-pool", ERROR, subject,
            f"App client {client} does not exist in user pool {user_pool}.{where}",
            f"Tokens of that user pool never carry this client as `aud`: {would_see(AWS_NOT_SUPPORTED)}",
            f"Pick a client of {user_pool} (`aws cognito-idp list-user-pool-clients --user-pool-id "
            f"{user_pool}`; wizard step \"App client\"); {_fix_plan_hint(pool_id)} removes this provider.",
            AutoFix(REMOVE, name, client))]
    if not got.ok:
        return [Finding(
            "client.unreadable", WARNING, subject,
            f"App client {client} could not be read: {got.error.message}",
            "Its flows and secret cannot be checked.",
            got.error.hint or "Grant cognito-idp:DescribeUserPoolClient to your identity.")]
    return _client_findings(subject, user_pool, got.value)


def _client_findings(subject: str, user_pool: str, details) -> list[Finding]:
    findings: list[Finding] = []
    client = details.id
    keep = ("(update-user-pool-client resets every setting not given: repeat the client's other "
            "settings from describe-user-pool-client)")
    flows = " ".join(sorted(set(details.auth_flows) | {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}))
    update = (f"aws cognito-idp update-user-pool-client --user-pool-id {user_pool} --client-id {client} "
              f"--explicit-auth-flows {flows} {keep}")
    if not details.allows_srp:
        findings.append(Finding(
            "client.no-srp", WARNING, subject,
            f"App client {client} does not allow the SRP sign-in flow (ALLOW_USER_SRP_AUTH); "
            f"it allows: {', '.join(details.auth_flows) or 'nothing listed'}.",
            f"The SDKs and `cognito-tui signin` sign in with SRP; AWS would answer: \"{AWS_AUTH_FLOW}\"",
            update))
    if not details.allows_refresh:
        findings.append(Finding(
            "client.no-refresh", WARNING, subject,
            f"App client {client} does not allow refreshing tokens (ALLOW_REFRESH_TOKEN_AUTH).",
            "ID tokens expire (5 minutes to 1 day); without refresh, users must sign in again and "
            f"the refresh fails with \"{AWS_AUTH_FLOW}\".", update))
    if details.has_secret:
        findings.append(Finding(
            "client.has-secret", WARNING, subject,
            f"App client {client} has a client secret; browser and mobile SDKs cannot keep one.",
            f"Every sign-in without the right SECRET_HASH fails: "
            f"{would_see(AWS_SECRET_HASH.replace('<id>', client))}",
            f"For apps that run on users' devices, create a client without a secret: `aws cognito-idp "
            f"create-user-pool-client --user-pool-id {user_pool} --client-name app --no-generate-secret "
            "--explicit-auth-flows ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH`, then add it "
            "(wizard step \"App client\"). Keep this one only for a server that holds the secret."))
    return findings


def _token_check_info(provider: dict) -> Finding:
    on = bool(provider.get("ServerSideTokenCheck", False))
    if on:
        message = ("Server-side token check is on: Cognito asks the user pool about each token, so "
                   "tokens of signed-out or disabled users are refused.")
        fix = "Nothing to do; turn it off (plan field server_side_token_check: false) only to save that call."
    else:
        message = ("Server-side token check is off: a token stays accepted after a global sign-out "
                   "until it expires.")
        fix = ("To refuse signed-out users at once, set server_side_token_check: true for this provider "
               "(plan file, or the wizard's provider step) and apply it.")
    return Finding("provider.server-side-token-check", INFO, provider_subject(provider), message,
                   "Terraform and the API default to off; CDK defaults to on.", fix)
