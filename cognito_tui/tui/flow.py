"""What every step screen shares: the wizard spec, the answers, the AWS door, the draft, and
the screens' reads of the wizard file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..settings import Settings
from ..wizard.loader import WizardFileError
from ..wizard.spec import FieldSpec, StepSpec, WizardSpec
from ..wizard.state import WizardState
from .service import WizardService

BACK, QUIT = "<back>", "<quit>"

# The steps the answers may skip. Adding a user pool (user pool, app client, add another) is the
# wizard's usual way and counts until the user goes on past it without adding one; picking another
# role is a side trip that counts only while the user is on it or has picked a role.
ADDING = ("user_pool", "app_client", "add_another")
PICKING = ("role",)


class FieldView:
    """A field of the wizard file as a screen sees it: every key read is recorded; reading a key
    the file does not set is an error, so a screen can only show what the file says."""

    __slots__ = ("_spec", "_where", "_reads")

    def __init__(self, spec: FieldSpec, where: str, reads: set[str]):
        self._spec, self._where, self._reads = spec, where, reads

    def __getattr__(self, key: str) -> Any:
        if key not in self._spec.declared:
            raise WizardFileError(f"{self._where}.{key}: the screen reads it, but the wizard file does not set it.",
                                  "Declare it in the wizard file, or stop reading it.")
        self._reads.add(f"{self._where}.{key}")
        return getattr(self._spec, key)


@dataclass
class Flow:
    spec: WizardSpec
    service: WizardService
    state: WizardState = field(default_factory=WizardState)
    help_visible: bool | None = None  # None: decided by the terminal's width
    saved: bool = False
    drafts: bool = True
    account: str = ""  # the AWS account, read for the banner when served to a browser
    reads: set[str] = field(default_factory=set)  # "step.field.key" and "step.next.move" read so far

    def field(self, step: StepSpec, name: str, kind: str) -> FieldView:
        """The step's field `name`, which the screen shows as a `kind` field."""
        try:
            spec = step.field(name)
        except KeyError:
            raise WizardFileError(f"{step.id}.{name}: the screen reads this field; the wizard file has none.",
                                  "Declare it in the wizard file.") from None
        if spec.kind != kind:
            raise WizardFileError(f"{step.id}.{name}: the screen shows a {kind} field; the file says {spec.kind}.",
                                  "Fix the field's kind in the wizard file.")
        return FieldView(spec, f"{step.id}.{name}", self.reads)

    def move(self, step: StepSpec, name: str) -> str:
        """Where the step's forward move `name` leads, as the wizard file says."""
        if name not in step.next:
            raise WizardFileError(f"{step.id}.next.{name}: the screen makes this move; the wizard file has none.",
                                  "Declare it under the step's next: in the wizard file.")
        self.reads.add(f"{step.id}.next.{name}")
        return step.next[name]

    def path(self, here: str) -> list[str]:
        """The steps on the user's way through the wizard, as seen from step `here`: the wizard
        file's steps in order, but those the answers skip."""
        order = [step.id for step in self.spec.steps]
        past_adding = order.index(here) > max(order.index(step) for step in ADDING)
        state = self.state
        adds = bool(state.new_providers) or any(state.is_new(p) for p in state.providers)
        # A picked role is a bare ARN: keep drops the answer, create has none, fix sets fix_trust.
        picked = any(choice.arn and not choice.fix_trust for choice in state.roles.values())
        skipped = set()
        if here not in ADDING and past_adding and not adds:
            skipped.update(ADDING)
        if here not in PICKING and not picked:
            skipped.update(PICKING)
        return [step for step in order if step not in skipped]

    def position(self, here: str) -> tuple[int, int]:
        """"Step N of M" for step `here`: its place on the user's way, and the way's length."""
        path = self.path(here)
        return path.index(here) + 1, len(path)

    @property
    def settings(self) -> Settings:
        return self.service.settings

    @property
    def demo(self) -> Any:
        return self.service.demo

    def autosave(self) -> None:
        """Keep the answers so far as a draft (unless the change is saved, or in the demo)."""
        if not self.drafts or self.saved or not self.state.chosen:
            return
        from ..drafts import clear_draft, save_draft

        try:
            if self.state.has_changes:
                save_draft(self.settings, self.state)
            else:  # nothing to resume: the next start should not offer it
                clear_draft(self.settings)
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
        return f"Demo: nothing reaches AWS (local Cognito at {self.settings.endpoint_url})"

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
        if getattr(demo, "username", None):  # its password: in the sign-in form, masked, never here
            lines += [f"Demo user: {demo.username} (the sign-in view fills in its password)"]
        return "\n".join(lines)
