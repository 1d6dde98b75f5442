"""Each doctor check fires on a pool broken that way on the local Cognito; a healthy pool is clean."""

from __future__ import annotations

from test_doctor_builders import provider_name, trust_policy

from cognito_tui.doctor import ERROR, INFO, WARNING, diagnose, fix_plan
from cognito_tui.plan import ProviderSpec


def findings_of(report, check_id):
    return [f for f in report.findings if f.id == check_id]


def only(report, check_id, severity):
    found = findings_of(report, check_id)
    assert found, f"{check_id} did not fire; got {sorted(report.ids())}"
    assert {f.severity for f in found} == {severity}
    return found[0]


def problems(report):
    return sorted(f"{f.severity}:{f.id}" for f in report.findings if f.severity in (ERROR, WARNING))


def test_healthy_pool_has_no_errors_or_warnings(aws, builder):
    built = builder.pool()
    report, _ = diagnose(aws, built.pool_id)
    assert problems(report) == []
    assert report.ok
    only(report, "provider.server-side-token-check", INFO)


def test_demo_pool_with_the_demo_provider_is_healthy(aws, boto, local_cognito):
    demo = local_cognito.demo
    identity = boto("cognito-identity")
    original = identity.describe_identity_pool(IdentityPoolId=demo.identity_pool_id)
    original.pop("ResponseMetadata", None)
    config = dict(original)
    config["CognitoIdentityProviders"] = [
        p for p in original.get("CognitoIdentityProviders", [])
        if p["ProviderName"] != provider_name(demo.user_pool_id)
    ] + [{"ProviderName": provider_name(demo.user_pool_id), "ClientId": demo.client_id,
          "ServerSideTokenCheck": False}]
    identity.update_identity_pool(**config)
    try:
        report, _ = diagnose(aws, demo.identity_pool_id)
        assert problems(report) == []
    finally:
        identity.update_identity_pool(**original)


def test_provider_name_with_colon_for_dot_is_an_error_with_an_automatic_fix(aws, builder):
    from cognito_tui.apply import CHANGED, apply_pool

    built = builder.pool(name=lambda up: f"cognito-idp:us-east-1.amazonaws.com/{up}")
    report, facts = diagnose(aws, built.pool_id)
    finding = only(report, "provider.malformed-name", ERROR)
    assert "':' where '.' belongs" in finding.message
    assert finding.auto_fix.spec.provider_name == provider_name(built.user_pool_id)
    assert "Issuer doesn't match providerName" in finding.why
    # The intended user pool and client are still checked and fine.
    assert not findings_of(report, "client.not-in-user-pool")

    result = apply_pool(aws, fix_plan(facts.config, report.findings))
    assert result.status == CHANGED
    after, _ = diagnose(aws, built.pool_id)
    assert problems(after) == []


def test_region_mismatch_in_provider_name(aws, builder):
    built = builder.pool(name=lambda up: provider_name(up, region="eu-west-1"))
    report, _ = diagnose(aws, built.pool_id)
    finding = only(report, "provider.region-mismatch", ERROR)
    assert "eu-west-1" in finding.message
    assert finding.auto_fix.spec.provider_name == provider_name(built.user_pool_id)


def test_deleted_user_pool(aws, builder):
    built = builder.pool()
    builder.idp.delete_user_pool(UserPoolId=built.user_pool_id)
    report, facts = diagnose(aws, built.pool_id)
    finding = only(report, "userpool.not-found", WARNING)  # it may be another account's: never an error
    assert "Token is not from a supported provider of this identity pool." in finding.why
    # Another account's pool looks the same from here: a fix plan never removes it.
    assert finding.auto_fix is None
    assert fix_plan(facts.config, report.findings).providers == (ProviderSpec(built.user_pool_id, built.client_id),)


def test_client_from_another_user_pool(aws, builder):
    other_user_pool = builder.user_pool()
    foreign_client = builder.client(other_user_pool)
    built = builder.pool(client_id=foreign_client)
    report, _ = diagnose(aws, built.pool_id)
    finding = only(report, "client.not-in-user-pool", ERROR)
    assert built.user_pool_id in finding.message
    assert finding.auto_fix.action == "remove"


def test_client_of_another_provider_names_where_it_lives(aws, builder):
    home = builder.user_pool()
    home_client = builder.client(home)
    wrong = builder.user_pool()
    pool_id = builder.identity_pool([(provider_name(home), home_client, False),
                                     (provider_name(wrong), home_client, False)])
    builder.set_roles(pool_id, authenticated=builder.role(trust_policy(pool_id)))
    report, _ = diagnose(aws, pool_id)
    finding = only(report, "client.not-in-user-pool", ERROR)
    assert f"It belongs to user pool {home}" in finding.message
    assert provider_name(wrong) in finding.subject


def test_client_without_srp_flow(aws, builder):
    built = builder.pool(flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    report, _ = diagnose(aws, built.pool_id)
    finding = only(report, "client.no-srp", WARNING)
    assert "ALLOW_USER_SRP_AUTH" in finding.fix
    assert not findings_of(report, "client.no-refresh")


def test_client_without_refresh_flow(aws, builder):
    built = builder.pool(flows=["ALLOW_USER_SRP_AUTH"])
    report, _ = diagnose(aws, built.pool_id)
    only(report, "client.no-refresh", WARNING)


def test_client_with_secret(aws, builder):
    built = builder.pool(secret=True)
    report, _ = diagnose(aws, built.pool_id)
    finding = only(report, "client.has-secret", WARNING)
    assert f"Unable to verify secret hash for client {built.client_id}" in finding.why
    assert "--no-generate-secret" in finding.fix


def test_no_authenticated_role(aws, builder):
    built = builder.pool(auth_role=False)
    report, _ = diagnose(aws, built.pool_id)
    finding = only(report, "role.authenticated-missing", ERROR)
    assert "Invalid identity pool configuration. Check assigned IAM roles for this pool." in finding.why
    assert "set-identity-pool-roles" in finding.fix


def test_deleted_authenticated_role(aws, builder):
    built = builder.pool()
    builder.iam.delete_role(RoleName=built.role_arn.rsplit("/", 1)[-1])
    report, _ = diagnose(aws, built.pool_id)
    only(report, "role.not-found", ERROR)


def test_trust_policy_with_sts_assume_role(aws, builder):
    built = builder.pool(trust=lambda pool: trust_policy(pool, action="sts:AssumeRole"))
    report, _ = diagnose(aws, built.pool_id)
    finding = only(report, "role.trust-action", ERROR)
    assert "sts:AssumeRole," in finding.message or "allows sts:AssumeRole" in finding.message
    assert finding.subject == built.role_arn
    assert "update-assume-role-policy" in finding.fix


def test_trust_policy_with_the_amr_key_typo(aws, builder):
    built = builder.pool(trust=lambda pool: trust_policy(pool, amr_key="cognito-identity.amazon.com:amr"))
    report, _ = diagnose(aws, built.pool_id)
    finding = only(report, "role.trust-amr", ERROR)
    assert "cognito-identity.amazon.com:amr" in finding.message


def test_trust_policy_with_a_placeholder_aud(aws, builder):
    placeholder = "us-east-1:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
    built = builder.pool(trust=lambda pool: trust_policy(pool, aud=placeholder))
    report, _ = diagnose(aws, built.pool_id)
    finding = only(report, "role.trust-aud", ERROR)
    assert placeholder in finding.message and "placeholder" in finding.message
    assert built.pool_id in finding.fix


def test_trust_policy_for_another_principal(aws, builder):
    built = builder.pool(trust=lambda pool: trust_policy(pool, principal="accounts.google.com"))
    report, _ = diagnose(aws, built.pool_id)
    only(report, "role.trust-principal", ERROR)


def test_pool_without_cognito_provider(aws, builder):
    pool_id = builder.identity_pool([])
    builder.set_roles(pool_id, authenticated=builder.role(trust_policy(pool_id)))
    report, _ = diagnose(aws, pool_id)
    finding = only(report, "pool.no-cognito-provider", ERROR)
    assert "Logins don't match." in finding.why


def test_guest_access_on_is_reported_as_info(aws, builder):
    built = builder.pool(unauth=True)
    report, _ = diagnose(aws, built.pool_id)
    only(report, "pool.unauthenticated-on", INFO)
    only(report, "role.unauthenticated-missing", WARNING)


def test_server_side_token_check_on_is_reported(aws, builder):
    built = builder.pool(token_check=True)
    report, _ = diagnose(aws, built.pool_id)
    finding = only(report, "provider.server-side-token-check", INFO)
    assert "is on" in finding.message


def test_missing_pool(aws):
    report, _ = diagnose(aws, "us-east-1:00000000-0000-0000-0000-000000000000")
    only(report, "pool.not-found", ERROR)
    assert [f.id for f in report.findings] == ["pool.not-found"]


def test_id_token_from_a_real_sign_in_passes(aws, builder):
    built = builder.pool()
    builder.user(built.user_pool_id)
    tokens = builder.tokens(built.client_id)
    report, _ = diagnose(aws, built.pool_id, token=tokens["IdToken"])
    assert problems(report) == []


def test_access_token_is_refused_as_not_an_id_token(aws, builder):
    built = builder.pool()
    builder.user(built.user_pool_id)
    tokens = builder.tokens(built.client_id)
    report, _ = diagnose(aws, built.pool_id, token=tokens["AccessToken"])
    finding = only(report, "token.not-id-token", ERROR)
    assert "Missing a required claim: aud" in finding.why


def test_token_of_another_user_pool_and_of_another_client(aws, builder):
    built = builder.pool()
    stranger = builder.pool()
    builder.user(stranger.user_pool_id)
    report, _ = diagnose(aws, built.pool_id, token=builder.tokens(stranger.client_id)["IdToken"])
    only(report, "token.issuer-unknown", ERROR)

    second_client = builder.client(built.user_pool_id)
    builder.user(built.user_pool_id, "bob")
    report, _ = diagnose(aws, built.pool_id, token=builder.tokens(second_client, "bob")["IdToken"])
    finding = only(report, "token.audience-unknown", ERROR)
    assert second_client in finding.message


def test_each_fact_is_fetched_once(aws, builder):
    built = builder.pool()
    calls = []
    aws.clients.add_hook("before-call", lambda model, params, **_: calls.append(
        (model.name, tuple(sorted((k, str(v)) for k, v in params.items())))))
    diagnose(aws, built.pool_id)
    operations = sorted(name for name, _ in calls)
    assert operations == sorted(["DescribeIdentityPool", "GetIdentityPoolRoles", "GetRole",
                                 "DescribeUserPool", "DescribeUserPoolClient"])
    assert len(set(calls)) == len(calls)
