"""Hostile IDs: control characters, markup, Unicode look-alikes and huge pastes are malformed,
and the error that says so is short and safe to print."""

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cognito_tui import ids
from cognito_tui.errors import InputError

POOL = "us-east-1:0f4a7c2e-1111-2222-3333-444455556666"
USER_POOL = "us-east-1_AbCdEf123"
CLIENT = "1h57kf5cpq17m0eml12EXAMPLE"
VALIDATORS = {
    "identity_pool": (ids.validate_identity_pool_id, POOL),
    "user_pool": (ids.validate_user_pool_id, USER_POOL),
    "client": (ids.validate_client_id, CLIENT),
    "provider_name": (ids.parse_provider_name, ids.provider_name(USER_POOL)),
}


def _hostile_variants(good: str) -> dict[str, str]:
    middle = len(good) // 2
    return {
        "nul": good[:middle] + "\x00" + good[middle:],
        "escape_sequence": good + "\x1b[2J",
        "osc_title": "\x1b]0;pwned\x07" + good,
        "bell": good + "\x07",
        "trailing_newline": good + "\n",
        "leading_space": " " + good,
        "tab": good[:middle] + "\t" + good[middle:],
        "markup_close": good + "[/x]",
        "markup_click": "[@click=app.quit]" + good,
        "rich_markup": f"[b]{good}[/b]",
        "cyrillic_e": good.replace("e", "\u0435", 1) if "e" in good else "\u0435" + good,
        "cyrillic_a": good.replace("A", "\u0410", 1) if "A" in good else good + "\u0430",
        "fullwidth_digit": good.replace("1", "\uff11", 1) if "1" in good else good + "\uff11",
        "arabic_indic_digit": good + "\u0661",
        "zero_width_space": good[:middle] + "\u200b" + good[middle:],
        "right_to_left_override": "\u202e" + good,
        "bom": "\ufeff" + good,
        "huge_paste": good * 20_000,
        "paste_with_lines": "\n".join([good] * 50),
    }


CASES = [(kind, name, value) for kind, (_, good) in VALIDATORS.items()
         for name, value in _hostile_variants(good).items()]


def _assert_safe_error(exc: InputError) -> None:
    text = exc.one_line()
    assert exc.exit_code == 2
    assert len(text) < 400, len(text)
    assert text.isprintable(), repr(text[:200])


@pytest.mark.parametrize(("kind", "name", "value"), CASES, ids=[f"{k}-{n}" for k, n, _ in CASES])
def test_hostile_ids_are_malformed_and_the_error_is_short_and_printable(kind, name, value):
    validate, _ = VALIDATORS[kind]
    with pytest.raises(InputError) as caught:
        validate(value)
    _assert_safe_error(caught.value)


@pytest.mark.parametrize("kind", sorted(VALIDATORS))
def test_the_good_id_itself_is_accepted(kind):
    validate, good = VALIDATORS[kind]
    assert validate(good) in (good, USER_POOL)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(sorted(VALIDATORS)), junk=st.text(min_size=1, max_size=5),
       at=st.integers(min_value=0, max_value=200))
def test_any_non_ascii_or_control_character_makes_an_id_malformed(kind, junk, at):
    validate, good = VALIDATORS[kind]
    hostile = [ch for ch in junk if not ch.isascii() or not ch.isprintable()]
    if not hostile:
        junk = junk + "\u0435"
    at %= len(good) + 1
    with pytest.raises(InputError) as caught:
        validate(good[:at] + junk + good[at:])
    _assert_safe_error(caught.value)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(sorted(VALIDATORS)), value=st.text(max_size=300))
def test_every_accepted_id_is_plain_ascii_and_every_refusal_is_safe(kind, value):
    validate, _ = VALIDATORS[kind]
    try:
        accepted = validate(value)
    except InputError as exc:
        _assert_safe_error(exc)
        return
    assert accepted.isascii() and accepted.isprintable() and " " not in accepted
    assert "[" not in accepted and "]" not in accepted and len(accepted) <= 128


@pytest.mark.parametrize("paste", ["ab-" * 16_000, "cognito-idp." + "a-b" * 16_000 + "_"],
                         ids=["dashes", "dashes_after_prefix"])
def test_a_huge_hostile_provider_name_is_refused_in_bounded_time(paste):
    code = ("import sys; from cognito_tui import ids, errors\n"
            "try:\n    ids.parse_provider_name(sys.stdin.read())\nexcept errors.InputError:\n    print('refused')\n")
    try:
        done = subprocess.run([sys.executable, "-c", code], input=paste, capture_output=True, text=True,
                              timeout=3, cwd=Path(__file__).resolve().parent.parent)
    except subprocess.TimeoutExpired:
        pytest.fail("parse_provider_name did not finish within 3 s")
    assert done.stdout.strip() == "refused"
