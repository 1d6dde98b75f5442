"""Trust policies judged by IAM's documented rules, asserted on both users of the one evaluator.

For each policy the role's trust policy is replaced with boto3 IAM on the local Cognito, a user
signs in for real (SRP, ID token, GetId, GetCredentialsForIdentity) and either gets credentials or
AWS's "Check assigned IAM roles" refusal, and the doctor, run on the live pool, must agree: no
role.trust-* error exactly when the sign-in succeeds, and the error ids listed here when it fails.
The expected outcomes follow the IAM User Guide (policy evaluation logic, condition operators, set
operators for multivalued keys) and the Cognito guide (a trust policy must name the aud).
"""

from __future__ import annotations

import copy
import json
import shlex
import uuid

import boto3
import pytest
from aws_builders import add_providers, user_pool
from test_doctor_builders import PASSWORD

from cognito_tui.doctor import ERROR, WARNING, diagnose
from cognito_tui.errors import CognitoTuiError
from cognito_tui.signin import SIGNED_IN, Provider, SignIn

FED = "cognito-identity.amazonaws.com"
AUD = f"{FED}:aud"
AMR = f"{FED}:amr"
OTHER_POOL = "us-east-1:99999999-8888-7777-6666-555555555555"
REFUSED = "Check assigned IAM roles"


def allow(pool, *, principal=None, action="sts:AssumeRoleWithWebIdentity", condition=None, **extra):
    statement = {"Effect": "Allow", "Principal": principal or {"Federated": FED}, "Action": action,
                 "Condition": {"StringEquals": {AUD: pool}, "ForAnyValue:StringLike": {AMR: "authenticated"}}
                 if condition is None else condition}
    if "not_action" in extra:
        del statement["Action"]
        statement["NotAction"] = extra.pop("not_action")
    statement.update(extra)
    return statement


def deny(condition=None, **extra):
    statement = {"Effect": "Deny", "Principal": {"Federated": FED}, "Action": "sts:AssumeRoleWithWebIdentity"}
    if condition:
        statement["Condition"] = condition
    statement.update(extra)
    return statement


def good(pool, provider=None):
    return [allow(pool)]


def aud(pool, operator="StringEquals", value=None):
    return {operator: {AUD: pool if value is None else value}, "ForAnyValue:StringLike": {AMR: "authenticated"}}


def amr(pool, operator, value):
    condition = {"StringEquals": {AUD: pool}}
    condition.setdefault(operator, {})[AMR] = value
    return condition


# (name, statements as a function of (pool ID, provider name), signs in?, doctor's role.* ids)
# "crafted" marks the acceptance set of issue 13: good, Deny added, negated and set operators,
# wildcards, case.
CASES = [
    # -- crafted --
    ("crafted: good", good, True, set()),
    ("crafted: good + Deny for every cognito-identity user", lambda p, n: good(p) + [deny()],
     False, {"role.trust-deny"}),
    ("crafted: good + Deny for guests only", lambda p, n: good(p) + [
        deny({"ForAnyValue:StringLike": {AMR: "unauthenticated"}})], True, set()),
    ("crafted: good + Deny for other pools (StringNotEquals aud)", lambda p, n: good(p) + [
        deny({"StringNotEquals": {AUD: p}})], True, set()),
    ("crafted: amr ForAnyValue:StringNotEquals unauthenticated",
     lambda p, n: [allow(p, condition=amr(p, "ForAnyValue:StringNotEquals", "unauthenticated"))], True, set()),
    ("crafted: amr ForAllValues:StringNotEquals unauthenticated",
     lambda p, n: [allow(p, condition=amr(p, "ForAllValues:StringNotEquals", "unauthenticated"))], True, set()),
    ("crafted: amr ForAllValues:StringLike authenticated (the provider entries do not match)",
     lambda p, n: [allow(p, condition=amr(p, "ForAllValues:StringLike", "authenticated"))],
     False, {"role.trust-amr"}),
    ("crafted: good + Deny ForAnyValue:StringNotLike amr authenticated (other amr values differ)",
     lambda p, n: good(p) + [deny({"ForAnyValue:StringNotLike": {AMR: "authenticated"}})],
     False, {"role.trust-deny"}),
    ("crafted: aud StringLike region wildcard", lambda p, n: [allow(p, condition=aud(p, "StringLike", "us-east-1:*"))],
     True, set()),
    ("crafted: aud StringLike another region's wildcard",
     lambda p, n: [allow(p, condition=aud(p, "StringLike", "eu-west-1:*"))], False, {"role.trust-aud"}),
    ("crafted: action wildcard sts:AssumeRoleWith*", lambda p, n: [allow(p, action="sts:AssumeRoleWith*")],
     True, set()),
    ("crafted: action in another case", lambda p, n: [allow(p, action="STS:assumerolewithwebidentity")],
     True, set()),
    ("crafted: condition keys in another case", lambda p, n: [allow(p, condition={
        "StringEquals": {AUD.upper(): p}, "ForAnyValue:StringLike": {"Cognito-Identity.AmazonAWS.com:AMR": "authenticated"}})],
     True, set()),
    ("crafted: aud value in another case, StringEquals (values are case-sensitive)",
     lambda p, n: [allow(p, condition=aud(p, value=p.upper()))], False, {"role.trust-aud"}),
    ("crafted: aud value in another case, StringEqualsIgnoreCase",
     lambda p, n: [allow(p, condition=aud(p, "StringEqualsIgnoreCase", p.upper()))], True, set()),
    # -- principals --
    ("principal *", lambda p, n: [allow(p, principal="*")], True, set()),
    ("principal in a Federated list", lambda p, n: [allow(p, principal={"Federated": ["accounts.google.com", FED]})],
     True, set()),
    ("only lambda trusted", lambda p, n: [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                           "Action": "sts:AssumeRole"}], False, {"role.trust-principal"}),
    ("another federated principal", lambda p, n: [allow(p, principal={"Federated": "accounts.google.com"})],
     False, {"role.trust-principal"}),
    # -- actions --
    ("action sts:AssumeRole", lambda p, n: [allow(p, action="sts:AssumeRole")], False, {"role.trust-action"}),
    ("action list without web identity", lambda p, n: [allow(p, action=["sts:AssumeRole", "sts:TagSession"])],
     False, {"role.trust-action"}),
    ("NotAction sts:AssumeRole", lambda p, n: [allow(p, not_action="sts:AssumeRole")], True, set()),
    ("NotAction sts:AssumeRoleWith*", lambda p, n: [allow(p, not_action="sts:AssumeRoleWith*")],
     False, {"role.trust-action"}),
    ("Deny with NotAction sts:AssumeRole", lambda p, n: good(p) + [
        {"Effect": "Deny", "Principal": {"Federated": FED}, "NotAction": "sts:AssumeRole"}],
     False, {"role.trust-deny"}),
    # -- aud --
    ("no aud condition (IAM refuses such a role)", lambda p, n: [allow(p, condition={
        "ForAnyValue:StringLike": {AMR: "authenticated"}})], False, {"role.trust-aud"}),
    ("aud key misspelt", lambda p, n: [allow(p, condition={
        "StringEquals": {"cognito-identity.amazon.com:aud": p}, "ForAnyValue:StringLike": {AMR: "authenticated"}})],
     False, {"role.trust-aud"}),
    ("aud names this pool and another", lambda p, n: [allow(p, condition=aud(p, value=[OTHER_POOL, p]))],
     True, set()),
    ("aud names only another pool", lambda p, n: [allow(p, condition=aud(p, value=OTHER_POOL))],
     False, {"role.trust-aud"}),
    ("aud StringNotEquals another pool", lambda p, n: [allow(p, condition=aud(p, "StringNotEquals", OTHER_POOL))],
     True, set()),
    ("aud StringEqualsIfExists", lambda p, n: [allow(p, condition=aud(p, "StringEqualsIfExists"))], True, set()),
    ("aud with a ? wildcard", lambda p, n: [allow(p, condition=aud(p, "StringLike", p[:-1] + "?"))], True, set()),
    ("aud placeholder", lambda p, n: [allow(p, condition=aud(p, value="us-east-1:IDENTITY_POOL_ID"))],
     False, {"role.trust-aud"}),
    # -- amr --
    ("amr key misspelt", lambda p, n: [allow(p, condition={
        "StringEquals": {AUD: p}, "ForAnyValue:StringLike": {"cognito-identity.amazon.com:amr": "authenticated"}})],
     False, {"role.trust-amr"}),
    ("amr unauthenticated (a guest role's policy)", lambda p, n: [allow(p, condition=amr(
        p, "ForAnyValue:StringLike", "unauthenticated"))], False, {"role.trust-amr"}),
    ("no amr condition: signs in, guests could too", lambda p, n: [allow(p, condition={"StringEquals": {AUD: p}})],
     True, {"role.trust-amr-missing"}),
    ("amr plain StringEquals authenticated (any value matches)",
     lambda p, n: [allow(p, condition=amr(p, "StringEquals", "authenticated"))], True, set()),
    ("amr plain StringNotEquals unauthenticated (no value matches)",
     lambda p, n: [allow(p, condition=amr(p, "StringNotEquals", "unauthenticated"))], True, set()),
    ("amr ForAllValues:StringNotEqualsIgnoreCase AUTHENTICATED refuses signed-in users",
     lambda p, n: [allow(p, condition=amr(p, "ForAllValues:StringNotEqualsIgnoreCase", "AUTHENTICATED"))],
     False, {"role.trust-amr"}),
    ("amr names this user pool with a wildcard",
     lambda p, n: [allow(p, condition=amr(p, "ForAnyValue:StringLike", f"{n}*"))], True, set()),
    ("amr names another user pool", lambda p, n: [allow(p, condition=amr(
        p, "ForAnyValue:StringLike", "cognito-idp.us-east-1.amazonaws.com/us-east-1_Other000"))],
     False, {"role.trust-amr"}),
    # -- other keys and operators --
    ("a condition on a key never sent", lambda p, n: [allow(p, condition={
        "StringEquals": {AUD: p, "aws:PrincipalTag/team": "x"}, "ForAnyValue:StringLike": {AMR: "authenticated"}})],
     False, {"role.trust-condition"}),
    ("StringNotLikeIfExists on a key never sent", lambda p, n: [allow(p, condition={
        **aud(p), "StringNotLikeIfExists": {"aws:PrincipalTag/team": "x*"}})], True, set()),
    ("ForAllValues:StringEquals on a key never sent (empty set)", lambda p, n: [allow(p, condition={
        **aud(p), "ForAllValues:StringEquals": {"aws:TagKeys": "x"}})], True, set()),
    ("ForAnyValue:StringEquals on a key never sent (empty set)", lambda p, n: [allow(p, condition={
        **aud(p), "ForAnyValue:StringEquals": {"aws:TagKeys": "x"}})], False, {"role.trust-condition"}),
    ("a Numeric operator cannot be evaluated", lambda p, n: [allow(p, condition={
        **aud(p), "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}})], False, {"role.trust-condition"}),
    ("Deny on every sub", lambda p, n: good(p) + [deny({"StringLike": {f"{FED}:sub": "*"}})],
     False, {"role.trust-deny"}),
    ("Deny ForAllValues:StringNotEquals amr authenticated (signed-in users hold it)",
     lambda p, n: good(p) + [deny({"ForAllValues:StringNotEquals": {AMR: "authenticated"}})], True, set()),
    ("a broken statement and a good one", lambda p, n: [allow(p, condition=aud(p, value="us-east-1:PLACEHOLDER"))]
     + good(p), True, set()),
]


# moto's IAM accepts only exact sts action names and no NotAction in a trust policy, where IAM's
# grammar allows wildcards, any case and NotAction. These documents are written into the local
# IAM's store directly, so GetCredentialsForIdentity still meets them.
MOTO_REFUSES = {"crafted: action wildcard sts:AssumeRoleWith*", "crafted: action in another case",
                "NotAction sts:AssumeRole", "NotAction sts:AssumeRoleWith*", "Deny with NotAction sts:AssumeRole"}


def write_trust(iam, role_arn: str, policy: dict, *, past_moto: bool = False) -> None:
    """Replace a role's trust policy through IAM, or (past_moto) in the local IAM's store directly."""
    if past_moto:
        from cognito_tui.local import moto_bridge

        moto_bridge.iam_role(role_arn).assume_role_policy_document = json.dumps(policy)
    else:
        iam.update_assume_role_policy(RoleName=role_arn.rsplit("/", 1)[-1], PolicyDocument=json.dumps(policy))


def set_trust(pool, name, policy) -> None:
    write_trust(pool["iam"], pool["role_arn"], policy, past_moto=name in MOTO_REFUSES)


@pytest.fixture(scope="module")
def pool(local_cognito):
    """One identity pool with one user; each case rewrites its authenticated role's trust policy."""
    endpoint = local_cognito.endpoint_url

    def make(service, region="us-east-1"):
        return boto3.client(service, region_name=region, endpoint_url=endpoint)

    user_pool_id, client_id = user_pool(make)
    idp = make("cognito-idp")
    idp.admin_create_user(UserPoolId=user_pool_id, Username="alice", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=user_pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    pool_id = make("cognito-identity").create_identity_pool(
        IdentityPoolName=f"trust{uuid.uuid4().hex[:8]}", AllowUnauthenticatedIdentities=False)["IdentityPoolId"]
    add_providers(endpoint, pool_id, (user_pool_id, client_id))
    role_name = f"trust-{uuid.uuid4().hex[:8]}"
    arn = make("iam").create_role(RoleName=role_name, AssumeRolePolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": good(pool_id)}))["Role"]["Arn"]
    make("cognito-identity").set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": arn})
    provider = f"cognito-idp.us-east-1.amazonaws.com/{user_pool_id}"
    return {"pool_id": pool_id, "user_pool_id": user_pool_id, "client_id": client_id, "role_name": role_name,
            "role_arn": arn,
            "provider": provider, "iam": make("iam")}


def fixed_document(fix: str) -> dict:
    """The policy document in the doctor's `aws iam update-assume-role-policy ...` fix, as the shell reads it."""
    words = shlex.shlex(fix.split("--policy-document ", 1)[1], posix=True)
    words.whitespace_split = True
    return json.loads(words.get_token())


def signs_in(aws, pool) -> bool:
    """A real sign-in: SRP, the ID token in the logins map, GetId, GetCredentialsForIdentity."""
    signin = SignIn(aws, pool["pool_id"], Provider(pool["user_pool_id"], pool["client_id"]))
    try:
        return signin.sign_in("alice", PASSWORD) == SIGNED_IN and bool(signin.credentials.secret_key)
    except CognitoTuiError as exc:
        assert REFUSED in exc.aws_message, f"refused for another reason: {exc.one_line()} ({exc.aws_message})"
        return False


@pytest.mark.parametrize(("name", "statements", "expected", "doctor_ids"),
                         [pytest.param(*case, id=case[0]) for case in CASES])
def test_sign_in_and_doctor_follow_iam_rules(aws, pool, name, statements, expected, doctor_ids):
    policy = {"Version": "2012-10-17", "Statement": statements(pool["pool_id"], pool["provider"])}
    set_trust(pool, name, policy)

    assert signs_in(aws, pool) is expected
    report, _ = diagnose(aws, pool["pool_id"])
    role_findings = [f for f in report.findings if f.id.startswith("role.")]
    assert {f.id for f in role_findings} == doctor_ids, [f.message for f in role_findings]
    assert (not [f for f in role_findings if f.severity == ERROR]) is expected
    assert all(f.severity == WARNING for f in role_findings if f.id == "role.trust-amr-missing")


def test_the_table_holds_the_acceptance_set_and_thirty_policies():
    crafted = [name for name, *_ in CASES if name.startswith("crafted:")]
    assert len(crafted) >= 13 and len(CASES) >= 30
    assert len({name for name, *_ in CASES}) == len(CASES)


def test_every_doctor_trust_fix_makes_the_sign_in_work_and_keeps_the_other_statements(aws, pool):
    lambda_statement = {"Sid": "Lambda", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                        "Action": "sts:AssumeRole"}
    other_pool = allow(OTHER_POOL, Sid="OtherPool")
    for name, statements, expected, _ in CASES:
        if expected:
            continue
        policy = {"Version": "2012-10-17",
                  "Statement": [copy.deepcopy(lambda_statement), copy.deepcopy(other_pool)]
                  + statements(pool["pool_id"], pool["provider"])}
        set_trust(pool, name, policy)
        report, _ = diagnose(aws, pool["pool_id"])
        (fix, *_) = {f.fix for f in report.findings if f.id.startswith("role.trust") and f.severity == ERROR}
        document = fixed_document(fix)
        assert lambda_statement in document["Statement"], name
        assert other_pool in document["Statement"], name
        assert "It keeps statement 1 (Sid 'Lambda') (Allow for lambda.amazonaws.com)" in fix, name
        assert f"statement 2 (Sid 'OtherPool') (Allow for identity pool {OTHER_POOL})" in fix, name
        pool["iam"].update_assume_role_policy(RoleName=pool["role_name"], PolicyDocument=json.dumps(document))
        assert signs_in(aws, pool), name
        after, _ = diagnose(aws, pool["pool_id"])
        assert not [f for f in after.findings if f.id.startswith("role.")], name


def test_a_trust_fix_for_a_two_statement_role_keeps_the_other_statement(aws, pool, capsys):
    from cognito_tui.cli import main

    lambda_statement = {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
    broken = allow(pool["pool_id"], condition=aud(pool["pool_id"], value="us-east-1:IDENTITY_POOL_ID"))
    set_trust(pool, "two statements", {"Version": "2012-10-17", "Statement": [lambda_statement, broken]})
    assert main(["doctor", pool["pool_id"], "--json", "--endpoint-url", aws.settings.endpoint_url]) == 1
    (finding,) = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["id"] == "role.trust-aud"]
    assert "It keeps statement 1 (Allow for lambda.amazonaws.com)" in finding["fix"]
    assert "It replaces statement 2 with the statement a console-made role has" in finding["fix"]
    fixed = fixed_document(finding["fix"])
    assert fixed["Statement"][0] == lambda_statement and len(fixed["Statement"]) == 2
    set_trust(pool, "fixed", fixed)
    assert signs_in(aws, pool)
