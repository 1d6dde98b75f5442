"""Undo a version 2 run from its record, newest first: delete what it created, put back the trust
policies, roles and pool configurations it replaced. A user pool that has users is never deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..apply import FAILED, restore_pool
from ..backup import read_backup
from ..diff import CHANGED, REMOVED, UNCHANGED
from ..errors import CognitoTuiError, NotFoundError
from .record import CREATED
from .steps import CLIENT, IDENTITY_POOL, ROLE, ROLES, TRUST, USER_POOL, SetupReport, Step

if TYPE_CHECKING:
    from ..aws.api import AwsApi

_WHAT = {"user_pool": USER_POOL, "client": CLIENT, "identity_pool": IDENTITY_POOL, "role": ROLE,
         "trust_policy": TRUST, "roles": ROLES, "identity_pool_config": IDENTITY_POOL}


class UserPoolHasUsers(CognitoTuiError):
    title = "User pool has users"


def rollback_run(aws: AwsApi, entries: list[dict], *, dry_run: bool = False) -> SetupReport:
    report = SetupReport(dry_run=dry_run)
    created_pools = {e.get("id") for e in entries if e["action"] == CREATED and e["type"] == "identity_pool"}
    failures: list[CognitoTuiError] = []
    for entry in reversed(entries):
        kind, what = entry["type"], _WHAT[entry["type"]]
        if kind == "roles" and entry.get("id") in created_pools:
            continue  # the pool itself goes
        step = Step(REMOVED if entry["action"] == CREATED else CHANGED, what, str(entry.get("name") or ""),
                    str(entry.get("id") or ""), "" if entry["action"] == CREATED else "put back as before the run")
        report.steps.append(step)
        if dry_run:
            continue
        try:
            _undo(aws, entry, step)
            step.done = True
        except NotFoundError:
            step.kind, step.detail, step.done = UNCHANGED, "already gone", True
        except CognitoTuiError as exc:
            step.detail = f"NOT undone: {exc.message}"
            failures.append(exc)
    if failures:
        report.error = failures[0] if len(failures) == 1 else CognitoTuiError(
            f"{len(failures)} steps were not undone: " + "; ".join(f.message for f in failures),
            "Fix what is named and run the same rollback again: what is gone already is skipped.")
    return report


def _undo(aws: AwsApi, entry: dict, step: Step) -> None:
    kind, ident = entry["type"], entry.get("id")
    if entry["action"] == CREATED:
        if kind == "client":
            aws.user_pools.delete_client(entry["user_pool_id"], ident)
        elif kind == "user_pool":
            if aws.user_pools.has_users(ident):
                raise UserPoolHasUsers(
                    f"User pool {ident} ({entry.get('name')}) has users, so it was not deleted.",
                    "Delete its users first (aws cognito-idp list-users / admin-delete-user), or delete the "
                    f"pool and its users yourself: aws cognito-idp delete-user-pool --user-pool-id {ident}.")
            aws.user_pools.delete(ident)
        elif kind == "identity_pool":
            aws.identity_pools.delete(ident)
        elif kind == "role":
            aws.roles.delete(ident)
        return
    if kind == "trust_policy":
        aws.roles.update_trust(ident, entry["before"])
    elif kind == "roles":
        before = entry.get("before") or {}
        aws.identity_pools.set_roles(ident, before.get("Roles") or {}, before.get("RoleMappings"))
    elif kind == "identity_pool_config":
        result = restore_pool(aws, read_backup(entry["backup"]))
        if result.status == FAILED:
            raise result.error
