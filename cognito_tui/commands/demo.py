"""`cognito-tui demo`: the wizard against the embedded local Cognito, with demo data."""

from __future__ import annotations

import argparse

from .local import add_state_file_option

HELP = "try the wizard on an embedded local Cognito with demo data (no AWS account)"
DESCRIPTION = """\
Start the embedded local Cognito in this process, seed it with demo user pools, an
identity pool and users, and open the wizard against it. Nothing reaches AWS.
Everything is gone when you quit, unless --state-file keeps it.

example:
  cognito-tui demo
  cognito-tui demo --credential-ttl 120   # watch credentials refresh sooner
  cognito-tui demo --state-file demo.cognito.json   # pause now, resume later"""


def register(sub) -> None:
    parser = sub.add_parser("demo", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--credential-ttl", type=int, default=900, metavar="SECONDS",
                        help="lifetime of issued AWS credentials (default 900)")
    add_state_file_option(parser)


def run(args) -> int:
    from ..tui.hangup import ended_with_the_terminal
    from .local import check_local_options
    from .terminal import require_terminal

    check_local_options(args.credential_ttl)
    require_terminal("demo")
    with ended_with_the_terminal():  # a hang-up or a kill from here on ends it as quitting does
        return _run(args)


def _run(args) -> int:
    import os
    import tempfile

    from ..local import start_local_cognito
    from ..local.state_file import StateFileError
    from ..settings import Settings
    from ..tui.launch import run_wizard
    from .local import start_error

    # The demo talks only to the local server: dummy keys, never the user's AWS profile.
    os.environ.update({"AWS_ACCESS_KEY_ID": "demo", "AWS_SECRET_ACCESS_KEY": "demo"})
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
        os.environ.pop(name, None)
    # Its backups and caches go with it when it ends (--state-file keeps only the local Cognito).
    with tempfile.TemporaryDirectory(prefix="cognito-tui-demo-") as state:
        os.environ["XDG_STATE_HOME"] = os.path.join(state, "state")
        os.environ["XDG_CACHE_HOME"] = os.path.join(state, "cache")
        try:
            server = start_local_cognito(port=0, seed=True, credential_ttl=args.credential_ttl,
                                         state_file=args.state_file)
        except StateFileError as exc:
            raise start_error(exc) from None
        with server:
            settings = Settings(region=server.region, endpoint_url=server.endpoint_url)
            return run_wizard(settings, demo=server.demo)
