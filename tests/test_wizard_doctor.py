"""The doctor on the review step checks the pool as it will be after the save."""

from cognito_tui.tui.app import create_app

from pilot import SIZE, review_new_provider, wait_screen


async def test_doctor_on_review_checks_the_change_not_the_pool_as_it_is(settings, pool, demo):
    name, pool_id = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await review_new_provider(pilot, name, demo.user_pool_id, demo.client_id)
        await pilot.press("ctrl+d")
        await wait_screen(pilot, "DoctorScreen")
        report = app.screen.query_one("DoctorView")
        ids = {f.id for f in report.findings}
        # The pool has no provider yet; the change under review adds one, and that is what is checked.
        assert "pool.no-cognito-provider" not in ids
        assert "after saving" in str(app.screen.query_one(".dialog-title").content)
