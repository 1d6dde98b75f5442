"""Options that several commands share, and the settings they build; commands import these from
here, never from cli.py."""

from __future__ import annotations

import argparse


def add_connection_options(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    """--profile/--region/--endpoint-url, accepted before or after the command."""
    default = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group("connection")
    group.add_argument("--profile", default=default, help="AWS profile (default: AWS_PROFILE)")
    group.add_argument("--region", default=default, help="AWS region (default: AWS_REGION / AWS_DEFAULT_REGION)")
    group.add_argument("--endpoint-url", default=default, metavar="URL",
                       help="send every AWS call here, e.g. a local Cognito (default: AWS_ENDPOINT_URL)")


def settings_from(args):
    """The connection settings for a parsed command line."""
    from ..settings import Settings

    return Settings.from_env(profile=args.profile, region=args.region, endpoint_url=args.endpoint_url)


def add_regions_option(parser, *, suppress: bool = False, help: str | None = None) -> None:
    """--regions, accepted before or after the command (the wizard takes it too)."""
    parser.add_argument("--regions", metavar="all|R1,R2", default=argparse.SUPPRESS if suppress else None,
                        help=help or "regions to read: `all` (every region where cognito-identity exists, "
                                     "from botocore's endpoint data) or a comma-separated list (default: --region)")


def add_fleet_options(parser: argparse.ArgumentParser) -> None:
    """--regions/--profiles: which regions of which accounts a fleet command reads."""
    group = parser.add_argument_group("fleet")
    add_regions_option(group, suppress=True)
    group.add_argument("--profiles", metavar="P1,P2",
                       help="AWS profiles (accounts) to read, comma-separated (default: --profile)")
    group.add_argument("--max-rate", type=_positive_rate, default=None, metavar="N",
                       help="requests per second per operation, account and region (default: 10)")


def _positive_rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError("must be above 0 and at most 1000")
    return value


def fleet_from(args):
    """Sweep the regions and profiles the command line names, with a progress bar on a
    terminal's stderr (nothing on a pipe); returns the Inventory."""
    import sys

    from ..fleet import open_accounts, resolve_regions, sweep
    from ..fleet.render import progress_bar
    from ..fleet.sweep import DEFAULT_RATE

    profiles = [p.strip() for p in (args.profiles or "").split(",") if p.strip()] or None
    accounts = open_accounts(settings_from(args), profiles)
    regions = resolve_regions(args.regions, accounts[0].aws.clients)
    try:
        interactive = sys.stderr.isatty()
    except (AttributeError, ValueError):
        interactive = False

    def report(done: int, total: int, pools: int) -> None:
        sys.stderr.write(progress_bar(done, total, pools))
        sys.stderr.flush()

    try:
        return sweep(accounts, regions, rate=args.max_rate or DEFAULT_RATE, progress=report if interactive else None)
    finally:
        if interactive:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
