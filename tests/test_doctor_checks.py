"""Doctor's checks as pure functions over synthetic facts: quota, tokens, trust policies, fixes, output."""

from __future__ import annotations

import base64
import json
import urllib.parse

import pytest

from cognito_tui.aws.user_pools import ClientDetails
from cognito_tui.doctor import (
    ERROR, INFO, WARNING, AutoFix, Facts, Fetched, Finding, Report, check_trust_policy,
    fix_plan, good_trust_policy, render_text, run_checks, trust_document,
)
from cognito_tui.errors import InputError
from cognito_tui.plan import ProviderSpec

POOL = "us-east-1:0f4a7c2e-1111-2222-3333-444455556666"
USER_POOL = "us-east-1_AbCdEf123"
CLIENT = "1h57kf5cpq17m0eml12example"
NAME = f"cognito-idp.us-east-1.amazonaws.com/{USER_POOL}"
ROLE = "arn:aws:iam::123456789012:role/auth"
NOW = 1_700_000_000


def healthy_facts(providers=None, *, token=None) -> Facts:
    providers = providers if providers is not None else [
        {"ProviderName": NAME, "ClientId": CLIENT, "ServerSideTokenCheck": False}]
    config = {"IdentityPoolId": POOL, "IdentityPoolName": "p", "AllowUnauthenticatedIdentities": False,
              "CognitoIdentityProviders": providers}
    details = ClientDetails(CLIENT, "app", USER_POOL, False, ("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))
    return Facts(
        POOL, Fetched(config), roles=Fetched({"Roles": {"authenticated": ROLE}, "RoleMappings": {}}),
        role_trust={ROLE: Fetched({"Arn": ROLE, "AssumeRolePolicyDocument": good_trust_policy(POOL)})},
        user_pools={USER_POOL: Fetched({"Id": USER_POOL})}, clients={(USER_POOL, CLIENT): Fetched(details)},
        token=token, now=NOW)


def jwt(**claims) -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return f"{part({'alg': 'RS256', 'kid': 'k'})}.{part(claims)}.c2lnbmF0dXJl"


def id_token(**overrides) -> str:
    claims = {"iss": f"https://{NAME}", "aud": CLIENT, "token_use": "id", "exp": NOW + 600, "sub": "u"}
    claims.update(overrides)
    return jwt(**claims)


def ids_of(report: Report, *severities: str) -> set[str]:
    return {f.id for f in report.findings if not severities or f.severity in severities}


def test_healthy_synthetic_pool_has_only_info():
    report = run_checks(healthy_facts(token=id_token()))
    assert ids_of(report, ERROR, WARNING) == set()
    assert ids_of(report) == {"provider.server-side-token-check"}


def test_provider_quota_warning_at_fifty_info_near_it_nothing_below():
    def many(n):
        return [{"ProviderName": f"cognito-idp.us-east-1.amazonaws.com/us-east-1_P{i}", "ClientId": f"c{i}"}
                for i in range(n)]
    at = [f for f in run_checks(healthy_facts(many(50))).findings if f.id == "pool.provider-quota"]
    assert [(f.severity, "50" in f.message) for f in at] == [(WARNING, True)]
    near = [f for f in run_checks(healthy_facts(many(46))).findings if f.id == "pool.provider-quota"]
    assert [f.severity for f in near] == [INFO]
    assert "pool.provider-quota" not in ids_of(run_checks(healthy_facts(many(10))))


def test_expired_token():
    report = run_checks(healthy_facts(token=id_token(exp=NOW - 30)))
    (finding,) = [f for f in report.findings if f.id == "token.expired"]
    assert finding.severity == ERROR and "30 s ago" in finding.message
    assert "Token expired" in finding.why


def test_token_for_another_client_of_the_same_user_pool():
    report = run_checks(healthy_facts(token=id_token(aud="someotherclient")))
    assert ids_of(report, ERROR) == {"token.audience-unknown"}


def test_access_token_is_not_an_id_token_and_skips_the_aud_check():
    token = jwt(iss=f"https://{NAME}", client_id=CLIENT, token_use="access", exp=NOW + 600)
    assert ids_of(run_checks(healthy_facts(token=token)), ERROR) == {"token.not-id-token"}


def test_token_from_a_malformed_provider_names_the_issuer_mismatch():
    bad = [{"ProviderName": f"cognito-idp:us-east-1.amazonaws.com/{USER_POOL}", "ClientId": CLIENT}]
    report = run_checks(healthy_facts(bad, token=id_token()))
    (finding,) = [f for f in report.findings if f.id == "token.issuer-unknown"]
    assert "Issuer doesn't match providerName" in finding.why


@pytest.mark.parametrize("token", ["", "not-a-jwt", "a.!!!.c", "a." + base64.urlsafe_b64encode(b"[1]").decode() + ".c"])
def test_malformed_tokens(token):
    report = run_checks(healthy_facts(token=token or "x"))
    assert "token.malformed" in ids_of(report, ERROR)


def test_the_one_jwt_decoder_reads_unpadded_base64url_and_names_what_is_wrong():
    from cognito_tui.jwt_claims import NotAJwt, unverified_claims, unverified_parts

    assert unverified_claims(jwt(sub="é?>", n=1)) == {"sub": "é?>", "n": 1}
    assert unverified_parts(jwt(sub="x"))[0] == {"alg": "RS256", "kid": "k"}
    header = jwt().split(".")[0]
    for token, reason in [
        ("a.b", "not a JWT"), (None, "not a JWT"), (f"{header}.{header}=.s", "payload is not unpadded base64url"),
        (f"{header}.e30+.s", "payload is not unpadded base64url"),
        (f"{header}.bm90IGpzb24.s", "payload is not base64url-encoded JSON"),
        (f"{header}.WzFd.s", "payload is not a JSON object"), (f"WzFd.{header}.s", "header is not a JSON object"),
        (f" {jwt()}", "header is not unpadded base64url"),
    ]:
        with pytest.raises(NotAJwt, match=reason):
            unverified_claims(token)


def test_trust_policy_stored_as_url_encoded_json_is_decoded():
    text = urllib.parse.quote(json.dumps(good_trust_policy(POOL)))
    assert trust_document({"AssumeRolePolicyDocument": text}) == good_trust_policy(POOL)
    assert trust_document({"AssumeRolePolicyDocument": "%%%"}) is None


def test_trust_policy_variants():
    def ids(policy):
        return {(f.id, f.severity) for f in check_trust_policy(policy, POOL, ROLE)}

    assert ids(good_trust_policy(POOL)) == set()
    wildcard = good_trust_policy(POOL)
    wildcard["Statement"][0]["Condition"]["StringLike"] = {
        "cognito-identity.amazonaws.com:aud": "us-east-1:*"}
    del wildcard["Statement"][0]["Condition"]["StringEquals"]
    assert ids(wildcard) == set()
    no_amr = good_trust_policy(POOL)
    del no_amr["Statement"][0]["Condition"]["ForAnyValue:StringLike"]
    assert ids(no_amr) == {("role.trust-amr-missing", WARNING)}
    guest = good_trust_policy(POOL, amr="unauthenticated")
    assert ids(guest) == {("role.trust-amr", ERROR)}
    no_aud = good_trust_policy(POOL)
    del no_aud["Statement"][0]["Condition"]["StringEquals"]
    assert ids(no_aud) == {("role.trust-aud", ERROR)}
    aud_typo = good_trust_policy(POOL)
    aud_typo["Statement"][0]["Condition"]["StringEquals"] = {"cognito-identity.amazon.com:aud": POOL}
    (finding,) = check_trust_policy(aud_typo, POOL, ROLE)
    assert finding.id == "role.trust-aud" and "misspelt" in finding.message
    listed = good_trust_policy(POOL)
    listed["Statement"][0]["Action"] = ["sts:AssumeRole", "sts:TagSession"]
    assert ids(listed) == {("role.trust-action", ERROR)}
    assert ids({"Statement": []}) == {("role.trust-principal", ERROR)}


def test_unreadable_roles_are_a_warning_not_a_crash():
    from cognito_tui.errors import EndpointError

    facts = healthy_facts()
    facts.roles = Fetched(error=EndpointError("The endpoint answered HTTP 500.", ""))
    assert ids_of(run_checks(facts), WARNING) == {"roles.unreadable"}


def test_fix_plan_applies_replacements_and_removals_and_keeps_the_rest():
    keep = {"ProviderName": NAME, "ClientId": CLIENT, "ServerSideTokenCheck": True}
    typo = {"ProviderName": "cognito-idp:eu-west-1.amazonaws.com/eu-west-1_Xy1", "ClientId": "c2"}
    gone = {"ProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_Gone1", "ClientId": "c3"}
    config = {"IdentityPoolId": POOL, "CognitoIdentityProviders": [keep, typo, gone]}
    findings = [
        Finding("provider.malformed-name", ERROR, "", "", "", "",
                AutoFix("replace", typo["ProviderName"], "c2", ProviderSpec("eu-west-1_Xy1", "c2"))),
        Finding("userpool.not-found", ERROR, "", "", "", "", AutoFix("remove", gone["ProviderName"], "c3")),
    ]
    plan = fix_plan(config, findings)
    assert plan.id == POOL
    assert plan.providers == (ProviderSpec(USER_POOL, CLIENT, True), ProviderSpec("eu-west-1_Xy1", "c2"))


def test_fix_plan_refuses_a_malformed_provider_it_cannot_fix():
    config = {"IdentityPoolId": POOL, "CognitoIdentityProviders": [
        {"ProviderName": "cognito-idp.us-east-1.amazonaws.com/" + POOL, "ClientId": "c"}]}
    with pytest.raises(InputError, match="No automatic fix"):
        fix_plan(config, run_checks(Facts(POOL, Fetched(config))).findings)


def test_a_corrected_name_that_is_already_listed_becomes_a_removal():
    providers = [{"ProviderName": NAME, "ClientId": CLIENT},
                 {"ProviderName": f"cognito-idp:us-east-1.amazonaws.com/{USER_POOL}", "ClientId": CLIENT}]
    facts = healthy_facts(providers)
    report = run_checks(facts)
    (finding,) = [f for f in report.findings if f.id == "provider.malformed-name"]
    assert finding.auto_fix.action == "remove"
    assert fix_plan(facts.config, report.findings).providers == (ProviderSpec(USER_POOL, CLIENT),)


def test_report_json_shape_and_text_summary():
    report = run_checks(healthy_facts(token=id_token(exp=NOW - 1)))
    data = report.to_dict()
    assert set(data) == {"pool_id", "ok", "counts", "findings"}
    assert data["ok"] is False and data["counts"] == {"error": 1, "warning": 0, "info": 1}
    for item in data["findings"]:
        assert {"id", "severity", "subject", "message", "why", "fix"} <= set(item)
    json.dumps(data)
    text = render_text(report)
    assert text.splitlines()[-1] == "1 error, 0 warnings"
    assert text.index("[E] token.expired") < text.index("[i] provider.server-side-token-check")


def test_core_does_not_import_textual_or_boto3():
    import subprocess
    import sys

    code = ("import sys, cognito_tui.doctor, cognito_tui.commands.doctor; "
            "print(sorted(m for m in ('textual', 'boto3', 'botocore') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_aws_text_the_doctor_quotes_is_recognised_when_aws_answers_it():
    from cognito_tui import errors

    for aws_text, rule in errors._TEXT_RULES:
        answered = aws_text.replace("<id>", "3abc").replace("N >= M", "1700000100 >= 1700000000")
        error = errors.from_aws("NotAuthorizedException", answered)
        assert (type(error), error.message) == (rule.kind, rule.message), aws_text
        assert error.aws_message == answered


def test_text_is_wrapped_at_the_width_between_words_and_a_shared_why_is_said_once():
    other = "us-east-1_ZyXwV987"
    providers = [{"ProviderName": NAME, "ClientId": CLIENT, "ServerSideTokenCheck": False},
                 {"ProviderName": f"cognito-idp.us-east-1.amazonaws.com/{other}", "ClientId": "c2",
                  "ServerSideTokenCheck": True}]
    report = run_checks(healthy_facts(providers))
    for width in (50, 80, 120):
        text = render_text(report, width=width)
        assert all(len(line) <= width or len(line.split()) == 1 for line in text.splitlines()), text
        assert " ".join(text.split()) == " ".join(render_text(report, width=10_000).split())
        assert text.count("Terraform and the API default to off") == 1
    colored = render_text(report, color=True)
    assert "\033[36m[i]\033[0m provider.server-side-token-check" in colored
