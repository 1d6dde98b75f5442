"""Typing the username, Tab and the password back to back (as password managers' auto-type and
`tmux send-keys` do) keeps every key in the field it was typed for."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from cognito_tui.tui.signin.app import SignInApp

from aws_builders import make_pool
from pilot import SIZE, review_new_provider, save_and_sign_in, settle

USERNAME = "demo-user"
PASSWORD = "Secret-Pass-123"


def _keys(text: str) -> list[tuple[str, str]]:
    names = {"-": "minus", " ": "space", "!": "exclamation_mark", "\t": "tab", "\r": "enter"}
    return [(names.get(ch, ch), None if ch in "\t\r" else ch) for ch in text]


def burst(app, text: str) -> None:
    """Hand every key to the app at once, the way a terminal delivers one read() of input."""
    for key, char in _keys(text):
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


@pytest.mark.parametrize("separator", ["\t", "\r"], ids=["tab", "enter"])
async def test_a_burst_keeps_the_password_out_of_the_username(settings, separator):
    app = SignInApp(settings, "us-east-1:00000000-0000-0000-0000-000000000000", [])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, USERNAME + separator + PASSWORD)
        await settle(pilot)
        username = app.screen.query_one("#username", Input)
        password = app.screen.query_one("#password", Input)
        assert username.value == USERNAME
        assert password.value == PASSWORD
        assert PASSWORD not in str(username.render_line(1).text)


async def test_pilot_presses_without_pauses_keep_the_fields_apart(settings):
    app = SignInApp(settings, "us-east-1:00000000-0000-0000-0000-000000000000", [])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*[key for key, _ in _keys(USERNAME + "\t" + PASSWORD)])
        await settle(pilot)
        assert app.screen.query_one("#username", Input).value == USERNAME
        assert app.screen.query_one("#password", Input).value == PASSWORD


async def test_sign_in_now_in_the_wizard_keeps_a_burst_apart(settings, boto, unique, local_cognito):
    from cognito_tui.tui.app import create_app

    name = unique("burst")
    make_pool(boto, name)
    demo = local_cognito.demo
    app = create_app(settings, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await review_new_provider(pilot, name, demo.user_pool_id, demo.client_id)
        screen = await save_and_sign_in(pilot)
        username = screen.query_one("#username", Input)
        password = screen.query_one("#password", Input)
        username.value = password.value = ""
        screen.set_focus(username)
        await settle(pilot)
        burst(app, USERNAME + "\t" + PASSWORD)
        await settle(pilot)
        assert (username.value, password.value) == (USERNAME, PASSWORD)
