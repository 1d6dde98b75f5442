"""May cognito-identity assume a role for this identity pool and login? The one answer both the
local Cognito (GetCredentialsForIdentity) and the doctor give, from cognito_tui.iam_policy.

cognito-identity asks STS for credentials as the Federated principal cognito-identity.amazonaws.com
with the action sts:AssumeRoleWithWebIdentity, and sends the condition keys
cognito-identity.amazonaws.com:aud (the identity pool ID), :sub (the identity ID) and :amr
("authenticated" plus the login's provider entries, or "unauthenticated").

One rule beyond plain policy evaluation: IAM refuses a trust policy that lets any identity pool
assume a role (Cognito developer guide, "IAM roles": a role trusting cognito-identity.amazonaws.com
needs a cognito-identity.amazonaws.com:aud condition). A statement that allows without any aud
condition therefore does not count: such a role could not exist on AWS, and treating it as working
would hide what AWS refuses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .iam_policy import ALLOW, Decision, Request, StatementResult, as_list, evaluate

PRINCIPAL = "cognito-identity.amazonaws.com"
PRINCIPAL_TYPE = "Federated"
ACTION = "sts:AssumeRoleWithWebIdentity"
AUD_KEY = f"{PRINCIPAL}:aud"
AMR_KEY = f"{PRINCIPAL}:amr"
SUB_KEY = f"{PRINCIPAL}:sub"
AUTHENTICATED, UNAUTHENTICATED = "authenticated", "unauthenticated"
KINDS = (AUTHENTICATED, UNAUTHENTICATED)
# Who each kind of role is for, as the doctor and the trust fix name them.
USERS = {AUTHENTICATED: "signed-in users", UNAUTHENTICATED: "guests"}
# Trust policies are asked about users not known yet: a stand-in identity, user and user pool.
SOME_IDENTITY = "00000000-0000-0000-0000-000000000000"
SOME_USER = "<user sub>"


def authenticated_amr(provider: str, subject: str) -> list[str]:
    """The amr cognito-identity sends for a user-pool login: authenticated, the provider, the user."""
    return [AUTHENTICATED, provider, f"{provider}:CognitoSignIn:{subject}"]


def other_kind(kind: str) -> str:
    return UNAUTHENTICATED if kind == AUTHENTICATED else AUTHENTICATED


def some_identity(pool_id: str) -> str:
    """A stand-in identity of the pool, in the pool's region."""
    return f"{pool_id.split(':', 1)[0]}:{SOME_IDENTITY}"


def amrs_of(kind: str, pool_id: str, providers: Sequence[str] = ()) -> list[list[str]]:
    """The amr values cognito-identity sends for this pool's users of a kind: a guest's, or a user's
    signed in through each provider (a stand-in user pool of the pool's region when none is named)."""
    if kind == UNAUTHENTICATED:
        return [[UNAUTHENTICATED]]
    names = list(dict.fromkeys(providers)) or [
        f"cognito-idp.{pool_id.split(':', 1)[0]}.amazonaws.com/<user pool id>"]
    return [authenticated_amr(name, SOME_USER) for name in names]


def admits(policy: Mapping[str, Any], pool_id: str, kind: str, providers: Sequence[str] = ()) -> bool:
    """Whether the trust policy lets cognito-identity assume the role for every user of this kind."""
    return all(decide(policy, pool_id, some_identity(pool_id), amr).allowed
               for amr in amrs_of(kind, pool_id, providers))


def request(pool_id: str, identity_id: str, amr: Sequence[str]) -> Request:
    return Request(PRINCIPAL_TYPE, PRINCIPAL, ACTION,
                   {AUD_KEY: [pool_id], SUB_KEY: [identity_id], AMR_KEY: list(amr)})


def has_aud_condition(statement: StatementResult) -> bool:
    return any(c.key.lower() == AUD_KEY for c in statement.conditions)


def trusts_cognito_identity(statement: Mapping[str, Any]) -> bool:
    """The statement's Principal names cognito-identity.amazonaws.com as a Federated principal."""
    principal = statement.get("Principal")
    if not isinstance(principal, Mapping):
        return False
    return PRINCIPAL in (str(p).lower() for p in as_list(principal.get(PRINCIPAL_TYPE)))


@dataclass(frozen=True)
class Verdict:
    decision: Decision

    @property
    def unscoped(self) -> tuple[StatementResult, ...]:
        """Allow statements that apply but name no aud condition (IAM refuses them for this principal)."""
        return tuple(s for s in self.decision.allowed_by if not has_aud_condition(s))

    @property
    def allowed(self) -> bool:
        return self.decision.allowed and any(has_aud_condition(s) for s in self.decision.allowed_by)

    def explain(self) -> str:
        if self.decision.allowed and not self.allowed:
            labels = ", ".join(s.label for s in self.unscoped)
            return f"only {labels} allows it, with no {AUD_KEY} condition, which IAM refuses"
        return self.decision.explain()


def decide(policy: Mapping[str, Any], pool_id: str, identity_id: str, amr: Sequence[str]) -> Verdict:
    """Whether the trust policy lets cognito-identity assume the role for this pool, identity and amr."""
    return Verdict(evaluate(policy, request(pool_id, identity_id, amr)))


def good_statement(pool_id: str, amr: str = AUTHENTICATED) -> dict:
    return {"Effect": ALLOW, "Principal": {PRINCIPAL_TYPE: PRINCIPAL}, "Action": ACTION,
            "Condition": {"StringEquals": {AUD_KEY: pool_id}, "ForAnyValue:StringLike": {AMR_KEY: amr}}}


def good_trust_policy(pool_id: str, amr: str = AUTHENTICATED) -> dict:
    """The trust policy an identity pool role needs (authenticated or unauthenticated)."""
    return {"Version": "2012-10-17", "Statement": [good_statement(pool_id, amr)]}
