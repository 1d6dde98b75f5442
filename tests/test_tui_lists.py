"""Long lists: pools load page by page, provider counts are read only for rows on screen, and a
filter over 1,000 rows narrows at once."""

from __future__ import annotations

from textual.app import App

from cognito_tui.tui.app import create_app
from cognito_tui.tui.widgets.row_list import FIT, Column, Row, RowList

from aws_builders import make_pool
from pilot import SIZE, expect, wait_screen


class ListApp(App):
    def compose(self):
        yield RowList([Column("Name"), Column("ID", FIT)], id="rows")


async def test_a_thousand_rows_filter_and_scroll_drawing_only_what_is_on_screen():
    rows = [Row(f"id-{i:04d}", (f"pool-{i:04d}", f"id-{i:04d}")) for i in range(1000)]
    rows.append(Row("hostile", ("[/x] [@click=app.quit]q[/]", "hostile")))
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        rows_list = app.query_one(RowList)
        rows_list.add_rows(rows)
        await pilot.pause()
        assert rows_list.match_count == 1001
        assert len(rows_list.visible_keys()) == 24
        rows_list.set_filter("POOL-09")
        assert rows_list.match_count == 100 and rows_list.highlighted_key == "id-0900"
        rows_list.focus()
        await pilot.press("end")
        assert rows_list.highlighted_key == "id-0999"
        assert rows_list.visible_keys()[-1] == "id-0999"
        rows_list.set_filter("click=app")
        await pilot.pause()
        assert rows_list.highlighted_key == "hostile"
        assert "[/x] [@click=app.quit]q[/]" in rows_list.render_line(0).text
        rows_list.set_filter("no such row")
        assert rows_list.match_count == 0 and rows_list.highlighted_key is None
        await pilot.press("enter", "down")
        assert app.is_running


async def test_pools_load_page_by_page_and_only_rows_on_screen_are_described(settings, boto, unique):
    prefix = unique("many")
    for i in range(65):  # more than one page of 60
        make_pool(boto, f"{prefix}{i:02d}")
    app = create_app(settings)
    calls: list[str] = []
    app.flow.service.aws.clients.add_hook("before-call.cognito-identity", lambda model, **kw: calls.append(model.name))
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "IdentityPoolScreen")
        await expect(pilot, lambda: app.screen.loaded, what="every page")
        await pilot.pause(0.5)
        listed = app.screen.choices.row_count
        assert listed >= 65 and calls.count("ListIdentityPools") >= 2
        height = app.screen.choices.size.height
        assert 0 < calls.count("DescribeIdentityPool") <= height < listed
        app.screen.filter_input.value = prefix
        await expect(pilot, lambda: app.screen.choices.match_count == 65)
        await expect(pilot, lambda: all(app.screen.counts.get(k) == "0" for k in app.screen.choices.visible_keys()),
                       what="counts for the rows on screen")
        assert calls.count("DescribeIdentityPool") <= 2 * height


async def test_no_color_is_honoured(settings, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app(settings)
    assert app.no_color


async def test_the_list_header_stays_over_its_columns_as_the_help_panel_opens_and_closes(endpoint):
    from cognito_tui.settings import Settings

    from pilot import text

    app = create_app(Settings(region="us-east-1", endpoint_url=endpoint, max_attempts=2))
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "IdentityPoolScreen")
        await expect(pilot, lambda: app.screen.choices.row_count > 0, what="the first page")
        for shown in (True, False):
            await pilot.press("f1")
            await expect(pilot, lambda: app.screen.help_shown == shown, what="the help panel")
            await pilot.pause()
            row = app.screen.choices.render_line(0).text
            assert text(app, "#list-header").index("Region") == row.index("us-east-1"), (shown, row)


async def test_a_pinned_row_stays_last_is_never_a_match_and_never_takes_enter_from_one():
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        rows_list = app.query_one(RowList)
        rows_list.pin(Row("<new>", ("+ New pool",)))
        assert rows_list.match_count == 0 and rows_list.pinned_highlighted  # an empty list: it is all there is
        rows_list.add_rows([Row("a", ("alpha", "a")), Row("b", ("new beta", "b"))])
        assert rows_list.highlighted_key == "a" and rows_list.match_count == 2
        rows_list.set_filter("new")   # the pinned row's text matches, but it is no match
        assert rows_list.match_count == 1 and rows_list.highlighted_key == "b"
        rows_list.focus()
        await pilot.press("end")
        assert rows_list.highlighted_key == "<new>" and "+ New pool" in rows_list.render_line(1).text
        rows_list.set_filter("zzz")
        assert rows_list.match_count == 0 and rows_list.pinned_highlighted
        assert rows_list.keys() == ["a", "b"]
