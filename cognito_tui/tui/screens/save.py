"""Step: save through the same version 2 apply as `cognito-tui apply`; then the result (what was
created, with IDs), a conflict, or a failure (naming what was created before it: Save again carries
on), and what to do next (sign in, write a plan file, quit)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, Static

from ...apply import CHANGED, CONFLICT, FAILED, UNCHANGED
from ...diff import ADDED, change_lines
from ...errors import EXIT_OK, CognitoTuiError
from ...setup.steps import IDENTITY_POOL
from ...wizard import registry
from ...wizard.validators import Context
from ..flow import BACK
from ..widgets.button_row import ButtonRow
from ..widgets.diff_lines import diff_rows
from ..widgets.whole_lines import Line, WholeLines, value
from .base import StepScreen

SAVED = "Changes saved successfully."


class SaveScreen(StepScreen):
    BINDINGS = [
        Binding("s", "next('sign_in')", "Sign in"),
        Binding("w", "next('write_plan')", "Write plan"),
        Binding("d", "doctor", "Doctor"),
        Binding("q", "next('quit')", "Quit", show=False),
        Binding("r", "reload", "Reload"),
    ]

    def __init__(self, step, flow):
        super().__init__(step, flow)
        self.outcome = ""  # "", changed/unchanged, conflict, failed
        self.pool_id = flow.state.identity_pool_id  # a new pool's, once it is created

    def doctor_pool_id(self) -> str:
        return self.pool_id

    def compose_body(self) -> ComposeResult:
        yield Static(Content(self.saving_text()), id="save-title")
        # IDs, ARNs and paths whole, to read and copy: the area scrolls sideways for a longer one.
        yield WholeLines(id="save-detail")
        with ButtonRow(id="save-actions"):
            for option in self.field("next", "select").options:
                yield Button(Content(option.label), id=option.value)
            yield Button(Content("Reload and review again (r)"), id="reload", variant="warning")
        yield Static("", id="status", markup=False)

    def saving_text(self) -> str:
        if self.state.creating_pool or self.state.new_providers:
            return "Saving… (creating what is new, recording each creation, then the identity pool)"
        return "Saving… (re-reading the pool, writing a backup, saving, verifying)"

    def mounted(self) -> None:
        super().mounted()
        self.show_actions()
        self.save()

    def save(self) -> None:
        self.run_blocking(lambda: self.flow.service.run_action(self.flow.spec.action, self.state), self.saved,
                          group="save", on_cancel=lambda: self.dismiss(BACK))

    def show_actions(self) -> None:
        done = self.outcome in (CHANGED, UNCHANGED)
        options = self.field("next", "select").options
        for option in options:
            self.query_one(f"#{option.value}", Button).display = done
        self.query_one("#reload", Button).display = self.outcome == CONFLICT
        self.query_one("#save-actions", ButtonRow).fit()
        if done:
            self.query_one(f"#{options[0].value}", Button).focus()
        elif self.outcome == CONFLICT:
            self.query_one("#reload", Button).focus()

    def saved(self, report) -> None:
        """The apply's SetupReport: saved, a conflict (nothing written), or a failure."""
        title, detail = self.query_one("#save-title", Static), self.query_one("#save-detail", WholeLines)
        conflict = next((r for r in report.pools if r.status == CONFLICT), None)
        if report.exit_code == EXIT_OK:
            from ...drafts import clear_draft

            self.outcome = CHANGED if report.has_changes else UNCHANGED
            self.pool_id = next((s.id for s in report.steps if s.what == IDENTITY_POOL and s.id), self.pool_id)
            self.flow.saved = True
            clear_draft(self.flow.settings)
            if self.outcome == CHANGED:
                title.update(Content(SAVED))
                title.set_classes("ok")
            else:
                title.update(Content("Nothing to change: everything already matches."))
            detail.show(saved_lines(report))
            self.query_one("#status", Static).update(Content(
                "s signs in now, w writes a plan file, d runs the doctor, q quits." + self.scroll_hint()))
        elif conflict is not None:
            self.outcome = CONFLICT
            title.update(Content("The pool changed since you read it. Nothing was written."))
            title.set_classes("error")
            if conflict.changed_meanwhile:
                detail.show([Line("Changed since you read it (what you read -> what it is now):"),
                             *diff_rows(change_lines(conflict.changed_meanwhile))])
            else:
                detail.show([Line(conflict.error.one_line() if conflict.error else "")])
            self.query_one("#status", Static).update(Content(
                "r reloads the pool, keeps your edits on top of it, and shows the review again. "
                "Escape goes back to the review."))
        else:
            self.outcome = FAILED
            failed = next((r for r in report.pools if r.error is not None), None)
            error = report.error or (failed.error if failed else None)
            written = report.created or (failed is not None and failed.backup is not None)
            title.update(Content("Saved only in part." if written else "The change was not saved."))
            title.set_classes("error")
            detail.show(failed_lines(report, error))
            if error is not None:
                from ..modals import ErrorScreen

                self.app.push_screen(ErrorScreen(error), lambda retry: self.retry() if retry else None)
        self.show_actions()
        self.refresh_bindings()

    def scroll_hint(self) -> str:
        if not self.query_one("#save-detail", WholeLines).too_wide:
            return ""
        return " Shift+Tab, then Right/End: the rest of a long line."

    def retry(self) -> None:
        self.outcome = ""
        self.refresh_bindings()
        self.query_one("#save-title", Static).update(Content("Saving…"))
        self.query_one("#save-title", Static).set_classes("")
        self.show_actions()
        self.save()

    def can_go_back(self) -> bool:
        return self.outcome in (CONFLICT, FAILED)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next", "doctor"):
            return self.outcome in (CHANGED, UNCHANGED)
        if action == "reload":
            return self.outcome == CONFLICT
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        if self.can_go_back():
            self.dismiss(BACK)

    def action_reload(self) -> None:
        if self.outcome != CONFLICT:
            return
        pool_id = self.state.identity_pool_id

        def reloaded(config: dict) -> None:
            try:
                self.state.rebase(config)
            except CognitoTuiError as exc:
                self.query_one("#save-detail", WholeLines).show([Line(exc.one_line())])
                return
            self.go_next("reload")

        self.run_blocking(lambda: self.flow.service.describe_pool(pool_id), reloaded, group="reload")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "reload":
            self.action_reload()
        else:
            self.action_next(event.button.id)

    def action_next(self, choice: str) -> None:
        if self.outcome not in (CHANGED, UNCHANGED):
            return
        if choice == "quit":
            self.app.exit(0)
        elif choice == "sign_in":
            self.sign_in()
        elif choice == "write_plan":
            self.write_plan()

    def sign_in(self) -> None:
        try:
            from ..signin import SignInScreen
        except ImportError:
            self.notify("The sign-in view is not available in this build.", severity="warning", markup=False)
            return
        # New app clients have IDs only now: the sign-in view reads them from the pool itself.
        providers = None if self.state.new_providers else [(p.user_pool_id, p.client_id) for p in self.state.providers]
        from ..signin.known_user import KnownUser

        demo = self.flow.service.demo
        # The demo's user fills the form in for the demo's own user pool and app client only.
        known = None if demo is None else KnownUser(demo.user_pool_id, demo.client_id, demo.username,
                                                    demo.password)
        self.app.push_screen(SignInScreen(self.flow.service.aws, identity_pool_id=self.pool_id,
                                          providers=providers, known_user=known))

    def write_plan(self) -> None:
        from ..browser import deliver
        from ..modals import InputScreen

        field = self.field("plan_path", "text")
        validators = field.validators
        # In a browser the file is the browser's to keep: a download, not a file on the server.
        if deliver(self.app, self.flow.service.plan_text(self.state), field.placeholder):
            self.query_one("#status", Static).update(Content(
                f"Plan sent to the browser as {field.placeholder}. "
                f"Reuse it with: cognito-tui apply {field.placeholder}"))
            return

        def check(value: str):
            return registry.validate(validators, Context(self.state), value)["plan_path"]

        def chosen(value: str | None) -> None:
            if not value:
                return
            try:
                path = self.flow.service.write_plan(self.state, check(value))
            except (CognitoTuiError, OSError) as exc:
                message = exc.one_line() if isinstance(exc, CognitoTuiError) else str(exc)
                self.query_one("#status", Static).update(Content(f"Not written: {message}"))
                return
            self.query_one("#status", Static).update(Content(
                f"Plan written to {path}. Reuse it with: cognito-tui apply {path}"))

        self.app.push_screen(InputScreen(f"{field.label}: where to write it", field.placeholder, check=check,
                                         action="Enter writes the file"), chosen)


def saved_lines(report) -> list[Line]:
    """What a save did: each creation with its ID, the pool's change and its backup, the run record;
    each ID, path and command on a line of its own."""
    lines = []
    if report.created:
        lines.append(Line("Created:"))
        lines += created_lines(report.created)
    changed = [step for step in report.steps if step.kind != ADDED and step.done]
    lines += [Line(f"Changed: {step.text}", hang="  ") for step in changed]
    for result in report.pools:
        if result.status == CHANGED and result.diff is not None:
            lines += [Line(f"{result.diff.summary()} on identity pool"), value(result.pool_id)]
        if result.backup is not None:
            lines += [Line("Backup of the pool as it was:"), value(str(result.backup)),
                      Line("Undo with:"), value(f"cognito-tui rollback {result.backup}")]
    if report.record is not None and report.created:
        lines += [Line("Undo the creations with:"), value(f"cognito-tui rollback {report.record} --yes")]
    lines += [Line(f"Warning: {warning}", hang="  ") for warning in report.warnings]
    return lines


def created_lines(steps) -> list[Line]:
    """Each resource created, and under it its ID."""
    lines = []
    for step in steps:
        lines += [Line(f"{step.what} {step.name}:", indent="  "), value(step.id or "", indent="    ")]
    return lines


def failed_lines(report, error) -> list[Line]:
    """A failed save: the reason, and what was created before it (Save again finds it and carries on)."""
    lines = [Line(error.one_line() if error is not None else "Unknown failure.", hang="  ")]
    if report.created:
        lines.append(Line("Created before the failure (Save again finds them and carries on):"))
        lines += created_lines(report.created)
    if report.record is not None:
        lines += [Line("Run record:"), value(str(report.record))]
    return lines
