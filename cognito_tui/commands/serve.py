"""`cognito-tui serve`: the wizard (or sign-in, or the demo) in a browser, behind a token."""

from __future__ import annotations

import argparse

HELP = "serve the wizard in a browser (loopback, a secret token in the URL)"
DESCRIPTION = """\
Serve the wizard (or `signin`, or with --demo the demo on its own local Cognito) to a
web browser. Prints the URL to open: it carries a random token, and every request
without it is refused. Each browser tab is its own app process, acting with YOUR AWS
credentials; closing the tab ends it, Ctrl-C stops the server and every session.

Listens on loopback only by default. To reach it from another machine, prefer an SSH
tunnel to opening a port:  ssh -L 8000:127.0.0.1:8000 you@this-host

example:
  cognito-tui serve --demo                 # the demo, at http://127.0.0.1:8000/<token>/
  cognito-tui --profile dev serve          # the wizard against AWS with profile dev
  cognito-tui serve --port 0 signin --identity-pool-id us-east-1:0f4a7c2e-1111-2222-3333-444455556666"""

APPS = ("signin", "demo")  # besides the wizard (no command): the commands that are apps


def register(sub) -> None:
    from .options import add_connection_options

    parser = sub.add_parser("serve", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; anything else is reachable by others)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 = any free port)")
    parser.add_argument("--demo", action="store_true",
                        help="serve the demo: each session gets its own local Cognito (no AWS account)")
    parser.add_argument("app_command", nargs=argparse.REMAINDER, metavar="COMMAND ...",
                        help="what each session runs: nothing (the wizard), `signin [options]` or `demo [options]`")
    add_connection_options(parser, suppress=True)


def app_argv(args) -> list[str]:
    """The command each session runs: this Python, this package, the connection options and
    the app command. Only what the operator typed: no secrets, and never the token."""
    import sys

    from ..errors import InputError

    command = list(args.app_command)
    if command[:1] == ["--"]:
        command = command[1:]
    if args.demo:
        if command and command[0] != "demo":
            raise InputError("--demo serves the demo; it cannot be combined with a command.",
                             "Use `cognito-tui serve --demo`, or drop --demo.")
        command = command or ["demo"]
    if command and command[0] not in APPS:
        raise InputError(f"`{command[0]}` is not an app that can be served.",
                         "Serve the wizard (no command), `signin` or `demo`.")
    connection = []
    for option in ("profile", "region", "endpoint_url"):
        value = getattr(args, option, None)
        if value and command[:1] != ["demo"]:
            connection += [f"--{option.replace('_', '-')}", value]
    argv = connection + command
    _check(argv)
    return [sys.executable, "-m", "cognito_tui", *argv]


class _Refusal(argparse.ArgumentParser):
    def error(self, message: str):
        from ..errors import InputError

        raise InputError(f"The served app would refuse its arguments: {message}.",
                         "See `cognito-tui serve --help` and the command's own --help.")


def _check(argv: list[str]) -> None:
    """Refuse here what each session would refuse, so the mistake shows in the terminal once
    instead of as a blank page in every browser tab."""
    import importlib

    from ..ids import validate_identity_pool_id
    from .local import check_local_options
    from .options import add_connection_options

    parser = _Refusal(prog="cognito-tui", add_help=False)
    add_connection_options(parser)
    sub = parser.add_subparsers(dest="command", parser_class=_Refusal)
    for name in APPS:
        importlib.import_module(f"cognito_tui.commands.{name}").register(sub)
    parsed = parser.parse_args(argv)
    if parsed.command == "demo":
        check_local_options(parsed.credential_ttl)
    if getattr(parsed, "identity_pool_id", None):
        validate_identity_pool_id(parsed.identity_pool_id)


def run(args) -> int:
    from ..errors import InputError

    if not 0 <= args.port <= 65535:
        raise InputError(f"--port {args.port} is not a port number.", "Use 0-65535 (0 = any free port).")
    argv = app_argv(args)
    from ..serve import serve

    return serve(argv, host=args.host, port=args.port, title=_title(args))


def _title(args) -> str:
    if args.demo or args.app_command[:1] == ["demo"]:
        return "cognito-tui demo"
    if args.app_command[:1] == ["signin"]:
        return "cognito-tui: sign in"
    return "cognito-tui"
