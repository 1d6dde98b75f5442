"""The sign-in core against the local Cognito over HTTP: SRP, challenges, errors, refresh, call counts."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from aws_builders import add_providers

from cognito_tui.errors import SignInError
from cognito_tui.signin import (CLIENT_SECRET_REQUIRED, NEW_PASSWORD_REQUIRED, SIGNED_IN, Credentials,
                                IdentityCache, Provider, SignIn, refresh_margin)


@pytest.fixture(scope="module")
def demo(cognito):
    return cognito.demo


@pytest.fixture
def aws(cognito):
    from cognito_tui.aws.gateway import Aws
    from cognito_tui.settings import Settings

    return Aws(Settings(region="us-east-1", endpoint_url=cognito.endpoint_url, max_attempts=2))


def count_calls(aws) -> list[str]:
    calls: list[str] = []
    aws.clients.add_hook("before-call", lambda model, **_: calls.append(model.name))
    return calls


def test_demo_user_gets_credentials_for_the_authenticated_role(aws, demo):
    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.client_id))
    assert signin.sign_in(demo.username, demo.password) == SIGNED_IN

    assert signin.claims.token_use == "id"
    assert signin.claims.aud == demo.client_id
    assert signin.claims.signature == "verified"
    assert list(signin.logins) == [f"cognito-idp.us-east-1.amazonaws.com/{demo.user_pool_id}"]
    assert signin.identity_id.startswith("us-east-1:")
    caller = signin.prove()
    role_name = demo.auth_role_arn.rsplit("/", 1)[1]
    assert f":assumed-role/{role_name}/CognitoIdentityCredentials" in caller["Arn"]


def test_first_sign_in_costs_exactly_four_api_calls(aws, demo):
    calls = count_calls(aws)
    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.client_id))
    signin.sign_in(demo.username, demo.password)
    assert calls == ["InitiateAuth", "RespondToAuthChallenge", "GetId", "GetCredentialsForIdentity"]


def test_identity_id_is_cached_so_a_second_sign_in_skips_get_id(aws, demo):
    first = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.client_id))
    first.sign_in(demo.username, demo.password)
    calls = count_calls(aws)
    second = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.client_id))
    second.sign_in(demo.username, demo.password)
    assert calls == ["InitiateAuth", "RespondToAuthChallenge", "GetCredentialsForIdentity"]
    assert second.identity_id == first.identity_id


def test_wrong_password_is_a_clear_sign_in_error(aws, demo):
    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.client_id))
    with pytest.raises(SignInError) as caught:
        signin.sign_in(demo.username, demo.password + "x")
    assert "Incorrect username or password" in caught.value.message
    assert signin.credentials is None


def test_provider_the_pool_does_not_list_gets_aws_text_and_the_fix(aws, demo):
    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.second_user_pool_id, demo.second_client_id))
    with pytest.raises(SignInError) as caught:
        signin.sign_in(demo.username, demo.password)
    assert caught.value.aws_message == "Token is not from a supported provider of this identity pool."
    # the doctor's words: which user pool the token came from, and the pool that does not list it
    assert demo.second_user_pool_id in caught.value.message and demo.identity_pool_id in caught.value.message
    assert f"cognito-tui doctor {demo.identity_pool_id}" in caught.value.hint


def test_new_password_challenge_is_answered(aws, demo):
    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.client_id))
    assert signin.sign_in(demo.new_password_username, demo.new_password_temp_password) == NEW_PASSWORD_REQUIRED
    assert signin.challenge.secret
    assert signin.answer("Brand-new-Passw0rd!") == SIGNED_IN
    assert signin.credentials.access_key_id

    again = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.client_id))
    assert again.sign_in(demo.new_password_username, "Brand-new-Passw0rd!") == SIGNED_IN


def test_client_secret_is_fetched_when_the_client_has_one(aws, demo):
    calls = count_calls(aws)
    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.secret_client_id))
    assert signin.sign_in(demo.username, demo.password) == SIGNED_IN
    assert calls[:3] == ["InitiateAuth", "DescribeUserPoolClient", "InitiateAuth"]
    assert signin.uses_client_secret
    # refresh with a secret: SECRET_HASH from the internal username
    before = signin.tokens.id_token
    signin.refresh(force_tokens=True)
    assert signin.tokens.id_token != before or signin.credentials is not None


def test_client_secret_is_asked_for_when_it_cannot_be_fetched(aws, demo):
    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.secret_client_id),
                    fetch_secret=False)
    assert signin.sign_in(demo.username, demo.password) == CLIENT_SECRET_REQUIRED
    with pytest.raises(SignInError):
        signin.answer("wrong-secret")
    assert signin.state == CLIENT_SECRET_REQUIRED
    assert signin.answer(demo.secret_client_secret) == SIGNED_IN


def test_a_known_secret_costs_no_describe_call(aws, demo):
    calls = count_calls(aws)
    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.secret_client_id),
                    client_secret=demo.secret_client_secret)
    signin.sign_in(demo.username, demo.password)
    assert "DescribeUserPoolClient" not in calls
    assert calls[:2] == ["InitiateAuth", "RespondToAuthChallenge"]


def test_an_access_token_is_never_put_in_the_logins_map():
    from cognito_tui.signin import logins_map
    from cognito_tui.signin.tokens import claims_of

    claims = claims_of({"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X", "token_use": "access",
                        "exp": 2_000_000_000})
    with pytest.raises(SignInError, match="token_use='access'"):
        logins_map("a.b.c", claims)


def test_refresh_renews_tokens_and_credentials(aws, demo):
    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.client_id))
    signin.sign_in(demo.username, demo.password)
    calls = count_calls(aws)
    old = signin.credentials
    new = signin.refresh(force_tokens=True)
    assert calls == ["InitiateAuth", "GetCredentialsForIdentity"]
    assert new.expiration >= old.expiration
    assert signin.identity_id == old.identity_id


def test_refresh_schedule_uses_a_margin_before_expiry():
    assert refresh_margin(3600) == 300
    assert refresh_margin(60) == pytest.approx(12)
    from cognito_tui.signin.model import utcnow

    now = utcnow()
    creds = Credentials("us-east-1:1", "AKIA", "s", "t", expiration=now + timedelta(seconds=60), received_at=now)
    assert creds.lifetime == pytest.approx(60)


def test_short_lived_credentials_are_refreshed_before_they_expire():
    from cognito_tui.aws.gateway import Aws
    from cognito_tui.local import start_local_cognito
    from cognito_tui.settings import Settings

    with start_local_cognito(port=0, credential_ttl=60) as short:
        d = short.demo
        add_providers(short.endpoint_url, d.identity_pool_id, (d.user_pool_id, d.client_id))
        aws = Aws(Settings(region="us-east-1", endpoint_url=short.endpoint_url))
        signin = SignIn(aws, d.identity_pool_id, Provider(d.user_pool_id, d.client_id))
        signin.sign_in(d.username, d.password)
        creds = signin.credentials
        assert 55 <= creds.lifetime <= 61
        at = signin.refresh_at()
        assert timedelta(seconds=10) <= creds.expiration - at <= timedelta(seconds=13)
        assert not signin.refresh_due()
        assert signin.refresh_due(at + timedelta(seconds=1))
        calls = count_calls(aws)
        fresh = signin.refresh()  # the ID token is still fresh: credentials only
        assert calls == ["GetCredentialsForIdentity"]
        assert fresh.expiration >= creds.expiration


def test_nothing_secret_reaches_the_logs(aws, demo, caplog):
    caplog.set_level(logging.DEBUG)
    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.secret_client_id))
    signin.sign_in(demo.username, demo.password)
    signin.refresh(force_tokens=True)
    signin.prove()
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "GetCredentialsForIdentity" in text or "get_credentials" in text.lower()
    secrets = [demo.password, demo.secret_client_secret, signin.tokens.id_token, signin.tokens.access_token,
               signin.tokens.refresh_token, signin.credentials.secret_key, signin.credentials.session_token]
    for secret in secrets:
        assert secret and secret not in text
    assert demo.password not in repr(signin.__dict__)


def test_identity_cache_is_on_disk_and_holds_no_secret(aws, demo, isolated_state):
    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.client_id))
    signin.sign_in(demo.username, demo.password)
    path = isolated_state / "cache" / "cognito-tui" / "identities.json"
    text = path.read_text()
    assert signin.identity_id in text
    assert signin.tokens.id_token not in text and demo.password not in text
    assert IdentityCache(path).get(IdentityCache.key(demo.identity_pool_id, signin.claims.provider_key,
                                                     signin.claims.sub)) == signin.identity_id


def test_sign_out_forgets_tokens_and_credentials(aws, demo):
    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.client_id))
    signin.sign_in(demo.username, demo.password)
    signin.sign_out()
    assert signin.tokens is None and signin.credentials is None and signin.logins == {}


def test_exact_requests_logins_key_from_the_issuer_and_secret_hash_with_internal_username(aws, demo):
    from cognito_tui.aws.auth import secret_hash

    sent: dict[str, dict] = {}
    aws.clients.add_hook("before-parameter-build",
                         lambda params, model, **_: sent.setdefault(model.name, dict(params)))
    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.secret_client_id),
                    client_secret=demo.secret_client_secret)
    signin.sign_in(demo.username, demo.password)
    key = f"cognito-idp.us-east-1.amazonaws.com/{demo.user_pool_id}"
    assert sent["GetId"] == {"IdentityPoolId": demo.identity_pool_id, "Logins": {key: signin.tokens.id_token}}
    assert sent["GetCredentialsForIdentity"] == {"IdentityId": signin.identity_id,
                                                 "Logins": {key: signin.tokens.id_token}}
    answer = sent["RespondToAuthChallenge"]["ChallengeResponses"]
    assert answer["SECRET_HASH"] == secret_hash(answer["USERNAME"], demo.secret_client_id,
                                                demo.secret_client_secret)
    assert "PASSWORD" not in sent["InitiateAuth"]["AuthParameters"]


def test_software_token_mfa_challenge_is_answered(aws, demo, cognito, unique):
    import boto3

    idp = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=cognito.endpoint_url)
    username, password = unique("mfa"), "Mfa-user-Passw0rd!"
    idp.admin_create_user(UserPoolId=demo.user_pool_id, Username=username, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=demo.user_pool_id, Username=username, Password=password,
                                Permanent=True)
    first = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.client_id))
    first.sign_in(username, password)
    access = first.tokens.access_token
    import pyotp

    idp.set_user_pool_mfa_config(UserPoolId=demo.user_pool_id, MfaConfiguration="OPTIONAL",
                                 SoftwareTokenMfaConfiguration={"Enabled": True})
    totp = pyotp.TOTP(idp.associate_software_token(AccessToken=access)["SecretCode"])
    idp.verify_software_token(AccessToken=access, UserCode=totp.now())
    idp.set_user_mfa_preference(AccessToken=access,
                                SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})

    signin = SignIn(aws, demo.identity_pool_id, Provider(demo.user_pool_id, demo.client_id))
    assert signin.sign_in(username, password) == "SOFTWARE_TOKEN_MFA"
    assert not signin.challenge.secret and "authenticator" in signin.challenge.prompt
    assert signin.answer(totp.now()) == SIGNED_IN
    assert signin.identity_id == first.identity_id


def test_unsupported_challenges_are_a_clear_error():
    from cognito_tui.aws.auth import AuthStep

    signin = SignIn.__new__(SignIn)
    signin._reset()
    with pytest.raises(SignInError, match="CUSTOM_CHALLENGE challenge, which is not supported yet"):
        signin._after(AuthStep(challenge="CUSTOM_CHALLENGE", session="s", username="u"))
    assert signin.state == "SIGNED_OUT"
