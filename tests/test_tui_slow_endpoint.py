"""A slow endpoint: the wizard stays responsive while it waits, and the read timeout is honoured."""

from faulty_proxy import DELAY, FaultyProxy

from cognito_tui.settings import Settings
from cognito_tui.tui.app import create_app

from pilot import SIZE, on, text, wait_screen


async def test_the_wizard_stays_responsive_and_times_out_cleanly_on_a_stalled_endpoint(endpoint):
    with FaultyProxy(endpoint) as proxy:
        proxy.add("ListIdentityPools", DELAY, seconds=5.0)
        app = create_app(Settings(region="us-east-1", endpoint_url=proxy.url, max_attempts=1,
                                  connect_timeout=1.0, read_timeout=1.5))
        async with app.run_test(size=SIZE) as pilot:
            # Not waiting for the workers here: the list's worker is the one stalled.
            await pilot.pause()
            assert on(app, "IdentityPoolScreen") and not app.screen.loaded
            # While the list is stalled, keys still work: typing filters, F1 toggles the help.
            await pilot.press("a", "b")
            assert app.screen.filter_input.value == "ab"
            help_before = app.screen.help_shown
            await pilot.press("f1")
            assert app.screen.help_shown != help_before
            # The read timeout ends the wait (the worker ends) with the error modal, long before
            # the 5 s stall.
            await wait_screen(pilot, "ErrorScreen")
            assert "did not answer in time" in text(app, "#error-message")
            await pilot.press("escape")
            await wait_screen(pilot, "IdentityPoolScreen")
            assert app.is_running
