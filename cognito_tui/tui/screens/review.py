"""Step: review the change as a diff (removals stand out), what Save creates (a dry run of the
same apply), and the rest of the pool, unchanged."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...diff import UNCHANGED, provider_lines
from ...errors import CognitoTuiError
from ..widgets.diff_lines import diff_grid
from ..widgets.whole_lines import Line, WholeLines
from .base import StepScreen

UNCHANGED_FIELDS = (
    ("IdentityPoolName", "Name"),
    ("AllowUnauthenticatedIdentities", "Guest (unauthenticated) access"),
    ("AllowClassicFlow", "Basic (classic) flow"),
    ("DeveloperProviderName", "Developer provider"),
    ("SupportedLoginProviders", "Login providers"),
    ("OpenIdConnectProviderARNs", "OpenID Connect providers"),
    ("SamlProviderARNs", "SAML providers"),
    ("IdentityPoolTags", "Tags"),
)


class ReviewScreen(StepScreen):
    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True), Binding("ctrl+d", "doctor", "Doctor")]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="review-body"):
            # First, so what would stop the sign-in is seen before Save, without scrolling.
            # Its role ARNs and pool IDs whole: scrolled to sideways when wider than the screen.
            yield WholeLines([Line("Checking what the sign-in will need (the doctor, on the pool as it will be)…")],
                             focus_if_too_wide=True, id="warnings", classes="inline-lines dim")
            yield Static(Content("Checking what Save will create or change (a dry run)…"), id="plan-steps",
                         classes="dim")
            if not self.state.creating_pool:
                yield Static(diff_heading(self.state), id="diff")
                yield Static(diff_lines(self.state), id="diff-lines")
                yield Static(Content("Unchanged settings of the pool"), classes="section-title")
                yield Static(unchanged_text(self.state.base or {}), id="unchanged")
        yield Static(Content(self.hint()), id="status")

    def hint(self) -> str:
        if not self.state.has_changes:
            return "Nothing to change: the pool already has exactly these providers. Escape goes back."
        if self.state.creating_pool:
            return "Ctrl+S creates all of this (each creation is recorded for rollback). Escape goes back."
        return "Ctrl+S saves (the pool is re-read first; a backup is written). Escape goes back."

    def on_descendant_focus(self, event) -> None:
        """The doctor's lines take the focus only when one is wider than the screen: say how to read it."""
        wide = "Right/End, Left/Home: the rest of a long line. " if isinstance(event.widget, WholeLines) else ""
        self.query_one("#status", Static).update(Content(wide + self.hint()))

    def mounted(self) -> None:
        super().mounted()
        self.query_one("#review-body").focus()
        if self.state.creating_pool:
            box = self.query_one("#warnings", WholeLines)
            box.show([Line("The doctor checks the new pool once it exists: d after Save.")])
        # The dry run and the doctor read the same pool, roles, user pools and clients: each once.
        reads = self.flow.service.shared_reads()  # no call yet: the reads happen in the workers
        if not self.state.creating_pool:
            self.run_doctor(self.show_warnings, group="review-doctor", on_error=self._doctor_failed, aws=reads)
        self.run_blocking(lambda: self.flow.service.preview(self.state, reads), self.show_plan,
                          group="review-plan", on_error=self._plan_failed)

    def show_plan(self, report) -> None:
        """The dry run's creations and changes (the pool's provider diff is drawn below it)."""
        from ...setup.steps import IDENTITY_POOL, step_lines

        box = self.query_one("#plan-steps", Static)
        shown = [step for step in report.steps if step.kind != UNCHANGED or step.detail]
        if self.state.creating_pool:
            shown = list(report.steps)
        notes = [f" ! {warning}" for warning in report.warnings]
        lines = step_lines(shown)
        found = [step.id for step in report.steps if step.what == IDENTITY_POOL and step.kind == UNCHANGED]
        if self.state.creating_pool:  # the name found a pool after all (not listed, or made meanwhile)
            if found:
                notes.append(f" ! An identity pool named {self.state.identity_pool_name} exists already "
                             f"({found[0]}): Save changes that pool and creates none. Escape goes back to pick "
                             "another name.")
            lines += [line for result in report.pools if result.diff is not None for line in provider_lines(result.diff)]
        if report.error is not None:
            notes.append(f" ! Save would stop here: {report.error.one_line()}")
        if not shown and not notes:
            box.display = False
            return
        from rich.console import Group

        title = "Save also creates or changes (a dry run)"
        if self.state.creating_pool:
            title = (f"Identity pool {self.state.identity_pool_name}: Save changes (a dry run)" if found
                     else f"New identity pool {self.state.identity_pool_name}: Save creates (a dry run)")
        parts = [Text(title, style="bold"), diff_grid(lines)]
        parts += [Text(note, style="yellow") for note in notes]
        parts += [line for step in shown if step.trust is not None for line in trust_policy_lines(step)]
        box.set_classes("error" if report.error is not None else "")
        box.update(Group(*parts))

    def _plan_failed(self, error: CognitoTuiError) -> bool:
        box = self.query_one("#plan-steps", Static)
        box.set_classes("warn")
        box.update(Content(f"The dry run could not finish: {error.one_line()}"))
        return True

    def show_warnings(self, report) -> None:
        """The doctor's errors, each under what it would stop after this save: the sign-in, or only
        guests (the unauthenticated role's findings)."""
        from ...doctor import ERROR
        from ...doctor.trust import guests_only

        errors = report.of(ERROR)
        if self.state.new_providers:  # the doctor sees the pool without the app clients still to create
            errors = [f for f in errors if f.id != "pool.no-cognito-provider"]
        guests = [f for f in errors if guests_only(f)]
        sign_in = [f for f in errors if not guests_only(f)]
        box = self.query_one("#warnings", WholeLines)
        box.set_classes(["inline-lines", "error" if sign_in else "warn" if guests else "ok"])
        lines = ([Line(f"Will stop the sign-in ({len(sign_in)}), found by the doctor:"), *finding_lines(sign_in)]
                 if sign_in else [Line("The doctor found nothing that would stop the sign-in.")])
        if guests:
            lines += [Line(f"Will stop guests (unauthenticated identities), not signed-in users ({len(guests)}), "
                           "found by the doctor:"), *finding_lines(guests)]
        if errors:
            lines.append(Line("Ctrl+D shows why and how to fix each. Ctrl+S saves anyway."))
        box.show(lines)

    def _doctor_failed(self, error: CognitoTuiError) -> bool:
        box = self.query_one("#warnings", WholeLines)
        box.set_classes(["inline-lines", "warn"])
        box.show([Line(f"The doctor could not check the pool: {error.one_line()}")])
        return True  # a note, not a modal: the review itself does not depend on it

    def action_save(self) -> None:
        if not self.state.has_changes:
            self.notify("Nothing to change.", markup=False)
            return
        self.go_next("save")


def trust_policy_lines(step) -> list:
    """The trust policy a trust fix writes, as Save writes it (the dry run's own document): what it
    keeps, replaces and drops, then each statement, wrapping beside its indent."""
    import json

    from rich.padding import Padding

    lines = [Text(f"Trust policy Save writes to role {step.name}:", style="bold"),
             Padding(Text(step.trust.describe(), style="dim"), (0, 0, 0, 2))]
    for statement in step.trust.document.get("Statement") or []:
        lines.append(Padding(Text(json.dumps(statement, separators=(", ", ": "))), (0, 0, 0, 4)))
    return lines


def finding_lines(findings) -> list[Line]:
    """A finding a line (wrapped at spaces, never inside an ARN or ID), naming the role it is about."""
    return [Line(f"! {'role ' + f.subject + ': ' if f.subject.startswith('arn:') else ''}{f.message}", indent=" ",
                 hang="   ") for f in findings]


def diff_heading(state) -> Text:
    diff = state.diff()
    name = f" ({diff.pool_name})" if diff.pool_name else ""
    text = Text(f"Identity pool {diff.pool_id}{name}\n", style="bold")
    text.append(f"Changes: {diff.summary()}")
    if state.new_providers:
        text.append(f"; {len(state.new_providers)} more with a new app client (above)")
    return text


def diff_lines(state):
    """The providers as `cognito-tui apply` prints them: + add / - REMOVE / ~ change / keep."""
    lines = provider_lines(state.diff())
    if not lines:
        return Text("  (no Cognito providers, before or after)", style="dim")
    return diff_grid(lines)


def unchanged_text(config: dict) -> Text:
    text = Text()
    for key, label in UNCHANGED_FIELDS:
        value = config.get(key)
        if isinstance(value, bool):
            shown = "on" if value else "off"
        elif isinstance(value, dict):
            shown = ", ".join(f"{k}={v}" for k, v in sorted(value.items())) or "none"
        elif isinstance(value, list):
            shown = ", ".join(value) or "none"
        else:
            shown = str(value) if value else "none"
        text.append(f"  {label}: ", style="dim")
        text.append(f"{shown}\n")
    return text
