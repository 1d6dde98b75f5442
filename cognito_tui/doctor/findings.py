"""What doctor reports: findings with a severity, the AWS error they prevent, and a fix."""

from __future__ import annotations

from dataclasses import dataclass

from ..plan import ProviderSpec

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)

REMOVE, REPLACE = "remove", "replace"


@dataclass(frozen=True)
class AutoFix:
    """A safe change to the pool's provider list: remove one entry, or replace it with `spec`."""

    action: str
    provider_name: str
    client_id: str
    spec: ProviderSpec | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.provider_name, self.client_id)

    def describe(self) -> str:
        if self.action == REMOVE:
            return f"remove the provider {self.provider_name} (client {self.client_id})"
        return (f"replace the provider {self.provider_name} with {self.spec.provider_name} "
                f"(client {self.spec.client_id})")

    def to_dict(self) -> dict:
        out = {"action": self.action, "provider_name": self.provider_name, "client_id": self.client_id}
        if self.spec is not None:
            out["replacement"] = {"user_pool_id": self.spec.user_pool_id, "client_id": self.spec.client_id,
                                  "provider_name": self.spec.provider_name,
                                  "server_side_token_check": self.spec.server_side_token_check}
        return out


@dataclass(frozen=True)
class Finding:
    id: str
    severity: str
    subject: str
    message: str
    why: str
    fix: str
    auto_fix: AutoFix | None = None

    def to_dict(self) -> dict:
        out = {"id": self.id, "severity": self.severity, "subject": self.subject,
               "message": self.message, "why": self.why, "fix": self.fix}
        if self.auto_fix is not None:
            out["auto_fix"] = self.auto_fix.to_dict()
        return out


def would_see(aws_text: str) -> str:
    """The `why` line for a failure AWS reports with a known text."""
    return f'AWS would answer: "{aws_text}"'


@dataclass(frozen=True)
class Report:
    pool_id: str
    findings: tuple[Finding, ...]
    pool_name: str = ""

    def of(self, severity: str) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]

    def ids(self) -> set[str]:
        return {f.id for f in self.findings}

    @property
    def counts(self) -> dict[str, int]:
        return {s: len(self.of(s)) for s in SEVERITIES}

    @property
    def ok(self) -> bool:
        return not self.of(ERROR)

    def to_dict(self) -> dict:
        return {"pool_id": self.pool_id, "ok": self.ok, "counts": self.counts,
                "findings": [f.to_dict() for f in self.findings]}


def sort_findings(findings: list[Finding]) -> tuple[Finding, ...]:
    """Errors first, then warnings, then info; the check order is kept within each."""
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return tuple(sorted(findings, key=lambda f: rank.get(f.severity, len(rank))))
