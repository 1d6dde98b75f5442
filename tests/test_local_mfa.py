"""The local Cognito's MFA (pool configuration, TOTP setup, codes) and token revocation, over HTTP."""

from __future__ import annotations

import json
import time

import pyotp
import pytest

from aws_builders import user_pool

PASSWORD = "Mfa-Passw0rd!x"


@pytest.fixture
def srp(aws):
    from cognito_tui.aws.auth import UserPoolAuth

    auth = UserPoolAuth(aws.clients)
    return lambda pool, client, name: auth.srp(pool, client, name, PASSWORD, None)


def _pool(boto, unique, mfa: str):
    idp = boto("cognito-idp")
    pool, client = user_pool(boto)
    if mfa != "OFF":
        idp.set_user_pool_mfa_config(UserPoolId=pool, MfaConfiguration=mfa,
                                     SoftwareTokenMfaConfiguration={"Enabled": True})
    name = unique("u")
    idp.admin_create_user(UserPoolId=pool, Username=name, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool, Username=name, Password=PASSWORD, Permanent=True)
    return idp, pool, client, name


def _set_up(idp, client, step):
    secret = idp.associate_software_token(Session=step.session)["SecretCode"]
    verified = idp.verify_software_token(Session=step.session, UserCode=pyotp.TOTP(secret).now())
    done = idp.respond_to_auth_challenge(ClientId=client, ChallengeName="MFA_SETUP", Session=verified["Session"],
                                         ChallengeResponses={"USERNAME": step.username})
    return secret, done


def test_mfa_on_without_authenticator_asks_for_setup_then_for_codes(boto, unique, srp):
    idp, pool, client, name = _pool(boto, unique, "ON")
    step = srp(pool, client, name)
    assert step.challenge == "MFA_SETUP"
    assert json.loads(step.parameters["MFAS_CAN_SETUP"]) == ["SOFTWARE_TOKEN_MFA"]
    secret, done = _set_up(idp, client, step)
    assert len(secret) == 32 and pyotp.TOTP(secret).now()  # base32, 20 random bytes
    assert done["AuthenticationResult"]["IdToken"]

    again = srp(pool, client, name)
    assert again.challenge == "SOFTWARE_TOKEN_MFA"
    with pytest.raises(idp.exceptions.CodeMismatchException):
        idp.respond_to_auth_challenge(ClientId=client, ChallengeName="SOFTWARE_TOKEN_MFA", Session=again.session,
                                      ChallengeResponses={"USERNAME": again.username,
                                                          "SOFTWARE_TOKEN_MFA_CODE": "000000"})
    previous_step = pyotp.TOTP(secret).at(time.time() - 30)  # one step of drift is allowed
    ok = idp.respond_to_auth_challenge(ClientId=client, ChallengeName="SOFTWARE_TOKEN_MFA", Session=again.session,
                                       ChallengeResponses={"USERNAME": again.username,
                                                           "SOFTWARE_TOKEN_MFA_CODE": previous_step})
    assert ok["AuthenticationResult"]["AccessToken"]


def test_codes_two_steps_away_and_secrets_are_per_call(boto, unique, srp):
    idp, pool, client, name = _pool(boto, unique, "ON")
    step = srp(pool, client, name)
    first = idp.associate_software_token(Session=step.session)["SecretCode"]
    second = idp.associate_software_token(Session=step.session)["SecretCode"]
    assert first != second
    with pytest.raises(idp.exceptions.EnableSoftwareTokenMFAException):
        idp.verify_software_token(Session=step.session, UserCode=pyotp.TOTP(second).at(time.time() - 90))
    with pytest.raises(idp.exceptions.EnableSoftwareTokenMFAException):
        idp.verify_software_token(Session=step.session, UserCode=pyotp.TOTP(first).now())
    with pytest.raises(idp.exceptions.NotAuthorizedException):  # MFA_SETUP without a verified token
        idp.respond_to_auth_challenge(ClientId=client, ChallengeName="MFA_SETUP", Session=step.session,
                                      ChallengeResponses={"USERNAME": step.username})


def test_mfa_off_never_challenges_even_a_user_with_an_authenticator(boto, unique, srp):
    idp, pool, client, name = _pool(boto, unique, "ON")
    _set_up(idp, client, srp(pool, client, name))
    idp.set_user_pool_mfa_config(UserPoolId=pool, MfaConfiguration="OFF")
    step = srp(pool, client, name)
    assert step.challenge is None and step.result["IdToken"]


def test_mfa_optional_challenges_only_users_who_enabled_it(boto, unique, srp):
    idp, pool, client, name = _pool(boto, unique, "OPTIONAL")
    step = srp(pool, client, name)
    assert step.challenge is None
    access = step.result["AccessToken"]
    secret = idp.associate_software_token(AccessToken=access)["SecretCode"]
    verified = idp.verify_software_token(AccessToken=access, UserCode=pyotp.TOTP(secret).now())
    assert verified["Status"] == "SUCCESS" and "Session" not in verified
    assert srp(pool, client, name).challenge is None  # linked, but not enabled yet
    idp.set_user_mfa_preference(AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    assert srp(pool, client, name).challenge == "SOFTWARE_TOKEN_MFA"


def test_revoked_refresh_token_is_refused_and_only_its_client_may_use_it(boto, unique, srp):
    idp, pool, client, name = _pool(boto, unique, "OFF")
    result = srp(pool, client, name).result
    refresh = result["RefreshToken"]
    other = idp.create_user_pool_client(UserPoolId=pool, ClientName="other",
                                        ExplicitAuthFlows=["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"])
    with pytest.raises(idp.exceptions.NotAuthorizedException):
        idp.initiate_auth(ClientId=other["UserPoolClient"]["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": refresh})
    renewed = idp.initiate_auth(ClientId=client, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": refresh})
    assert renewed["AuthenticationResult"]["IdToken"]
    with pytest.raises(idp.exceptions.UnsupportedTokenTypeException):
        idp.revoke_token(Token=result["AccessToken"], ClientId=client)
    idp.revoke_token(Token=refresh, ClientId=client)
    with pytest.raises(idp.exceptions.NotAuthorizedException, match="revoked"):
        idp.initiate_auth(ClientId=client, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": refresh})
    with pytest.raises(idp.exceptions.NotAuthorizedException):  # its access tokens went with it
        idp.get_user(AccessToken=result["AccessToken"])


def test_global_sign_out_revokes_every_refresh_token(boto, unique, srp):
    idp, pool, client, name = _pool(boto, unique, "OFF")
    first, second = srp(pool, client, name).result, srp(pool, client, name).result
    idp.global_sign_out(AccessToken=first["AccessToken"])
    for tokens in (first, second):
        with pytest.raises(idp.exceptions.NotAuthorizedException, match="revoked"):
            idp.initiate_auth(ClientId=client, AuthFlow="REFRESH_TOKEN_AUTH",
                              AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})


def test_totp_matches_rfc_6238_test_vector():
    import base64

    from cognito_tui.local.mfa import totp

    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, 59, digits=8) == "94287082"
    assert totp(secret, 1111111109, digits=8) == "07081804"


def test_an_authenticator_and_a_revocation_survive_a_restart_on_a_state_file(tmp_path):
    from test_local_state_file import Served

    from cognito_tui.aws.auth import UserPoolAuth
    from cognito_tui.aws.gateway import Aws
    from cognito_tui.settings import Settings

    def srp_of(served):
        auth = UserPoolAuth(Aws(Settings(region="us-east-1", endpoint_url=served.endpoint)).clients)
        return lambda pool, client, name: auth.srp(pool, client, name, PASSWORD, None)

    state_file = tmp_path / "state.json"
    first = Served(state_file)
    try:
        idp, pool, client, name = _pool(lambda service, region="us-east-1": first.client(service),
                                        lambda p: f"{p}kept", "ON")
        secret, done = _set_up(idp, client, srp_of(first)(pool, client, name))
        refresh = done["AuthenticationResult"]["RefreshToken"]
        idp.revoke_token(Token=refresh, ClientId=client)
    finally:
        first.stop()
    assert secret in state_file.read_text()  # kept with the rest of the state, in a 0600 file

    second = Served(state_file)
    try:
        idp = second.client("cognito-idp")
        step = srp_of(second)(pool, client, name)
        assert step.challenge == "SOFTWARE_TOKEN_MFA"
        ok = idp.respond_to_auth_challenge(ClientId=client, ChallengeName="SOFTWARE_TOKEN_MFA", Session=step.session,
                                           ChallengeResponses={"USERNAME": step.username,
                                                               "SOFTWARE_TOKEN_MFA_CODE": pyotp.TOTP(secret).now()})
        assert ok["AuthenticationResult"]["IdToken"]
        with pytest.raises(idp.exceptions.NotAuthorizedException, match="revoked"):
            idp.initiate_auth(ClientId=client, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": refresh})
    finally:
        second.stop()
