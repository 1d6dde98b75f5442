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
    assert 'const REGION = "eu-west-2"' in v3.code and "clientConfig: { region: REGION }" in v3.code


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


def test_ios_configures_the_user_pool_in_its_own_region_and_the_identity_pool_in_its_own():
    found = {s.key: s.code for s in snippets("us-east-1:0f4a7c2e-1111-2222-3333-444455556666",
                                             "us-west-2_AbCdEf123", CLIENT)}
    objc, swift = found["ios-objc"], found["ios-swift"]
    assert "initWithRegion:AWSRegionUSWest2" in objc and "initWithRegionType:AWSRegionUSEast1" in objc
    assert "region: .USWest2" in swift and "regionType: .USEast1" in swift
    for code in found.values():
        assert "cognito-idp.us-west-2.amazonaws.com/us-west-2_AbCdEf123" in code or "us-west-2_AbCdEf123" in code


# At 80x24, every line of every snippet can be read with the keyboard alone: AWS-length IDs fit
# whole lines; the embedded Cognito's longer IDs wrap, and nothing is cut off at the right edge.
SHORT_IDS = ("us-east-1:0f4a7c2e-1111-2222-3333-444455556666", "us-west-2_AbCdEf123", CLIENT)
LONG_IDS = ("ap-southeast-2:0f4a7c2e-1111-2222-3333-444455556666",
            "ap-southeast-2_b2b13f902e084bf7b00fcd893a6915b7", "5ce65c936d014b4b9122bed4b8")


async def _read_by_keyboard(app, pilot) -> dict[int, str]:
    """Page through the code box with the keyboard; return each source line as shown (rows joined)."""
    import re

    from screen_text import screen_lines

    scroll = app.screen.query_one("#code-scroll")
    await pilot.press("home")
    shown: dict[int, list[str]] = {}
    while True:
        await pilot.pause()
        box = scroll.scrollable_content_region  # inside the border, beside the scrollbar
        current = None
        for row in screen_lines(app)[box.y:box.bottom]:
            inner = row[box.x:box.right]
            match = re.match(r"^ *(\d+) ", inner)
            if match:
                current = int(match.group(1))
                shown[current] = [inner[match.end():]]
            elif current is not None:
                shown[current].append(inner[len(match.group(0)) if match else 5:])
        if scroll.scroll_y >= scroll.max_scroll_y:
            break
        await pilot.press("pagedown")
    return {number: "\n".join(parts) for number, parts in shown.items()}


@pytest.mark.parametrize("ids", [SHORT_IDS, LONG_IDS], ids=["aws-ids", "long-ids"])
async def test_every_line_of_every_snippet_can_be_read_at_80x24(ids):
    from textual.app import App

    from cognito_tui.tui.signin.snippets_screen import SnippetsScreen

    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(SnippetsScreen(*ids))

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        for index, snippet in enumerate(screen.snippets):
            assert screen.current.key == snippet.key
            shown = await _read_by_keyboard(app, pilot)
            lines = snippet.code.rstrip("\n").splitlines()
            assert sorted(shown) == list(range(1, len(lines) + 1)), snippet.key
            for number, line in enumerate(lines, 1):
                rows = shown[number]
                if ids is SHORT_IDS:  # AWS's IDs: each line whole on one row, to its last character
                    assert rows.rstrip() == line.rstrip(), (snippet.key, number, rows)
                else:  # longer IDs: wrapped onto more rows, every character still on screen
                    assert "".join(rows.split()) == "".join(line.split()), (snippet.key, number, rows)
            await pilot.press("right")
