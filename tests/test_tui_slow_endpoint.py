"""A slow endpoint: the wizard stays responsive while it waits, and the read timeout is honoured."""

import asyncio
import threading

from faulty_proxy import TRICKLE, FaultyProxy

from cognito_tui.settings import Settings
from cognito_tui.tui.app import create_app

from pilot import SIZE, on, text, wait_screen

# Longer than any wait below, so only the read timeout can end the list's request in time.
SILENT = 30.0


async def test_the_wizard_stays_responsive_and_times_out_cleanly_on_a_stalled_endpoint(endpoint):
    arrived, keys_pressed = threading.Event(), threading.Event()
    with FaultyProxy(endpoint) as proxy:
        # The list's request is held, its read timeout kept from firing, until the keys are
        # pressed (a busy machine may take seconds for that); then the endpoint goes silent.
        proxy.add("ListIdentityPools", TRICKLE, until=keys_pressed, seconds=SILENT,
                  before=lambda operation, body: arrived.set())
        app = create_app(Settings(region="us-east-1", endpoint_url=proxy.url, max_attempts=1,
                                  connect_timeout=1.0, read_timeout=1.5))
        async with app.run_test(size=SIZE) as pilot:
            # Not waiting for the workers here: the list's worker is the one stalled.
            assert await asyncio.to_thread(arrived.wait, 60), "the list's request never reached the endpoint"
            await pilot.pause()
            assert on(app, "IdentityPoolScreen") and not app.screen.loaded
            # While the list is stalled, keys still work: typing filters, F1 toggles the help.
            await pilot.press("a", "b")
            assert app.screen.filter_input.value == "ab"
            help_before = app.screen.help_shown
            await pilot.press("f1")
            assert app.screen.help_shown != help_before
            assert on(app, "IdentityPoolScreen") and not app.screen.loaded  # still waiting
            keys_pressed.set()
            # The read timeout ends the wait (the worker ends) with the error modal, long before
            # the endpoint's silence does.
            await wait_screen(pilot, "ErrorScreen")
            assert "did not answer in time" in text(app, "#error-message")
            await pilot.press("escape")
            await wait_screen(pilot, "IdentityPoolScreen")
            assert app.is_running
        assert proxy.forwarded["ListIdentityPools"] == 0  # the list was never answered
