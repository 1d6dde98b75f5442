"""`cognito-tui export --format terraform|cloudformation`: parsed as HCL by python-hcl2 and
checked by cfn-lint, from pools read over HTTP from the local Cognito."""

from __future__ import annotations

import json
import hcl2
import pytest
import yaml

from aws_builders import provider, rich_identity_pool, user_pool
from cognito_tui.cli import main
from test_inventory import a_role, regional_pool


@pytest.fixture
def pool_with_roles(boto, unique):
    """A pool using every field, two Cognito providers, both roles and a Rules role mapping."""
    up1, client1 = user_pool(boto)
    up2, client2 = user_pool(boto)
    pool = rich_identity_pool(boto, [provider(up1, client1), provider(up2, client2, check=True)],
                              name=unique("Orders app ") + " +=,.@-")
    auth, guest, admin = (a_role(boto, unique(n)) for n in ("auth", "guest", "admin"))
    mapping_key = f"cognito-idp.us-east-1.amazonaws.com/{up1}:{client1}"
    boto("cognito-identity").set_identity_pool_roles(
        IdentityPoolId=pool["IdentityPoolId"], Roles={"authenticated": auth, "unauthenticated": guest},
        RoleMappings={mapping_key: {"Type": "Rules", "AmbiguousRoleResolution": "AuthenticatedRole",
                                    "RulesConfiguration": {"Rules": [{"Claim": "custom:tier", "MatchType": "Equals",
                                                                      "Value": "admin", "RoleARN": admin}]}}})
    return pool, {"authenticated": auth, "unauthenticated": guest, "admin": admin, "mapping_key": mapping_key}


def _plain(value):
    """python-hcl2's tree with quoted strings read as the strings they stand for (HCL escapes
    are JSON's, plus $${ for a literal ${), and its block markers dropped."""
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items() if k != "__is_block__"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return json.loads(value).replace("$${", "${").replace("%%{", "%{")
    if isinstance(value, str) and value.startswith("${") and value.endswith("}"):
        return value[2:-1]  # a reference such as aws.us_east_1
    return value


def _blocks(parsed: dict, kind: str) -> dict:
    return {name: body for block in parsed.get("resource", []) for name, body in block.get(kind, {}).items()}


def test_terraform_parses_as_hcl_with_the_pool_every_provider_the_roles_and_import_blocks(cli, pool_with_roles, tmp_path):
    pool, roles = pool_with_roles
    out_file = tmp_path / "pools.tf"
    code, out, err = cli("export", pool["IdentityPoolId"], "--format", "terraform", "-o", str(out_file))
    assert code == 0, err
    text = out_file.read_text()
    assert "force replacement" in text and "NEW pool ID" in text  # what Terraform cannot express
    parsed = _plain(hcl2.loads(text))
    pools = _blocks(parsed, "aws_cognito_identity_pool")
    attachments = _blocks(parsed, "aws_cognito_identity_pool_roles_attachment")
    assert len(pools) == len(attachments) == 1
    (name, body), = pools.items()
    assert (body["identity_pool_name"]) == pool["IdentityPoolName"]
    assert body["allow_unauthenticated_identities"] is True and body["allow_classic_flow"] is True
    assert (body["developer_provider_name"]) == pool["DeveloperProviderName"]
    got = sorted(((p["provider_name"]), (p["client_id"]), p["server_side_token_check"])
                 for p in body["cognito_identity_providers"])
    assert got == sorted((p["ProviderName"], p["ClientId"], p["ServerSideTokenCheck"])
                         for p in pool["CognitoIdentityProviders"])
    assert {(k): (v) for k, v in body["supported_login_providers"].items()} == pool["SupportedLoginProviders"]
    assert {(k): (v) for k, v in body["tags"].items()} == pool["IdentityPoolTags"]
    assert [(a) for a in body["saml_provider_arns"]] == pool["SamlProviderARNs"]
    assert [(a) for a in body["openid_connect_provider_arns"]] == pool["OpenIdConnectProviderARNs"]
    attachment = attachments[name]
    assert attachment["identity_pool_id"] == f"aws_cognito_identity_pool.{name}.id"
    assert {(k): (v) for k, v in attachment["roles"].items()} == {
        "authenticated": roles["authenticated"], "unauthenticated": roles["unauthenticated"]}
    mapping, = attachment["role_mapping"]
    assert (mapping["identity_provider"]) == roles["mapping_key"]
    assert ((mapping["type"]), (mapping["ambiguous_role_resolution"])) == ("Rules", "AuthenticatedRole")
    rule, = mapping["mapping_rule"]
    assert ((rule["claim"]), (rule["value"]), (rule["role_arn"])) == (
        "custom:tier", "admin", roles["admin"])
    imports = {((i["to"]), (i["id"])) for i in parsed["import"]}
    assert imports == {(f"aws_cognito_identity_pool.{name}", pool["IdentityPoolId"]),
                       (f"aws_cognito_identity_pool_roles_attachment.{name}", pool["IdentityPoolId"])}


def _cfn_errors(path) -> list[str]:
    """cfn-lint's errors (rules E*) for a template; warnings and notes are not errors."""
    from pathlib import Path

    from cfnlint.api import lint_file

    return [f"{m.rule.id} {m.message}" for m in lint_file(Path(path)) if m.rule.id.startswith("E")]


def test_cloudformation_passes_cfn_lint_and_carries_every_field(cli, pool_with_roles, tmp_path):
    pool, roles = pool_with_roles
    out_file = tmp_path / "pools.yaml"
    code, out, err = cli("export", pool["IdentityPoolId"], "--format", "cloudformation", "-o", str(out_file))
    assert code == 0, err
    assert _cfn_errors(out_file) == []
    template = yaml.safe_load(out_file.read_text())
    kinds = {r["Type"]: (name, r) for name, r in template["Resources"].items()}
    name, resource = kinds["AWS::Cognito::IdentityPool"]
    props = resource["Properties"]
    assert resource["DeletionPolicy"] == "Retain"
    assert props["IdentityPoolName"] == pool["IdentityPoolName"]
    assert props["CognitoIdentityProviders"] == pool["CognitoIdentityProviders"]
    assert props["SupportedLoginProviders"] == pool["SupportedLoginProviders"]
    assert {t["Key"]: t["Value"] for t in props["IdentityPoolTags"]} == pool["IdentityPoolTags"]
    attachment = kinds["AWS::Cognito::IdentityPoolRoleAttachment"][1]["Properties"]
    assert attachment["IdentityPoolId"] == {"Ref": name}
    assert attachment["Roles"] == {"authenticated": roles["authenticated"], "unauthenticated": roles["unauthenticated"]}
    (mapping,) = attachment["RoleMappings"].values()
    assert mapping["IdentityProvider"] == roles["mapping_key"]
    assert mapping["RulesConfiguration"]["Rules"][0]["RoleARN"] == roles["admin"]
    to_import = json.dumps({"ResourceType": "AWS::Cognito::IdentityPool", "LogicalResourceId": name,
                            "ResourceIdentifier": {"Id": pool["IdentityPoolId"]}})
    assert to_import in out_file.read_text()


def test_cfn_lint_does_report_a_broken_template(tmp_path):
    """The lint check above can fail: a misspelt property is an error."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Pool:\n"
                      "    Type: AWS::Cognito::IdentityPool\n    Properties:\n"
                      "      AllowUnauthenticatedIdentities: false\n      IdentityPoolNam: x\n")
    assert any("IdentityPoolNam" in e for e in _cfn_errors(broken))


def test_export_all_writes_every_region_with_a_provider_per_region(endpoint, boto, unique, capsys, tmp_path):
    tag = unique("exp")
    made = {regional_pool(boto, region, f"{tag} {region}") for region in ("us-east-1", "eu-west-1", "ap-south-1")}
    code = main(["--endpoint-url", endpoint, "export", "--all", "--regions", "us-east-1,eu-west-1,ap-south-1",
                 "--format", "terraform"])
    out, err = capsys.readouterr()
    assert code == 0, err
    parsed = _plain(hcl2.loads(out))
    ids = {(i["id"]) for i in parsed["import"]}
    assert made <= ids
    aliases = {(p["aws"]["alias"]): (p["aws"]["region"]) for p in parsed["provider"]}
    assert {"us_east_1": "us-east-1", "eu_west_1": "eu-west-1", "ap_south_1": "ap-south-1"}.items() <= aliases.items()
    for body in _blocks(parsed, "aws_cognito_identity_pool").values():
        if (body["identity_pool_name"]).startswith(tag):
            region = (body["identity_pool_name"]).split()[-1]
            assert body["provider"] == f"aws.{region.replace('-', '_')}"


def test_yaml_export_still_writes_a_plan_and_pools_or_all_is_required(cli, boto):
    up, client = user_pool(boto)
    pool = rich_identity_pool(boto, [provider(up, client)])
    code, out, err = cli("export", pool["IdentityPoolId"])
    assert code == 0, err
    plan = yaml.safe_load(out)
    assert plan["identity_pools"][0]["cognito_providers"][0]["user_pool_id"] == up
    code, out, err = cli("export")
    assert code == 2 and "--all" in err
    code, out, err = cli("export", pool["IdentityPoolId"], "--regions", "all")
    assert code == 2


def test_cloudformation_for_several_regions_writes_one_clean_template_per_region(endpoint, boto, unique, capsys,
                                                                                   tmp_path):
    tag = unique("cfn")
    made = {region: regional_pool(boto, region, f"{tag} {region}") for region in ("eu-west-1", "ap-south-1")}
    argv = ["--endpoint-url", endpoint, "export", "--all", "--regions", "eu-west-1,ap-south-1",
            "--format", "cloudformation"]
    assert main(argv) == 2  # to stdout there is room for one template only
    assert "-o FILE" in capsys.readouterr().err
    assert main([*argv, "-o", str(tmp_path / "stack.yaml")]) == 0
    for region, pool_id in made.items():
        path = tmp_path / f"stack.{region}.yaml"
        assert _cfn_errors(path) == []
        text = path.read_text()
        assert pool_id in text and all(other not in text for other in made.values() if other != pool_id)
