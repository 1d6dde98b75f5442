"""The inventory: every identity pool in each region of each account, read concurrently within
AWS's request rates, with one status per region."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

from ..errors import AccessDeniedError, CognitoTuiError, InputError, ThrottledError
from ..settings import Settings
from .ratelimit import RateLimiter

OK, NOT_ENABLED, ACCESS_DENIED, THROTTLED, FAILED = "ok", "not-enabled", "access-denied", "throttled", "failed"
STATUS_TEXT = {OK: "ok", NOT_ENABLED: "not enabled for the account", ACCESS_DENIED: "access denied",
               THROTTLED: "throttled", FAILED: "failed"}
# AWS publishes no request rate for ListIdentityPools, DescribeIdentityPool or GetIdentityPoolRoles;
# the lowest it publishes for identity-pool operations are ListIdentities 5/s and GetId 25/s. Ten
# a second per operation, account and region stays well inside the usual defaults, and botocore's
# adaptive retry mode slows down further if AWS throttles anyway.
DEFAULT_RATE = 10.0
DEFAULT_WORKERS = 16
# Codes AWS answers in an opt-in region the account has not enabled, when the same credentials
# work elsewhere (STS GetCallerIdentity succeeded for the account).
_NOT_ENABLED_CODES = {"UnrecognizedClientException", "InvalidClientTokenId", "OptInRequired", "AuthFailure"}


@dataclass
class Account:
    """One profile's connection, and the account STS says it is."""

    profile: str | None
    aws: object  # aws.gateway.Aws
    account_id: str = ""
    error: CognitoTuiError | None = None
    same_as: str | None = None  # the profile already covering this account

    @property
    def label(self) -> str:
        return self.profile or "default"

    @property
    def swept(self) -> bool:
        return self.error is None and self.same_as is None


@dataclass(frozen=True)
class PoolRow:
    profile: str
    account: str
    region: str
    id: str
    name: str
    cognito_providers: int | None = None
    guest_access: bool | None = None
    authenticated_role: str | None = None
    unauthenticated_role: str | None = None
    error: str = ""
    # What was read, for doctor --all and export --all (not part of the inventory's output).
    config: dict | None = field(default=None, compare=False, repr=False)
    roles: dict | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict:
        out = {"region": self.region, "account": self.account, "profile": self.profile, "id": self.id,
               "name": self.name, "cognito_providers": self.cognito_providers,
               "guest_access": self.guest_access, "authenticated_role": self.authenticated_role,
               "unauthenticated_role": self.unauthenticated_role}
        if self.error:
            out["error"] = self.error
        return out


@dataclass(frozen=True)
class RegionResult:
    profile: str
    account: str
    region: str
    status: str
    pools: int = 0
    error: CognitoTuiError | None = None

    def to_dict(self) -> dict:
        out = {"region": self.region, "account": self.account, "profile": self.profile,
               "status": self.status, "pools": self.pools}
        if self.error is not None:
            out["error"] = self.error.one_line()
            if self.error.code:
                out["code"] = self.error.code
        return out


@dataclass
class Inventory:
    accounts: list[Account]
    regions: list[str]
    results: list[RegionResult] = field(default_factory=list)
    pools: list[PoolRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.status == OK for r in self.results) and all(a.error is None for a in self.accounts)

    def aws_for(self, row: PoolRow):
        return next(a.aws for a in self.accounts if a.label == row.profile)

    def to_dict(self) -> dict:
        accounts = []
        for a in self.accounts:
            entry = {"profile": a.label, "account": a.account_id}
            if a.error is not None:
                entry["error"] = a.error.one_line()
            if a.same_as is not None:
                entry["same_account_as"] = a.same_as
            accounts.append(entry)
        return {"ok": self.ok, "accounts": accounts, "regions": [r.to_dict() for r in self.results],
                "pools": [p.to_dict() for p in self.pools]}


def open_accounts(settings: Settings, profiles: list[str] | None) -> list[Account]:
    """One connection per profile, with botocore's adaptive retries. An unknown profile raises
    InputError (exit 2) here, before any call is made."""
    from ..aws.gateway import Aws

    accounts = []
    for name in profiles or [settings.profile]:
        aws = Aws(dataclasses.replace(settings, profile=name, retry_mode="adaptive"))
        aws.clients.session()
        accounts.append(Account(name, aws))
    return accounts


def resolve_regions(spec: str | None, clients) -> list[str]:
    """`all`, a comma-separated list, or (None) the connection's own region (clients: aws.session.Clients)."""
    from ..aws.regions import service_regions

    if not spec:
        return [clients.region]
    known = service_regions(clients)
    if spec.strip() == "all":
        return known
    wanted = list(dict.fromkeys(r.strip() for r in spec.split(",") if r.strip()))
    unknown = [r for r in wanted if r not in known]
    if not wanted or unknown:
        shown = ", ".join(repr(r) for r in unknown[:5]) or "nothing"
        raise InputError(f"--regions names {shown}, not a region where botocore knows cognito-identity.",
                         "Give `all` or regions such as us-east-1,eu-west-1 (a newer region may need a newer botocore).")
    return wanted


def classify(error: CognitoTuiError) -> str:
    if isinstance(error, ThrottledError):
        return THROTTLED
    if isinstance(error, AccessDeniedError):
        return ACCESS_DENIED
    if error.code in _NOT_ENABLED_CODES:
        return NOT_ENABLED
    return FAILED


def _identify(accounts: list[Account], workers: int) -> None:
    """STS GetCallerIdentity for each profile; a second profile for the same account is not swept twice."""
    def who(account: Account) -> None:
        try:
            account.account_id = account.aws.caller_identity().get("Account", "")
        except CognitoTuiError as exc:
            account.error = exc

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(accounts)))) as pool:
        list(pool.map(who, accounts))
    seen: dict[str, str] = {}
    for account in accounts:
        if account.error is None and account.account_id:
            if account.account_id in seen:
                account.same_as = seen[account.account_id]
            else:
                seen[account.account_id] = account.label


def _not_enabled(error: CognitoTuiError, account: Account, region: str) -> CognitoTuiError:
    return type(error)(f"Region {region} is not enabled for account {account.account_id or account.label}: "
                       "AWS did not recognise credentials that work in other regions.",
                       "Enable the region for the account, or leave it out of --regions.",
                       code=error.code, aws_message=error.aws_message)


class _RegionSweep:
    """List one region's pools, then describe each and read its roles, within the rate limits."""

    def __init__(self, account: Account, region: str, limiter: RateLimiter, calls: ThreadPoolExecutor):
        self.account, self.region, self.limiter, self.calls = account, region, limiter, calls
        self.errors: list[CognitoTuiError] = []
        self._lock = threading.Lock()

    def _limited(self, operation: str, fn, *args):
        self.limiter.acquire((self.account.account_id, self.region, operation))
        return fn(*args)

    def _read(self, operation: str, fn, pool_id: str):
        try:
            return self._limited(operation, fn, pool_id), None
        except CognitoTuiError as exc:
            with self._lock:
                self.errors.append(exc)
            return None, exc

    def run(self) -> tuple[RegionResult, list[PoolRow]]:
        account, identity_pools = self.account, self.account.aws.identity_pools
        summaries = []
        try:
            listing = identity_pools.pages(region=self.region)
            while True:
                page = self._limited("ListIdentityPools", next, listing, None)
                if page is None:
                    break
                summaries += page
        except CognitoTuiError as exc:
            return self._result(exc, 0), []
        futures = [(s, self.calls.submit(self._read, "DescribeIdentityPool", identity_pools.describe, s.id),
                    self.calls.submit(self._read, "GetIdentityPoolRoles", identity_pools.get_roles, s.id))
                   for s in summaries]
        rows = [self._row(s, described.result(), roles.result()) for s, described, roles in futures]
        return self._result(self.errors[0] if self.errors else None, len(rows)), rows

    def _row(self, summary, described, roles) -> PoolRow:
        (config, config_error), (role_map, roles_error) = described, roles
        role_arns = (role_map or {}).get("Roles") or {}
        problems = [e.one_line() for e in (config_error, roles_error) if e is not None]
        return PoolRow(
            profile=self.account.label, account=self.account.account_id, region=self.region,
            id=summary.id, name=(config or {}).get("IdentityPoolName", summary.name),
            cognito_providers=len(config.get("CognitoIdentityProviders") or []) if config else None,
            guest_access=bool(config.get("AllowUnauthenticatedIdentities")) if config else None,
            authenticated_role=role_arns.get("authenticated") if role_map is not None else None,
            unauthenticated_role=role_arns.get("unauthenticated") if role_map is not None else None,
            error=" ".join(problems), config=config, roles=role_map)

    def _result(self, error: CognitoTuiError | None, pools: int) -> RegionResult:
        status = OK if error is None else classify(error)
        if status == NOT_ENABLED:
            error = _not_enabled(error, self.account, self.region)
        return RegionResult(self.account.label, self.account.account_id, self.region, status, pools, error)


def sweep(accounts: list[Account], regions: list[str], *, rate: float = DEFAULT_RATE,
          workers: int = DEFAULT_WORKERS,
          progress: Callable[[int, int, int], None] | None = None) -> Inventory:
    """Every identity pool of every region for every account. `progress(done, total, pools)` is
    called as each region finishes. Failures are recorded per region, never raised."""
    inventory = Inventory(accounts, regions)
    _identify(accounts, workers)
    tasks = [(a, r) for a in accounts if a.swept for r in regions]
    limiter = RateLimiter(rate)
    done = 0
    if progress is not None:
        progress(0, len(tasks), 0)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="inventory-call") as calls, \
            ThreadPoolExecutor(max_workers=max(1, min(workers, len(tasks))),
                               thread_name_prefix="inventory-region") as by_region:
        futures = [by_region.submit(_RegionSweep(a, r, limiter, calls).run) for a, r in tasks]
        for future in as_completed(futures):
            result, rows = future.result()
            inventory.results.append(result)
            inventory.pools += rows
            done += 1
            if progress is not None:
                progress(done, len(tasks), len(inventory.pools))
    inventory.results.sort(key=lambda r: (r.profile, r.region))
    inventory.pools.sort(key=lambda p: (p.profile, p.region, p.name.lower(), p.id))
    return inventory
