"""The review lists the doctor's errors under what they would stop: the guests' (unauthenticated)
role's findings (guest-role.*) stop only guests, so they have a heading of their own and never count
as stopping the sign-in. Through the real app against the local Cognito."""

from __future__ import annotations

import json

import pytest

from aws_builders import make_pool
from cognito_tui.role_trust import good_trust_policy
from cognito_tui.tui.app import create_app

from pilot import SIZE, expect, review_new_provider, text
from screen_text import screen_lines, shown_whole

OTHER_POOL = "us-east-1:00000000-1111-2222-3333-444444444444"
SIGN_IN = "Will stop the sign-in"
GUESTS = "Will stop guests (unauthenticated identities), not signed-in users"


def guests_pool(boto, unique, *, authenticated_trusts: str | None = None) -> tuple[str, str, str, str]:
    """A pool with guest access on; its guests' role trusts another pool, its authenticated role this
    pool (or authenticated_trusts): (name, pool ID, authenticated role ARN, guests' role ARN)."""
    name = unique("guests")
    pool_id = make_pool(boto, name, AllowUnauthenticatedIdentities=True)
    iam = boto("iam")
    auth = iam.create_role(RoleName=unique("auth"), AssumeRolePolicyDocument=json.dumps(
        good_trust_policy(authenticated_trusts or pool_id)))["Role"]["Arn"]
    # Its ARN fits 80 columns, not 60.
    guest = iam.create_role(RoleName=unique("guests-of-another-pool-"), AssumeRolePolicyDocument=json.dumps(
        good_trust_policy(OTHER_POOL, "unauthenticated")))["Role"]["Arn"]
    boto("cognito-identity").set_identity_pool_roles(
        IdentityPoolId=pool_id, Roles={"authenticated": auth, "unauthenticated": guest})
    return name, pool_id, auth, guest


async def warnings(pilot) -> list[str]:
    await expect(pilot, lambda: "Checking" not in text(pilot.app, "#warnings"), what="the review's doctor")
    return text(pilot.app, "#warnings").splitlines()


def under(lines: list[str], heading: str) -> list[str]:
    """The finding lines under a heading, up to the next line that is not one."""
    (start,) = [i for i, line in enumerate(lines) if line.startswith(heading)]
    found = []
    for line in lines[start + 1:]:
        if not line.startswith(" ! "):
            break
        found.append(line)
    return found


@pytest.mark.parametrize("size", [SIZE, (60, 20)])
async def test_a_guests_role_that_trusts_another_pool_is_listed_as_stopping_guests_not_the_sign_in(
        settings, demo, boto, unique, size):
    name, _, _, guest = guests_pool(boto, unique)
    app = create_app(settings)
    async with app.run_test(size=size) as pilot:
        await review_new_provider(pilot, name, demo.user_pool_id, demo.client_id)
        lines = await warnings(pilot)
        assert not [line for line in lines if line.startswith(SIGN_IN)], lines
        assert lines[0] == "The doctor found nothing that would stop the sign-in."
        (finding,) = under(lines, GUESTS)
        assert f"role {guest}:" in finding and OTHER_POOL in finding
        assert "(1)" in next(line for line in lines if line.startswith(GUESTS))
        box = app.screen.query_one("#warnings")
        assert box.has_class("warn") and not box.has_class("error")
        # On the review itself, without scrolling: the guests' heading, and the role's ARN never broken.
        assert "Will stop guests" in "\n".join(screen_lines(app))
        shown = shown_whole(app, guest)
        if size[0] >= 80:
            assert shown == guest and not box.can_focus
            return
        assert shown != guest and box.can_focus        # wider than the screen: scrolled to
        await pilot.press("tab")
        assert app.focused is box and "the rest of a long line" in text(app)
        await pilot.press("end")
        await pilot.pause()
        assert any(row.rstrip().endswith(guest[-20:] + ":") for row in screen_lines(app)), screen_lines(app)


async def test_each_finding_is_under_its_own_heading_when_both_roles_would_refuse(settings, demo, boto, unique):
    name, _, auth, guest = guests_pool(boto, unique, authenticated_trusts=OTHER_POOL)
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await review_new_provider(pilot, name, demo.user_pool_id, demo.client_id)
        lines = await warnings(pilot)
        signed_in, guests = under(lines, SIGN_IN), under(lines, GUESTS)
        assert [f for f in signed_in if auth in f] == signed_in and len(signed_in) == 1, lines
        assert [f for f in guests if guest in f] == guests and len(guests) == 1, lines
        assert lines.index(next(line for line in lines if line.startswith(SIGN_IN))) == 0  # the sign-in first
        assert app.screen.query_one("#warnings").has_class("error")
