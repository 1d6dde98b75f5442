"""`cognito-tui login`: sign in once (every challenge answered on the terminal, an authenticator
app set up when the pool requires one), keep the refresh token, and print (or write) the
credential_process line that lets the AWS CLI and SDKs get credentials with no password."""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys

HELP = "sign in once and keep the sign-in, for `credentials` and AWS CLI profiles with no password"
DESCRIPTION = """\
Sign a user in once with the password (asked on the terminal, hidden, or from --password-stdin),
answering what the user pool asks: a new password (typed twice), an MFA code, the choice of MFA
method, or the setup of an authenticator app (a QR code and the key are shown; type the code the
app then shows). The refresh token is kept in the OS keyring, or, where there is no usable keyring,
in a 0600 file under $XDG_STATE_HOME/cognito-tui/signins (PYTHON_KEYRING_BACKEND chooses a
keyring). Then `cognito-tui credentials` with the same IDs needs no password until `logout`.

Prints the credential_process line for ~/.aws/config; --profile-name NAME writes it there
(AWS_CONFIG_FILE is honoured; the other profiles and that profile's other settings are kept).
--setup-mfa links an authenticator app after signing in (asking first before replacing one).

example:
  cognito-tui login --identity-pool-id us-east-1:0f4a7c2e-1111-2222-3333-444455556666 \\
      --user-pool-id us-east-1_AbCdEf123 --client-id 1h57kf5cpq17m0eml12EXAMPLE \\
      --username alice --profile-name alice
  aws s3 ls --profile alice"""


def register(sub) -> None:
    from .options import add_connection_options
    from .signin_args import add_id_options, add_secret_options

    parser = sub.add_parser("login", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    add_id_options(parser)
    add_secret_options(parser)
    parser.add_argument("--profile-name", metavar="NAME",
                        help="write the credential_process line into this profile of ~/.aws/config")
    parser.add_argument("--setup-mfa", action="store_true",
                        help="link an authenticator app once signed in (replacing one asks first)")
    add_connection_options(parser, suppress=True)


def run(args) -> int:
    from ..aws_credentials_file import save_credential_process, validate_profile_name
    from ..errors import InputError
    from ..prompts import Terminal
    from ..signin import credentials_cache
    from ..signin.stored import KEYRING, SignInStore
    from .signin_args import answer_challenges, command_line, key_of, new_signin, read_secrets, warn

    key = key_of(args)
    if args.profile_name:
        validate_profile_name(args.profile_name)
    password, client_secret = read_secrets(args)
    terminal = Terminal.open()
    try:
        if not password and terminal is not None:
            password = terminal.ask(f"Password for {args.username}", secret=True) or ""
        if not password:
            raise InputError("No password given.", "Run `login` on a terminal, or pipe the password with "
                             "--password-stdin (never as an argument).")
        signin = new_signin(args, client_secret)
        answer_challenges(signin, signin.sign_in(args.username, password), args, terminal)
        if args.setup_mfa:
            setup_authenticator(signin, terminal, args.username)
    finally:
        if terminal is not None:
            terminal.__exit__()
    where = SignInStore(warn=warn).save(key, stored_from(signin))
    credentials_cache.save(key, signin.credentials)
    if where != KEYRING:
        sys.stderr.write(f"cognito-tui: no usable keyring here: the refresh token is kept in {where} "
                         "(mode 0600), readable by this user and root.\n")
    line = credential_process_command(args)
    if args.profile_name:
        path = save_credential_process(args.profile_name, line)
        sys.stderr.write(f"cognito-tui: profile {args.profile_name} written to {path}; try "
                         f"`aws sts get-caller-identity --profile {args.profile_name}`.\n")
    sys.stderr.write(f"cognito-tui: signed in as {args.username}; `credentials` needs no password until "
                     f"`{command_line(args, 'logout')}`.\n")
    sys.stdout.write(f"credential_process = {line}\n")
    sys.stdout.flush()
    return 0


def stored_from(signin):
    from ..errors import SignInError
    from ..signin.stored import StoredSignIn

    if signin.tokens is None or not signin.tokens.refresh_token or signin.claims is None:
        raise SignInError("The user pool returned no refresh token.",
                          "Enable ALLOW_REFRESH_TOKEN_AUTH on the app client.")
    return StoredSignIn(refresh_token=signin.tokens.refresh_token,
                        internal_username=signin.claims.username or "",
                        identity_id=signin.identity_id, client_secret=signin.client_secret)


def credential_process_command(args) -> str:
    """The command the AWS CLI runs: this installation's cognito-tui, with the same IDs."""
    from .signin_args import command_line

    line = command_line(args, "credentials", "--format", "process")
    found = shutil.which("cognito-tui")
    program = shlex.join([found]) if found else shlex.join([sys.executable, "-m", "cognito_tui.cli"])
    return program + line[len("cognito-tui"):]


def setup_authenticator(signin, terminal, username: str) -> None:
    """Link an authenticator app to the signed-in user; replacing one asks first."""
    from ..errors import CognitoTuiError, InputError
    from .signin_args import show_authenticator

    if terminal is None:
        raise InputError("--setup-mfa needs a terminal to show the QR code and read the code.", "")
    if signin.has_authenticator():
        question = (f"An authenticator app is already linked to {username}; replace it? "
                    "The old one stops working")
        if not terminal.confirm(question):
            terminal.write("Kept the authenticator app linked before.\n")
            return
    show_authenticator(signin.add_authenticator(), terminal)
    for attempt in range(3):
        code = terminal.ask("Code from the authenticator app")
        if not code:
            raise InputError("No code typed: the authenticator app was not linked.", "")
        try:
            signin.confirm_authenticator(code)
        except CognitoTuiError as exc:
            if attempt == 2:
                raise
            terminal.write(f"{exc.one_line()}\n")
            continue
        terminal.write("Authenticator app linked; sign-ins will ask for its code.\n")
        return
