"""What every step screen shares: the wizard spec, the answers, the AWS door, the draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..settings import Settings
from ..wizard.spec import WizardSpec
from ..wizard.state import WizardState
from .service import WizardService

NEXT, BACK, QUIT = "<next>", "<back>", "<quit>"


@dataclass
class Flow:
    spec: WizardSpec
    service: WizardService
    state: WizardState = field(default_factory=WizardState)
    help_visible: bool | None = None  # None: decided by the terminal's width
    saved: bool = False
    drafts: bool = True
    account: str = ""  # the AWS account, read for the banner when served to a browser

    @property
    def settings(self) -> Settings:
        return self.service.settings

    @property
    def demo(self) -> Any:
        return self.service.demo

    def autosave(self) -> None:
        """Keep the answers so far as a draft (unless the change is saved, or in the demo)."""
        if not self.drafts or self.saved or not self.state.identity_pool_id:
            return
        from ..drafts import save_draft

        try:
            save_draft(self.settings, self.state)
        except OSError:
            pass  # a draft is a convenience; never stop the wizard over it

    def banner(self, web: bool) -> str:
        """The line under the step's title: in a browser, who serves it against what; in the
        demo, that nothing reaches AWS; otherwise nothing."""
        if web:
            from .browser import served_banner

            return served_banner(self.settings, self.demo, self.account)
        return self.demo_banner()

    def demo_banner(self) -> str:
        if self.demo is None:
            return ""
        return f"Demo: local Cognito at {self.settings.endpoint_url}, nothing reaches AWS"

    def demo_help(self) -> str:
        demo = self.demo
        if demo is None:
            return ""
        lines = ["", "", "Demo IDs to pick:",
                 f"Identity pool: {getattr(demo, 'identity_pool_name', '')}",
                 f"  {getattr(demo, 'identity_pool_id', '')}",
                 f"User pool: {getattr(demo, 'user_pool_id', '')}",
                 f"App client: {getattr(demo, 'client_id', '')}"]
        if getattr(demo, "second_user_pool_id", None):
            lines += [f"Second user pool: {demo.second_user_pool_id}",
                      f"  its client: {getattr(demo, 'second_client_id', '')}"]
        if getattr(demo, "username", None):
            lines += [f"Demo user: {demo.username}",
                      f"Its throwaway demo password: {getattr(demo, 'password', '')}"]
        return "\n".join(lines)
