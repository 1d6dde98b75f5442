"""Infrastructure as code: identity pools as Terraform (HCL) and CloudFormation (YAML), written
so that the IaC engine adopts the live pools without changing them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PoolSource:
    """One pool as read: DescribeIdentityPool's configuration and GetIdentityPoolRoles' answer."""

    config: dict
    roles: dict = field(default_factory=dict)  # {"Roles": {...}, "RoleMappings": {...}}
    profile: str | None = None
    account: str = ""

    @property
    def pool_id(self) -> str:
        return self.config["IdentityPoolId"]

    @property
    def region(self) -> str:
        return self.pool_id.split(":", 1)[0]

    @property
    def name(self) -> str:
        return self.config.get("IdentityPoolName", "")


def unique_names(sources: list[PoolSource], style: str) -> list[str]:
    """A resource name per pool, from its name: snake_case for Terraform, PascalCase for
    CloudFormation logical IDs; a clash gets the pool ID's first characters appended."""
    names: list[str] = []
    for source in sources:
        words = re.findall(r"[A-Za-z0-9]+", source.name) or ["identity", "pool"]
        if style == "snake":
            base = "_".join(w.lower() for w in words)
            base = base if base[0].isalpha() else f"pool_{base}"
        else:
            base = "".join(w[:1].upper() + w[1:] for w in words)
            base = base if base[0].isalpha() else f"Pool{base}"
        name = base[:48]
        if name in names:
            suffix = re.sub(r"[^0-9a-f]", "", source.pool_id.split(":", 1)[1])[:8]
            name = f"{name}_{suffix}" if style == "snake" else f"{name}{suffix.upper()}"
        names.append(name)
    return names
