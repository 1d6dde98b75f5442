"""Entry point: global options, subcommands, exit codes, and one clear line per error."""

from __future__ import annotations

import argparse
import importlib
import signal
import sys

from . import __version__
from .commands.options import add_connection_options, add_regions_option
from .errors import EXIT_INTERRUPTED, EXIT_USAGE, CognitoTuiError

# Each command lives in cognito_tui/commands/<name>.py with register(subparsers) and run(args).
# Those modules import nothing heavy at load time, so `--help` and the first screen stay fast.
COMMANDS = ("demo", "local", "signin", "serve", "export", "apply", "doctor", "credentials", "login", "logout",
            "rollback", "inventory")

DESCRIPTION = """\
Connect Amazon Cognito user pools to an identity pool, safely, and prove it works.

With no command, opens the wizard against AWS (or --endpoint-url / AWS_ENDPOINT_URL).
Try it with no AWS account:  cognito-tui demo
"""

EPILOG = """\
exit codes: 0 success or nothing to change; 1 the operation failed; 2 bad usage or input;
            3 conflict (the pool changed since it was read; nothing written); 130 interrupted.
environment: COGNITO_TUI_DRAFTS=0 keeps no draft of unfinished wizard answers;
             COGNITO_TUI_READ_AHEAD=0 starts no helper process to read the first page of pools.
Run `cognito-tui COMMAND --help` for each command's options and an example."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, as for every bad input
        self.print_usage(sys.stderr)
        sys.stderr.write(f"cognito-tui: error: {message}\n")
        sys.exit(EXIT_USAGE)


def build_parser(commands: tuple[str, ...] = COMMANDS) -> argparse.ArgumentParser:
    parser = _Parser(prog="cognito-tui", description=DESCRIPTION, epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"cognito-tui {__version__}")
    add_connection_options(parser)
    add_regions_option(parser, help="the wizard lists identity pools from these regions: `all` or R1,R2 "
                                    "(default: --region); for a command, see its own --regions")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in commands:
        module = importlib.import_module(f"cognito_tui.commands.{name}")
        module.register(sub)
    return parser


_GLOBAL_WITH_VALUE = ("--profile", "--region", "--endpoint-url")


def _requested(argv: list[str]) -> tuple[str, ...]:
    """The command named on the command line, as a 1-tuple; every command when it is unclear
    (help, a typo: argparse then lists them all), none for the wizard."""
    words = iter(argv)
    for word in words:
        if word in _GLOBAL_WITH_VALUE:
            next(words, None)
        elif word.startswith("-"):
            if word.split("=", 1)[0] not in _GLOBAL_WITH_VALUE:
                return COMMANDS  # --help, --version or a mistake: the full parser says it right
        else:
            return (word,) if word in COMMANDS else COMMANDS
    return ()


# Commands that serve others: a client hanging up must not kill them with SIGPIPE.
SERVERS = ("local", "demo", "serve")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Only the command asked for gets its parser built (none for the wizard): a credential_process
    # runs `credentials` on every AWS call, and the others' modules are not needed for it.
    args = build_parser(_requested(argv)).parse_args(argv)
    command = args.command or "wizard"
    if command not in SERVERS:
        # `cognito-tui export ... | head` ends quietly, as a pipeline tool should.
        try:
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        except (AttributeError, ValueError):
            pass
    module = importlib.import_module(f"cognito_tui.commands.{command}")
    json_mode = bool(getattr(args, "json", False))
    try:
        return int(module.run(args) or 0)
    except CognitoTuiError as exc:
        from .commands.output import print_error

        print_error(exc, json_mode=json_mode)
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("cognito-tui: interrupted.\n")
        return EXIT_INTERRUPTED


def entry() -> None:
    code = main()
    # The usual exit (handlers run, output flushed, threads joined), minus the last garbage
    # collection over every object the command loaded (botocore's models, pycognito's crypto):
    # frozen objects are not collected again. A credential_process pays the exit on every
    # refresh; benchmarks/REPORT.md has its row with and without.
    import gc

    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    entry()
