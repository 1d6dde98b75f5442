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
