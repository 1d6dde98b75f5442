"""Untrusted text typed or pasted into every field is shown literally and never crashes the app."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from cognito_tui.tui.app import create_app
from cognito_tui.tui.modals import InputScreen

from aws_builders import make_pool
from pilot import SIZE, expect, on, text, through_roles, wait_screen

TYPED = ["[/x]", "[@click=app.quit]q[/]"]
PASTED = "[b]" + "[/x][@click=app.quit]" * 400 + "y" * (10_000 - 3 - 21 * 400)


async def feed(pilot, selector: str = "#filter") -> list[str]:
    """Type each hostile string key by key, then paste a 10,000-character one; return the statuses."""
    app = pilot.app
    field = app.screen.query_one(selector, Input)
    field.focus()
    seen = []
    for value in TYPED:
        field.value = ""
        await pilot.press(*value)
        assert field.value == value
        await pilot.pause(0.1)
        assert app.is_running
        seen.append(str(field.value))
        if app.screen.query("#status"):
            seen.append(text(app))
    field.value = ""
    field.post_message(events.Paste(PASTED))
    await pilot.pause(0.2)
    assert len(PASTED) == 10_000 and field.value == PASTED
    await pilot.press("enter")
    await pilot.pause(0.3)
    assert app.is_running
    if app.screen.query("#status"):
        seen.append(text(app))
    field.value = ""
    return seen


def shown(seen: list[str], expected: str) -> bool:
    return any(expected in item for item in seen)


def on_screen(app, literal: str) -> bool:
    """The text as drawn on the terminal (markup would have been swallowed or raised)."""
    import html

    svg = html.unescape(app.export_screenshot()).replace("\u00a0", " ")
    return literal in svg


async def test_hostile_text_in_every_field_is_literal_and_harmless(settings, boto, unique, local_cognito, tmp_path,
                                                                    monkeypatch):
    monkeypatch.chdir(tmp_path)
    demo = local_cognito.demo
    name = unique("hostile")
    make_pool(boto, name)
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "IdentityPoolScreen")
        seen = await feed(pilot)
        assert shown(seen, "Malformed identity pool ID '[@click=app.quit]q[/]'.")
        assert shown(seen, "Malformed identity pool ID '[/x]'.")
        app.screen.query_one("#filter", Input).value = "[@click=app.quit]q[/]"
        await pilot.pause(0.2)
        assert on_screen(app, "ID '[@click=app.quit]q[/]'")
        assert shown(seen, "Malformed identity pool ID '[b][/x][@click=app.quit]")  # pasted, shortened

        app.screen.query_one("#filter", Input).value = name
        await expect(pilot, lambda: app.screen.choices.match_count == 1)
        await pilot.press("enter")
        await wait_screen(pilot, "ProvidersScreen")
        await expect(pilot, lambda: app.flow.state.base is not None)
        await pilot.press("enter")

        await wait_screen(pilot, "UserPoolScreen")
        await expect(pilot, lambda: app.screen.loaded)
        seen = await feed(pilot)
        assert shown(seen, "Malformed user pool ID '[@click=app.quit]q[/]'.")
        app.screen.query_one("#filter", Input).value = demo.user_pool_id
        await expect(pilot, lambda: app.screen.choices.match_count == 1)
        await pilot.press("enter")

        await wait_screen(pilot, "AppClientScreen")
        await expect(pilot, lambda: app.screen.loaded)
        seen = await feed(pilot)
        assert shown(seen, "Malformed app client ID '[/x]'.")
        app.screen.query_one("#filter", Input).value = demo.client_id
        await pilot.press("enter")
        await wait_screen(pilot, "AddAnotherScreen")
        await pilot.press("n")
        await through_roles(pilot)
        await pilot.press("ctrl+s")
        await expect(pilot, lambda: on(app, "SaveScreen") and text(app, "#save-title") == "Changes saved successfully.")
        await pilot.press("w")
        await expect(pilot, lambda: isinstance(app.screen, InputScreen))
        seen = await feed(pilot, "#answer")
        assert isinstance(app.screen, InputScreen)
        assert "Cannot use '[b][/x]" in str(app.screen.query_one("#answer-error").content)
        await pilot.press(*"[x]")
        await pilot.press("enter")
        await wait_screen(pilot, "SaveScreen")
        assert "Plan written to [x]." in text(app)
        assert (tmp_path / "[x]").read_text().startswith("version: 2")
        assert app.is_running
    assert app.return_code in (None, 0)
