"""The wizard's identity pool list across several regions (`cognito-tui --regions ...`), driven
with Textual's pilot against the local Cognito."""

from __future__ import annotations

import dataclasses

from cognito_tui.tui.app import create_app
from test_inventory import regional_pool
from pilot import SIZE, expect, wait_screen

REGIONS = ("eu-west-3", "ap-northeast-3")  # regions no other test fills


async def test_the_pool_list_shows_the_pools_of_every_region_given_with_their_region(settings, boto, unique):
    tag = unique("wiz")
    made = {regional_pool(boto, region, f"{tag} {region}"): region for region in REGIONS}
    elsewhere = regional_pool(boto, "us-east-1", f"{tag} us-east-1")  # the connection's own region
    app = create_app(dataclasses.replace(settings, regions=REGIONS))
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "IdentityPoolScreen")
        await expect(pilot, lambda: app.screen.loaded, what="every region's pools")
        for pool_id, region in made.items():
            row = app.screen.choices.row(pool_id)
            assert row is not None, pool_id
            assert row.cells[0] == f"{tag} {region}" and row.cells[1] == region
        assert app.screen.choices.row(elsewhere) is None  # --regions replaces --region's list


def test_regions_before_the_command_reach_the_wizard_resolved_against_botocore(monkeypatch, endpoint):
    from cognito_tui import cli
    from cognito_tui.commands import terminal
    from cognito_tui.tui import launch

    seen = []
    monkeypatch.setattr(terminal, "require_terminal", lambda name: None)  # the test has no terminal
    monkeypatch.setattr(launch, "run_wizard", lambda settings, **kw: seen.append(settings) or 0)
    assert cli.main(["--endpoint-url", endpoint, "--regions", "eu-west-3, ap-northeast-3"]) == 0
    assert seen[0].regions == REGIONS
    assert cli.main(["--endpoint-url", endpoint, "--regions", "all"]) == 0
    assert len(seen[1].regions) > 20 and "eu-west-3" in seen[1].regions
    assert cli.main(["--endpoint-url", endpoint, "--regions", "moon-1"]) == 2
