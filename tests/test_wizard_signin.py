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


async def test_the_demo_user_fills_the_form_only_for_the_demos_own_user_pool_and_client(settings, pool, local_cognito):
    from pilot import add_provider, through_roles, to_app_clients, to_providers, wait_screen
    from screen_text import screen_lines
    from textual.widgets import Select

    name, _ = pool
    demo = local_cognito.demo
    app = create_app(settings, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        await to_app_clients(pilot, demo.second_user_pool_id)   # the demo's second user pool first
        await pilot.press("enter")
        await wait_screen(pilot, "AddAnotherScreen")
        await pilot.press("a")
        await wait_screen(pilot, "UserPoolScreen")
        await pilot.press("escape")
        await wait_screen(pilot, "ProvidersScreen")
        await add_provider(pilot, demo.user_pool_id, demo.client_id)
        await pilot.press("n")
        await through_roles(pilot)
        screen = await save_and_sign_in(pilot)
        assert screen.providers == [(demo.second_user_pool_id, demo.second_client_id),
                                    (demo.user_pool_id, demo.client_id)]
        username, password = screen.query_one("#username"), screen.query_one("#password")
        # Another user pool is chosen: the fields start empty.
        assert (username.value, password.value) == ("", "")
        select = screen.query_one("#provider", Select)
        select.value = 1                                         # the demo's own user pool and client
        await pilot.pause()
        assert (username.value, password.value) == (demo.username, demo.password)
        assert password.password and demo.password not in "\n".join(screen_lines(app))  # masked
        select.value = 0
        await pilot.pause()
        assert (username.value, password.value) == ("", "")
        # What the person types stays, whichever provider is chosen.
        username.value = "someone"
        select.value = 1
        await pilot.pause()
        assert (username.value, password.value) == ("someone", "")
