"""Identity pools as CloudFormation: AWS::Cognito::IdentityPool and
AWS::Cognito::IdentityPoolRoleAttachment, one template per account and region (a stack lives in
one region), ready for a resource import."""

from __future__ import annotations

import json
from itertools import groupby

import yaml

from . import PoolSource, unique_names

HEADER = """\
# Exported by cognito-tui: one template per account and region (a stack lives in one region).
# Adopt the live pools with a resource import (create-change-set --change-set-type IMPORT);
# the identifiers to import are listed below each template's header. DeletionPolicy Retain
# is set, as an import requires, so deleting the stack never deletes a pool.
# What this template cannot express, or does differently:
# - AWS::Cognito::IdentityPoolRoleAttachment: if your CloudFormation cannot import this type,
#   let the stack create it: it sets the same roles (SetIdentityPoolRoles replaces them whole).
# - CognitoIdentityProviders is the complete list: a provider left out is removed on update.
# - Not exported: principal tags for attribute-based access control, IAM roles and their
#   policies (only their ARNs are referenced), and Cognito Sync settings (CognitoEvents,
#   CognitoStreams, PushSync), which DescribeIdentityPool does not return.
"""


def _pool_properties(config: dict) -> dict:
    props: dict = {"IdentityPoolName": config.get("IdentityPoolName", ""),
                   "AllowUnauthenticatedIdentities": bool(config.get("AllowUnauthenticatedIdentities")),
                   "AllowClassicFlow": bool(config.get("AllowClassicFlow"))}
    if config.get("DeveloperProviderName"):
        props["DeveloperProviderName"] = config["DeveloperProviderName"]
    providers = [{"ProviderName": p.get("ProviderName", ""), "ClientId": p.get("ClientId", ""),
                  "ServerSideTokenCheck": bool(p.get("ServerSideTokenCheck"))}
                 for p in config.get("CognitoIdentityProviders") or []]
    if providers:
        props["CognitoIdentityProviders"] = providers
    if config.get("SupportedLoginProviders"):
        props["SupportedLoginProviders"] = dict(sorted(config["SupportedLoginProviders"].items()))
    if config.get("OpenIdConnectProviderARNs"):
        props["OpenIdConnectProviderARNs"] = list(config["OpenIdConnectProviderARNs"])
    if config.get("SamlProviderARNs"):
        props["SamlProviderARNs"] = list(config["SamlProviderARNs"])
    if config.get("IdentityPoolTags"):
        props["IdentityPoolTags"] = [{"Key": k, "Value": v} for k, v in sorted(config["IdentityPoolTags"].items())]
    return props


def _role_mappings(mappings: dict) -> dict:
    # Map keys must be alphanumeric in a template; the provider (which has ':' and '/') goes in
    # IdentityProvider, which CloudFormation uses instead of the key when it is present.
    out = {}
    for index, (provider, mapping) in enumerate(sorted(mappings.items()), start=1):
        entry = {"IdentityProvider": provider, "Type": mapping.get("Type", "")}
        if mapping.get("AmbiguousRoleResolution"):
            entry["AmbiguousRoleResolution"] = mapping["AmbiguousRoleResolution"]
        rules = (mapping.get("RulesConfiguration") or {}).get("Rules") or []
        if rules:
            entry["RulesConfiguration"] = {"Rules": [
                {"Claim": r.get("Claim", ""), "MatchType": r.get("MatchType", ""), "Value": r.get("Value", ""),
                 "RoleARN": r.get("RoleARN", "")} for r in rules]}
        out[f"Mapping{index}"] = entry
    return out


def _template(sources: list[PoolSource]) -> tuple[dict, list[dict]]:
    resources, to_import = {}, []
    for source, name in zip(sources, unique_names(sources, "pascal")):
        resources[name] = {"Type": "AWS::Cognito::IdentityPool", "DeletionPolicy": "Retain",
                           "UpdateReplacePolicy": "Retain", "Properties": _pool_properties(source.config)}
        to_import.append({"ResourceType": "AWS::Cognito::IdentityPool", "LogicalResourceId": name,
                          "ResourceIdentifier": {"Id": source.pool_id}})
        roles = dict((source.roles or {}).get("Roles") or {})
        mappings = (source.roles or {}).get("RoleMappings") or {}
        if roles or mappings:
            props: dict = {"IdentityPoolId": {"Ref": name}}
            if roles:
                props["Roles"] = dict(sorted(roles.items()))
            if mappings:
                props["RoleMappings"] = _role_mappings(mappings)
            resources[f"{name}Roles"] = {"Type": "AWS::Cognito::IdentityPoolRoleAttachment",
                                         "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain",
                                         "Properties": props}
    template = {"AWSTemplateFormatVersion": "2010-09-09",
                "Description": "Cognito identity pools exported by cognito-tui", "Resources": resources}
    return template, to_import


def to_cloudformation(sources: list[PoolSource]) -> list[tuple[str, str]]:
    """One template per (profile, account, region): [(a label such as "eu-west-1" or
    "prod-eu-west-1", the template's text)]."""
    templates = []
    ordered = sorted(sources, key=lambda s: (s.profile or "", s.account, s.region))
    for (profile, account, region), group in groupby(ordered, key=lambda s: (s.profile or "", s.account, s.region)):
        template, to_import = _template(list(group))
        where = f"region {region}" + (f", account {account}" if account else "") + (f", profile {profile}" if profile else "")
        lines = [f"# Stack for {where}.", "# Resources to import (--resources-to-import):"]
        lines += [f"#   {json.dumps(item)}" for item in to_import]
        text = HEADER + "\n".join(lines) + "\n" + yaml.safe_dump(template, sort_keys=False, allow_unicode=True)
        templates.append((f"{profile}-{region}" if profile else region, text))
    return templates
