"""The wizard's switches: COGNITO_TUI_DRAFTS and COGNITO_TUI_READ_AHEAD turn drafts and the
read-ahead helper off; a value that is neither on nor off is refused with one clear line."""

from __future__ import annotations

import pytest

from cognito_tui.cli import main
from cognito_tui.drafts import draft_path
from cognito_tui.errors import EXIT_USAGE, InputError
from cognito_tui.settings import DRAFTS, READ_AHEAD, switched_on
from cognito_tui.tui.app import create_app

from pilot import SIZE, add_provider, to_providers


@pytest.fixture
def as_if_on_a_terminal(monkeypatch):
    """The wizard command refuses to start without a terminal; these tests stop it before it draws."""
    monkeypatch.setattr("cognito_tui.commands.terminal.require_terminal", lambda command: None)


@pytest.mark.parametrize("value, on", [(None, True), ("", True), ("1", True), ("On", True), ("yes", True),
                                       ("0", False), ("false", False), ("NO", False), (" off ", False)])
def test_a_switch_is_on_unless_turned_off(value, on):
    assert switched_on(DRAFTS, {} if value is None else {DRAFTS: value}) is on


def test_a_switch_set_to_something_else_is_refused_naming_it(monkeypatch, capsys, as_if_on_a_terminal):
    with pytest.raises(InputError) as caught:
        switched_on(READ_AHEAD, {READ_AHEAD: "sometimes"})
    assert caught.value.message.startswith("COGNITO_TUI_READ_AHEAD is set to 'sometimes'")
    monkeypatch.setenv(DRAFTS, "later")
    monkeypatch.setattr("cognito_tui.tui.launch.run_wizard", lambda *a, **k: pytest.fail("the wizard started"))
    assert main(["--endpoint-url", "http://127.0.0.1:9"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "COGNITO_TUI_DRAFTS is set to 'later'" in err and "Traceback" not in err


@pytest.mark.parametrize("value, kept", [(None, True), ("0", False)])
async def test_drafts_off_means_no_draft_is_written(monkeypatch, settings, pool, demo, value, kept):
    if value is not None:
        monkeypatch.setenv(DRAFTS, value)
    name, _ = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        await add_provider(pilot, demo.user_pool_id, demo.client_id)  # a change is kept as a draft
    assert app.flow.drafts is kept
    assert draft_path(settings).exists() is kept


@pytest.mark.parametrize("value, helper", [(None, True), ("off", False)])
def test_read_ahead_off_means_no_helper_process(monkeypatch, value, helper, as_if_on_a_terminal):
    from cognito_tui.aws import prefetch

    if value is not None:
        monkeypatch.setenv(READ_AHEAD, value)
    started, given = [], []
    monkeypatch.setattr(prefetch, "start", lambda settings: started.append(settings) or None)
    monkeypatch.setattr("cognito_tui.tui.launch.run_wizard",
                        lambda settings, demo=None, first_pools_page=None, drafts=None: given.append(first_pools_page) or 0)
    assert main(["--endpoint-url", "http://127.0.0.1:9"]) == 0
    assert bool(started) is helper and given == [None]
