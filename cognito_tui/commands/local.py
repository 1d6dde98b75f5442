"""`cognito-tui local`: run only the embedded local Cognito in the foreground."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "run the embedded local Cognito (prints export lines, serves until Ctrl-C)"
DESCRIPTION = """\
Serve a local Cognito on loopback: identity pools with AWS's behaviour, user pools,
IAM and STS. First prints `export` lines to point any AWS client or SDK at it, with
the seeded demo IDs and demo user; then serves until Ctrl-C.

example:
  cognito-tui local                                    # serve on 127.0.0.1:4599
  cognito-tui local --port 0 > local.env & sleep 2; . ./local.env   # from a script
  cognito-tui local --credential-ttl 120               # short-lived credentials
  cognito-tui local --state-file dev.cognito.json      # keep pools and users across restarts"""


def register(sub) -> None:
    parser = sub.add_parser("local", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=4599, help="port (default 4599; 0 = any free port)")
    parser.add_argument("--no-seed", action="store_true", help="start empty, without the demo data")
    parser.add_argument("--credential-ttl", type=int, default=3600, metavar="SECONDS",
                        help="lifetime of issued AWS credentials (default 3600)")
    add_state_file_option(parser)


def add_state_file_option(parser) -> None:
    """Shared by `local` and `demo`."""
    parser.add_argument("--state-file", type=Path, metavar="FILE",
                        help="restore the state saved in FILE and keep saving it there (0600: it "
                             "holds client secrets and signing keys); a new FILE starts with the demo data")


def start_error(exc) -> Exception:
    """A state file that cannot be used, as the one clear error the CLI shows (exit 2)."""
    from ..errors import InputError

    return InputError(f"The state file {exc.path} {exc.problem}.", exc.hint)


def check_local_options(credential_ttl: int) -> None:
    """Shared by `local` and `demo`: the 'local' extra is installed and the TTL makes sense."""
    import importlib.util

    from ..errors import InputError

    if credential_ttl < 60:
        raise InputError("--credential-ttl must be at least 60 seconds.", "")
    if importlib.util.find_spec("moto") is None:
        raise InputError("The local Cognito needs the 'local' extra.",
                         "Install it with: pip install 'cognito-tui[local]'")


def run(args) -> int:
    from ..errors import InputError

    if not 0 <= args.port <= 65535:
        raise InputError(f"--port {args.port} is not a port number.", "Use 0-65535 (0 = any free port).")
    check_local_options(args.credential_ttl)
    from ..local.runner import run_foreground
    from ..local.state_file import StateFileError

    try:
        return run_foreground(args.host, args.port, not args.no_seed, args.credential_ttl,
                              state_file=args.state_file)
    except StateFileError as exc:
        raise start_error(exc) from None
