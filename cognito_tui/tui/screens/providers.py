"""Step: the pool's Cognito providers (add, remove, toggle the server-side check) and, read-only,
its other providers."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from ... import ids
from ...errors import CognitoTuiError
from ...plan import ProviderSpec, pool_plan_from_config
from ..flow import BACK
from .base import StepScreen


class ProvidersScreen(StepScreen):
    BINDINGS = [
        Binding("enter", "add", "Add user pool", priority=True),
        Binding("a", "add", "Add", show=False),
        Binding("r", "review", "Review"),
        Binding("d", "remove", "Remove"),
        Binding("delete", "remove", "Remove", show=False),
        Binding("t", "toggle", "Check on/off"),
        Binding("space", "toggle", "Check on/off", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="pool-title", markup=False)
        table = DataTable(id="providers", cursor_type="row", zebra_stripes=False)
        table.add_column("", key="mark", width=2)
        table.add_column("User pool", key="pool")
        table.add_column("App client", key="client")
        table.add_column("Check", key="check")
        yield table
        yield Static(Content("Loading the pool…"), id="status")
        with VerticalScroll(id="others"):
            yield Static(Content("Other providers (kept as they are)"), classes="section-title")
            yield Static("", id="other-providers", markup=False)

    @property
    def table(self) -> DataTable:
        return self.query_one("#providers", DataTable)

    def mounted(self) -> None:
        super().mounted()
        self.table.focus()
        pool_id = self.state.identity_pool_id
        if self.state.creating_pool:
            self.draw()
        elif self.state.base is None or self.state.base.get("IdentityPoolId") != pool_id:
            self.run_blocking(lambda: self.flow.service.describe_pool(pool_id), self.loaded,
                              group="describe", on_cancel=lambda: self.dismiss(BACK))
        else:
            self.draw()

    def loaded(self, config: dict) -> None:
        try:
            self.state.set_base(config)
        except CognitoTuiError as exc:
            from ..modals import ErrorScreen

            exc.hint = (exc.hint + " " if exc.hint else "") + "Fix it in the console, or run `cognito-tui doctor`."
            self.app.push_screen(ErrorScreen(exc, retry=False), lambda _: self.dismiss(BACK))
            return
        self.flow.autosave()
        self.draw()

    def removed(self) -> list[ProviderSpec]:
        if self.state.base is None:
            return []
        keys = self.state.keys()
        try:
            return [p for p in pool_plan_from_config(self.state.base).providers if p.key not in keys]
        except CognitoTuiError:
            return []

    def draw(self, cursor: int | None = None) -> None:
        state = self.state
        if state.creating_pool:
            guests = "on" if state.allow_unauthenticated else "off"
            title = f"New identity pool: {state.identity_pool_name} (created on Save; guest access {guests})"
        else:
            name = f"{state.identity_pool_name}  " if state.identity_pool_name else ""
            title = f"Identity pool: {name}{state.identity_pool_id}"
        self.query_one("#pool-title", Static).update(Content(title))
        table = self.table
        row = table.cursor_row if cursor is None else cursor
        table.clear()
        before = {p.key: p.server_side_token_check for p in self._base_specs()}
        for index, spec in enumerate(state.providers):
            if spec.key not in before:
                mark, style = "+", "green"
            elif before[spec.key] != spec.server_side_token_check:
                mark, style = "~", "yellow"
            else:
                mark, style = "", ""
            table.add_row(Text(mark, style=style), Text(spec.user_pool_id), Text(spec.client_id),
                          Text("on" if spec.server_side_token_check else "off"), key=f"p:{index}")
        for index, new in enumerate(state.new_providers):
            pool = new.user_pool_id or f"new: {new.user_pool}"
            table.add_row(Text("+", style="green"), Text(pool), Text(f"new: {new.client}"),
                          Text("on" if new.server_side_token_check else "off"), key=f"n:{index}")
        for spec in self.removed():
            table.add_row(Text("-", style="bold red"), Text(spec.user_pool_id, style="bold red strike"),
                          Text(spec.client_id, style="bold red strike"), Text("removed", style="bold red"),
                          key=f"r:{spec.provider_name}|{spec.client_id}")
        if table.row_count:
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))
        self.draw_status()
        self.query_one("#other-providers", Static).update(Content(other_providers(state.base or {})))

    def _base_specs(self) -> list[ProviderSpec]:
        try:
            return list(pool_plan_from_config(self.state.base).providers) if self.state.base else []
        except CognitoTuiError:
            return []

    def draw_status(self) -> None:
        count = len(self.state.providers) + len(self.state.new_providers)
        if not count and not self.removed():
            text = "No Cognito providers yet. Enter adds a user pool."
        else:
            summary = self.state.diff().summary() if self.state.base is not None else "none yet"
            new = f", {len(self.state.new_providers)} with a new app client" if self.state.new_providers else ""
            text = f"{count} Cognito provider(s){new}. Changes: {summary}. r reviews and saves."
        self.query_one("#status", Static).update(Content(text))

    def _current_key(self) -> str | None:
        table = self.table
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value

    def action_add(self) -> None:
        if not self.state.ready:
            return
        if len(self.state.providers) + len(self.state.new_providers) >= ids.MAX_PROVIDERS_PER_POOL:
            self.notify(f"An identity pool takes at most {ids.MAX_PROVIDERS_PER_POOL} user-pool providers.",
                        severity="warning", markup=False)
            return
        self.go_next("add")

    def action_review(self) -> None:
        if self.state.ready:
            self.go_next("review")

    def action_remove(self) -> None:
        key = self._current_key()
        if key is None:
            return
        if key.startswith("p:"):
            self.state.remove(int(key[2:]))
        elif key.startswith("n:"):
            self.state.new_providers.pop(int(key[2:]))
        else:
            name, client = key[2:].split("|", 1)
            for spec in self.removed():
                if (spec.provider_name, spec.client_id) == (name, client):
                    self.state.add(spec)
        self.flow.autosave()
        self.draw()

    def action_toggle(self) -> None:
        key = self._current_key()
        if key is None or key.startswith("r:"):
            return
        if key.startswith("n:"):
            self.state.toggle_new_check(int(key[2:]))
        else:
            self.state.toggle_check(int(key[2:]))
        self.flow.autosave()
        self.draw()


def other_providers(config: dict) -> str:
    lines = []
    for arn in config.get("OpenIdConnectProviderARNs") or []:
        lines.append(f"OpenID Connect: {arn}")
    for arn in config.get("SamlProviderARNs") or []:
        lines.append(f"SAML: {arn}")
    for provider, app_id in sorted((config.get("SupportedLoginProviders") or {}).items()):
        lines.append(f"Login provider: {provider} = {app_id}")
    if config.get("DeveloperProviderName"):
        lines.append(f"Developer provider: {config['DeveloperProviderName']}")
    return "\n".join(lines) if lines else "None."
