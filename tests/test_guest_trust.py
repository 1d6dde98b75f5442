"""The guests' (unauthenticated) role's trust policy, asserted on both users of the one evaluator.

For each policy the guests' role's trust policy is rewritten with boto3 IAM on the local Cognito and
a guest signs in for real (GetId without logins, GetCredentialsForIdentity, then STS GetCallerIdentity
with the credentials); the doctor, run on the live pool, must report no guest-role.* error exactly
when that works, and the wizard's Roles step must say the same. Expected outcomes follow the IAM
User Guide's evaluation rules and the console's guest role (aud = the pool, amr "unauthenticated").
"""

from __future__ import annotations

import copy
import json
import uuid

import boto3
import pytest
from aws_builders import add_providers, user_pool
from botocore.exceptions import ClientError
from test_trust_policies import write_trust

from cognito_tui.cli import main
from cognito_tui.doctor import ERROR, WARNING, diagnose
from cognito_tui.errors import AWS_CHECK_ROLES
from cognito_tui.role_trust import good_trust_policy
from cognito_tui.wizard.roles import status_of

FED = "cognito-identity.amazonaws.com"
AUD = f"{FED}:aud"
AMR = f"{FED}:amr"
OTHER_POOL = "us-east-1:99999999-8888-7777-6666-555555555555"
ACTION = "sts:AssumeRoleWithWebIdentity"


def guest(pool, *, principal=None, action=ACTION, condition=None, **extra):
    """The console's guest statement, or one with a part changed."""
    statement = {"Effect": "Allow", "Principal": {"Federated": FED} if principal is None else principal,
                 "Action": action,
                 "Condition": {"StringEquals": {AUD: pool}, "ForAnyValue:StringLike": {AMR: "unauthenticated"}}
                 if condition is None else condition}
    statement.update(extra)
    return {k: v for k, v in statement.items() if v is not ...}


def deny(condition=None):
    statement = {"Effect": "Deny", "Principal": {"Federated": FED}, "Action": ACTION}
    if condition:
        statement["Condition"] = condition
    return statement


def amr(pool, operator, value, aud_operator="StringEquals"):
    return {aud_operator: {AUD: pool}, operator: {AMR: value}}


# (name, statements as a function of the pool ID, guests get credentials?, the doctor's guest-role.* ids)
CASES = [
    ("good: the console's guest role", lambda p: [guest(p)], True, set()),
    ("wrong aud: another pool", lambda p: [guest(p, condition=amr(OTHER_POOL, "ForAnyValue:StringLike",
                                                                  "unauthenticated"))],
     False, {"guest-role.trust-aud"}),
    ("wrong aud: a placeholder", lambda p: [guest(p, condition=amr("us-east-1:IDENTITY_POOL_ID",
                                                                   "ForAnyValue:StringLike", "unauthenticated"))],
     False, {"guest-role.trust-aud"}),
    ("no aud condition (IAM refuses such a role)", lambda p: [guest(p, condition={
        "ForAnyValue:StringLike": {AMR: "unauthenticated"}})], False, {"guest-role.trust-aud"}),
    ("amr authenticated only (the authenticated role's policy)", lambda p: good_trust_policy(p)["Statement"],
     False, {"guest-role.trust-amr"}),
    ("amr key misspelt", lambda p: [guest(p, condition={
        "StringEquals": {AUD: p}, "ForAnyValue:StringLike": {"cognito-identity.amazon.com:amr": "unauthenticated"}})],
     False, {"guest-role.trust-amr"}),
    ("no amr condition: guests in, and signed-in users too", lambda p: [guest(p, condition={"StringEquals": {AUD: p}})],
     True, {"guest-role.trust-amr-missing"}),
    ("Deny added for every cognito-identity user", lambda p: [guest(p), deny()], False, {"guest-role.trust-deny"}),
    ("Deny added for signed-in users only", lambda p: [guest(p), deny({"ForAnyValue:StringLike": {AMR: "authenticated"}})],
     True, set()),
    ("Deny added for other pools (StringNotEquals aud)", lambda p: [guest(p), deny({"StringNotEquals": {AUD: p}})],
     True, set()),
    ("negated: aud StringNotEquals this pool", lambda p: [guest(p, condition=amr(
        p, "ForAnyValue:StringLike", "unauthenticated", "StringNotEquals"))], False, {"guest-role.trust-aud"}),
    ("negated: amr ForAllValues:StringNotLike authenticated (guests only)", lambda p: [guest(p, condition=amr(
        p, "ForAllValues:StringNotLike", "authenticated"))], True, set()),
    ("negated: amr ForAnyValue:StringNotEquals authenticated (a provider entry differs too)",
     lambda p: [guest(p, condition=amr(p, "ForAnyValue:StringNotEquals", "authenticated"))],
     True, {"guest-role.trust-amr-missing"}),
    ("negated: Deny ForAnyValue:StringNotEquals amr authenticated (guests' amr differs)",
     lambda p: [guest(p), deny({"ForAnyValue:StringNotEquals": {AMR: "authenticated"}})],
     False, {"guest-role.trust-deny"}),
    ("wildcards: aud us-east-1:* and amr unauth*", lambda p: [guest(p, condition=amr(
        "us-east-1:*", "ForAnyValue:StringLike", "unauth*", "StringLike"))], True, set()),
    ("wildcards: amr *authenticated lets signed-in users in too", lambda p: [guest(p, condition=amr(
        p, "ForAnyValue:StringLike", "*authenticated"))], True, {"guest-role.trust-amr-missing"}),
    ("wildcards: aud of another region", lambda p: [guest(p, condition=amr(
        "eu-west-1:*", "ForAnyValue:StringLike", "unauthenticated", "StringLike"))], False, {"guest-role.trust-aud"}),
    ("wildcards: action sts:AssumeRoleWith*", lambda p: [guest(p, action="sts:AssumeRoleWith*")], True, set()),
    ("case: condition keys in another case", lambda p: [guest(p, condition={
        "StringEquals": {AUD.upper(): p}, "ForAnyValue:StringLike": {"Cognito-Identity.AmazonAWS.com:AMR": "unauthenticated"}})],
     True, set()),
    ("case: amr value Unauthenticated, StringEquals (values are case-sensitive)",
     lambda p: [guest(p, condition=amr(p, "ForAnyValue:StringEquals", "Unauthenticated"))],
     False, {"guest-role.trust-amr"}),
    ("case: amr value UNAUTHENTICATED, StringEqualsIgnoreCase",
     lambda p: [guest(p, condition=amr(p, "ForAnyValue:StringEqualsIgnoreCase", "UNAUTHENTICATED"))], True, set()),
    ("missing principal: only another federated provider", lambda p: [guest(p, principal={"Federated": "accounts.google.com"})],
     False, {"guest-role.trust-principal"}),
    ("missing principal: only lambda trusted", lambda p: [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                          "Action": "sts:AssumeRole"}], False, {"guest-role.trust-principal"}),
    ("missing principal: no Principal at all", lambda p: [guest(p, principal=...)], False, {"guest-role.trust-principal"}),
]

# moto's IAM refuses trust policies that IAM's grammar allows (an action wildcard) or that IAM itself
# refuses (no Principal): these are written into the local IAM's store directly, so
# GetCredentialsForIdentity still meets them.
MOTO_REFUSES = {"wildcards: action sts:AssumeRoleWith*", "missing principal: no Principal at all"}


def set_trust(setup, name, policy) -> None:
    write_trust(setup["iam"], setup["guest_role"], policy, past_moto=name in MOTO_REFUSES)


@pytest.fixture(scope="module")
def setup(local_cognito):
    """A pool with guest access on, a user pool provider, a good authenticated role and a guests' role
    whose trust policy each case rewrites."""
    endpoint = local_cognito.endpoint_url

    def make(service, region="us-east-1"):
        return boto3.client(service, region_name=region, endpoint_url=endpoint)

    user_pool_id, client_id = user_pool(make)
    ci, iam = make("cognito-identity"), make("iam")
    pool_id = ci.create_identity_pool(IdentityPoolName=f"guests{uuid.uuid4().hex[:8]}",
                                      AllowUnauthenticatedIdentities=True)["IdentityPoolId"]
    add_providers(endpoint, pool_id, (user_pool_id, client_id))
    suffix = uuid.uuid4().hex[:8]
    auth = iam.create_role(RoleName=f"auth-{suffix}",
                           AssumeRolePolicyDocument=json.dumps(good_trust_policy(pool_id)))["Role"]["Arn"]
    guest_name = f"guest-{suffix}"
    guest_role = iam.create_role(RoleName=guest_name, AssumeRolePolicyDocument=json.dumps(
        good_trust_policy(pool_id, "unauthenticated")))["Role"]["Arn"]
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": auth, "unauthenticated": guest_role})
    return {"pool_id": pool_id, "provider": f"cognito-idp.us-east-1.amazonaws.com/{user_pool_id}",
            "guest_role": guest_role, "guest_name": guest_name, "iam": iam, "ci": ci, "make": make}


def guest_signs_in(setup) -> bool:
    """A real guest sign-in: GetId with no logins, GetCredentialsForIdentity, and STS with the result."""
    ci = setup["ci"]
    identity_id = ci.get_id(IdentityPoolId=setup["pool_id"])["IdentityId"]
    try:
        credentials = ci.get_credentials_for_identity(IdentityId=identity_id)["Credentials"]
    except ClientError as exc:
        error = exc.response["Error"]
        assert (error["Code"], error["Message"]) == ("InvalidIdentityPoolConfigurationException", AWS_CHECK_ROLES)
        return False
    sts = boto3.client("sts", region_name="us-east-1", endpoint_url=ci.meta.endpoint_url,
                       aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretKey"],
                       aws_session_token=credentials["SessionToken"])
    caller = sts.get_caller_identity()["Arn"]
    assert caller.endswith(f":assumed-role/{setup['guest_name']}/CognitoIdentityCredentials"), caller
    return True


def policy_of(case, pool_id: str, extra: list | None = None) -> dict:
    return {"Version": "2012-10-17", "Statement": copy.deepcopy(extra or []) + case[1](pool_id)}


def guest_findings(report):
    return [f for f in report.findings if f.id.startswith("guest-role.")]


@pytest.mark.parametrize("case", [pytest.param(case, id=case[0]) for case in CASES])
def test_a_guest_signs_in_exactly_when_the_doctor_and_the_roles_step_find_no_guest_trust_error(aws, setup, case):
    name, _, expected, doctor_ids = case
    policy = policy_of(case, setup["pool_id"])
    set_trust(setup, name, policy)

    assert guest_signs_in(setup) is expected
    report, _ = diagnose(aws, setup["pool_id"])
    found = guest_findings(report)
    assert {f.id for f in found} == doctor_ids, [f.message for f in found]
    assert (not [f for f in found if f.severity == ERROR]) is expected
    assert all(f.severity == WARNING and f.subject == setup["guest_role"] for f in found
               if f.id == "guest-role.trust-amr-missing")
    assert not [f for f in report.findings if f.id.startswith("role.")]  # the authenticated role is fine
    step = status_of({"AssumeRolePolicyDocument": policy}, setup["guest_role"], setup["pool_id"],
                     "unauthenticated", [setup["provider"]])
    assert step.admits is expected
    assert step.reason == (([f for f in found if f.severity == ERROR] or found)[0].message if found else "")


def test_the_table_covers_what_the_guest_check_must_get_right():
    names = [name for name, *_ in CASES]
    for topic in ("good", "wrong aud", "amr authenticated only", "Deny added", "negated", "wildcards", "case",
                  "missing principal"):
        assert any(name.startswith(topic) for name in names), topic
    assert len(set(names)) == len(names) >= 8
    assert any(expected for _, _, expected, _ in CASES) and any(not expected for _, _, expected, _ in CASES)


FIXABLE = [pytest.param(case, id=case[0]) for case in CASES if case[3] and case[0] not in MOTO_REFUSES]


@pytest.mark.parametrize("case", FIXABLE)
def test_the_write_plan_fix_for_a_guest_trust_finding_makes_it_go_away(cli, aws, setup, case, tmp_path):
    lambda_statement = {"Sid": "Lambda", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                        "Action": "sts:AssumeRole"}
    set_trust(setup, case[0], policy_of(case, setup["pool_id"], [lambda_statement]))
    plan = tmp_path / "fix.yaml"
    code, out, err = cli("doctor", setup["pool_id"], "--write-plan", str(plan))
    assert code == 0, (out, err)  # the plan fixes every error found
    assert "it fixes every error found" in err
    text = plan.read_text()
    assert text.startswith("version: 2\n") and "allow_unauthenticated: true" in text
    assert f'      unauthenticated:\n        arn: "{setup["guest_role"]}"\n        fix_trust: true' in text
    assert "authenticated:" not in text.replace("unauthenticated:", "")  # the authenticated role is left alone

    code, out, err = cli("apply", str(plan), "--yes")
    assert code == 0, (out, err)
    assert "change  trust policy " + setup["guest_name"] in out
    assert guest_signs_in(setup)
    report, _ = diagnose(aws, setup["pool_id"])
    assert not guest_findings(report) and report.ok, [f.message for f in report.findings]
    stored = setup["iam"].get_role(RoleName=setup["guest_name"])["Role"]["AssumeRolePolicyDocument"]
    assert lambda_statement in stored["Statement"]  # every statement about something else is kept

    code, out, _ = cli("apply", str(plan), "--yes")  # a rerun changes nothing
    assert code == 0 and "Nothing to change" in out


def test_doctor_json_and_exit_code_for_a_guests_role_of_another_pool(cli, setup):
    case = next(c for c in CASES if c[0] == "wrong aud: another pool")
    set_trust(setup, case[0], policy_of(case, setup["pool_id"]))
    code, out, err = cli("doctor", setup["pool_id"], "--json")
    assert code == 1 and err == ""
    data = json.loads(out)
    assert data["ok"] is False and data["counts"]["error"] == 1
    (finding,) = [f for f in data["findings"] if f["severity"] == ERROR]
    assert finding["id"] == "guest-role.trust-aud" and finding["subject"] == setup["guest_role"]
    assert OTHER_POOL in finding["message"] and setup["pool_id"] in finding["message"]
    assert finding["why"] == f'AWS would answer: "{AWS_CHECK_ROLES}"'
    assert finding["fix"].startswith(f"aws iam update-assume-role-policy --role-name {setup['guest_name']} ")
    assert "auto_fix" not in finding


def test_the_guests_role_is_not_checked_when_guests_are_not_allowed(aws, boto, unique):
    ci, iam = boto("cognito-identity"), boto("iam")
    pool_id = ci.create_identity_pool(IdentityPoolName=unique("noguests"),
                                      AllowUnauthenticatedIdentities=False)["IdentityPoolId"]
    auth = iam.create_role(RoleName=unique("auth"), AssumeRolePolicyDocument=json.dumps(
        good_trust_policy(pool_id)))["Role"]["Arn"]
    broken = iam.create_role(RoleName=unique("guest"), AssumeRolePolicyDocument=json.dumps(
        good_trust_policy(OTHER_POOL, "unauthenticated")))["Role"]["Arn"]
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": auth, "unauthenticated": broken})
    report, _ = diagnose(aws, pool_id)
    assert not [f for f in report.findings if f.subject == broken or f.id.startswith("guest-role.")]
    with pytest.raises(ClientError, match="Unauthenticated access is not supported"):
        ci.get_id(IdentityPoolId=pool_id)  # no guest ever gets that far

    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": auth})
    described = ci.describe_identity_pool(IdentityPoolId=pool_id)
    described.pop("ResponseMetadata")
    ci.update_identity_pool(**{**described, "AllowUnauthenticatedIdentities": True})
    report, _ = diagnose(aws, pool_id)
    assert {f.id for f in report.findings if f.id.startswith(("guest-role.", "role."))} == {
        "role.unauthenticated-missing"}


def test_a_guests_role_deleted_from_iam_is_an_error(aws, setup, boto, unique):
    ci, iam = boto("cognito-identity"), boto("iam")
    pool_id = ci.create_identity_pool(IdentityPoolName=unique("gone"),
                                      AllowUnauthenticatedIdentities=True)["IdentityPoolId"]
    name = unique("guest")
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(
        good_trust_policy(pool_id, "unauthenticated")))["Role"]["Arn"]
    auth = iam.create_role(RoleName=unique("auth"), AssumeRolePolicyDocument=json.dumps(
        good_trust_policy(pool_id)))["Role"]["Arn"]
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": auth, "unauthenticated": arn})
    iam.delete_role(RoleName=name)
    report, _ = diagnose(aws, pool_id)
    (finding,) = [f for f in report.findings if f.subject == arn]
    assert (finding.id, finding.severity) == ("guest-role.not-found", ERROR)
    assert "unauthenticated=ROLE_ARN" in finding.fix
    identity_id = ci.get_id(IdentityPoolId=pool_id)["IdentityId"]
    with pytest.raises(ClientError, match="Check assigned IAM roles"):
        ci.get_credentials_for_identity(IdentityId=identity_id)


def signs_in(ci, idp, pool_id, client_id, provider, password) -> bool:
    """A real user sign-in: the ID token in the logins map, GetId, GetCredentialsForIdentity."""
    token = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={
        "USERNAME": "alice", "PASSWORD": password})["AuthenticationResult"]["IdToken"]
    logins = {provider: token}
    identity_id = ci.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"]
    try:
        return bool(ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]["SecretKey"])
    except ClientError as exc:
        assert exc.response["Error"]["Message"] == AWS_CHECK_ROLES
        return False


@pytest.mark.parametrize(("statements", "doctor_ids"), [
    (lambda p: [guest(p, condition={"StringEquals": {AUD: p}})], set()),  # both kinds in: what it is for
    (lambda p: good_trust_policy(p)["Statement"], {"guest-role.trust-amr"}),
    (lambda p: [guest(p, condition={"StringEquals": {AUD: OTHER_POOL}})], {"role.trust-aud", "guest-role.trust-aud"}),
], ids=["both in", "guests refused", "both refused"])
def test_one_role_for_both_kinds_is_fixed_for_both(cli, aws, boto, unique, tmp_path, statements, doctor_ids):
    from test_doctor_builders import PASSWORD

    user_pool_id, client_id = user_pool(boto)
    idp, ci, iam = boto("cognito-idp"), boto("cognito-identity"), boto("iam")
    idp.admin_create_user(UserPoolId=user_pool_id, Username="alice", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=user_pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    provider = f"cognito-idp.us-east-1.amazonaws.com/{user_pool_id}"
    pool_id = ci.create_identity_pool(IdentityPoolName=unique("shared"), AllowUnauthenticatedIdentities=True,
                                      CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": client_id}]
                                      )["IdentityPoolId"]
    name = unique("both")
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": statements(pool_id)}))["Role"]["Arn"]
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": arn, "unauthenticated": arn})
    setup = {"ci": ci, "pool_id": pool_id, "guest_name": name}

    report, _ = diagnose(aws, pool_id)
    assert {f.id for f in report.findings if f.subject == arn} == doctor_ids
    role = iam.get_role(RoleName=name)["Role"]
    for kind, prefix in (("authenticated", "role."), ("unauthenticated", "guest-role.")):
        step = status_of(role, arn, pool_id, kind, [provider], shared=True)  # the Roles step's verdict
        assert step.reason == next((f.message for f in report.findings if f.id.startswith(prefix)
                                    and f.subject == arn), "")
    plan = tmp_path / "fix.yaml"
    code, out, err = cli("doctor", pool_id, "--write-plan", str(plan))
    assert code == 0, (out, err)
    if doctor_ids:
        assert cli("apply", str(plan), "--yes")[0] == 0
    assert guest_signs_in(setup) and signs_in(ci, idp, pool_id, client_id, provider, PASSWORD)
    after, _ = diagnose(aws, pool_id)
    assert after.ok and not [f for f in after.findings if f.subject == arn], [f.message for f in after.findings]
