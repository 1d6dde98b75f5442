"""Step: pick the identity pool, or name a new one ("+ New identity pool": its name and guest
access). Pools load page by page; provider counts are read lazily."""

from __future__ import annotations

from ...errors import InputError
from ...wizard.creations import IDENTITY_POOL, check_name
from ..widgets.row_list import FIT, Column, Row
from .picker import NEW, PickerStep

PENDING = "…"


class IdentityPoolScreen(PickerStep):
    FIELD = "identity_pool_id"
    COLUMNS = [Column("Name"), Column("Region", 9), Column("Cog.", 4), Column("Identity pool ID", FIT, "dim")]
    EMPTY = ("No identity pools found. Enter creates a new one; or type an identity pool ID, or check "
             "--region / --regions.")
    NEW_LABEL = "+ New identity pool"

    def __init__(self, step, flow):
        super().__init__(step, flow)
        self.counts: dict[str, str] = {}

    def row_for(self, choice) -> Row:
        region = choice.value.split(":", 1)[0]
        return Row(choice.value, (choice.label, region, self.counts.get(choice.value, PENDING), choice.value))

    def after_rows(self) -> None:
        if self.state.identity_pool_id:
            self.choices.highlight(self.state.identity_pool_id)
        elif self.state.creating_pool:
            self.choices.highlight(NEW)
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

    def new_item(self, name: str) -> None:
        """Ask the new pool's name, then whether it lets guests in."""
        from ..modals import ConfirmScreen

        def check(value: str) -> str:
            value = check_name(IDENTITY_POOL, value)
            pool_id = self.listed_names().get(value)
            if pool_id:
                raise InputError(f"An identity pool named {value!r} exists already ({pool_id}).",
                                 "Pick it from the list, or give the new pool another name.")
            return value

        def named(value: str) -> None:
            self.app.push_screen(ConfirmScreen(
                f"Guest access for {value}?",
                "Guests (unauthenticated identities) get AWS credentials without signing in. "
                "Most apps keep this off.", yes="Allow guests", no="No guests"),
                lambda guests: self.created(value, bool(guests)))

        if not name and self.state.creating_pool:  # back from the next step: the name given before
            name = self.state.identity_pool_name
        self.ask_name("New identity pool: its name", name, check, named)

    def created(self, name: str, guests: bool) -> None:
        self.state.choose_new_pool(name, guests)
        self.go_next("chosen")
