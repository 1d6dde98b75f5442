"""\"Use it in your app\": every snippet is filled with the real IDs and the exact provider name."""

from __future__ import annotations

import re

import pytest

from cognito_tui.errors import InputError
from cognito_tui.snippets import ios_region, save_snippet, snippets

POOL = "eu-west-2:0f4a7c2e-1111-2222-3333-444455556666"
USER_POOL = "eu-west-2_AbCdEf123"
CLIENT = "1h57kf5cpq17m0eml12EXAMPLE"


def test_every_snippet_is_filled_with_the_real_ids():
    found = snippets(POOL, USER_POOL, CLIENT)
    assert [s.key for s in found] == ["ios-objc", "ios-swift", "android-java", "js-v2", "js-v3", "python"]
    for snippet in found:
        assert "{{" not in snippet.code and "YOUR_" not in snippet.code, snippet.key
        assert POOL in snippet.code, snippet.key
        if snippet.key.startswith("ios"):
            assert USER_POOL in snippet.code and CLIENT in snippet.code
        else:
            assert "cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbCdEf123" in snippet.code


def test_the_provider_name_is_never_the_guides_shortened_form():
    for snippet in snippets(POOL, USER_POOL, CLIENT):
        assert not re.search(r"cognito-idp\.[a-z0-9-]+/", snippet.code), snippet.key


def test_sdk_v3_uses_from_cognito_identity_pool_with_logins():
    v3 = next(s for s in snippets(POOL, USER_POOL, CLIENT) if s.key == "js-v3")
    assert "fromCognitoIdentityPool" in v3.code and "logins:" in v3.code
    assert 'region: "eu-west-2"' in v3.code


def test_ios_region_names():
    assert ios_region("us-east-1") == "USEast1"
    assert ios_region("ap-southeast-2") == "APSoutheast2"
    assert ios_region("cn-northwest-1") == "CNNorthWest1"
    objc = snippets(POOL, USER_POOL, CLIENT)[0].code
    assert "initWithRegion:AWSRegionEUWest2" in objc and "clientSecret:nil" in objc


def test_a_client_with_a_secret_gets_a_placeholder_never_the_secret():
    swift = next(s for s in snippets(POOL, USER_POOL, CLIENT, has_secret=True) if s.key == "ios-swift")
    assert 'clientSecret: "YOUR_CLIENT_SECRET"' in swift.code


def test_python_snippet_is_valid_python():
    code = next(s for s in snippets(POOL, USER_POOL, CLIENT) if s.key == "python").code
    compile(code, "snippet.py", "exec")


def test_malformed_ids_are_refused():
    with pytest.raises(InputError):
        snippets("not-a-pool", USER_POOL, CLIENT)
    with pytest.raises(InputError):
        snippets(POOL, "eu-west-2:wrong", CLIENT)


def test_save_writes_the_named_file_and_does_not_overwrite_silently(tmp_path):
    snippet = snippets(POOL, USER_POOL, CLIENT)[-1]
    target = save_snippet(snippet, tmp_path / "app.py")
    assert target.read_text() == snippet.code
    with pytest.raises(InputError, match="already exists"):
        save_snippet(snippet, target)
    assert save_snippet(snippet, target, overwrite=True) == target
    assert save_snippet(snippet, tmp_path).name == snippet.filename
