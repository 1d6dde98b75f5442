"""The garbage collector held while the wizard starts: collection goes on once the first step is
drawn, with what the start made set aside, and a command that ends earlier lets it go too."""

from __future__ import annotations

import gc

import pytest

from cognito_tui import cli, startup_gc
from cognito_tui.tui.app import create_app

from pilot import SIZE, wait_screen


@pytest.fixture
def collector():
    """The test process's collector as it was, whatever the test leaves."""
    yield
    startup_gc._held = False
    gc.unfreeze()
    gc.enable()


async def test_collection_goes_on_once_the_first_step_is_drawn(settings, collector):
    startup_gc.hold()
    assert not gc.isenabled()
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "IdentityPoolScreen")
        await pilot.pause()
        assert "Step 1 of" in app.screen.query_one("#step-header").render().plain
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what the start made is left out of later collections


def test_hold_leaves_a_collector_someone_else_turned_off_alone(collector):
    gc.disable()
    startup_gc.hold()
    startup_gc.resume()
    assert not gc.isenabled() and gc.get_freeze_count() == 0


def test_a_wizard_that_ends_before_its_first_step_lets_the_collector_go(monkeypatch, collector):
    from cognito_tui.commands import terminal, wizard

    monkeypatch.setattr(terminal, "require_terminal", lambda command: None)
    seen = []

    def fail(args):
        seen.append(gc.isenabled())
        raise KeyboardInterrupt

    monkeypatch.setattr(wizard, "_run", fail)
    assert cli.main([]) == 130
    assert seen == [False]  # held while it started
    assert gc.isenabled()
