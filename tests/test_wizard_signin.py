"""From the wizard's Save step straight to a working sign-in: the guide's last section."""

from aws_builders import trusted_authenticated_role
from cognito_tui.tui.app import create_app

from pilot import SIZE, expect, review_new_provider, save_and_sign_in


async def test_sign_in_now_after_saving_gets_credentials_for_the_demo_user(settings, pool, local_cognito):
    name, pool_id = pool
    demo = local_cognito.demo
    trusted_authenticated_role(settings.endpoint_url, pool_id, f"auth-{name}")  # as an operator would, in IAM
    app = create_app(settings, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await review_new_provider(pilot, name, demo.user_pool_id, demo.client_id)
        screen = await save_and_sign_in(pilot)
        # The demo fills in its throwaway user; the password stays masked.
        assert screen.query_one("#username").value == demo.username
        assert screen.query_one("#password").password
        screen.query_one("#password").focus()
        await pilot.press("enter")
        await expect(pilot, lambda: screen.view is not None and screen.view.state == "SIGNED_IN",
                       what=f"sign-in; status {screen.query_one('#status').render()}")
        assert screen.view.identity_id.startswith("us-east-1:")
        assert screen.view.credentials is not None
