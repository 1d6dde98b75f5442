"""Snapshots of the key screens at 80x24. The AWS side is a fixed in-memory account here so the
pictures are stable (the local Cognito makes random IDs); behaviour is tested against the local
Cognito in test_tui_wizard.py."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from cognito_tui.aws.identity_pools import PoolSummary
from cognito_tui.aws.user_pools import ClientDetails, ClientSummary, UserPoolSummary
from cognito_tui.errors import NotFoundError
from cognito_tui.settings import Settings
from cognito_tui.tui.app import create_app
from cognito_tui.tui.service import WizardService

from test_tui_wizard import on, text, wait_for, wait_screen

POOL = "us-east-1:0f4a7c2e-1111-2222-3333-444455556666"
UP1, UP2 = "us-east-1_AbCdEf123", "us-east-1_GhIjKl456"
PROVIDERS = [
    {"ProviderName": f"cognito-idp.us-east-1.amazonaws.com/{UP2}", "ClientId": "2ghijkl456example", "ServerSideTokenCheck": True},
]
CONFIGS = {
    POOL: {"IdentityPoolId": POOL, "IdentityPoolName": "orders-prod", "AllowUnauthenticatedIdentities": False,
           "AllowClassicFlow": False, "CognitoIdentityProviders": PROVIDERS,
           "SupportedLoginProviders": {"accounts.google.com": "123-example.apps.googleusercontent.com"},
           "DeveloperProviderName": "login.orders", "IdentityPoolTags": {"team": "orders"}},
    "us-east-1:11111111-2222-3333-4444-555555555555": {
        "IdentityPoolId": "us-east-1:11111111-2222-3333-4444-555555555555", "IdentityPoolName": "orders-staging",
        "AllowUnauthenticatedIdentities": True, "CognitoIdentityProviders": []},
    "us-east-1:22222222-3333-4444-5555-666666666666": {
        "IdentityPoolId": "us-east-1:22222222-3333-4444-5555-666666666666", "IdentityPoolName": "reports",
        "AllowUnauthenticatedIdentities": False, "CognitoIdentityProviders": PROVIDERS * 1},
}
CLIENTS = {UP1: [ClientDetails("1abcdef123example", "web", UP1, False, ("ALLOW_USER_SRP_AUTH",)),
                 ClientDetails("1backend99example", "backend", UP1, True, ("ALLOW_ADMIN_USER_PASSWORD_AUTH",))],
           UP2: [ClientDetails("2ghijkl456example", "mobile", UP2, False, ("ALLOW_USER_SRP_AUTH",))]}


class FixedPools:
    def __init__(self):
        self.configs = copy.deepcopy(CONFIGS)

    def pages(self):
        yield [PoolSummary(pid, c["IdentityPoolName"]) for pid, c in self.configs.items()]

    def describe(self, pool_id):
        if pool_id not in self.configs:
            raise NotFoundError(f"Not found: IdentityPool '{pool_id}' not found.", "Check the ID.")
        return copy.deepcopy(self.configs[pool_id])

    def update(self, config):
        self.configs[config["IdentityPoolId"]] = copy.deepcopy(config)
        return copy.deepcopy(config)


class FixedUserPools:
    def pages(self):
        yield [UserPoolSummary(UP1, "customers"), UserPoolSummary(UP2, "staff")]

    def describe(self, user_pool_id):
        if user_pool_id not in CLIENTS:
            raise NotFoundError("Not found.", "")
        return {"Id": user_pool_id, "Name": "customers"}

    def list_clients(self, user_pool_id):
        return [ClientSummary(c.id, c.name, user_pool_id) for c in CLIENTS[user_pool_id]]

    def describe_client(self, user_pool_id, client_id):
        for client in CLIENTS.get(user_pool_id, []):
            if client.id == client_id:
                return client
        raise NotFoundError("Not found.", "")


class FixedAws:
    def __init__(self):
        self.settings = Settings(region="us-east-1")
        self.identity_pools = FixedPools()
        self.user_pools = FixedUserPools()


class FixedService(WizardService):
    def run_action(self, name, state, *args):
        result = super().run_action(name, state, *args)
        if result.backup is not None:  # the real path holds the time of day
            result.backup = Path("~/.local/state/cognito-tui/backups") / POOL / "20250101T000000.000000Z.yaml"
        return result


def app_for_snapshot():
    settings = Settings(region="us-east-1")
    return create_app(settings, service=FixedService(settings, aws=FixedAws()), resume=False)


async def settle(pilot):
    """Every AWS call answered (the wizard's own loop never ends, so it is not waited for)."""
    def idle():
        return not [w for w in pilot.app.workers if w.is_running and w.group not in ("flow", "quit")]
    await wait_for(pilot, idle, what="the workers")
    await pilot.pause(0.2)


async def to_providers(pilot):
    await wait_screen(pilot, "IdentityPoolScreen")
    await wait_for(pilot, lambda: pilot.app.screen.loaded)
    await pilot.press("enter")
    await wait_screen(pilot, "ProvidersScreen")
    await wait_for(pilot, lambda: pilot.app.flow.state.base is not None)


async def to_app_clients(pilot):
    """From the providers step to the app clients of the first user pool listed."""
    await pilot.press("enter")
    await wait_screen(pilot, "UserPoolScreen")
    await wait_for(pilot, lambda: pilot.app.screen.loaded)
    await pilot.press("enter")
    await wait_screen(pilot, "AppClientScreen")


async def to_review(pilot):
    await to_providers(pilot)
    await to_app_clients(pilot)
    await wait_for(pilot, lambda: pilot.app.screen.loaded)
    await pilot.press("enter")
    await wait_screen(pilot, "AddAnotherScreen")
    await pilot.press("escape")
    await wait_screen(pilot, "ProvidersScreen")
    await pilot.press("t")
    await pilot.press("r")
    await wait_screen(pilot, "ReviewScreen")


def test_snapshot_identity_pool_list(snap_compare):
    async def run_before(pilot):
        await wait_screen(pilot, "IdentityPoolScreen")
        await wait_for(pilot, lambda: pilot.app.screen.loaded and len(pilot.app.screen.counts) == 3)
        await settle(pilot)
    assert snap_compare(app_for_snapshot(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_providers_with_help(snap_compare):
    async def run_before(pilot):
        await to_providers(pilot)
        await pilot.press("f1")
        await settle(pilot)
    assert snap_compare(app_for_snapshot(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_app_client_with_flags(snap_compare):
    async def run_before(pilot):
        await to_providers(pilot)
        await to_app_clients(pilot)
        await wait_for(pilot, lambda: len(pilot.app.screen.details) == 2)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: "secret" in text(pilot.app))
        await settle(pilot)
    assert snap_compare(app_for_snapshot(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_review(snap_compare):
    async def run_before(pilot):
        await to_review(pilot)
        await settle(pilot)
    assert snap_compare(app_for_snapshot(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_saved(snap_compare):
    async def run_before(pilot):
        await to_review(pilot)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: on(pilot.app, "SaveScreen") and "successfully" in text(pilot.app, "#save-title"))
        await settle(pilot)
    assert snap_compare(app_for_snapshot(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_conflict(snap_compare):
    async def run_before(pilot):
        await to_review(pilot)
        pilot.app.flow.service.aws.identity_pools.configs[POOL]["AllowUnauthenticatedIdentities"] = True
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: on(pilot.app, "SaveScreen") and "changed" in text(pilot.app, "#save-title"))
        await settle(pilot)
    assert snap_compare(app_for_snapshot(), terminal_size=(80, 24), run_before=run_before)


@pytest.fixture(autouse=True)
def no_color_unset(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
