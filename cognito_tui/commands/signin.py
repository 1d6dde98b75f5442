"""`cognito-tui signin`: the live sign-in view on its own."""

from __future__ import annotations

import argparse

HELP = "sign a user in and watch the credentials live (TUI)"
DESCRIPTION = """\
Open the sign-in view: choose one of the identity pool's Cognito providers, sign in
(SRP; new-password and MFA challenges), then see the ID token's claims, the logins map,
the identity ID, the temporary credentials with a live expiry countdown and auto-refresh,
and the caller ARN that proves they work.

example:
  cognito-tui signin --identity-pool-id us-east-1:0f4a7c2e-1111-2222-3333-444455556666
  cognito-tui --endpoint-url http://127.0.0.1:4566 signin   # against a local Cognito"""


def register(sub) -> None:
    from .options import add_connection_options

    parser = sub.add_parser("signin", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--identity-pool-id", metavar="ID",
                        help="identity pool to sign in to (asked for when not given)")
    add_connection_options(parser, suppress=True)


def run(args) -> int:
    from .options import settings_from
    from ..ids import validate_identity_pool_id
    from .terminal import require_terminal

    if args.identity_pool_id:
        validate_identity_pool_id(args.identity_pool_id)
    require_terminal("signin")
    from ..tui.hangup import ended_with_the_terminal
    from ..tui.signin.app import run_signin_app

    with ended_with_the_terminal():
        return run_signin_app(settings_from(args), identity_pool_id=args.identity_pool_id)
