"""Every change to a pool reads the same way everywhere (apply, rollback, the wizard's conflict
screen): `+ add / - REMOVE / ~ change` lines in words, never Python reprs, never cut inside a word."""

from __future__ import annotations

from cognito_tui.diff import config_changes, render_config_changes

UP1, UP2 = "us-east-1_AbCdEf123", "eu-west-2_ZyXwV987"
C1, C2 = "1h57kf5cpq17m0eml12EXAMPLE", "7m0eml12EXAMPLE1h57kf5cpq1"


def _provider(pool: str, client: str, check: bool) -> dict:
    region = pool.split("_")[0]
    return {"ProviderName": f"cognito-idp.{region}.amazonaws.com/{pool}", "ClientId": client,
            "ServerSideTokenCheck": check}


BEFORE = {
    "IdentityPoolId": "us-east-1:0f4a7c2e-1111-2222-3333-444455556666",
    "IdentityPoolName": "orders app",
    "AllowUnauthenticatedIdentities": True,
    "AllowClassicFlow": False,
    "DeveloperProviderName": "login.example.com",
    "SupportedLoginProviders": {"graph.facebook.com": "1234567890", "accounts.google.com": "g-client"},
    "OpenIdConnectProviderARNs": ["arn:aws:iam::123456789012:oidc-provider/auth.example.com"],
    "SamlProviderARNs": ["arn:aws:iam::123456789012:saml-provider/corp"],
    "CognitoIdentityProviders": [_provider(UP1, C1, False), _provider(UP2, C2, True)],
    "IdentityPoolTags": {"team": "identity", "env": "test"},
}
AFTER = {
    "IdentityPoolId": BEFORE["IdentityPoolId"],
    "IdentityPoolName": "orders app (prod)",
    "AllowUnauthenticatedIdentities": False,
    "AllowClassicFlow": True,
    "SupportedLoginProviders": {"graph.facebook.com": "1234567890", "accounts.google.com": "changed-meanwhile",
                                "www.amazon.com": "amzn1.application.x"},
    "OpenIdConnectProviderARNs": ["arn:aws:iam::123456789012:oidc-provider/other.example.com"],
    "SamlProviderARNs": [],
    "CognitoIdentityProviders": [_provider(UP1, C1, True), _provider("us-east-1_NewPool42", C2, False)],
    "IdentityPoolTags": {"team": "payments", "owner": "ana"},
}


def test_every_field_of_the_pool_is_a_line_in_words():
    text = render_config_changes(config_changes(BEFORE, AFTER))
    lines = text.splitlines()
    expected = [
        '  ~ change  name "orders app" -> "orders app (prod)"',
        "  ~ change  guest (unauthenticated) access on -> off",
        "  ~ change  basic (classic) flow off -> on",
        '  - REMOVE  developer provider name "login.example.com"',
        '  ~ change  login provider accounts.google.com: "g-client" -> "changed-meanwhile"',
        '  + add     login provider www.amazon.com: "amzn1.application.x"',
        '  - REMOVE  OpenID Connect provider "arn:aws:iam::123456789012:oidc-provider/auth.example.com"',
        '  + add     OpenID Connect provider "arn:aws:iam::123456789012:oidc-provider/other.example.com"',
        '  - REMOVE  SAML provider "arn:aws:iam::123456789012:saml-provider/corp"',
        f"  - REMOVE  user pool {UP2}, client {C2}",
        f"  ~ change  user pool {UP1}, client {C1}: server-side check off -> on",
        f"  + add     user pool us-east-1_NewPool42, client {C2}, server-side check off",
        '  - REMOVE  tag env: "test"',
        '  + add     tag owner: "ana"',
        '  ~ change  tag team: "identity" -> "payments"',
    ]
    # Put wrapped continuations back on their line to compare whole lines.
    joined = []
    for line in lines:
        if line.startswith(" " * 12):
            joined[-1] += " " + line.strip()
        else:
            joined.append(line)
    assert joined == expected
    assert "{'" not in text and "['" not in text and "True" not in text and "None" not in text


def test_lines_fit_the_width_and_wrap_only_between_words():
    changes = config_changes(BEFORE, AFTER)
    for width in (60, 80):
        lines = render_config_changes(changes, width=width).splitlines()
        words = " ".join(lines).split()
        for line in lines:
            assert len(line) <= width or " " not in line.strip()[10:], line
        # Every word of the output is a whole word of the one-line rendering.
        assert words == " ".join(render_config_changes(changes, width=10_000).splitlines()).split()


def test_hostile_text_from_aws_is_escaped_and_capped():
    after = dict(BEFORE, IdentityPoolName="x\x1b[31mred\x9b2J" + "y" * 500)
    text = render_config_changes(config_changes(BEFORE, after), width=10_000)
    assert "\x1b" not in text and "\x9b" not in text
    assert "\\x1b[31mred\\x9b2J" in text and len(text) < 400


def test_no_change_says_so():
    assert render_config_changes(config_changes(BEFORE, dict(BEFORE))) == "  no differences"


def test_a_word_longer_than_its_indented_line_gives_up_indent_rather_than_be_cut():
    from cognito_tui.wrapping import wrap

    name = "cognito-idp.us-east-1.amazonaws.com/us-east-1_wmtp9db7t"  # 55 characters
    assert wrap(f"subject {name} (client abc)", 60, indent="      ") == [
        "      subject", f"     {name}", "      (client abc)"]
    assert wrap(name + "x" * 10, 60, indent="  ") == [name + "x" * 10]  # longer than any line: whole
