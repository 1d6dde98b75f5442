"""Step: pick the identity pool. Pools load page by page; provider counts are read lazily."""

from __future__ import annotations

from ..widgets.row_list import FIT, Column, Row
from .picker import PickerStep

PENDING = "…"


class IdentityPoolScreen(PickerStep):
    FIELD = "identity_pool_id"
    COLUMNS = [Column("Name"), Column("Region", 9), Column("Cog.", 4), Column("Identity pool ID", FIT, "dim")]
    EMPTY = "No identity pools found. Type an identity pool ID, or check --region / --regions."

    def __init__(self, step, flow):
        super().__init__(step, flow)
        self.counts: dict[str, str] = {}

    def row_for(self, choice) -> Row:
        region = choice.value.split(":", 1)[0]
        return Row(choice.value, (choice.label, region, self.counts.get(choice.value, PENDING), choice.value))

    def after_rows(self) -> None:
        if self.state.identity_pool_id:
            self.choices.highlight(self.state.identity_pool_id)
        super().after_rows()

    def rows_shown(self) -> None:
        """Count the providers of the pools on screen."""
        service = self.flow.service
        self.describe_visible(lambda pool_id: len(service.describe_pool(pool_id).get("CognitoIdentityProviders") or []),
                              self.on_count)

    def on_count(self, item: tuple[str, int | None]) -> None:
        pool_id, count = item
        self.counts[pool_id] = "?" if count is None else str(count)
        row = self.choices.row(pool_id)
        if row is not None:
            self.choices.update_row(pool_id, row.cells[:2] + (self.counts[pool_id],) + row.cells[3:])

    def accept(self, value: str, results: dict) -> None:
        row = self.choices.row(value)
        self.state.choose_pool(value, row.cells[0] if row else "")
        self.go_next("chosen")
