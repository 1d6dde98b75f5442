"""The IAM policy evaluator's own rules that the trust-policy table cannot reach, and its explanations."""

from __future__ import annotations

from cognito_tui.iam_policy import Request, evaluate

REQUEST = Request("Federated", "cognito-identity.amazonaws.com", "sts:AssumeRoleWithWebIdentity",
                  {"cognito-identity.amazonaws.com:aud": ["us-east-1:1"], "aws:SecureTransport": ["true"]})


def allow(**fields):
    return {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": "sts:AssumeRoleWithWebIdentity", **fields}


def decide(*statements):
    return evaluate({"Version": "2012-10-17", "Statement": list(statements)}, REQUEST)


def test_a_single_statement_object_counts_like_a_list_of_one():
    assert evaluate({"Statement": allow()}, REQUEST).allowed


def test_an_effect_iam_does_not_know_never_applies_and_the_reason_is_given():
    decision = decide(allow(Effect="allow"))
    assert not decision.allowed
    assert "Effect 'allow'" in decision.statements[0].why_not()


def test_not_principal_applies_to_everyone_else():
    def not_principal(principal):
        return {k: v for k, v in allow().items() if k != "Principal"} | {"NotPrincipal": principal}

    assert decide(not_principal({"Service": "lambda.amazonaws.com"})).allowed
    assert not decide(not_principal({"Federated": "cognito-identity.amazonaws.com"})).allowed


def test_aws_star_means_every_principal():
    assert decide(allow(Principal={"AWS": "*"})).allowed
    assert not decide(allow(Principal={"AWS": "arn:aws:iam::123456789012:root"})).allowed


def test_both_action_and_not_action_is_refused_rather_than_guessed():
    decision = decide(allow(NotAction="sts:AssumeRole"))
    assert not decision.allowed and "exactly one of Action and NotAction" in decision.explain()


def test_non_string_condition_values_compare_as_iam_writes_them():
    assert decide(allow(Condition={"StringEquals": {"aws:securetransport": True}})).allowed


def test_explanations_name_the_statement_and_the_condition():
    denied = decide(allow(), {"Sid": "Stop", "Effect": "Deny", "Principal": "*", "Action": "sts:*"})
    assert denied.explain() == "statement 2 (Sid 'Stop') denies it explicitly"
    refused = decide(allow(Condition={"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:2"}}))
    assert refused.explain() == ("no statement allows it: statement 1: StringEquals "
                                 'cognito-identity.amazonaws.com:aud ["us-east-1:2"] (the request has '
                                 '"us-east-1:1") does not hold')
    assert decide(allow()).explain() == "statement 1 allows it"
