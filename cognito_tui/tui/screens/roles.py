"""Step: the pool's authenticated role (and its guests' role when guest access is on), whether each
one's trust policy admits the pool, in the doctor's words, and what to do with it: keep it, create
one, fix its trust policy, or pick another role."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import RadioSet, Static

from ...setup.trust import role_name_for
from ...wizard.roles import (
    AUTHENTICATED, CREATE, FIX, KEEP, PICK, PoolRoles, RoleStatus, choice_of, choose, default_choice, kinds,
)
from ..widgets.check_box import MarkedRadioButton
from ..widgets.whole_lines import Line, WholeLines
from .base import StepScreen

HEADINGS = {AUTHENTICATED: "Authenticated role (signed-in users)", "unauthenticated": "Unauthenticated role (guests)"}


class ChoiceSet(RadioSet):
    """A RadioSet whose Enter on the option already chosen chooses it again (to pick another role
    a second time), and whose cursor starts on the option chosen."""

    def __init__(self, *buttons, kind: str, **kwargs):
        super().__init__(*buttons, compact=True, **kwargs)
        self.kind = kind

    def on_mount(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    def action_toggle_button(self) -> None:
        button = self._nodes[self._selected] if self._selected is not None else None
        if button is not None and button.value:
            self.post_message(self.Changed(self, button))
        else:
            super().action_toggle_button()


class RolesScreen(StepScreen):
    BINDINGS = [Binding("r", "review", "Review"), Binding("ctrl+r", "reload", "Reload")]

    def __init__(self, step, flow):
        super().__init__(step, flow)
        self.choices = self.field("role", "select")
        self.roles: PoolRoles | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(Content(self.pool_title()), id="pool-title")
        with VerticalScroll(id="roles-body", can_focus=False):
            yield Static(Content("Reading the pool's roles and their trust policies…"), id="roles-loading")
        yield Static(Content("r goes on to the review. Escape goes back to the providers."), id="status")

    def pool_title(self) -> str:
        state = self.state
        if state.creating_pool:
            return f"New identity pool: {state.identity_pool_name}"
        name = f"{state.identity_pool_name}  " if state.identity_pool_name else ""
        return f"Identity pool: {name}{state.identity_pool_id}"

    def mounted(self) -> None:
        super().mounted()
        self.load()

    def load(self) -> None:
        service, state = self.flow.service, self.state
        self.run_blocking(lambda: service.pool_roles(state), self.loaded, group="roles",
                          on_cancel=lambda: self.set_status(
                              "The roles could not be read; Ctrl+R tries again. r goes on with the choices "
                              "as they are.", "error"))

    def action_reload(self) -> None:
        self.load()

    def loaded(self, roles: PoolRoles) -> None:
        self.roles = roles
        for kind in kinds(self.state):
            default_choice(self.state, kind, roles.current[kind])
        self.flow.autosave()
        # Back from picking a role: the cursor stays with the role picked.
        picked, self.state.pending_role_kind = self.state.pending_role_kind, ""
        self.call_later(self.draw, picked or None)

    async def draw(self, focus: str | None = None) -> None:
        body = self.query_one("#roles-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all([Vertical(*self.section(kind), classes="role-section") for kind in kinds(self.state)])
        sets = list(self.query(ChoiceSet))
        target = next((s for s in sets if s.kind == focus), sets[0] if sets else None)
        if target is not None:
            # Once laid out (each radio set scrolls its own cursor into view as it mounts): the
            # section in focus shown from its heading.
            def show() -> None:
                body.scroll_to_widget(target.parent, animate=False, top=True)
                target.focus(scroll_visible=False)

            self.call_after_refresh(show)

    def on_descendant_focus(self, event) -> None:
        """The whole section of the role in focus in view: its heading and verdict with its choices
        (a radio set alone would scroll only its own cursor into view)."""
        if isinstance(event.widget, (ChoiceSet, WholeLines)):
            body = self.query_one("#roles-body", VerticalScroll)
            self.call_after_refresh(body.scroll_to_widget, event.widget.parent, animate=False, top=True)
        if isinstance(event.widget, WholeLines):  # a line wider than the screen, to scroll along
            self.set_status("Right/End: the rest of a long line, Left/Home: back. Tab: the choices. r: review.")
        else:
            self.set_status("Up/Down, Enter: choose. Tab: the other role. r: review.")

    def section(self, kind: str) -> list:
        """The kind's heading, its role and verdict, the choices that apply, and what Save will do."""
        current = self.roles.current[kind]
        choice = self.state.roles.get(kind)
        shown = self.roles.shown(kind, choice)
        chosen = choice_of(choice, current)
        offered = {KEEP: current.arn is not None, CREATE: True, FIX: shown.arn is not None and shown.fixable,
                   PICK: True}
        buttons = []
        for option in self.choices.options:
            if not offered.get(option.value, False):
                continue
            label = option.label
            if option.value == PICK and chosen == PICK:
                label += f" (picked: {shown.name})"
            buttons.append(MarkedRadioButton(Content(label), option.value == chosen, name=option.value))
        verdict, style = self.verdict(current, shown)
        return [Static(Content(HEADINGS[kind]), classes="section-title"),
                WholeLines(verdict, focus_if_too_wide=True, classes=f"inline-lines {style}", id=f"verdict-{kind}"),
                ChoiceSet(*buttons, kind=kind, id=f"choice-{kind}"),
                Static(Content(self.outcome(kind, chosen, current, shown)), classes="role-outcome dim",
                       id=f"outcome-{kind}")]

    def verdict(self, current: RoleStatus, shown: RoleStatus) -> tuple[list[Line], str]:
        """The role's lines, each ARN and ID whole (a line of its own where the width runs out)."""
        lines = []
        if current.arn is None:
            lines.append("The pool has no role of this kind." if self.state.identity_pool_id
                         else "A new identity pool has no roles yet.")
        else:
            lines.append(f"The pool's role: {current.name}")
        if shown is not current:
            lines.append(f"Picked: {shown.arn}")
        style = ""
        if shown.arn is not None:
            if shown.admits and not shown.reason:
                lines.append("OK: its trust policy admits this identity pool.")
                style = "ok"
            elif shown.admits:
                lines.append(f"Its trust policy admits this pool, but: {shown.reason}")
                style = "warn"
            else:
                lines.append(f"NOT admitted: {shown.reason}" if shown.fixable else shown.reason)
                style = "error"
        return [Line(line, hang="  ") for line in lines], style

    def outcome(self, kind: str, chosen: str, current: RoleStatus, shown: RoleStatus) -> str:
        if chosen == CREATE:
            name = role_name_for(self.state.identity_pool_name or "NEW_POOL", kind)
            return f"Save creates {name}, trusting only this pool, and sets it."
        if chosen == FIX:
            sets = "" if shown is current else " and sets it"
            return f"Save corrects the trust policy of {shown.name} (backed up first){sets}."
        refused = ", which keeps refusing this pool until its trust policy is fixed" if (
            shown.fixable and not shown.admits) else ""
        if chosen == PICK:
            return f"Save sets {shown.name} as it is{refused}."
        return f"Save leaves the pool's role as it is{refused}." if current.arn else "Save sets no role."

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        kind, value = event.radio_set.kind, event.pressed.name
        if value == PICK:
            self.state.pending_role_kind = kind
            self.go_next("pick")
            return
        choice = self.state.roles.get(kind)
        choose(self.state, kind, value, self.roles.shown(kind, choice))
        self.flow.autosave()
        self.show_header()  # picked no more: the role list is off the way ahead
        self.call_later(self.draw, kind)

    def action_review(self) -> None:
        self.go_next("review")

    def set_status(self, text: str, kind: str = "") -> None:
        status = self.query_one("#status", Static)
        status.update(Content(text))
        status.set_classes(kind)
