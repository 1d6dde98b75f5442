"""`cognito-tui credentials`: temporary AWS credentials, from the cache, the stored sign-in or a
password sign-in, as env lines, JSON or AWS credential_process output."""

from __future__ import annotations

import argparse
import sys

HELP = "print temporary AWS credentials (env, JSON, credential_process), after `login` with no password"
DESCRIPTION = """\
Print temporary AWS credentials for a user of a user pool, through an identity pool.

Without a password (after `cognito-tui login`): the cached credentials while more than 5 minutes
remain (no API call, works offline), else new ones from the stored refresh token (2 API calls).
With a password (--password-stdin, or COGNITO_PASSWORD; never an argument): a fresh SRP sign-in,
which also replaces the stored sign-in when there is one. A client secret, when the app client has
one, is read with DescribeUserPoolClient, or from --client-secret-stdin. On a terminal, what is
missing (password, new password, MFA code) is asked for, typed hidden; with --format process
nothing is ever asked: a missing or expired sign-in exits 1 and names the `login` to run.

example:
  cognito-tui login --identity-pool-id us-east-1:0f4a7c2e-1111-2222-3333-444455556666 \\
      --user-pool-id us-east-1_AbCdEf123 --client-id 1h57kf5cpq17m0eml12EXAMPLE --username alice \\
      --profile-name alice
  aws sts get-caller-identity --profile alice   # runs the line below, no password needed

  # the line `login` writes into ~/.aws/config (AWS_CONFIG_FILE):
  [profile alice]
  credential_process = cognito-tui credentials --identity-pool-id ID --user-pool-id ID --client-id ID --username alice --format process"""

FORMATS = ("env", "json", "process")


def register(sub) -> None:
    from .options import add_connection_options
    from .signin_args import add_id_options, add_secret_options

    parser = sub.add_parser("credentials", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    add_id_options(parser)
    add_secret_options(parser)
    parser.add_argument("--no-cache", action="store_true",
                        help="do not use the cached credentials (the stored refresh token is still used)")
    parser.add_argument("--format", choices=FORMATS, default="env",
                        help="env: export lines (default); json: an object; process: AWS credential_process")
    add_connection_options(parser, suppress=True)


def run(args) -> int:
    from ..signin import credentials_cache
    from ..signin.stored import SignInKey
    from .signin_args import key_of, read_secrets, warn

    password, client_secret = read_secrets(args)
    if not password and not args.no_cache:
        # The cache first, before the IDs are checked: only a login with valid IDs writes a
        # cache file, and a credential_process pays every import on every call.
        key = SignInKey(args.identity_pool_id, args.user_pool_id, args.client_id, args.username)
        credentials = credentials_cache.load(key, warn)
        if credentials is not None:
            return _print(args, credentials)
    key = key_of(args)
    if not password:
        credentials = _from_stored_sign_in(args, key, client_secret)
        if credentials is not None:
            return _print(args, credentials)
    return _print(args, _password_sign_in(args, key, password, client_secret))


def _print(args, credentials) -> int:
    from ..signin import FORMATS as WRITERS

    sys.stdout.write(WRITERS[args.format](credentials))
    sys.stdout.flush()
    return 0


def _from_stored_sign_in(args, key, client_secret):
    """New credentials from the stored refresh token; None when there is no stored sign-in, or
    (on a terminal, outside --format process) when it no longer works and a password can be asked."""
    from ..errors import CognitoTuiError, SignInError
    from ..signin import credentials_cache
    from ..signin.stored import SignInStore
    from .signin_args import command_line, new_signin, warn

    store = SignInStore(warn=warn)
    stored = store.load(key)
    if stored is None:
        return None
    signin = new_signin(args, client_secret or stored.client_secret)
    try:
        credentials = signin.resume(stored.refresh_token, stored.internal_username, stored.identity_id)
    except CognitoTuiError as exc:
        if exc.code != "NotAuthorizedException":  # the endpoint is down, throttling...: say so
            raise
        reason = exc.aws_message or exc.message
        if _may_ask(args):  # on a terminal, the password is asked for next
            warn(f"the stored sign-in of {args.username} was refused ({reason}).")
            return None
        raise SignInError(f"The stored sign-in of {args.username} was refused ({reason}): "
                          f"sign in again with `{command_line(args, 'login')}`.", code=exc.code) from None
    credentials_cache.save(key, credentials)
    store.remember_identity(key, credentials.identity_id)
    return credentials


def _may_ask(args) -> bool:
    from ..prompts import has_terminal

    return args.format != "process" and has_terminal()


def _password_sign_in(args, key, password: str, client_secret: str | None):
    from ..errors import SignInError
    from ..prompts import Terminal
    from .signin_args import answer_challenges, command_line, new_signin

    terminal = None if args.format == "process" else Terminal.open()
    try:
        if not password and terminal is not None:
            password = terminal.ask(f"Password for {args.username}", secret=True) or ""
        if not password:  # a missing sign-in is a failed operation (exit 1), as in --format process
            raise SignInError(f"No stored sign-in for {args.username} and no password: run "
                              f"`{command_line(args, 'login')}` once (or give the password with "
                              "--password-stdin or COGNITO_PASSWORD, never as an argument).")
        signin = new_signin(args, client_secret)
        answer_challenges(signin, signin.sign_in(args.username, password), args, terminal)
    finally:
        if terminal is not None:
            terminal.__exit__()
    assert signin.credentials is not None
    _replace_stored(key, signin)
    return signin.credentials


def _replace_stored(key, signin) -> None:
    """A password sign-in replaces the stored one, when there is one (the cache with it)."""
    from ..signin import credentials_cache
    from ..signin.stored import SignInStore
    from .signin_args import warn

    store = SignInStore(warn=warn)
    if store.where(key) is None:
        return
    from .login import stored_from

    store.save(key, stored_from(signin))
    credentials_cache.save(key, signin.credentials)
