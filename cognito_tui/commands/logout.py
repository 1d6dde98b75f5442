"""`cognito-tui logout`: revoke the stored refresh token (RevokeToken, or GlobalSignOut with
--global) and forget everything kept for the sign-in (the token and the cached credentials)."""

from __future__ import annotations

import argparse
import sys

HELP = "revoke the stored sign-in (--global: every device) and forget it"
DESCRIPTION = """\
Revoke the refresh token kept by `cognito-tui login` (RevokeToken; with --global, GlobalSignOut:
every refresh token of the user, on every device) and remove it and the cached credentials.
When the endpoint cannot be reached nothing is removed, so the revocation can be retried.

example:
  cognito-tui logout --identity-pool-id us-east-1:0f4a7c2e-1111-2222-3333-444455556666 \\
      --user-pool-id us-east-1_AbCdEf123 --client-id 1h57kf5cpq17m0eml12EXAMPLE --username alice"""


def register(sub) -> None:
    from .options import add_connection_options
    from .signin_args import add_id_options

    parser = sub.add_parser("logout", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    add_id_options(parser)
    parser.add_argument("--global", dest="everywhere", action="store_true",
                        help="sign the user out everywhere (GlobalSignOut), not just this sign-in")
    add_connection_options(parser, suppress=True)


def run(args) -> int:
    from ..aws.auth import UserPoolAuth
    from ..aws.gateway import Aws
    from ..errors import CognitoTuiError
    from ..signin import credentials_cache
    from ..signin.stored import SignInStore
    from .options import settings_from
    from .signin_args import key_of, warn

    key = key_of(args)
    store = SignInStore(warn=warn)
    stored = store.load(key)
    if stored is None:
        removed = credentials_cache.delete(key) | store.delete(key)
        sys.stderr.write(f"cognito-tui: no stored sign-in for {args.username}"
                         f"{'; leftovers removed' if removed else ''}: already signed out.\n")
        return 0
    auth = UserPoolAuth(Aws(settings_from(args)).clients)
    pool, client = args.user_pool_id, args.client_id
    try:
        if args.everywhere:
            tokens = auth.refresh(pool, client, stored.refresh_token, stored.internal_username, stored.client_secret)
            auth.global_sign_out(pool, tokens["AccessToken"])
            done = "signed out on every device"
        else:
            auth.revoke(pool, client, stored.refresh_token, stored.client_secret)
            done = "refresh token revoked"
    except CognitoTuiError as exc:
        if exc.code != "NotAuthorizedException":
            exc.message = f"{exc.message.rstrip('.')}; nothing was removed, so `logout` can be run again."
            raise
        done = "the refresh token was no longer valid"
    credentials_cache.delete(key)
    store.delete(key)
    sys.stderr.write(f"cognito-tui: {args.username}: {done}; the stored sign-in and cached credentials "
                     "are removed.\n")
    return 0
