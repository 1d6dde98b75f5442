"""Checks of a user-pool token against the pool's providers (decoded, never verified: no secrets)."""

from __future__ import annotations

from ..jwt_claims import unverified_claims
from .facts import Facts, intended_user_pool
from ..errors import AWS_ISSUER_MISMATCH, AWS_MISSING_AUD, AWS_NOT_SUPPORTED, AWS_TOKEN_EXPIRED
from .findings import ERROR, Finding, would_see

SUBJECT = "token"
ISSUER_PREFIX = "https://"


def check_token(facts: Facts) -> list[Finding]:
    if facts.token is None or not facts.pool.ok:
        return []
    try:
        claims = unverified_claims(facts.token.strip())
    except ValueError as exc:
        return [Finding("token.malformed", ERROR, SUBJECT, f"The token cannot be read: {exc}.",
                        "Cognito refuses a login it cannot parse.",
                        "Pass the user pool's ID token (the IdToken of InitiateAuth's AuthenticationResult).")]
    findings: list[Finding] = []
    token_use = claims.get("token_use")
    is_id = token_use == "id"
    if not is_id:
        findings.append(Finding(
            "token.not-id-token", ERROR, SUBJECT,
            f"This is not an ID token (token_use is {token_use!r}); the logins map takes the ID token.",
            would_see(AWS_MISSING_AUD), "Put AuthenticationResult.IdToken in the logins map, not the AccessToken."))
    findings += _issuer_and_audience(facts, claims, check_aud=is_id)
    findings += _expiry(facts, claims)
    return findings


def _issuer_and_audience(facts: Facts, claims: dict, *, check_aud: bool) -> list[Finding]:
    iss = claims.get("iss")
    if not isinstance(iss, str) or not iss.startswith(ISSUER_PREFIX):
        return [Finding("token.issuer-unknown", ERROR, SUBJECT, f"The token's issuer {iss!r} is not a user pool.",
                        would_see(AWS_NOT_SUPPORTED), "Use a token from one of the pool's user pools.")]
    name = iss[len(ISSUER_PREFIX):]
    user_pool = intended_user_pool(name)
    exact = [p for p in facts.providers if p.get("ProviderName") == name]
    similar = [p for p in facts.providers
               if user_pool and p.get("ProviderName") != name
               and intended_user_pool(p.get("ProviderName", "")) == user_pool]
    if not exact and similar:
        return [Finding(
            "token.issuer-unknown", ERROR, SUBJECT,
            f"The token comes from {name}, but the pool lists that user pool as "
            f"{similar[0].get('ProviderName')!r}.", would_see(AWS_ISSUER_MISMATCH),
            f"Correct the provider name to {name} (see the provider findings), and build the logins-map "
            "key from the token's iss.")]
    if not exact:
        return [Finding(
            "token.issuer-unknown", ERROR, SUBJECT,
            f"The token comes from user pool {user_pool or name}, which is not a provider of this pool.",
            would_see(AWS_NOT_SUPPORTED),
            "Add that user pool and its app client to the pool (wizard steps \"User pool\" and "
            "\"App client\"), or sign in to a user pool the pool lists.")]
    if not check_aud:
        return []
    aud = claims.get("aud")
    clients = {p.get("ClientId") for p in exact}
    if aud not in clients:
        return [Finding(
            "token.audience-unknown", ERROR, SUBJECT,
            f"The token is for app client {aud!r}; the pool lists this user pool only with client(s) "
            f"{', '.join(sorted(str(c) for c in clients))}.", would_see(AWS_NOT_SUPPORTED),
            f"Add the provider {name} with client {aud} to the pool (wizard step \"App client\"), "
            "or sign in through a client the pool lists.")]
    return []


def _expiry(facts: Facts, claims: dict) -> list[Finding]:
    exp = claims.get("exp")
    if not isinstance(exp, (int, float)) or isinstance(exp, bool):
        return [Finding("token.malformed", ERROR, SUBJECT, "The token has no numeric exp claim.",
                        "Cognito refuses a token without an expiry.", "Pass a token issued by the user pool.")]
    now = int(facts.now)
    if exp <= now:
        return [Finding(
            "token.expired", ERROR, SUBJECT,
            f"The token expired {now - int(exp)} s ago (exp {int(exp)}, now {now}).",
            would_see(AWS_TOKEN_EXPIRED),
            "Refresh the user pool tokens (REFRESH_TOKEN_AUTH) or sign in again, then use the new ID token.")]
    return []
