"""The TUI's one door to AWS. Every method blocks: call them only from thread workers.

The AWS layer (and so boto3) is imported on first use, inside a worker, so the first screen
paints before boto3 has loaded.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from ..settings import Settings
from ..wizard import registry
from ..wizard.state import WizardState
from ..wizard.validators import Context

if TYPE_CHECKING:
    from ..aws.api import AwsApi


class WizardService:
    def __init__(self, settings: Settings, demo: Any = None, aws: AwsApi | None = None, first_pools_page: Any = None):
        self.settings = settings
        self.demo = demo
        self._aws = aws
        self._first_pools_page = first_pools_page  # read ahead by a child process (aws.prefetch)
        self._lock = threading.Lock()

    @property
    def aws(self) -> AwsApi:
        with self._lock:
            if self._aws is None:
                from ..aws.gateway import Aws

                self._aws = Aws(self.settings, first_pools_page=self._first_pools_page)
            return self._aws

    def context(self, state: WizardState) -> Context:
        return Context(state, self.aws)

    def pages(self, source: str, state: WizardState):
        """Pages of choices from a named choice source."""
        yield from registry.CHOICE_SOURCES[source](self.context(state))

    def validate(self, names: tuple[str, ...], state: WizardState, value: str) -> dict:
        """Every named check, local and remote; raises InputError with the first failure."""
        needs_aws = registry.has_remote(names)
        ctx = self.context(state) if needs_aws else Context(state)
        return registry.validate(names, ctx, value)

    def describe_pool(self, pool_id: str) -> dict:
        return self.aws.identity_pools.describe(pool_id)

    def describe_client(self, user_pool_id: str, client_id: str):
        return self.aws.user_pools.describe_client(user_pool_id, client_id)

    def pool_roles(self, state: WizardState):
        """The pool's roles and the roles the Roles step's choices name, with the doctor's verdicts."""
        from ..wizard.roles import read_pool_roles

        return read_pool_roles(self.aws, state)

    def run_action(self, name: str, state: WizardState, *args):
        return registry.ACTIONS[name](self.context(state), *args)

    def preview(self, state: WizardState, aws: AwsApi | None = None):
        """A dry run of Save's apply: what it would create or change (reading through aws if given:
        shared_reads())."""
        return registry.ACTIONS["preview_setup_plan"](Context(state, aws or self.aws))

    def shared_reads(self) -> AwsApi:
        """The gateway with each read made once, for jobs that read the same things at the same time
        (Review's dry run and doctor); only for reading, and only while they run."""
        from ..aws.shared_reads import SharedReads

        return SharedReads(self.aws)

    def write_plan(self, state: WizardState, path) -> Any:
        return registry.ACTIONS["write_plan"](Context(state), path)

    def plan_text(self, state: WizardState) -> str:
        return registry.ACTIONS["plan_text"](Context(state))

    def account(self) -> str:
        """The AWS account the credentials belong to (STS GetCallerIdentity)."""
        return self.aws.caller_identity().get("Account", "")
