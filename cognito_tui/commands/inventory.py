"""`cognito-tui inventory`: every identity pool across regions and accounts."""

from __future__ import annotations

import argparse
import sys

HELP = "list every identity pool across regions and profiles (accounts)"
DESCRIPTION = """\
List every identity pool in the regions and accounts given: region, account, name, ID,
number of Cognito providers, guest access, and whether the roles are set. Regions are
read concurrently, each operation at most --max-rate requests per second per account
and region, with botocore's adaptive retries. Each region gets one status: ok, not
enabled for the account, access denied, or throttled. What could be read is printed
even when a region failed.

exit codes: 0 every region read; 1 a region or profile failed (the rest is printed);
            2 bad usage (an unknown profile or region).

examples:
  cognito-tui inventory --regions all
  cognito-tui inventory --regions us-east-1,eu-west-1 --profiles prod,staging --csv > pools.csv
  cognito-tui inventory --regions all --json | jq '.pools[] | select(.authenticated_role == null)'"""


def register(sub) -> None:
    from .options import add_connection_options, add_fleet_options

    parser = sub.add_parser("inventory", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    add_fleet_options(parser)
    formats = parser.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true", help="print the inventory as JSON")
    formats.add_argument("--csv", action="store_true", help="print the pools as CSV (failed regions go to stderr)")
    add_connection_options(parser, suppress=True)


def run(args) -> int:
    from ..errors import EXIT_FAILED, EXIT_OK
    from ..fleet.render import failure_lines, render_csv, render_text
    from .options import fleet_from
    from .output import print_json, terminal_width

    inventory = fleet_from(args)
    if args.json:
        print_json(inventory.to_dict())
    elif args.csv:
        sys.stdout.write(render_csv(inventory))
        for line in failure_lines(inventory):
            sys.stderr.write(f"cognito-tui: {line}\n")
    else:
        sys.stdout.write(render_text(inventory, width=terminal_width()) + "\n")
    sys.stdout.flush()
    return EXIT_OK if inventory.ok else EXIT_FAILED
