"""User-pool tokens as AWS issues them: signed with the pool's own key, and ID tokens that carry
the user's groups and their IAM roles (`cognito:groups`, `cognito:roles`, `cognito:preferred_role`).

moto's CognitoIdpUserPool.create_jwt is replaced by create_jwt below (moto_bridge installs it):
the claims moto builds are kept, the group claims are added, and the pool's key signs.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from . import signing_keys


def _rank(group: Any) -> tuple[int, float, str]:
    # Lower precedence wins; a group without precedence ranks after every group with one.
    precedence = group.precedence
    return (0, float(precedence), group.group_name) if isinstance(precedence, int) else (1, 0.0, group.group_name)


def group_claims(groups: Any) -> dict[str, Any]:
    """The group claims of an ID token for a user in these moto groups.

    AWS: cognito:roles lists the role of every group that has one; cognito:preferred_role is the
    role of the group with the lowest precedence; when several groups share that precedence with
    different roles, no group takes precedence and the claim is left out."""
    ranked = sorted(groups, key=_rank)
    if not ranked:
        return {}
    claims: dict[str, Any] = {"cognito:groups": [g.group_name for g in ranked]}
    with_role = [g for g in ranked if g.role_arn]
    if not with_role:
        return claims
    claims["cognito:roles"] = list(dict.fromkeys(g.role_arn for g in with_role))
    best = _rank(with_role[0])[:2]
    best_roles = {g.role_arn for g in with_role if _rank(g)[:2] == best}
    if len(best_roles) == 1:
        claims["cognito:preferred_role"] = with_role[0].role_arn
    return claims


def create_jwt(pool: Any, client_id: str, username: str, token_use: str, expires_in: int = 60 * 60,
               extra_data: dict[str, Any] | None = None) -> tuple[str, int]:
    """moto's CognitoIdpUserPool.create_jwt with the same claims, AWS's group claims on ID tokens,
    and the pool's own signing key."""
    now = int(time.time())
    user = pool._get_user(username)
    payload: dict[str, Any] = {
        "iss": f"https://cognito-idp.{pool.region}.amazonaws.com/{pool.id}",
        "sub": user.id,
        "client_id" if token_use == "access" else "aud": client_id,
        "token_use": token_use,
        "iat": now,
        "auth_time": now,
        "exp": now + expires_in,
        "jti": str(uuid.uuid4()),
    }
    username_is_email = "email" in pool.extended_config.get("UsernameAttributes", [])
    if token_use == "access":
        payload["username"] = payload["sub"] if username_is_email else username
    if token_use == "id":
        if username_is_email:
            payload["cognito:username"] = payload["sub"]
            payload["email"] = username
        else:
            payload["cognito:username"] = username
    payload.update(extra_data or {})
    # moto adds cognito:groups in set order; AWS's claims come ranked, with the roles beside them.
    payload.pop("cognito:groups", None)
    claims = group_claims(user.groups)
    if token_use == "access":
        claims = {k: v for k, v in claims.items() if k == "cognito:groups"}
    payload.update(claims)
    return signing_keys.sign(pool.id, payload), expires_in
