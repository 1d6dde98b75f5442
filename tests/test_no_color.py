"""NO_COLOR means no colour at all (not shades of grey), and nothing is told apart by colour alone:
the server-side check box is empty when off."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time

from cognito_tui.tui.app import create_app

from pilot import SIZE, to_app_clients, to_providers

# SGR parameters that set a colour: 30-37/90-97 and 40-47/100-107, 38/48 (256 and 24-bit).
COLOUR = {*range(30, 38), *range(40, 48), *range(90, 98), *range(100, 108), 38, 48}


def colour_codes(output: bytes) -> list[str]:
    found = []
    for params in re.findall(rb"\x1b\[([0-9;:]*)m", output):
        numbers = [int(p) for p in re.split(rb"[;:]", params) if p]
        if numbers and numbers[0] in COLOUR or any(n in (38, 48) for n in numbers):
            found.append(params.decode())
    return found


def run_on_pty(argv: list[str], env: dict, seconds: float = 20.0, until: bytes = b"Sign in") -> bytes:
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    out, deadline, quit_sent = b"", time.monotonic() + seconds, False
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    out += os.read(master, 65536)
                except OSError:
                    break
            if until in out and not quit_sent:
                time.sleep(1.0)  # let it paint the whole screen
                os.write(master, b"\x1b")  # Escape leaves the sign-in view
                quit_sent = True
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        os.close(master)
    return out


def test_no_color_draws_without_any_colour():
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    env.update(NO_COLOR="1", TERM="xterm-256color", COLUMNS="80", LINES="24")
    argv = [sys.executable, "-m", "cognito_tui.cli", "--endpoint-url", "http://127.0.0.1:9", "signin",
            "--identity-pool-id", "us-east-1:00000000-0000-0000-0000-000000000000"]
    out = run_on_pty(argv, env)
    assert b"Sign in" in out and b"Identity pool ID" in out  # it did draw
    assert colour_codes(out) == []


async def test_the_check_box_shows_its_state_without_colour(settings, pool, demo):
    name, _pool_id = pool
    app = create_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await to_providers(pilot, name)
        await to_app_clients(pilot, demo.user_pool_id)
        box = app.screen.query_one("#check")
        assert not box.value and "X" not in str(box.render())
        await pilot.press("ctrl+t")
        assert box.value and "X" in str(box.render())
