"""What `credentials`, `login` and `logout` share: the sign-in's ID options, where the password and
the client secret come from, answering challenges on the terminal, and the `login` line to quote."""

from __future__ import annotations

import os
import shlex
import sys

ID_OPTIONS = (("--identity-pool-id", "identity pool ID (<region>:<uuid>)"),
              ("--user-pool-id", "user pool ID (<region>_<id>)"),
              ("--client-id", "app client ID of that user pool"))


def add_id_options(parser) -> None:
    for flag, text in ID_OPTIONS:
        parser.add_argument(flag, required=True, metavar="ID", help=text)
    parser.add_argument("--username", required=True, help="the user's name (or alias) in the user pool")


def add_secret_options(parser, *, mfa: bool = True) -> None:
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from the first line of stdin (else COGNITO_PASSWORD)")
    parser.add_argument("--client-secret-stdin", action="store_true",
                        help="read the app client secret from stdin (the password then comes from COGNITO_PASSWORD)")
    if mfa:
        parser.add_argument("--mfa-code", metavar="CODE", help="MFA code (TOTP or SMS), if the user has MFA")


def key_of(args):
    from ..ids import validate_client_id, validate_identity_pool_id, validate_user_pool_id
    from ..signin.stored import SignInKey

    validate_identity_pool_id(args.identity_pool_id)
    validate_user_pool_id(args.user_pool_id)
    validate_client_id(args.client_id)
    return SignInKey(args.identity_pool_id, args.user_pool_id, args.client_id, args.username)


def warn(line: str) -> None:
    sys.stderr.write(f"cognito-tui: warning: {line}\n")
    sys.stderr.flush()


def command_line(args, command: str, *extra: str) -> str:
    """`cognito-tui COMMAND` with the same IDs (and the connection options given explicitly)."""
    parts = ["cognito-tui"]
    for option in ("profile", "region", "endpoint_url"):
        value = getattr(args, option, None)
        if value:
            parts += [f"--{option.replace('_', '-')}", value]
    parts += [command, "--identity-pool-id", args.identity_pool_id, "--user-pool-id", args.user_pool_id,
              "--client-id", args.client_id, "--username", args.username, *extra]
    return shlex.join(parts)


def read_secrets(args) -> tuple[str, str | None]:
    """(password or "", client secret or None) from stdin and COGNITO_PASSWORD; never arguments."""
    from ..errors import InputError

    if args.password_stdin and args.client_secret_stdin:
        raise InputError("--password-stdin and --client-secret-stdin cannot both read stdin.",
                         "Give the password in COGNITO_PASSWORD and the secret on stdin.")
    secret = _read_stdin("client secret") if args.client_secret_stdin else None
    password = _read_stdin("password") if args.password_stdin else os.environ.get("COGNITO_PASSWORD", "")
    return password, secret


def _read_stdin(what: str) -> str:
    from ..errors import InputError

    if sys.stdin is None or sys.stdin.closed:
        raise InputError(f"No {what} on stdin.", "")
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise InputError(f"No {what} on stdin.", f"Pipe the {what}, e.g. printf '%s' \"$VALUE\" | cognito-tui ...")
    return line


def new_signin(args, client_secret: str | None):
    from ..aws.gateway import Aws
    from ..signin import Provider, SignIn
    from .options import settings_from

    return SignIn(Aws(settings_from(args)), args.identity_pool_id, Provider(args.user_pool_id, args.client_id),
                  client_secret=client_secret, fetch_secret=client_secret is None,
                  # GetId verifies the token's signature itself; fetching the key set here
                  # would cost a request and the crypto imports for nothing.
                  verify_signature=False)


HINTS = {
    "CLIENT_SECRET_REQUIRED": "The app client has a secret: pipe it with --client-secret-stdin.",
    "NEW_PASSWORD_REQUIRED": "The user must set a new password: run this on a terminal, or `cognito-tui login`.",
    "SOFTWARE_TOKEN_MFA": "Pass --mfa-code with the current code from the authenticator app.",
    "SMS_MFA": "Pass --mfa-code with the code sent by SMS.",
    "MFA_SETUP": "The user must set up an authenticator app: run `cognito-tui login` on a terminal.",
    "SELECT_MFA_TYPE": "Run `cognito-tui login` on a terminal to choose the MFA method.",
}


def answer_challenges(signin, state: str, args, terminal) -> str:
    """Answer every challenge until signed in: --mfa-code once, then questions on `terminal`
    (None: nowhere to ask, so a challenge ends the command with what to do)."""
    from ..errors import CognitoTuiError, SignInError
    from ..signin import SIGNED_IN

    mfa_code = getattr(args, "mfa_code", None)
    tries = 0
    while state != SIGNED_IN:
        challenge = signin.challenge
        assert challenge is not None
        if challenge.name in ("SOFTWARE_TOKEN_MFA", "SMS_MFA") and mfa_code:
            answer, mfa_code = mfa_code, None
        elif terminal is None:
            raise SignInError(f"Sign-in needs an answer: {challenge.prompt}.", HINTS.get(challenge.name, ""),
                              code=challenge.name)
        else:
            answer = ask_challenge(signin, challenge, terminal)
            if not answer:
                raise SignInError(f"Sign-in needs an answer: {challenge.prompt}.", "Nothing was typed.",
                                  code=challenge.name)
        try:
            state = signin.answer(answer)
        except CognitoTuiError as exc:
            tries += 1
            # A wrong code or a refused new password can be typed again; the rest ends here.
            if terminal is None or tries >= 3 or signin.state not in ("SOFTWARE_TOKEN_MFA", "SMS_MFA", "MFA_SETUP",
                                                                       "NEW_PASSWORD_REQUIRED"):
                raise
            terminal.write(f"{exc.one_line()}\n")
            state = signin.state
    return state


def ask_challenge(signin, challenge, terminal) -> str | None:
    import json

    if challenge.name == "NEW_PASSWORD_REQUIRED":
        return terminal.ask_new_secret(challenge.prompt)
    if challenge.name == "MFA_SETUP" and signin.authenticator is not None:
        show_authenticator(signin.authenticator, terminal)
        return terminal.ask(challenge.prompt)
    if challenge.name == "SELECT_MFA_TYPE":
        try:
            methods = json.loads(challenge.parameters.get("MFAS_CAN_CHOOSE") or "[]")
        except ValueError:
            methods = []
        methods = methods or ["SOFTWARE_TOKEN_MFA", "SMS_MFA"]
        names = {"SOFTWARE_TOKEN_MFA": "authenticator app", "SMS_MFA": "SMS"}
        for number, method in enumerate(methods, 1):
            terminal.write(f"  {number}. {names.get(method, method)}\n")
        chosen = terminal.ask(f"MFA method (1-{len(methods)})")
        if chosen and chosen.strip().isdigit() and 1 <= int(chosen) <= len(methods):
            return methods[int(chosen) - 1]
        return chosen
    return terminal.ask(challenge.prompt, secret=challenge.secret)


def show_authenticator(setup, terminal) -> None:
    from ..signin.qr import setup_screen

    columns, _lines = terminal.size()
    colour = "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    terminal.write(setup_screen(setup.secret, setup.account, setup.issuer, colour=colour, width=columns))
