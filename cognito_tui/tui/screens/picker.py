"""A select field as a step: an Input that filters (or takes a typed ID) above a RowList,
with the field's validators checked as you type and again on Enter. A step that can create what
it lists shows a "+ New …" row under the rows (and Ctrl+N): it never takes Enter from a match."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static

from ...errors import CognitoTuiError, InputError
from ...wizard import registry
from ...wizard.validators import Context
from ..widgets.row_list import Column, Row, RowList
from .base import StepScreen

CHECK_DELAY = 0.4
NEW = "<new>"  # the "+ New …" row's key: never an ID


class PickerStep(StepScreen):
    FIELD = ""
    COLUMNS: list[Column] = []
    EMPTY = "Nothing to pick from here."
    NEW_LABEL = ""  # "+ New …": the step can create one (new_item asks for what it needs)

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("ctrl+r", "reload", "Reload"),
        Binding("ctrl+n", "new", "New"),
    ]

    def __init__(self, step, flow):
        super().__init__(step, flow)
        self.select = self.flow.field(step, self.FIELD, "select")  # the step's select field
        self.loaded = False
        self._check_timer: Timer | None = None
        self._described: set[str] = set()

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder=self.select.placeholder, id="filter", select_on_focus=False)
        yield Static("", id="list-header", markup=False)
        yield RowList(self.COLUMNS, id="choices")
        yield Static(Content("Loading…"), id="status")
        yield from self.compose_extra()

    def compose_extra(self) -> ComposeResult:
        yield from ()

    @property
    def choices(self) -> RowList:
        return self.query_one("#choices", RowList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    def mounted(self) -> None:
        super().mounted()
        self.filter_input.focus()
        # At once: on the first step the page read ahead at start-up (aws.prefetch) is usually
        # there already, and is then drawn with the first frames rather than a few frames later.
        self.load()

    def on_row_list_resized(self, event: RowList.Resized) -> None:
        self._draw_header()

    def _draw_header(self) -> None:
        self.query_one("#list-header", Static).update(self.choices.header_text(self.choices.size.width))

    # loading ------------------------------------------------------------------------------
    def load(self) -> None:
        self.loaded = False
        self.choices.set_rows([])
        self.pin_new()
        self.set_status("Loading…")
        self.run_blocking(lambda: self.flow.service.pages(self.select.choices, self.state), self.on_page,
                          group="load", each=True, on_end=self.on_loaded, on_error=self.load_failed,
                          on_cancel=lambda: self.set_status(
                              "Could not load the list; Ctrl+R tries again. You can still type an ID.", "error"))

    def on_page(self, page: list) -> None:
        self.choices.add_rows([self.row_for(choice) for choice in page if self.choices.row(choice.value) is None])
        self._draw_header()
        self.after_rows()

    def load_failed(self, error: CognitoTuiError) -> bool:
        """A listing failed: True when the step handles it in place (no error modal)."""
        return False

    def on_loaded(self) -> None:
        self.loaded = True
        self.refresh_status()

    def row_for(self, choice) -> Row:
        return Row(choice.value, (choice.label, choice.value))

    def after_rows(self) -> None:
        self.rows_changed()

    # rows on screen, described one by one -------------------------------------------------
    def rows_shown(self) -> None:
        """The rows on screen changed (loaded, scrolled, highlighted): subclasses that fill in
        columns per row call describe_visible here."""

    def rows_changed(self) -> None:
        """Describe the rows once they are drawn: the page paints before that work (and its first
        AWS call, which loads the AWS library) competes with the drawing."""
        self.call_after_refresh(self.rows_shown)

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        self.rows_changed()

    def on_row_list_scrolled(self, event: RowList.Scrolled) -> None:
        self.rows_changed()

    def describe_visible(self, describe_one: Callable[[str], Any], on_item: Callable[[tuple[str, Any]], None]) -> None:
        """Describe, in a worker, the rows on screen not described yet (never all rows up front);
        on_item((key, answer)) gets each answer as it comes, None for a row that failed."""
        wanted = [key for key in self.choices.visible_keys() if key not in self._described]
        if not wanted:
            return
        self._described.update(wanted)

        def describe():
            for key in wanted:
                try:
                    yield key, describe_one(key)
                except CognitoTuiError:
                    yield key, None

        self.run_blocking(describe, on_item, group=f"describe-{len(self._described)}", each=True,
                          on_error=lambda e: True)

    def action_reload(self) -> None:
        self.load()

    # creating -----------------------------------------------------------------------------
    def can_create(self) -> bool:
        return bool(self.NEW_LABEL)

    def pin_new(self) -> None:
        """The "+ New …" row, under the rows, when the step can create one."""
        if self.can_create():
            self.choices.pin(Row(NEW, (self.NEW_LABEL,), ("bold green",)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new":
            return self.can_create()
        return super().check_action(action, parameters)

    def action_new(self) -> None:
        """Create one: the name typed in the filter (when it is no ID) is offered as its name."""
        if not self.can_create():
            return
        typed = self.filter_input.value.strip()
        try:
            registry.validate(self.select.validators, Context(self.state), typed, remote=False)
            typed = ""  # an ID, not a name
        except CognitoTuiError:
            pass
        self.new_item(typed)

    def typed_error(self, exc: CognitoTuiError) -> str:
        """Why a typed value is no ID; where the step creates, that a name can be a new one's."""
        more = f" Ctrl+N: {self.NEW_LABEL[2:].lower()} named so." if self.can_create() else ""
        return exc.one_line() + more

    def new_item(self, name: str) -> None:
        """Ask what a new one needs and go on (subclasses with a NEW_LABEL)."""
        raise NotImplementedError

    def listed_names(self) -> dict[str, str]:
        """Name -> key of the rows loaded so far."""
        rows = (self.choices.row(key) for key in self.choices.keys() if not key.startswith(NEW))
        return {row.cells[0]: row.key for row in rows if row is not None}

    def ask_name(self, title: str, name: str, check: Callable[[str], str], then: Callable[[str], None]) -> None:
        """The project's one input dialog, asking a name; check(value) returns it or raises."""
        from ..modals import InputScreen

        def chosen(value: str | None) -> None:
            if value:
                then(check(value))

        self.app.push_screen(InputScreen(title, name, check=check, action="Enter goes on"), chosen)

    # typing -------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "filter":
            return
        self.choices.set_filter(event.value)
        self.refresh_status()
        self.schedule_check()

    def refresh_status(self) -> None:
        value = self.filter_input.value.strip()
        rows = self.choices
        if rows.match_count:
            total = f" of {rows.row_count}" if value else ""
            more = "" if self.loaded else " (loading more…)"
            self.set_status(f"{rows.match_count}{total} shown{more}. Enter chooses the highlighted row.")
        elif value and self.select.allow_typed:
            try:
                registry.validate(self.select.validators, Context(self.state), value, remote=False)
            except CognitoTuiError as exc:
                self.set_status(self.typed_error(exc), "error")
                return
            self.set_status(f"Not in the list. Enter checks and uses {value}.")
        elif value:
            self.set_status("Nothing matches.", "error")
        elif self.loaded:
            self.set_status(self.EMPTY)

    def schedule_check(self) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
        self.cancel_blocking("check")
        value = self.filter_input.value.strip()
        if not (value and self.select.allow_typed and not self.choices.match_count
                and registry.has_remote(self.select.validators)):
            return
        try:
            registry.validate(self.select.validators, Context(self.state), value, remote=False)
        except CognitoTuiError:
            return
        self._check_timer = self.set_timer(CHECK_DELAY, lambda: self.check(value, accept=False))

    def set_status(self, text: str, kind: str = "") -> None:
        status = self.query_one("#status", Static)
        status.update(Content(text))
        status.set_classes(kind)

    # choosing -----------------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        self.choices.action_cursor(delta)

    def action_page(self, direction: int) -> None:
        self.choices.action_page(direction)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "filter":
            return
        event.stop()
        key = self.choices.highlighted_key if self.choices.match_count else None
        value = key or event.value.strip()
        if value == NEW or (not value and self.choices.pinned_highlighted):
            self.action_new()
            return
        if not value:
            self.set_status("Type an ID or pick one from the list.", "error")
            return
        self.check(value, accept=True)

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        if event.key == NEW:
            self.action_new()
            return
        self.check(event.key, accept=True)

    def check(self, value: str, *, accept: bool) -> None:
        """Run the field's validators; local ones now, remote ones in a worker."""
        try:
            results = registry.validate(self.select.validators, Context(self.state), value, remote=False)
        except CognitoTuiError as exc:
            self.set_status(self.typed_error(exc), "error")
            return
        if not registry.has_remote(self.select.validators):
            if accept:
                self.accept(value, results)
            return
        self.set_status(f"Checking {value}…")

        def inline(error: CognitoTuiError) -> bool:
            if isinstance(error, InputError):
                self.set_status(error.one_line(), "error")
                return True
            return False

        def done(results: dict) -> None:
            if accept:
                self.accept(value, results)
            else:
                self.checked(value, results)

        self.run_blocking(lambda: self.flow.service.validate(self.select.validators, self.state, value), done,
                          group="check", on_error=inline, on_cancel=self.refresh_status)

    def checked(self, value: str, results: dict[str, Any]) -> None:
        self.set_status(f"{value} checks out. Enter uses it.", "ok")

    def accept(self, value: str, results: dict[str, Any]) -> None:
        raise NotImplementedError
