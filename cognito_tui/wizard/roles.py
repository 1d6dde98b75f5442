"""The Roles step's facts: the identity pool's roles and whether each one's trust policy admits the
pool, in the doctor's words (its role checks and the one IAM evaluator, cognito_tui.role_trust),
and what each choice of the step means as a plan_v2.RoleSpec."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import CognitoTuiError, NotFoundError
from .state import WizardState

if TYPE_CHECKING:
    from ..plan_v2 import RoleSpec

AUTHENTICATED, UNAUTHENTICATED = "authenticated", "unauthenticated"
KEEP, CREATE, FIX, PICK = "keep", "create", "fix", "pick"  # the choices' values in the wizard file


@dataclass(frozen=True)
class RoleStatus:
    """One role as the step shows it. arn None: there is none. admits: this pool's users of the
    kind may assume it (the doctor finds nothing against its trust policy); fixable: a corrected
    trust policy would let them (the role was read and the doctor flags its trust policy)."""

    arn: str | None
    admits: bool = False
    fixable: bool = False
    reason: str = ""  # why it does not admit the pool (or what the doctor warns about)

    @property
    def name(self) -> str:
        return (self.arn or "").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class PoolRoles:
    """The pool's roles (kind -> status; a kind without a role has arn None) and, by ARN, the
    status of each other role the step's choices name."""

    current: dict[str, RoleStatus]
    others: dict[str, RoleStatus]

    def shown(self, kind: str, choice: RoleSpec | None) -> RoleStatus:
        """The role the kind's section is about: the one picked, else the pool's own."""
        if choice is not None and choice.arn and choice.arn != self.current[kind].arn:
            return self.others.get(choice.arn, RoleStatus(choice.arn, reason="Not read yet."))
        return self.current[kind]


def guests_allowed(state: WizardState) -> bool:
    """Guest access is on: as the wizard set it for a new pool, as read for an existing one."""
    if state.creating_pool:
        return state.allow_unauthenticated
    return bool((state.base or {}).get("AllowUnauthenticatedIdentities"))


def kinds(state: WizardState) -> tuple[str, ...]:
    """The roles the step asks about: the authenticated one, and the guests' when guest access is on."""
    return (AUTHENTICATED, UNAUTHENTICATED) if guests_allowed(state) else (AUTHENTICATED,)


def status_of(role: dict | None, arn: str, pool_id: str, kind: str, providers: list[str],
              shared: bool = False) -> RoleStatus:
    """The doctor's verdict on a role (as IAM's GetRole or ListRoles gives it) for this pool (shared:
    the pool's role for both kinds)."""
    from ..doctor.facts import trust_document

    document = trust_document(role) if role is not None else None
    if document is None:
        return RoleStatus(arn, reason="Its trust policy could not be read (not valid JSON).")
    if not pool_id:  # a new identity pool: no trust policy can name its ID yet
        return RoleStatus(arn, fixable=True, reason="Its trust policy cannot name the new identity pool yet; "
                                                    "fixing it lets the pool in once it exists.")
    from ..doctor.trust import check_trust_policy

    findings = check_trust_policy(document, pool_id, arn, providers, kind, shared)
    if not findings:
        return RoleStatus(arn, admits=True)
    errors = [f for f in findings if f.severity == "error"]
    return RoleStatus(arn, admits=not errors, fixable=True, reason=(errors or findings)[0].message)


def read_role(aws, arn: str, pool_id: str, kind: str, providers: list[str], shared: bool = False) -> RoleStatus:
    """GetRole, then status_of; a role that is not there or cannot be read says so."""
    try:
        role = aws.roles.get(arn)
    except NotFoundError:
        return RoleStatus(arn, reason="The role does not exist in IAM.")
    except CognitoTuiError as exc:
        return RoleStatus(arn, reason=f"The role could not be read: {exc.message}")
    return status_of(role, arn, pool_id, kind, providers, shared)


def read_pool_roles(aws, state: WizardState) -> PoolRoles:
    """GetIdentityPoolRoles (none for a new pool) and GetRole for each role shown; blocking."""
    from ..setup.trust import serves_both

    pool_id = state.identity_pool_id
    providers = [p.provider_name for p in state.providers]
    have = (aws.identity_pools.get_roles(pool_id).get("Roles") or {}) if pool_id else {}
    planned = {kind: choice.arn for kind, choice in state.roles.items()}

    def shared(kind: str, arn: str) -> bool:
        # A role for both kinds after Save is judged as the doctor judges it: letting the other kind in is
        # its purpose (and a fix keeps both in, as Save's does).
        return guests_allowed(state) and serves_both(kind, arn, planned, have)

    current = {}
    for kind in (AUTHENTICATED, UNAUTHENTICATED):
        arn = have.get(kind)
        current[kind] = read_role(aws, arn, pool_id, kind, providers, shared(kind, arn)) if arn else RoleStatus(None)
    others = {}
    for kind, choice in state.roles.items():
        if choice.arn and choice.arn != current[kind].arn and choice.arn not in others:
            others[choice.arn] = read_role(aws, choice.arn, pool_id, kind, providers, shared(kind, choice.arn))
    return PoolRoles(current, others)


def choice_of(choice: RoleSpec | None, current: RoleStatus) -> str:
    """Which of the step's choices an answer in state.roles is."""
    if choice is None:
        return KEEP
    if choice.create:
        return CREATE
    if choice.fix_trust:
        return FIX
    return KEEP if choice.arn == current.arn else PICK


def default_choice(state: WizardState, kind: str, current: RoleStatus) -> None:
    """A kind the pool has no role for is created unless the user said otherwise."""
    from ..plan_v2 import RoleSpec

    if current.arn is None and kind not in state.roles:
        state.roles[kind] = RoleSpec(None)


def choose(state: WizardState, kind: str, value: str, shown: RoleStatus) -> None:
    """Record a choice (keep, create, fix) in state.roles; picking a role is choose_arn's."""
    from ..plan_v2 import RoleSpec

    if value == KEEP:
        state.roles.pop(kind, None)
    elif value == CREATE:
        state.roles[kind] = RoleSpec(None)
    elif value == FIX and shown.arn:
        state.roles[kind] = RoleSpec(shown.arn, fix_trust=True)


def choose_arn(state: WizardState, kind: str, arn: str) -> None:
    from ..plan_v2 import RoleSpec

    state.roles[kind] = RoleSpec(arn)


def with_role_choices(facts, choices: dict, pool_name: str, aws):
    """The doctor's facts with the Roles step's choices in place, so its checks judge the roles the
    pool will have after Save: a role to create by the trust policy it is created with, a fixed one by
    the trust policy Save writes (setup.trust.trust_fix, both kinds kept in when the role serves both),
    a picked one as IAM has it (read here; blocking)."""
    from dataclasses import replace

    from ..doctor.facts import Fetched, trust_document
    from ..role_trust import good_trust_policy
    from ..setup.trust import role_name_for, serves_both, trust_fix

    if not choices or facts.roles is None or not facts.roles.ok:
        return facts
    current = dict((facts.roles.value or {}).get("Roles") or {})
    planned = {kind: choice.arn for kind, choice in choices.items()}
    roles, trust = dict(current), dict(facts.role_trust)
    for kind, choice in choices.items():  # in Save's order: a role fixed for both kinds is fixed once
        if choice.create:
            arn = f"arn:aws:iam::000000000000:role/{role_name_for(pool_name, kind)}"  # not created yet
            trust[arn] = Fetched({"Arn": arn, "AssumeRolePolicyDocument": good_trust_policy(facts.pool_id, kind)})
        else:
            arn = choice.arn
            got = trust.get(arn)
            if got is None:
                try:
                    got = Fetched(aws.get_role(arn))
                except CognitoTuiError as exc:
                    got = Fetched(error=exc)
            document = trust_document(got.value) if got.ok else None
            fix = (trust_fix(document, facts.pool_id, kind, serves_both(kind, arn, planned, current))
                   if choice.fix_trust and document is not None and facts.pool_id else None)
            if fix is not None:
                got = Fetched({**got.value, "AssumeRolePolicyDocument": fix.document})
            trust[arn] = got
        roles[kind] = arn
    return replace(facts, roles=Fetched({**facts.roles.value, "Roles": roles}), role_trust=trust)
