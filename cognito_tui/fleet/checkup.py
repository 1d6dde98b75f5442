"""doctor --all: the doctor for every pool of an inventory, sharing reads across pools."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..aws.shared_reads import SharedReads
from .sweep import Inventory, PoolRow

# Pools checked at once; each check reads its user pools, clients and roles concurrently too.
POOLS_AT_ONCE = 4


@dataclass(frozen=True)
class Checked:
    row: PoolRow
    report: object  # doctor.Report

    def to_dict(self) -> dict:
        out = self.report.to_dict()
        out.update({"region": self.row.region, "account": self.row.account, "profile": self.row.profile,
                    "name": self.row.name})
        return out


def check_all(inventory: Inventory, *, workers: int = POOLS_AT_ONCE) -> list[Checked]:
    """Run every doctor check on every pool found. The inventory's reads of the pools and their
    roles are reused; user pools, clients and IAM roles are read once per account."""
    from ..doctor import diagnose

    shared: dict[str, SharedReads] = {}
    for account in inventory.accounts:
        if account.swept:
            rows = [r for r in inventory.pools if r.profile == account.label]
            shared[account.label] = SharedReads(
                account.aws, roles={r.id: r.roles for r in rows if r.roles is not None})

    def one(row: PoolRow) -> Checked:
        # A pool the inventory could not describe is read (and reported on) by the doctor itself.
        report, _ = diagnose(shared[row.profile], row.id, config=row.config)
        return Checked(row, report)

    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="doctor-all") as pool:
        return list(pool.map(one, inventory.pools))
