"""DoctorView shows findings grouped by severity, as literal text, in an 80x24 terminal."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from cognito_tui.doctor import ERROR, INFO, WARNING, AutoFix, Finding
from cognito_tui.plan import ProviderSpec
from cognito_tui.tui.doctor_view import DoctorScreen, DoctorView

HOSTILE = "pool [/x] [@click=app.quit]quit[/] [b]bold"


def findings() -> list[Finding]:
    return [
        Finding("client.has-secret", WARNING, "client [/x]", "has a secret", "why w", "fix w"),
        Finding("pool.unauthenticated-on", INFO, "us-east-1:1", "guests on", "why i", "fix i"),
        Finding("provider.malformed-name", ERROR, HOSTILE, f"Provider name {HOSTILE} is malformed.",
                "AWS would answer: \"Invalid login token. Issuer doesn't match providerName\"", "fix [/x]",
                AutoFix("replace", "cognito-idp:x", "c", ProviderSpec("us-east-1_Ab1", "c"))),
    ]


class ViewApp(App):
    def __init__(self, items) -> None:
        super().__init__()
        self.items = items

    def compose(self) -> ComposeResult:
        yield DoctorView(self.items)


def texts(root) -> list[str]:
    return [str(widget.content) for widget in root.query(Static)]


async def test_view_groups_by_severity_and_shows_hostile_text_literally():
    app = ViewApp(findings())
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(DoctorView)
        shown = texts(view)
        assert shown[0] == "1 error, 1 warning, 1 note"
        headings = [t for t in shown if t.split(" (")[0] in ("Errors", "Warnings", "Info")]
        assert headings == ["Errors (1)", "Warnings (1)", "Info (1)"]
        assert f"[E] provider.malformed-name: {HOSTILE}" in shown
        assert f"Provider name {HOSTILE} is malformed." in shown
        assert "Fix: fix [/x]" in shown
        assert any(t.startswith("Automatic fix: replace") for t in shown)
        view.focus()
        await pilot.press("pagedown", "end", "home", "down")
        await pilot.click(DoctorView, offset=(10, 3))
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_view_with_no_findings_and_show_replaces_them():
    app = ViewApp([])
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(DoctorView)
        assert texts(view) == ["No problems found."]
        await view.show(findings()[:1])
        await pilot.pause()
        assert texts(view)[0] == "0 errors, 1 warning, 0 notes"


async def test_screen_opens_and_escape_closes_it():
    app = ViewApp([])
    async with app.run_test(size=(80, 24)) as pilot:
        closed = []
        app.push_screen(DoctorScreen(findings(), title=f"Doctor {HOSTILE}"), closed.append)
        await pilot.pause()
        assert isinstance(app.screen, DoctorScreen)
        assert f"Doctor {HOSTILE}" in texts(app.screen)
        await pilot.press("pagedown", "escape")
        await pilot.pause()
        assert closed == [None] and not isinstance(app.screen, DoctorScreen)


def test_the_view_module_imports_neither_boto3_nor_botocore():
    import subprocess
    import sys

    code = ("import sys, cognito_tui.tui.doctor_view; "
            "print(sorted(m for m in ('boto3', 'botocore', 'pycognito', 'moto') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


async def test_a_note_on_several_providers_is_shown_once_with_every_subject():
    def note(subject: str, message: str = "check off") -> Finding:
        return Finding("provider.server-side-token-check", INFO, subject, message, "defaults differ", "turn it on")

    app = ViewApp([note("provider A"), note("provider B"), note("provider C", "check on")])
    async with app.run_test(size=(80, 24)):
        shown = texts(app.query_one(DoctorView))
        assert shown.count("Why: defaults differ") == 1
        assert "[i] provider.server-side-token-check: provider A; provider B" in shown
        assert "[i] provider.server-side-token-check: provider C" in shown
        assert shown.count("check off") == 1 and shown.count("check on") == 1
