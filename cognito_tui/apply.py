"""Make pools match a plan, with the safety rules: read-modify-write, diff, conflict check,
backup before write, verify after write. The TUI's Save and `cognito-tui apply` both use this."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .backup import write_backup
from .diff import PoolDiff, config_changes, desired_config, diff_pool
from .errors import EXIT_CONFLICT, EXIT_FAILED, EXIT_OK, AwsError, CognitoTuiError, ConflictError
from .plan import Plan, PoolPlan

UNCHANGED, WOULD_CHANGE, CHANGED = "unchanged", "would_change", "changed"
FAILED, CONFLICT, SKIPPED = "failed", "conflict", "skipped"
DEFAULT_WORKERS = 8


@dataclass
class PoolResult:
    pool_id: str
    status: str
    diff: PoolDiff | None = None
    backup: Path | None = None
    error: CognitoTuiError | None = None
    changed_meanwhile: list = field(default_factory=list)
    base: dict | None = field(default=None, repr=False)  # the configuration this result was based on

    def to_dict(self) -> dict:
        out: dict = {"pool_id": self.pool_id, "status": self.status}
        if self.diff is not None:
            out["diff"] = self.diff.to_dict()
        if self.backup is not None:
            out["backup"] = str(self.backup)
        if self.error is not None:
            out["error"] = self.error.to_dict()
        if self.changed_meanwhile:
            out["changed_meanwhile"] = [{"field": k, "before": b, "now": a} for k, b, a in self.changed_meanwhile]
        return out


@dataclass
class ApplyReport:
    results: list[PoolResult]
    dry_run: bool = False
    interrupted: bool = False

    def by_status(self, status: str) -> list[PoolResult]:
        return [r for r in self.results if r.status == status]

    @property
    def exit_code(self) -> int:
        if self.by_status(FAILED):
            return EXIT_FAILED
        if self.by_status(CONFLICT):
            return EXIT_CONFLICT
        return EXIT_OK

    def to_dict(self) -> dict:
        counts = {s: len(self.by_status(s)) for s in (UNCHANGED, WOULD_CHANGE, CHANGED, FAILED, CONFLICT, SKIPPED)}
        return {"ok": self.exit_code == EXIT_OK and not self.interrupted, "dry_run": self.dry_run,
                "interrupted": self.interrupted, "counts": {k: v for k, v in counts.items() if v},
                "pools": [r.to_dict() for r in self.results]}


def apply_pool(aws, desired: PoolPlan, *, dry_run: bool = False, base: dict | None = None,
               cancel: threading.Event | None = None, current: dict | None = None) -> PoolResult:
    """Apply one pool's plan. With base (the configuration the user saw), a pool that has changed
    since is a conflict and nothing is written. Without base, the read here is the base.
    current: the pool as the caller has just read it, with no AWS call since; it is then this
    function's read (the one the conflict check compares), and the pool is not read again."""
    pool = aws.identity_pools
    try:
        if current is None:
            current = pool.describe(desired.id)
        if base is not None:
            conflict = changed_since(desired.id, base, current)
            if conflict is not None:
                conflict.diff = diff_pool(base, desired)
                return conflict
        diff = diff_pool(current, desired)
        if not diff.has_changes:
            return PoolResult(desired.id, UNCHANGED, diff, base=current)
        if dry_run:
            return PoolResult(desired.id, WOULD_CHANGE, diff, base=current)
        if cancel is not None and cancel.is_set():
            return PoolResult(desired.id, SKIPPED, diff)
        intended = desired_config(current, desired)
        backup = write_backup(current, aws.settings.endpoint_url)
        result = PoolResult(desired.id, CHANGED, diff, backup, base=current)
        try:
            pool.update(intended)
        except ConflictError as exc:
            result.status, result.error = CONFLICT, exc
            return result
        except CognitoTuiError as exc:
            result.status, result.error = FAILED, exc
            return result
        _verify(pool, intended, result)
        return result
    except CognitoTuiError as exc:
        return PoolResult(desired.id, FAILED, error=exc)


def changed_since(pool_id: str, base: dict, current: dict) -> PoolResult | None:
    """A conflict when the pool (current) is no longer as the user read it (base); else None."""
    meanwhile = config_changes(base, current)
    if not meanwhile:
        return None
    return PoolResult(pool_id, CONFLICT, error=ConflictError(
        f"Identity pool {pool_id} changed since it was read ({', '.join(k for k, _, _ in meanwhile)}); "
        "nothing was written.", "Reload the pool, review the diff again, and save."),
        changed_meanwhile=meanwhile)


def _verify(pool, intended: dict, result: PoolResult) -> None:
    try:
        after = pool.describe(intended["IdentityPoolId"])
    except CognitoTuiError as exc:
        result.status = FAILED
        result.error = AwsError(f"Saved, but the pool could not be read back to verify: {exc.message}",
                                "Run the same command again: it reports nothing to change when the save took.")
        return
    mismatch = config_changes(intended, after)
    if mismatch:
        result.status = FAILED
        fields = ", ".join(key for key, _, _ in mismatch)
        result.error = AwsError(
            f"Saved, but reading the pool back shows a different configuration ({fields}).",
            f"Someone may have changed it at the same moment. Compare with the backup {result.backup}; "
            "`cognito-tui rollback` restores it.")


def apply_plan(aws, plan: Plan, *, dry_run: bool = False, workers: int = DEFAULT_WORKERS,
               bases: dict[str, dict] | None = None, cancel: threading.Event | None = None,
               on_result: Callable[[PoolResult], None] | None = None) -> ApplyReport:
    """Apply every pool of the plan concurrently; one pool's failure does not stop the others."""
    cancel = cancel or threading.Event()
    bases = bases or {}
    results: dict[str, PoolResult] = {}
    report = ApplyReport([], dry_run=dry_run)

    def run(desired: PoolPlan) -> PoolResult:
        if cancel.is_set():
            return PoolResult(desired.id, SKIPPED)
        return apply_pool(aws, desired, dry_run=dry_run, base=bases.get(desired.id), cancel=cancel)

    executor = ThreadPoolExecutor(max_workers=max(1, min(workers, len(plan.pools) or 1)),
                                  thread_name_prefix="apply")
    try:
        futures = {executor.submit(run, desired): desired.id for desired in plan.pools}
        for future in as_completed(futures):
            result = future.result()
            results[result.pool_id] = result
            if on_result is not None:
                on_result(result)
    except KeyboardInterrupt:
        cancel.set()
        report.interrupted = True
        executor.shutdown(wait=True, cancel_futures=True)
        for future, pool_id in futures.items():
            if future.done() and not future.cancelled() and pool_id not in results:
                results[pool_id] = future.result()
    finally:
        executor.shutdown(wait=True)
    report.results = [results.get(p.id) or PoolResult(p.id, SKIPPED) for p in plan.pools]
    return report


def restore_pool(aws, backup_config: dict, *, dry_run: bool = False) -> PoolResult:
    """Put a pool back to a backed-up configuration (a new backup of the present one comes first)."""
    pool = aws.identity_pools
    pool_id = backup_config["IdentityPoolId"]
    try:
        current = pool.describe(pool_id)
        changes = config_changes(current, backup_config)
        result = PoolResult(pool_id, UNCHANGED if not changes else (WOULD_CHANGE if dry_run else CHANGED),
                            changed_meanwhile=changes)
        if not changes or dry_run:
            return result
        result.backup = write_backup(current, aws.settings.endpoint_url)
        pool.update(backup_config)
        _verify(pool, backup_config, result)
        return result
    except CognitoTuiError as exc:
        return PoolResult(pool_id, FAILED, error=exc)
