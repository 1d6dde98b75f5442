"""Snapshots of the key screens at 80x24. The AWS side is a fixed in-memory account here so the
pictures are stable (the local Cognito makes random IDs); behaviour is tested against the local
Cognito in test_tui_wizard.py."""

from __future__ import annotations

import pytest

from fixed_account import POOL, app_for_snapshot
from pilot import expect, on, settle, text, through_roles, wait_screen
from textual.widgets import Input


async def still(pilot):
    """Settled, with a steady text cursor: it blinks every 0.5 s, so on a busy machine the
    picture could catch it hidden."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await settle(pilot)


async def to_providers(pilot):
    await wait_screen(pilot, "IdentityPoolScreen")
    await expect(pilot, lambda: pilot.app.screen.loaded)
    await pilot.press("enter")
    await wait_screen(pilot, "ProvidersScreen")
    await expect(pilot, lambda: pilot.app.flow.state.base is not None)


async def to_app_clients(pilot):
    """From the providers step to the app clients of the first user pool listed."""
    await pilot.press("enter")
    await wait_screen(pilot, "UserPoolScreen")
    await expect(pilot, lambda: pilot.app.screen.loaded)
    await pilot.press("enter")
    await wait_screen(pilot, "AppClientScreen")


async def to_review(pilot):
    await to_providers(pilot)
    await to_app_clients(pilot)
    await expect(pilot, lambda: pilot.app.screen.loaded)
    await pilot.press("enter")
    await wait_screen(pilot, "AddAnotherScreen")
    await pilot.press("escape")
    await wait_screen(pilot, "ProvidersScreen")
    await pilot.press("t")
    await pilot.press("r")
    await through_roles(pilot)


def test_snapshot_identity_pool_list(snap_compare):
    async def run_before(pilot):
        await wait_screen(pilot, "IdentityPoolScreen")
        await expect(pilot, lambda: pilot.app.screen.loaded and len(pilot.app.screen.counts) == 3)
        await still(pilot)
    assert snap_compare(app_for_snapshot(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_providers_with_help(snap_compare):
    async def run_before(pilot):
        await to_providers(pilot)
        await pilot.press("f1")
        await still(pilot)
    assert snap_compare(app_for_snapshot(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_app_client_with_flags(snap_compare):
    async def run_before(pilot):
        await to_providers(pilot)
        await to_app_clients(pilot)
        await expect(pilot, lambda: len(pilot.app.screen.details) == 2)
        await pilot.press("down", "enter")
        await expect(pilot, lambda: "secret" in text(pilot.app))
        await still(pilot)
    assert snap_compare(app_for_snapshot(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_roles_with_a_role_picked(snap_compare):
    """The pool has no authenticated role: create is the default; then another role is picked."""
    async def run_before(pilot):
        await to_providers(pilot)
        await pilot.press("r")
        await wait_screen(pilot, "RolesScreen")
        await expect(pilot, lambda: pilot.app.screen.roles is not None)
        await pilot.press("down", "enter")
        await wait_screen(pilot, "RolePickScreen")
        await expect(pilot, lambda: pilot.app.screen.loaded)
        await pilot.press("enter")
        await wait_screen(pilot, "RolesScreen")
        await expect(pilot, lambda: pilot.app.screen.roles is not None)
        await still(pilot)
    assert snap_compare(app_for_snapshot(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_review(snap_compare):
    async def run_before(pilot):
        await to_review(pilot)
        await still(pilot)
    assert snap_compare(app_for_snapshot(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_saved(snap_compare):
    async def run_before(pilot):
        await to_review(pilot)
        await pilot.press("ctrl+s")
        await expect(pilot, lambda: on(pilot.app, "SaveScreen") and "successfully" in text(pilot.app, "#save-title"))
        await still(pilot)
    assert snap_compare(app_for_snapshot(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_conflict(snap_compare):
    async def run_before(pilot):
        await to_review(pilot)
        pilot.app.flow.service.aws.identity_pools.configs[POOL]["AllowUnauthenticatedIdentities"] = True
        await pilot.press("ctrl+s")
        await expect(pilot, lambda: on(pilot.app, "SaveScreen") and "changed" in text(pilot.app, "#save-title"))
        await still(pilot)
    assert snap_compare(app_for_snapshot(), terminal_size=(80, 24), run_before=run_before)


@pytest.fixture(autouse=True)
def no_color_unset(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
