"""\"Use it in your app\": the SDK snippets filled with the real IDs; copy (OSC 52) or save."""

from __future__ import annotations

from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static, Tab, Tabs

from ..modals import ConfirmScreen, InputScreen
from ..widgets.key_bar import KeyBar


class SnippetsScreen(Screen[None]):
    """Tabs of snippets (left/right to switch); c copies, s saves to a file, Escape goes back."""

    CSS_PATH = "snippets.tcss"
    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("c", "copy", "Copy"),
        Binding("s", "save", "Save to file"),
        Binding("left", "switch(-1)", "Previous", show=False),
        Binding("right", "switch(1)", "Next", show=False),
    ]

    def __init__(self, identity_pool_id: str, user_pool_id: str, client_id: str, *,
                 has_secret: bool = False) -> None:
        super().__init__()
        from ...snippets import snippets

        self.snippets = snippets(identity_pool_id, user_pool_id, client_id, has_secret=has_secret)
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static(Text("Use it in your app, IDs filled in. Left/Right switch, Up/Down/PgDn scroll"),
                     id="title")
        yield Tabs(*[Tab(Text(s.title), id=f"tab-{s.key}") for s in self.snippets], id="tabs")
        with VerticalScroll(id="code-scroll"):
            yield Static(id="code")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self._show()
        self.query_one("#code-scroll").focus()

    def _show(self) -> None:
        snippet = self.snippets[self.index]
        self.query_one("#code", Static).update(
            # Wrapped, so every line can be read at 80 columns with the keyboard alone; the line
            # numbers show where a wrapped line goes on (copy and save take the code unwrapped).
            Syntax(snippet.code.rstrip("\n"), snippet.syntax, theme="ansi_dark", word_wrap=True,
                   line_numbers=True))
        self.query_one("#code-scroll").border_title = snippet.filename

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        key = (event.tab.id or "").removeprefix("tab-")
        for index, snippet in enumerate(self.snippets):
            if snippet.key == key:
                self.index = index
                self._show()

    @property
    def current(self):
        return self.snippets[self.index]

    def action_switch(self, step: int) -> None:
        self.index = (self.index + step) % len(self.snippets)
        self.query_one("#tabs", Tabs).active = f"tab-{self.current.key}"
        self._show()

    def action_leave(self) -> None:
        self.dismiss(None)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.current.code)
        self.notify(f"Copied the {self.current.title} snippet (OSC 52).", markup=False)

    def action_save(self) -> None:
        from ..browser import deliver

        snippet = self.current
        if deliver(self.app, snippet.code, snippet.filename):  # in a browser: a download
            self.notify(f"Sent to the browser as {snippet.filename}", markup=False)
            return

        def write(path: str | None, overwrite: bool = False) -> None:
            if not path:
                return
            from ...errors import CognitoTuiError
            from ...snippets import save_snippet

            try:
                written = save_snippet(snippet, path, overwrite=overwrite)
            except CognitoTuiError as exc:
                if "already exists" in exc.message and not overwrite:
                    self.app.push_screen(ConfirmScreen(f"{exc.message} Overwrite it?"),
                                         lambda yes: write(path, True) if yes else None)
                    return
                self.notify(exc.one_line(), title="Not saved", severity="error", markup=False)
                return
            self.notify(f"Saved to {written}", markup=False)

        self.app.push_screen(InputScreen("Save the snippet to file:", snippet.filename, action="Enter saves"), write)
