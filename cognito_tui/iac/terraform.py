"""Identity pools as Terraform: aws_cognito_identity_pool, aws_cognito_identity_pool_roles_attachment,
and import blocks (Terraform 1.5+) so that `terraform plan` adopts the live pools unchanged.

The import IDs are the identity pool ID for both resources (the AWS provider's documentation)."""

from __future__ import annotations

import json
import re

from . import PoolSource, unique_names

HEADER = """\
# Exported by cognito-tui. `terraform plan` imports these pools and should show no changes.
# What Terraform cannot express, or does differently from the console:
# - identity_pool_name and developer_provider_name force replacement: renaming a pool here
#   destroys it and creates a new one with a NEW pool ID (every app configured with the old
#   ID breaks). Rename in the console or with UpdateIdentityPool, then edit this file.
# - cognito_identity_providers is the complete list: a provider left out is removed on apply.
# - Tags: the provider's default_tags are merged into tags_all; a key set both ways changes.
# - Not exported: principal tags for attribute-based access control
#   (aws_cognito_identity_pool_provider_principal_tag), IAM roles and their policies (only
#   their ARNs are referenced), and Cognito Sync settings (events, streams, push sync).
"""


def _string(value: str) -> str:
    # JSON escapes quotes, backslashes and control characters the way HCL reads them; HCL also
    # reads ${ and %{ as templates, so those are doubled.
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("${", "$${").replace("%{", "%%{")


def _key(value: str) -> str:
    return value if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", value) else _string(value)


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"no HCL for {type(value).__name__}")


def _map(name: str, mapping: dict, indent: str) -> list[str]:
    if not mapping:
        return []
    width = max(len(_key(k)) for k in mapping)
    lines = [f"{indent}{name} = {{"]
    lines += [f"{indent}  {_key(k).ljust(width)} = {_string(v)}" for k, v in sorted(mapping.items())]
    return lines + [f"{indent}}}"]


def _attributes(pairs: list[tuple[str, object]], indent: str) -> list[str]:
    pairs = [(k, v) for k, v in pairs if v is not None]
    width = max((len(k) for k, _ in pairs), default=0)
    return [f"{indent}{k.ljust(width)} = {_value(v)}" for k, v in pairs]


def _alias(source: PoolSource) -> str:
    parts = ([source.profile] if source.profile else []) + [source.region]
    return re.sub(r"[^A-Za-z0-9_]", "_", "_".join(parts))


def _providers(sources: list[PoolSource]) -> list[str]:
    lines, seen = [], set()
    for source in sources:
        alias = _alias(source)
        if alias in seen:
            continue
        seen.add(alias)
        lines += ['provider "aws" {', f"  alias  = \"{alias}\"",
                  f"  region = {_string(source.region)}"]
        if source.profile:
            lines.append(f"  profile = {_string(source.profile)}")
        lines += ["}", ""]
    return lines


def _pool(source: PoolSource, name: str) -> list[str]:
    config, alias = source.config, _alias(source)
    lines = [f"# {source.pool_id} ({source.name})" + (f" in account {source.account}" if source.account else ""),
             "import {", f"  provider = aws.{alias}", f"  to       = aws_cognito_identity_pool.{name}",
             f"  id       = {_string(source.pool_id)}", "}", "",
             f'resource "aws_cognito_identity_pool" "{name}" {{', f"  provider = aws.{alias}", ""]
    lines += _attributes([
        ("identity_pool_name", config.get("IdentityPoolName", "")),
        ("allow_unauthenticated_identities", bool(config.get("AllowUnauthenticatedIdentities"))),
        ("allow_classic_flow", bool(config.get("AllowClassicFlow"))),
        ("developer_provider_name", config.get("DeveloperProviderName") or None),
        ("openid_connect_provider_arns", list(config.get("OpenIdConnectProviderARNs") or []) or None),
        ("saml_provider_arns", list(config.get("SamlProviderARNs") or []) or None),
    ], "  ")
    lines += _map("supported_login_providers", config.get("SupportedLoginProviders") or {}, "  ")
    lines += _map("tags", config.get("IdentityPoolTags") or {}, "  ")
    for provider in config.get("CognitoIdentityProviders") or []:
        lines += ["", "  cognito_identity_providers {"]
        lines += _attributes([("provider_name", provider.get("ProviderName", "")),
                              ("client_id", provider.get("ClientId", "")),
                              ("server_side_token_check", bool(provider.get("ServerSideTokenCheck")))], "    ")
        lines.append("  }")
    lines += ["}", ""]
    return lines + _roles(source, name, alias)


def _roles(source: PoolSource, name: str, alias: str) -> list[str]:
    roles = dict((source.roles or {}).get("Roles") or {})
    mappings = (source.roles or {}).get("RoleMappings") or {}
    if not roles and not mappings:
        return [f"# {source.pool_id} has no roles set: no aws_cognito_identity_pool_roles_attachment.", ""]
    lines = ["import {", f"  provider = aws.{alias}", f"  to       = aws_cognito_identity_pool_roles_attachment.{name}",
             f"  id       = {_string(source.pool_id)}", "}", "",
             f'resource "aws_cognito_identity_pool_roles_attachment" "{name}" {{', f"  provider = aws.{alias}",
             f"  identity_pool_id = aws_cognito_identity_pool.{name}.id", ""]
    lines += _map("roles", roles, "  ") if roles else ["  roles = {}"]
    for provider_key, mapping in sorted(mappings.items()):
        lines += ["", "  role_mapping {"]
        lines += _attributes([("identity_provider", provider_key), ("type", mapping.get("Type", "")),
                              ("ambiguous_role_resolution", mapping.get("AmbiguousRoleResolution"))], "    ")
        for rule in ((mapping.get("RulesConfiguration") or {}).get("Rules") or []):
            lines += ["", "    mapping_rule {"]
            lines += _attributes([("claim", rule.get("Claim", "")), ("match_type", rule.get("MatchType", "")),
                                  ("value", rule.get("Value", "")), ("role_arn", rule.get("RoleARN", ""))], "      ")
            lines.append("    }")
        lines.append("  }")
    return lines + ["}", ""]


def to_terraform(sources: list[PoolSource]) -> str:
    lines = [HEADER, "terraform {", '  required_version = ">= 1.5.0"', "  required_providers {",
             '    aws = {', '      source  = "hashicorp/aws"', '      version = ">= 5.0"', "    }", "  }", "}", ""]
    lines += _providers(sources)
    for source, name in zip(sources, unique_names(sources, "snake")):
        lines += _pool(source, name)
    return "\n".join(lines).rstrip() + "\n"
