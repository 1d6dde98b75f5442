"""`cognito-tui doctor POOL`: end-to-end checks that catch each known failure before AWS reports it."""

from __future__ import annotations

import argparse
import sys

HELP = "check a pool, its user pools, app clients and roles; say what would fail and how to fix it"
DESCRIPTION = """\
Check an identity pool end to end: the pool itself, each Cognito provider's name,
user pool and app client (SRP and refresh flows, client secret), the authenticated
role and its trust policy, guest access (and, when it is on, the guests' role and its
trust policy), and the provider quota. With --token-stdin,
also check a user pool ID token against the pool (token_use, issuer, audience, expiry);
the token is decoded, never sent anywhere, never printed.

Each finding says what is wrong, the AWS error it would cause, and how to fix it.
--write-plan writes the safe automatic fixes as a plan for `cognito-tui apply`.

With --all (and --regions, --profiles as for `inventory`), every pool found is checked;
user pools, app clients and roles are read once however many pools name them. A terminal
gets a summary table; otherwise each pool's findings, then the table.

exit codes: 0 no errors (warnings allowed), or with --write-plan: the plan it wrote fixes
            every error found; 1 errors found that the plan (if any) does not fix, or the
            pool (with --all: a pool or region) could not be read; 2 malformed POOL or bad input.

example:
  cognito-tui doctor us-east-1:0f4a7c2e-1111-2222-3333-444455556666
  printf '%s' "$ID_TOKEN" | cognito-tui doctor us-east-1:0f4a7c2e-... --token-stdin --json
  cognito-tui doctor us-east-1:0f4a7c2e-... --write-plan fix.yaml && cognito-tui apply fix.yaml --dry-run
  cognito-tui doctor --all --regions all --json > findings.json"""


def register(sub) -> None:
    from .options import add_connection_options, add_fleet_options

    parser = sub.add_parser("doctor", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pool", metavar="POOL", nargs="?", help="identity pool ID, e.g. us-east-1:0f4a7c2e-...")
    parser.add_argument("--all", action="store_true", help="check every pool found in --regions of --profiles")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON on stdout")
    parser.add_argument("--token-stdin", action="store_true",
                        help="read a user pool ID token from stdin and check it against the pool")
    parser.add_argument("--write-plan", metavar="FILE",
                        help="write the pool's providers with the automatic fixes applied, as a plan file")
    add_fleet_options(parser)
    add_connection_options(parser, suppress=True)


def read_token(stream=None) -> str:
    from ..errors import InputError

    stream = stream or sys.stdin
    token = (stream.read() if stream is not None else "").strip()
    if not token:
        raise InputError("--token-stdin was given but stdin held no token.",
                         "Pipe the ID token in, e.g. printf '%s' \"$ID_TOKEN\" | cognito-tui doctor POOL --token-stdin.")
    return token


def run(args) -> int:
    from .. import ids
    from ..aws.gateway import Aws
    from .options import settings_from
    from ..doctor import diagnose, render_text
    from ..errors import EXIT_FAILED, EXIT_OK
    from .output import output_width, print_json, use_color

    if args.all or args.regions or args.profiles or not args.pool:
        return _run_all(args)
    pool_id = ids.validate_identity_pool_id(args.pool)
    token = read_token() if args.token_stdin else None
    report, facts = diagnose(Aws(settings_from(args)), pool_id, token=token)
    if args.json:
        print_json(report.to_dict())
    else:
        sys.stdout.write(render_text(report, color=use_color(sys.stdout), width=output_width(sys.stdout)) + "\n")
        sys.stdout.flush()
    code = EXIT_OK if report.ok else EXIT_FAILED
    if args.write_plan and facts.pool.ok:
        # A plan that fixes every error found turns "errors found" into success, so
        # `doctor POOL --write-plan fix.yaml && cognito-tui apply fix.yaml` goes on to apply.
        written = _write_plan(args.write_plan, facts.config, report, quiet=args.json)
        code = written if written != EXIT_OK or _plan_fixes_every_error(report) else EXIT_FAILED
    return code


def _plan_fixes_every_error(report) -> bool:
    from ..doctor import ERROR

    return all(f.auto_fix is not None or _trust_fixable(f) for f in report.of(ERROR))


def _trust_fixable(finding) -> bool:
    """A role.trust-* or guest-role.trust-* finding: the written plan (version 2) corrects that role's
    trust policy."""
    from ..doctor.trust import trust_kind

    return trust_kind(finding) is not None


def _write_plan(path: str, config: dict, report, *, quiet: bool) -> int:
    from ..doctor import ERROR, auto_fixes, fix_plan
    from ..errors import CognitoTuiError, EXIT_FAILED
    from ..plan import Plan, dump_plan
    from .output import print_error

    try:
        plan = fix_plan(config, report.findings)
    except CognitoTuiError as exc:
        print_error(exc, json_mode=quiet)
        return EXIT_FAILED
    from ..doctor.trust import trust_kind

    trust_roles = {trust_kind(f): f.subject for f in report.findings if _trust_fixable(f)}
    count = len(auto_fixes(report.findings)) + len(trust_roles)
    note = f"doctor: {count} automatic fix(es) applied; review with `cognito-tui apply FILE --dry-run`"
    if trust_roles:
        from ..plan_v2_dump import dump_fix_plan_v2

        text = dump_fix_plan_v2(plan, trust_roles, note)
    else:
        text = dump_plan(Plan((plan,), path), {plan.id: note})
    from ..private_files import write_atomic

    try:
        write_atomic(path, text, mode=0o644)
    except OSError as exc:
        from ..errors import InputError
        print_error(InputError(f"Cannot write {path}: {exc.strerror}.", "Check the path."), json_mode=quiet)
        return EXIT_FAILED
    if not quiet:
        manual = len([f for f in report.of(ERROR) if f.auto_fix is None and not _trust_fixable(f)])
        rest = (f"; {manual} error(s) above need a fix by hand" if manual
                else "; it fixes every error found" if count else "")
        sys.stderr.write(f"cognito-tui: plan with {count} automatic fix(es) written to {path}{rest}.\n")
    return 0


def _run_all(args) -> int:
    from ..errors import EXIT_FAILED, EXIT_OK, InputError
    from ..fleet.checkup import check_all
    from ..fleet.render import render_checkup
    from ..doctor import render_text
    from .options import fleet_from
    from .output import print_json, terminal_width, use_color

    if not args.all or args.pool:
        raise InputError("Name one POOL, or give --all (with --regions/--profiles) for every pool found.",
                         "e.g. cognito-tui doctor --all --regions all")
    if args.token_stdin or args.write_plan:
        raise InputError("--token-stdin and --write-plan check one pool; they do not go with --all.",
                         "Run `cognito-tui doctor POOL` for that pool.")
    inventory = fleet_from(args)
    checked = check_all(inventory)
    ok = inventory.ok and all(c.report.ok for c in checked)
    if args.json:
        out = inventory.to_dict()
        out.pop("pools")
        out.update({"ok": ok, "pools": [c.to_dict() for c in checked]})
        print_json(out)
        return EXIT_OK if ok else EXIT_FAILED
    color = use_color(sys.stdout)
    if not sys.stdout.isatty():
        for item in checked:
            sys.stdout.write(render_text(item.report) + "\n\n")
    sys.stdout.write(render_checkup(checked, inventory, color=color, width=terminal_width()) + "\n")
    sys.stdout.flush()
    return EXIT_OK if ok else EXIT_FAILED
