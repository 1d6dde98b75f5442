"""The inventory as text (a table and one line per region that failed), CSV, and a progress bar."""

from __future__ import annotations

import csv
import io

from .sweep import OK, STATUS_TEXT, Inventory

CSV_COLUMNS = ("region", "account", "profile", "id", "name", "cognito_providers", "guest_access",
               "authenticated_role", "unauthenticated_role", "error")


def _yes_no(value: bool | None) -> str:
    return "?" if value is None else ("yes" if value else "no")


def _role(arn: str | None, known: bool) -> str:
    return "?" if not known else ("set" if arn else "-")


def failure_lines(inventory: Inventory) -> list[str]:
    """One line per profile that could not be read and per region that failed."""
    lines = [f"profile {a.label}: {a.error.one_line()}" for a in inventory.accounts if a.error is not None]
    for result in inventory.results:
        if result.status != OK:
            reason = result.error.one_line() if result.error is not None else ""
            lines.append(f"{result.region} ({result.profile}, {result.account or '?'}): "
                         f"{STATUS_TEXT[result.status]}: {reason}".rstrip(": "))
    return lines


def render_text(inventory: Inventory) -> str:
    """A table of pools, then the regions that failed and a one-line summary."""
    header = ("REGION", "ACCOUNT", "NAME", "ID", "PROVIDERS", "GUEST", "AUTH ROLE", "UNAUTH ROLE")
    rows = [(p.region, p.account, p.name, p.id,
             "?" if p.cognito_providers is None else str(p.cognito_providers), _yes_no(p.guest_access),
             _role(p.authenticated_role, p.roles is not None), _role(p.unauthenticated_role, p.roles is not None))
            for p in inventory.pools]
    lines = []
    if rows:
        widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
        for row in (header, *rows):
            lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
        for pool in inventory.pools:
            if pool.error:
                lines.append(f"{pool.id}: {pool.error}")
    else:
        lines.append("No identity pools found.")
    for account in inventory.accounts:
        if account.same_as is not None:
            lines.append(f"profile {account.label}: account {account.account_id} already listed "
                         f"through profile {account.same_as}")
    lines += failure_lines(inventory)
    counts: dict[str, int] = {}
    for result in inventory.results:
        counts[result.status] = counts.get(result.status, 0) + 1
    summary = ", ".join(f"{n} {STATUS_TEXT[s]}" for s, n in sorted(counts.items(), key=lambda kv: kv[0] != OK))
    lines.append(f"{len(inventory.pools)} pool(s); {len(inventory.results)} region(s) read: {summary or 'none'}.")
    return "\n".join(lines)


def render_csv(inventory: Inventory) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for pool in inventory.pools:
        row = pool.to_dict()
        row["guest_access"] = "" if row["guest_access"] is None else str(row["guest_access"]).lower()
        writer.writerow({k: ("" if row.get(k) is None else row.get(k, "")) for k in CSV_COLUMNS})
    return out.getvalue()


def progress_bar(done: int, total: int, pools: int, width: int = 24) -> str:
    filled = width * done // total if total else width
    return f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} regions, {pools} pool(s)"


def render_checkup(checked: list, inventory: Inventory, *, color: bool = False) -> str:
    """doctor --all: one line per pool (errors, warnings, the first error's id), then the
    regions that could not be read."""
    header = ("REGION", "ACCOUNT", "NAME", "ID", "ERRORS", "WARNINGS", "FIRST ERROR")
    rows = []
    for item in checked:
        counts = item.report.counts
        first = next((f.id for f in item.report.findings if f.severity == "error"), "")
        rows.append((item.row.region, item.row.account, item.row.name, item.row.id,
                     str(counts["error"]), str(counts["warning"]), first))
    lines = []
    if rows:
        widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
        lines.append("  ".join(c.ljust(w) for c, w in zip(header, widths)).rstrip())
        for row in rows:
            line = "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()
            lines.append(f"\033[31m{line}\033[0m" if color and row[4] != "0" else line)
    else:
        lines.append("No identity pools found.")
    lines += failure_lines(inventory)
    failing = sum(1 for item in checked if not item.report.ok)
    lines.append(f"{len(checked)} pool(s) checked: {failing} with errors, {len(checked) - failing} without. "
                 "Details: cognito-tui doctor POOL.")
    return "\n".join(lines)
