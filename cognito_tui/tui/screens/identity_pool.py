"""Step: pick the identity pool. Pools load page by page; provider counts are read lazily."""

from __future__ import annotations

from ...errors import CognitoTuiError
from ..flow import NEXT
from ..widgets.row_list import FIT, Column, Row, RowList
from .picker import PickerStep

PENDING = "…"


class IdentityPoolScreen(PickerStep):
    FIELD = "identity_pool_id"
    COLUMNS = [Column("Name"), Column("Region", 9), Column("Cog.", 4), Column("Identity pool ID", FIT, "dim")]
    EMPTY = "No identity pools in this region. Type an identity pool ID, or check --region."

    def __init__(self, step, flow):
        super().__init__(step, flow)
        self.counts: dict[str, str] = {}
        self.asked: set[str] = set()

    def row_for(self, choice) -> Row:
        region = choice.value.split(":", 1)[0]
        return Row(choice.value, (choice.label, region, self.counts.get(choice.value, PENDING), choice.value))

    def after_rows(self) -> None:
        if self.state.identity_pool_id:
            self.choices.highlight(self.state.identity_pool_id)
        self.want_counts()

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        self.want_counts()

    def on_row_list_scrolled(self, event: RowList.Scrolled) -> None:
        self.want_counts()

    def want_counts(self) -> None:
        """Describe the pools on screen that have no count yet (never all pools up front)."""
        wanted = [key for key in self.choices.visible_keys() if key not in self.asked]
        if not wanted:
            return
        self.asked.update(wanted)
        service = self.flow.service

        def describe():
            for pool_id in wanted:
                try:
                    config = service.describe_pool(pool_id)
                except CognitoTuiError:
                    yield pool_id, "?"
                    continue
                yield pool_id, str(len(config.get("CognitoIdentityProviders") or []))

        self.stream(describe, self.on_count, group=f"counts-{len(self.asked)}", on_error=lambda e: True)

    def on_count(self, item: tuple[str, str]) -> None:
        pool_id, count = item
        self.counts[pool_id] = count
        row = self.choices.row(pool_id)
        if row is not None:
            self.choices.update_row(pool_id, row.cells[:2] + (count,) + row.cells[3:])

    def accept(self, value: str, results: dict) -> None:
        row = self.choices.row(value)
        self.state.choose_pool(value, row.cells[0] if row else "")
        self.go(NEXT)
