"""The screen's keys, wrapped onto as many lines as the width needs.

Textual's Footer keeps to one line: at 60 columns the sign-in view's last keys (Sign out, Doctor)
fell off the edge. KeyBar shows the same active bindings, and a key is never split from its label.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

GAP = "  "


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        padding: 0 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.show_keys)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self.show_keys()

    def _bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self.show_keys)

    def keys(self) -> list[tuple[str, str]]:
        """(key as shown, what it does) for every enabled binding the screen shows, once per action."""
        seen, out = set(), []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            out.append((self.app.get_key_display(binding), binding.description))
        return out

    def show_keys(self) -> None:
        if not self.is_attached:  # its screen closed before this call came
            return
        width = max(10, (self.size.width or self.app.size.width) - 2)
        lines: list[list[tuple[str, str]]] = [[]]
        used = 0
        for key, label in self.keys():
            size = len(key) + 1 + len(label)
            if lines[-1] and used + len(GAP) + size > width:
                lines.append([])
                used = 0
            used += (len(GAP) if lines[-1] else 0) + size
            lines[-1].append((key, label))
        parts: list = []
        for number, line in enumerate(lines):
            if number:
                parts.append("\n")
            for index, (key, label) in enumerate(line):
                parts += [GAP] if index else []
                parts += [(key, "bold"), f" {label}"]
        self.update(Content.assemble(*parts))
