"""Key bindings shared by every app of ours."""

from __future__ import annotations

from textual.binding import Binding

# Tab must move the focus before the next key is routed. The app routes each key to the focused
# widget as it arrives, but Textual's own Tab binding runs only once the focused widget has
# worked through its queue and the Tab has bubbled up to the screen: keys typed right after it in
# one burst (password managers' auto-type, `tmux send-keys`, a slow machine) were already routed to
# the field being left, so a password typed after the username landed, visible, in the Username
# field. A priority binding runs in the app's own queue, where keys are routed, so every key after
# the Tab goes to the next field.
FOCUS_BINDINGS = [
    Binding("tab", "focus_next", "Next field", show=False, priority=True),
    Binding("shift+tab", "focus_previous", "Previous field", show=False, priority=True),
]


def no_color() -> bool:
    """NO_COLOR (no-color.org) is set: the apps then draw with no colour at all. Textual alone
    would turn every colour to a shade of grey, which is still colour, 24-bit."""
    import os

    return "NO_COLOR" in os.environ
