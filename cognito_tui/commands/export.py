"""`cognito-tui export POOL`: pools as a plan file, Terraform or CloudFormation."""

from __future__ import annotations

import argparse
import sys

HELP = "write pools as a plan (YAML, or JSON with --json), Terraform or CloudFormation"
DESCRIPTION = """\
Read identity pools and write them out. Nothing is changed.
  yaml            their Cognito providers as a plan file, ready to edit and feed to
                  `cognito-tui apply`; with --json the plan is JSON (the same fields;
                  apply reads it too) and errors are a JSON object on stderr
  terraform       aws_cognito_identity_pool and aws_cognito_identity_pool_roles_attachment
                  with import blocks: `terraform plan` adopts the live pools unchanged
  cloudformation  AWS::Cognito::IdentityPool and AWS::Cognito::IdentityPoolRoleAttachment,
                  one template per account and region, with the IDs for a resource import
What a format cannot express is said in comments at the top of the output.
--all exports every pool the inventory finds (--regions, --profiles).

exit codes: 0 written; 1 a pool or region could not be read (the rest is written);
            2 bad usage or a malformed POOL.

examples:
  cognito-tui export us-east-1:0f4a7c2e-1111-2222-3333-444455556666 -o plan.yaml
  cognito-tui export us-east-1:0f4a7c2e-... --json | jq '.identity_pools[0].cognito_providers'
  cognito-tui export us-east-1:0f4a7c2e-... --format terraform -o pools.tf
  cognito-tui export --all --regions all --format cloudformation -o pools.yaml"""

FORMATS = ("yaml", "terraform", "cloudformation")


def register(sub) -> None:
    from .options import add_connection_options, add_fleet_options

    parser = sub.add_parser("export", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pools", metavar="POOL", nargs="*", help="identity pool ID(s)")
    parser.add_argument("--format", choices=FORMATS, default="yaml", help="what to write (default: yaml)")
    parser.add_argument("--all", action="store_true", help="every pool found in --regions of --profiles")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--json", action="store_true", help="write the plan as JSON (errors as JSON on stderr)")
    parser.add_argument("--plan-version", type=int, choices=(1, 2), default=1, metavar="{1,2}",
                        help="plan version to write (default 1; 2 adds guest access and roles)")
    add_fleet_options(parser)
    add_connection_options(parser, suppress=True)


def _explicit_sources(args) -> list:
    from .. import ids
    from ..aws.gateway import Aws
    from ..iac import PoolSource
    from .options import settings_from

    pool_ids = [ids.validate_identity_pool_id(p) for p in args.pools]
    aws = Aws(settings_from(args))
    roles_needed = args.format != "yaml" or args.plan_version == 2
    return [PoolSource(aws.identity_pools.describe(pool_id),
                       aws.identity_pools.get_roles(pool_id) if roles_needed else {})
            for pool_id in pool_ids]


def _fleet_sources(args) -> tuple[list, bool]:
    """Every readable pool the inventory finds; False when a region, profile or pool failed."""
    from ..fleet.render import failure_lines
    from ..iac import PoolSource
    from .options import fleet_from

    inventory = fleet_from(args)
    for line in failure_lines(inventory):
        sys.stderr.write(f"cognito-tui: {line}; not exported.\n")
    sources, complete = [], inventory.ok
    for row in inventory.pools:
        if row.config is None or row.roles is None:
            sys.stderr.write(f"cognito-tui: {row.id} not exported: {row.error}\n")
            complete = False
            continue
        sources.append(PoolSource(row.config, row.roles, row.profile if args.profiles else None, row.account))
    return sources, complete


def _render(args, sources) -> list[tuple[str, str]]:
    """[(label, text)]: one text, except CloudFormation's one template per account and region."""
    from ..errors import InputError
    from ..plan import Plan, dump_plan, plan_to_dict, pool_plan_from_config

    if args.format == "terraform":
        from ..iac.terraform import to_terraform
        return [("", to_terraform(sources))]
    if args.format == "cloudformation":
        from ..iac.cloudformation import to_cloudformation
        return to_cloudformation(sources) or [("", "")]
    if args.plan_version == 2:
        if args.json:
            raise InputError("--json writes version 1 plans only.", "Drop --json to export version 2 as YAML.")
        from ..plan_v2_dump import dump_plan_v2

        return [("", dump_plan_v2([(s.config, s.roles) for s in sources]))]
    pools, names = [], {}
    for source in sources:
        try:
            pools.append(pool_plan_from_config(source.config))
        except InputError as exc:
            raise InputError(f"Pool {source.pool_id} has a provider a plan cannot express: {exc.message}",
                             f"Fix it first (`cognito-tui doctor {source.pool_id}` explains).") from exc
        names[source.pool_id] = source.name
    plan = Plan(tuple(pools))
    if args.json:
        import json

        return [("", json.dumps(plan_to_dict(plan), indent=2) + "\n")]
    return [("", dump_plan(plan, comments=names))]


def _file_for(output: str, label: str, several: bool) -> str:
    """FILE itself, or FILE with the template's region (and profile) before its extension."""
    if not several:
        return output
    import os

    stem, ext = os.path.splitext(output)
    return f"{stem}.{label}{ext or '.yaml'}"


def run(args) -> int:
    from ..errors import EXIT_FAILED, EXIT_OK, InputError
    from ..private_files import write_atomic

    if bool(args.pools) == bool(args.all):
        raise InputError("Name the pools to export, or give --all (not both).",
                         "e.g. cognito-tui export us-east-1:0f4a7c2e-... or cognito-tui export --all --regions all")
    if args.json and args.format != "yaml":
        raise InputError("--json writes the plan as JSON; Terraform and CloudFormation have their own formats.",
                         "Drop --json, or use --format yaml.")
    if not args.all and (args.regions or args.profiles):
        raise InputError("--regions and --profiles choose pools for --all.", "Add --all, or drop them.")
    if args.all:
        sources, complete = _fleet_sources(args)
    else:
        sources, complete = _explicit_sources(args), True
    outputs = _render(args, sources)
    several = len(outputs) > 1
    if several and not args.output:
        raise InputError(f"These pools are in {len(outputs)} regions or accounts, and a CloudFormation "
                         "template (a stack) holds one.",
                         "Give -o FILE: one template per region is written, e.g. FILE.eu-west-1.yaml.")
    if not args.output:
        sys.stdout.write(outputs[0][1])
        sys.stdout.flush()
    for label, text in outputs if args.output else ():
        path = _file_for(args.output, label, several)
        write_atomic(path, text, mode=0o644)
        sys.stderr.write(f"Wrote {path}\n")
    if args.output:
        sys.stderr.write(f"Exported {len(sources)} pool(s).\n")
    return EXIT_OK if complete else EXIT_FAILED
