"""The wizard at 60 columns as at 80: Save's buttons each whole on screen (wrapped onto more rows
when the width runs out, the keys unchanged), and the Roles step's picked role ARN whole on a line
of its own. Driven through the real app against the local Cognito."""

from __future__ import annotations

import json

import pytest

from cognito_tui.role_trust import good_trust_policy
from cognito_tui.tui.app import create_app

from pilot import expect, review_new_provider, text, type_into, wait_screen
from screen_text import screen_lines, shown_whole
from test_wizard_roles import to_role_list


async def saved(pilot, name, demo) -> None:
    await review_new_provider(pilot, name, demo.user_pool_id, demo.client_id)
    await pilot.press("ctrl+s")
    await wait_screen(pilot, "SaveScreen")
    await expect(pilot, lambda: text(pilot.app, "#save-title") == "Changes saved successfully.", what="the save")


def buttons_shown(app):
    return [button for button in app.screen.query("#save-actions Button") if button.display]


def assert_whole(app, buttons, right: int) -> None:
    """Each button inside the columns it may use, its label whole on one screen row."""
    rows = screen_lines(app)
    for button in buttons:
        region = button.region
        label = str(button.label)
        assert region.right <= right, (label, region, right)
        assert label in rows[region.y + 1][region.x:region.right], (label, rows[region.y + 1])


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_saves_buttons_are_whole_and_keep_their_keys(settings, pool, demo, size):
    name, _ = pool
    app = create_app(settings)
    async with app.run_test(size=size) as pilot:
        await saved(pilot, name, demo)
        labels = [option.label for option in app.screen.field("next", "select").options]
        buttons = buttons_shown(app)
        assert [str(b.label) for b in buttons] == labels and len(labels) == 3
        assert_whole(app, buttons, size[0])
        assert len({b.region.y for b in buttons}) == 1  # room enough: one row, as at 80 columns
        # Keyboard use as before: the first button has the focus, Tab goes on to the next, Enter on
        # Quit quits.
        assert app.focused is buttons[0]
        await pilot.press("tab", "tab")
        assert app.focused is buttons[2] and buttons[2].id == "quit"
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0


async def test_saves_buttons_wrap_onto_another_row_beside_the_help_panel(settings, pool, demo):
    name, _ = pool
    app = create_app(settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await saved(pilot, name, demo)
        await pilot.press("f1")
        panel = app.screen.query_one("#help-panel")
        await expect(pilot, lambda: panel.display and panel.region.width > 0, what="the help panel")
        await pilot.pause()
        buttons = buttons_shown(app)
        assert_whole(app, buttons, panel.region.x)
        assert len({b.region.y for b in buttons}) == 2  # too narrow for three side by side
        assert app.focused is buttons[0]
        await pilot.press("tab")
        assert app.focused is buttons[1]
        await pilot.press("f1")                          # the panel closed: one row again
        await expect(pilot, lambda: len({b.region.y for b in buttons}) == 1, what="one row")
        assert_whole(app, buttons, 80)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_a_picked_roles_arn_stays_whole_and_can_be_scrolled_to(settings, pool, boto, unique, size):
    name, pool_id = pool
    # Longer than "Picked: " leaves at 80 columns and than the whole line at 60.
    arn = boto("iam").create_role(RoleName=unique("picked-role-with-a-rather-long-name-"),
                                  AssumeRolePolicyDocument=json.dumps(good_trust_policy(pool_id)))["Role"]["Arn"]
    assert 60 < len(arn) < 78
    app = create_app(settings)
    async with app.run_test(size=size) as pilot:
        await to_role_list(pilot, name)
        await type_into(pilot, arn)
        await pilot.press("enter")
        await wait_screen(pilot, "RolesScreen")
        await expect(pilot, lambda: f"Picked: {arn}" in text(app, "#verdict-authenticated"), what="the pick")
        verdict = app.screen.query_one("#verdict-authenticated")
        rows = screen_lines(app)
        (row,) = [i for i, line in enumerate(rows) if arn[:30] in line]
        assert "Picked:" in rows[row - 1] + rows[row]
        shown = shown_whole(app, arn)   # never broken onto the next row: the rest is scrolled to
        if size[0] >= 80:
            assert shown == arn and not verdict.can_focus  # all of it in view: no Tab stop of its own
            return
        assert shown != arn and verdict.can_focus
        assert app.focused is app.screen.query_one("#choice-authenticated")
        await pilot.press("shift+tab")                   # from the choices back to their role's lines
        assert app.focused is verdict
        assert "Right/End: the rest of a long line" in text(app)
        await pilot.press("end")
        await pilot.pause()
        assert any(row.rstrip().endswith(arn[-25:]) for row in screen_lines(app)), screen_lines(app)
        await pilot.press("tab")                         # and on to the choices again
        assert app.focused is app.screen.query_one("#choice-authenticated")
