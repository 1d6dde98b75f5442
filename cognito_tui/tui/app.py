"""The wizard app. create_app is the one factory the command line and the tests use."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding

from ..settings import DRAFTS, Settings, switched_on
from ..wizard import load_wizard
from .flow import BACK, QUIT, Flow
from .keys import FOCUS_BINDINGS, no_color
from .service import WizardService


class WizardApp(App[int]):
    CSS_PATH = ["wizard.tcss"]
    TITLE = "cognito-tui"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True), *FOCUS_BINDINGS]

    def __init__(self, flow: Flow, *, resume: bool = True):
        super().__init__(ansi_color=no_color())
        self.flow = flow
        self.resume = resume

    def on_mount(self) -> None:
        from .browser import end_with_the_server

        self.run_flow()
        end_with_the_server(self)
        if self.is_web and self.flow.demo is None:
            self.read_account()

    @work(thread=True, exit_on_error=False, group="account")
    def read_account(self) -> None:
        """In a browser, the banner names the AWS account the session acts in."""
        from ..errors import CognitoTuiError

        try:
            account = self.flow.service.account()
        except CognitoTuiError:  # the banner keeps profile, region and endpoint; the steps say what is wrong
            return
        self.call_from_thread(self._show_account, account)

    def _show_account(self, account: str) -> None:
        from textual.content import Content
        from textual.widgets import Static

        self.flow.account = account
        for banner in self.screen.query("#demo-banner").results(Static):
            banner.update(Content(self.flow.banner(True)))

    @work(exclusive=True, group="flow")
    async def run_flow(self) -> None:
        """The wizard loop: one screen per step, each returning where to go next."""
        from .screens import step_screen

        flow = self.flow
        step_id = flow.spec.steps[0].id
        if self.resume and flow.drafts:
            step_id = await self._offer_resume() or step_id
        while True:
            flow.state.step = step_id
            flow.autosave()
            spec = flow.spec.step(step_id)
            result = await self.push_screen_wait(step_screen(step_id)(spec, flow))
            if result == QUIT:
                self.exit(0)
                return
            step_id = (spec.back or step_id) if result == BACK else result

    async def _offer_resume(self) -> str | None:
        from ..drafts import clear_draft, load_draft

        draft = load_draft(self.flow.settings)
        if draft is None:
            return None
        if not draft.has_changes:  # e.g. written before drafts were kept only for real changes
            clear_draft(self.flow.settings)
            return None
        from .modals import resume_screen

        title = self.flow.spec.step(draft.step).title if draft.step in {s.id for s in self.flow.spec.steps} else "?"
        name = f" ({draft.identity_pool_name})" if draft.identity_pool_name and not draft.creating_pool else ""
        summary = (f"An unfinished change to {draft.label}{name}: "
                   f"{len(draft.providers) + len(draft.new_providers)} provider(s) listed, "
                   f"stopped at step \"{title}\".")
        if await self.push_screen_wait(resume_screen(summary)):
            self.flow.state = draft
            return draft.step if title != "?" else None
        clear_draft(self.flow.settings)
        return None

    async def action_quit(self) -> None:
        self.ask_quit()

    @work(exclusive=True, group="quit")
    async def ask_quit(self) -> None:
        from .modals import ConfirmScreen

        flow = self.flow
        if flow.state.has_changes and not flow.saved:
            kept = " They are kept as a draft; the next start offers to resume." if flow.drafts else ""
            if not await self.push_screen_wait(ConfirmScreen(
                    "Quit without saving?", f"The changes to the identity pool are not saved.{kept}",
                    yes="Quit", no="Stay")):
                return
        self.exit(0)


def create_app(settings: Settings, demo: Any = None, *, service: WizardService | None = None,
               wizard_id: str = "connect-user-pools", resume: bool = True, drafts: bool | None = None) -> WizardApp:
    """Build the wizard app for settings (and demo data when it runs against the local Cognito).
    drafts: keep unfinished answers as a draft; by default as COGNITO_TUI_DRAFTS says (never in the demo)."""
    service = service or WizardService(settings, demo)
    flow = Flow(load_wizard(wizard_id), service, drafts=demo is None and (switched_on(DRAFTS) if drafts is None else drafts))
    return WizardApp(flow, resume=resume)
