import pytest

from cognito_tui import ids
from cognito_tui.errors import InputError


@pytest.mark.parametrize("good", ["us-east-1:0f4a7c2e-1111-2222-3333-444455556666", "eu-central-1:abc-def"])
def test_identity_pool_id_accepts_the_aws_format(good):
    assert ids.validate_identity_pool_id(good) == good


@pytest.mark.parametrize("bad", ["", "us-east-1", "us-east-1_AbC123", "us-east-1:XYZ", "x" * 56,
                                 "nowhere:0f4a", "us-east-1:0f4a\n", None, 42])
def test_identity_pool_id_rejects_malformed(bad):
    with pytest.raises(InputError):
        ids.validate_identity_pool_id(bad)


@pytest.mark.parametrize("good", ["us-east-1_AbCdEf123", "ap-southeast-2_x1"])
def test_user_pool_id_accepts_the_aws_format(good):
    assert ids.validate_user_pool_id(good) == good


@pytest.mark.parametrize("bad", ["", "us-east-1", "us-east-1_", "us-east-1_Ab-C", "us-east-1:AbC",
                                 "AbCdEf123", "us-east-1_Ab C", "us-east-1_AbÇ", "[/x]_abc"])
def test_user_pool_id_rejects_malformed(bad):
    with pytest.raises(InputError):
        ids.validate_user_pool_id(bad)


@pytest.mark.parametrize("bad", ["", "has space", "dash-not-allowed", "x" * 129, "ａｂｃ", "[b]x[/b]"])
def test_client_id_rejects_malformed(bad):
    with pytest.raises(InputError):
        ids.validate_client_id(bad)


def test_client_id_accepts_letters_digits_underscore_plus():
    assert ids.validate_client_id("1h57kf5cpq17m0eml12EXAMPLE") == "1h57kf5cpq17m0eml12EXAMPLE"
    assert ids.validate_client_id("a_b+c") == "a_b+c"


def test_region_comes_from_the_user_pool_id_prefix():
    assert ids.region_of_user_pool("eu-west-2_AbC") == "eu-west-2"
    assert ids.region_of_identity_pool("ap-south-1:0f4a") == "ap-south-1"


def test_provider_name_is_built_and_parsed_back():
    name = ids.provider_name("us-west-2_AbC123")
    assert name == "cognito-idp.us-west-2.amazonaws.com/us-west-2_AbC123"
    assert ids.parse_provider_name(name) == "us-west-2_AbC123"


@pytest.mark.parametrize("typo, reason", [
    ("cognito-idp:us-east-1:amazonaws.com/us-east-1_AbC", "':' where '.'"),
    ("cognito-idp.us-east-1:amazonaws.com/us-east-1_AbC", "':' where '.'"),
    ("cognito-idp.us-east-1/us-east-1_AbC", "missing '.amazonaws.com/'"),
    ("cognito-idp.us-east-1.amazonaws.com/us-east-1:0f4a7c2e-1111", "identity pool ID"),
    ("cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbC", "names region eu-west-1"),
    ("accounts.google.com", "not of the form"),
])
def test_provider_name_typos_are_rejected_with_the_reason(typo, reason):
    with pytest.raises(InputError) as caught:
        ids.parse_provider_name(typo)
    assert reason in caught.value.message


def test_provider_name_typo_suggests_the_right_name():
    with pytest.raises(InputError) as caught:
        ids.parse_provider_name("cognito-idp:us-east-1:amazonaws.com/us-east-1_AbC")
    assert "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC" in caught.value.hint
