"""The inventory as text (a table and one line per region that failed), CSV, and a progress bar."""

from __future__ import annotations

import csv
import io

from .sweep import OK, STATUS_TEXT, Inventory

CSV_COLUMNS = ("region", "account", "profile", "id", "name", "cognito_providers", "guest_access",
               "authenticated_role", "unauthenticated_role", "error")


def _yes_no(value: bool | None) -> str:
    return "?" if value is None else ("yes" if value else "no")


def _roles(pool) -> str:
    """Which roles are set: both, auth, unauth, none (? when they could not be read)."""
    if pool.roles is None:
        return "?"
    auth, unauth = bool(pool.authenticated_role), bool(pool.unauthenticated_role)
    return "both" if auth and unauth else "auth" if auth else "unauth" if unauth else "none"


def table(header: tuple[str, ...], rows: list[tuple[str, ...]], *, width: int | None = None,
          optional: tuple[str, ...] = (), shrink: tuple[str, ...] = ()) -> list[str]:
    """Padded columns. Given a width (a terminal's), the `optional` columns are dropped in
    order, then the `shrink` columns cut short (never below 8 characters), until it fits."""
    columns = list(range(len(header)))
    widths = [max(len(r[i]) for r in (header, *rows)) for i in columns]

    def total() -> int:
        return sum(widths[i] for i in columns) + 2 * (len(columns) - 1)

    for name in optional:
        if width is None or total() <= width:
            break
        columns.remove(header.index(name))
    for name in shrink:
        i = header.index(name)
        if width is not None and total() > width and i in columns:
            widths[i] = max(8, widths[i] - (total() - width))

    def cell(text: str, i: int) -> str:
        return (text if len(text) <= widths[i] else text[:widths[i] - 1] + "\u2026").ljust(widths[i])

    return ["  ".join(cell(row[i], i) for i in columns).rstrip() for row in (header, *rows)]


def failure_lines(inventory: Inventory) -> list[str]:
    """One line per profile that could not be read and per region that failed."""
    lines = [f"profile {a.label}: {a.error.one_line()}" for a in inventory.accounts if a.error is not None]
    for result in inventory.results:
        if result.status != OK:
            reason = result.error.one_line() if result.error is not None else ""
            lines.append(f"{result.region} ({result.profile}, {result.account or '?'}): "
                         f"{STATUS_TEXT[result.status]}: {reason}".rstrip(": "))
    return lines


def _one_account(inventory: Inventory) -> bool:
    return len({p.account for p in inventory.pools}) <= 1


def render_text(inventory: Inventory, *, width: int | None = None) -> str:
    """A table of pools (fitted to `width` on a terminal), then the regions that failed and a
    one-line summary."""
    # PROV: Cognito providers (user pool + app client pairs); ROLES: which roles are set.
    header = ("REGION", "ACCOUNT", "NAME", "ID", "PROV", "GUEST", "ROLES")
    rows = [(p.region, p.account, p.name, p.id,
             "?" if p.cognito_providers is None else str(p.cognito_providers), _yes_no(p.guest_access), _roles(p))
            for p in inventory.pools]
    lines = []
    if rows:
        # The ID starts with the region, so REGION is the first to go on a narrow terminal.
        lines += table(header, rows, width=width, shrink=("NAME",),
                       optional=("REGION", "ACCOUNT") if _one_account(inventory) else ("REGION",))
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


def render_checkup(checked: list, inventory: Inventory, *, color: bool = False, width: int | None = None) -> str:
    """doctor --all: one line per pool (errors, warnings, the first error's id), then the
    regions that could not be read."""
    header = ("REGION", "ACCOUNT", "NAME", "ID", "ERR", "WARN", "FIRST ERROR")
    rows = []
    for item in checked:
        counts = item.report.counts
        first = next((f.id for f in item.report.findings if f.severity == "error"), "")
        rows.append((item.row.region, item.row.account, item.row.name, item.row.id,
                     str(counts["error"]), str(counts["warning"]), first))
    lines = []
    if rows:
        optional = ("REGION", "ACCOUNT") if _one_account(inventory) else ("REGION",)
        fitted = table(header, rows, width=width, optional=optional, shrink=("NAME", "FIRST ERROR"))
        lines.append(fitted[0])
        for row, line in zip(rows, fitted[1:]):
            lines.append(f"\033[31m{line}\033[0m" if color and row[4] != "0" else line)
    else:
        lines.append("No identity pools found.")
    lines += failure_lines(inventory)
    failing = sum(1 for item in checked if not item.report.ok)
    lines.append(f"{len(checked)} pool(s) checked: {failing} with errors, {len(checked) - failing} without. "
                 "Details: cognito-tui doctor POOL.")
    return "\n".join(lines)
