"""`cognito-tui export POOL`: a pool's Cognito providers as a plan file."""

from __future__ import annotations

import argparse
import sys

HELP = "write a pool's Cognito providers as a plan (YAML, or JSON with --json)"
DESCRIPTION = """\
Read identity pools and print their Cognito providers as a plan file, ready to edit
and feed to `cognito-tui apply`. Nothing is changed. With --json the plan is JSON
(the same fields; apply reads it too) and errors are a JSON object on stderr.

example:
  cognito-tui export us-east-1:0f4a7c2e-1111-2222-3333-444455556666 -o plan.yaml
  cognito-tui export us-east-1:0f4a7c2e-... --json | jq '.identity_pools[0].cognito_providers'"""


def register(sub) -> None:
    from .options import add_connection_options

    parser = sub.add_parser("export", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pools", metavar="POOL", nargs="+", help="identity pool ID(s)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--json", action="store_true", help="write the plan as JSON (errors as JSON on stderr)")
    parser.add_argument("--plan-version", type=int, choices=(1, 2), default=1, metavar="{1,2}",
                        help="plan version to write (default 1; 2 adds guest access and roles)")
    add_connection_options(parser, suppress=True)


def run(args) -> int:
    from .. import ids
    from ..aws.gateway import Aws
    from .options import settings_from
    from ..errors import InputError
    from ..plan import Plan, dump_plan, plan_to_dict, pool_plan_from_config
    from ..private_files import write_atomic

    pool_ids = [ids.validate_identity_pool_id(p) for p in args.pools]
    aws = Aws(settings_from(args))
    pools, names, configs = [], {}, []
    for pool_id in pool_ids:
        config = aws.identity_pools.describe(pool_id)
        configs.append(config)
        try:
            pools.append(pool_plan_from_config(config))
        except InputError as exc:
            raise InputError(f"Pool {pool_id} has a provider a plan cannot express: {exc.message}",
                             f"Fix it first (`cognito-tui doctor {pool_id}` explains).") from exc
        names[pool_id] = config.get("IdentityPoolName", "")
    plan = Plan(tuple(pools))
    if args.plan_version == 2:
        if args.json:
            raise InputError("--json writes version 1 plans only.", "Drop --json to export version 2 as YAML.")
        from ..plan_v2 import dump_plan_v2

        text = dump_plan_v2([(c, aws.identity_pools.get_roles(c["IdentityPoolId"])) for c in configs])
    elif args.json:
        import json

        text = json.dumps(plan_to_dict(plan), indent=2) + "\n"
    else:
        text = dump_plan(plan, comments=names)
    if not args.output:
        sys.stdout.write(text)
        return 0
    write_atomic(args.output, text, mode=0o644)
    sys.stderr.write(f"Wrote {len(pools)} pool(s) to {args.output}\n")
    return 0
