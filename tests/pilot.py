"""Driving the TUI under Textual's Pilot: wait on the app's workers (never on the clock), read
what a screen shows, and walk the wizard's steps."""

from __future__ import annotations

from textual.widgets import Input
from textual.worker import WorkerCancelled, WorkerFailed

SIZE = (80, 24)
# Workers that live as long as the app (the wizard's step loop, the quit question): never waited on.
LIFELONG = ("flow", "quit")


def busy(app) -> list:
    return [w for w in app.workers if w.is_running and w.group not in LIFELONG]


async def settle(pilot) -> None:
    """Until nothing is left to do: every worker finished and every message it posted handled
    (a handled message may start more work, so this repeats until two looks find none)."""
    app = pilot.app
    quiet = 0
    while quiet < 2:
        await pilot.pause()
        running = busy(app)
        if running:
            quiet = 0
            try:
                await app.workers.wait_for_complete(running)
            except (WorkerCancelled, WorkerFailed):
                pass  # a failure is the app's to show (the error modal); the next look goes on
        else:
            quiet += 1


async def checked_as_typed(pilot) -> None:
    """A typed value is checked remotely once typing pauses (the picker's debounce): let that
    pause pass, then wait for the check's worker."""
    from cognito_tui.tui.screens.picker import CHECK_DELAY

    await pilot.pause(CHECK_DELAY)
    await settle(pilot)


async def expect(pilot, predicate, what: str = "") -> None:
    """Once the app has settled, predicate() must hold."""
    await settle(pilot)
    assert predicate(), f"expected {what or predicate}; screen {type(pilot.app.screen).__name__}"


def on(app, name: str) -> bool:
    return type(app.screen).__name__ == name


def text(app, selector: str = "#status") -> str:
    """A widget's text as given (before the terminal wraps it): a Static's content, a WholeLines's lines."""
    widget = app.screen.query_one(selector)
    return widget.plain if hasattr(widget, "plain") else str(widget.content)


def save_detail(app) -> str:
    """Save's result as drawn: each ID, path and command on a line of its own."""
    return app.screen.query_one("#save-detail").text


async def wait_screen(pilot, name: str) -> None:
    await expect(pilot, lambda: on(pilot.app, name), what=name)


async def type_into(pilot, value: str, selector: str = "#filter", *, keys: bool = False) -> None:
    """Fill a field: key by key (slow under the pilot, ~60 ms a key), or at once as a paste does."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    if keys:
        field.value = ""
        await pilot.press(*value)
    else:
        field.value = value
        await pilot.pause()


async def to_providers(pilot, name: str, *, keys: bool = False) -> None:
    """From the first step: pick the identity pool named name; ends with the pool read."""
    await wait_screen(pilot, "IdentityPoolScreen")
    await type_into(pilot, name, keys=keys)
    await expect(pilot, lambda: pilot.app.screen.choices.match_count == 1, what="the pool in the list")
    await pilot.press("enter")
    await wait_screen(pilot, "ProvidersScreen")
    await expect(pilot, lambda: pilot.app.flow.state.base is not None, what="the pool read")


async def to_app_clients(pilot, user_pool_id: str) -> None:
    """From the providers step: Enter, pick the user pool, wait for its app clients."""
    await pilot.press("enter")
    await wait_screen(pilot, "UserPoolScreen")
    await type_into(pilot, user_pool_id)
    await expect(pilot, lambda: pilot.app.screen.choices.match_count == 1, what="the user pool in the list")
    await pilot.press("enter")
    await wait_screen(pilot, "AppClientScreen")
    await expect(pilot, lambda: pilot.app.screen.loaded, what="the clients")


async def add_provider(pilot, user_pool_id: str, client_id: str) -> None:
    await to_app_clients(pilot, user_pool_id)
    await type_into(pilot, client_id)
    await pilot.press("enter")
    await wait_screen(pilot, "AddAnotherScreen")


async def through_roles(pilot) -> None:
    """On the Roles step: wait for the pool's roles, keep the choices as they are, go on to the review."""
    await wait_screen(pilot, "RolesScreen")
    await expect(pilot, lambda: pilot.app.screen.roles is not None, what="the pool's roles")
    await pilot.press("r")
    await wait_screen(pilot, "ReviewScreen")


async def review_new_provider(pilot, pool_name: str, user_pool_id: str, client_id: str) -> None:
    """Steps 1-6 for one new provider, ending on the review screen."""
    await to_providers(pilot, pool_name)
    await add_provider(pilot, user_pool_id, client_id)
    await pilot.press("n")
    await through_roles(pilot)


async def save_and_sign_in(pilot):
    """Review -> Save -> "Sign in now"; returns the sign-in screen."""
    await pilot.press("ctrl+s")
    await wait_screen(pilot, "SaveScreen")
    await expect(pilot, lambda: "saved successfully" in text(pilot.app, "#save-title"), what="the save")
    await pilot.press("s")
    await wait_screen(pilot, "SignInScreen")
    return pilot.app.screen
