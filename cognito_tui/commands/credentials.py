"""`cognito-tui credentials`: sign a user in headlessly and print temporary AWS credentials."""

from __future__ import annotations

import argparse
import os
import sys

HELP = "sign a user in and print temporary AWS credentials (env, JSON, credential_process)"
DESCRIPTION = """\
Sign a user in to a user pool (SRP), put the ID token in the identity pool's logins map,
and print the temporary AWS credentials from GetId + GetCredentialsForIdentity.

The password never comes from the command line: pipe it with --password-stdin, or set
COGNITO_PASSWORD. A client secret, when the app client has one, is read with
DescribeUserPoolClient, or from --client-secret-stdin (then the password comes from
COGNITO_PASSWORD). An MFA code comes from --mfa-code, or is asked for on the terminal.

example:
  printf '%s' "$PASSWORD" | cognito-tui credentials --password-stdin \\
      --identity-pool-id us-east-1:0f4a7c2e-1111-2222-3333-444455556666 \\
      --user-pool-id us-east-1_AbCdEf123 --client-id 1h57kf5cpq17m0eml12EXAMPLE \\
      --username alice --format env

  # as an AWS CLI profile in ~/.aws/config (one line; COGNITO_PASSWORD in the environment):
  [profile alice]
  credential_process = cognito-tui credentials --identity-pool-id ID --user-pool-id ID --client-id ID --username alice --format process"""

FORMATS = ("env", "json", "process")


def register(sub) -> None:
    from .options import add_connection_options

    parser = sub.add_parser("credentials", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--identity-pool-id", required=True, metavar="ID", help="identity pool ID (<region>:<uuid>)")
    parser.add_argument("--user-pool-id", required=True, metavar="ID", help="user pool ID (<region>_<id>)")
    parser.add_argument("--client-id", required=True, metavar="ID", help="app client ID of that user pool")
    parser.add_argument("--username", required=True, help="the user's name (or alias) in the user pool")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from the first line of stdin (else COGNITO_PASSWORD)")
    parser.add_argument("--client-secret-stdin", action="store_true",
                        help="read the app client secret from stdin (the password then comes from COGNITO_PASSWORD)")
    parser.add_argument("--mfa-code", metavar="CODE", help="MFA code (TOTP or SMS), if the user has MFA")
    parser.add_argument("--format", choices=FORMATS, default="env",
                        help="env: export lines (default); json: an object; process: AWS credential_process")
    add_connection_options(parser, suppress=True)


def run(args) -> int:
    from ..errors import InputError, SignInError
    from ..ids import validate_client_id, validate_identity_pool_id, validate_user_pool_id

    validate_identity_pool_id(args.identity_pool_id)
    validate_user_pool_id(args.user_pool_id)
    validate_client_id(args.client_id)
    if args.password_stdin and args.client_secret_stdin:
        raise InputError("--password-stdin and --client-secret-stdin cannot both read stdin.",
                         "Give the password in COGNITO_PASSWORD and the secret on stdin.")
    secret = _read_stdin("client secret") if args.client_secret_stdin else None
    password = _read_stdin("password") if args.password_stdin else os.environ.get("COGNITO_PASSWORD", "")
    if not password:
        raise InputError("No password given.",
                         "Pipe it with --password-stdin or set COGNITO_PASSWORD (never as an argument).")

    from ..aws.gateway import Aws
    from .options import settings_from
    from ..signin import FORMATS as WRITERS
    from ..signin import SIGNED_IN, Provider, SignIn

    signin = SignIn(Aws(settings_from(args)), args.identity_pool_id,
                    Provider(args.user_pool_id, args.client_id), client_secret=secret,
                    fetch_secret=secret is None,
                    # GetId verifies the token's signature itself; fetching the key set here
                    # would cost a request and the crypto imports for nothing.
                    verify_signature=False)
    state = signin.sign_in(args.username, password)
    mfa_used = False
    while state != SIGNED_IN:
        challenge = signin.challenge
        assert challenge is not None
        if challenge.name in ("SOFTWARE_TOKEN_MFA", "SMS_MFA") and args.mfa_code and not mfa_used:
            answer, mfa_used = args.mfa_code, True
        else:
            answer = _ask(challenge.prompt, secret=challenge.secret)
        if answer is None:
            raise SignInError(f"Sign-in needs an answer: {challenge.prompt}.", _hint(challenge.name))
        state = signin.answer(answer)
    assert signin.credentials is not None
    sys.stdout.write(WRITERS[args.format](signin.credentials))
    sys.stdout.flush()
    return 0


def _read_stdin(what: str) -> str:
    from ..errors import InputError

    if sys.stdin is None or sys.stdin.closed:
        raise InputError(f"No {what} on stdin.", "")
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise InputError(f"No {what} on stdin.", f"Pipe the {what}, e.g. printf '%s' \"$VALUE\" | cognito-tui ...")
    return line


def _hint(challenge: str) -> str:
    return {
        "CLIENT_SECRET_REQUIRED": "The app client has a secret: pipe it with --client-secret-stdin.",
        "NEW_PASSWORD_REQUIRED": "The user must set a new password: run this on a terminal, or `cognito-tui signin`.",
        "SOFTWARE_TOKEN_MFA": "Pass --mfa-code with the current code from the authenticator app.",
        "SMS_MFA": "Pass --mfa-code with the code sent by SMS.",
    }.get(challenge, "")


def _ask(prompt: str, *, secret: bool) -> str | None:
    """Ask on the controlling terminal, when there is one (stdin may carry the password)."""
    import getpass

    if not sys.stderr.isatty():
        return None
    try:
        with open("/dev/tty", "r+") as tty:
            if secret:
                return getpass.getpass(f"{prompt}: ", stream=tty) or None
            tty.write(f"{prompt}: ")
            tty.flush()
            return tty.readline().strip() or None
    except OSError:
        return None
