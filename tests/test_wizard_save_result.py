"""Save's result at 80x24 and 60x20: every ID, path and command whole on a line of its own (to read
and to copy), and the area scrolls sideways to the end of one wider than the terminal."""

from __future__ import annotations

import pytest

from cognito_tui.locations import backups_dir
from cognito_tui.tui.app import create_app

from pilot import expect, on, text, to_providers, through_roles, to_app_clients, wait_screen
from screen_text import screen_lines, widget_lines
from test_wizard_create import answer


def detail_rows(app) -> list[str]:
    """Save's detail as drawn at its whole width (the text inside the scrolling area)."""
    inner = app.screen.query("#save-detail Static")
    widget = inner.first() if inner else app.screen.query_one("#save-detail")
    return [row.strip() for row in widget_lines(widget)]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_saved_ids_and_paths_stay_whole_and_can_be_scrolled_to(settings, pool, demo, boto, unique, size):
    name, pool_id = pool
    client = unique("web-")
    app = create_app(settings)
    async with app.run_test(size=size) as pilot:
        await to_providers(pilot, name)
        await to_app_clients(pilot, demo.user_pool_id)
        await pilot.press("ctrl+n")                             # a new app client: a creation and its record
        await answer(pilot, client)
        await wait_screen(pilot, "AddAnotherScreen")
        await pilot.press("n")
        await through_roles(pilot)
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SaveScreen")
        await expect(pilot, lambda: text(app, "#save-title") == "Changes saved successfully.", what="the save")
        clients = boto("cognito-idp").list_user_pool_clients(UserPoolId=demo.user_pool_id, MaxResults=60)
        (client_id,) = [c["ClientId"] for c in clients["UserPoolClients"] if c["ClientName"] == client]
        (backup,) = [str(p) for p in (backups_dir() / pool_id).glob("*.yaml")]
        (record,) = [str(p) for p in (backups_dir() / "runs").iterdir()]
        rows = detail_rows(app)
        for whole in (client_id, pool_id, backup, f"cognito-tui rollback {backup}",
                      f"cognito-tui rollback {record} --yes"):
            assert whole in rows, f"{whole!r} not on a line of its own in {rows}"
        # Wider than the terminal, the run record's command is reached by scrolling sideways.
        assert len(f"cognito-tui rollback {record} --yes") > size[0]
        assert "Shift+Tab, then Right/End: the rest of a long line." in text(app)
        await pilot.press("shift+tab", "pagedown", "pagedown")
        assert app.focused is app.screen.query_one("#save-detail")
        await pilot.press("right")
        await pilot.pause()
        assert app.focused.scroll_x == 10                       # a word's width at a time
        await pilot.press("end")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert f"{record[-12:]} --yes" in shown, shown
        await pilot.press("home")
        await pilot.pause()
        assert "Undo the creations with:" in "\n".join(screen_lines(app))
        assert on(app, "SaveScreen")
