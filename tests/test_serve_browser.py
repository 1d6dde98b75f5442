"""`cognito-tui serve --demo` in a real headless Chromium: opening the URL starts an app process
and the page shows the wizard's first step.

Chromium and its driver are Debian's `chromium` and `chromium-driver`; `.ci/run` installs them.
Where they are missing this test fails when CI is set (CI must exercise it) and otherwise skips,
saying what to install."""

from __future__ import annotations

import base64
import json
import os
import shutil

import pytest

from served import alive, screen_text, served

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
# What running Chromium as root in a container needs, and nothing that phones home.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1100,700")


@pytest.fixture
def browser(tmp_path):
    if not (CHROMIUM and DRIVER):
        message = "needs Chromium and its driver: apt-get install chromium chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the browser test cannot run: {message}")
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    # The DevTools log of the page's network traffic: the websocket frames the app sends.
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _terminal_bytes(driver) -> list[bytes]:
    """What the page's websocket received from the app: the bytes xterm.js draws."""
    chunks = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.webSocketFrameReceived":
            frame = message["params"]["response"]
            if frame["opcode"] == 2:  # binary: terminal output (text frames are control messages)
                chunks.append(base64.b64decode(frame["payloadData"]))
    return chunks


def test_chromium_opening_the_url_starts_an_app_and_shows_the_first_step(browser, tmp_path):
    with served("--demo") as server:
        browser.get(server.url)
        assert "cognito-tui demo" in browser.page_source  # the page itself, with the token
        [pid] = server.wait_for(server.session_pids)
        assert alive(pid)

        seen: list[bytes] = []

        def first_step_drawn() -> bool:
            seen.extend(_terminal_bytes(browser))
            shown = screen_text(seen)
            return "Step 1 of 8: Identity pool" in shown and "In a browser, served by " in shown

        server.wait_for(first_step_drawn, timeout=60)
        assert "the demo, on a local Cognito at http://127.0.0.1:" in screen_text(seen)
        # xterm.js has drawn it: the terminal element holds rows of the right size.
        assert browser.execute_script("return document.querySelector('#terminal .xterm-screen') !== null")
        browser.save_screenshot(str(tmp_path / "served.png"))

        browser.get("about:blank")  # closing the tab ends the session's process
        server.wait_for(lambda: pid in server.session_pids("ended"))
        server.wait_for(lambda: not alive(pid))
        assert server.stop() == 0
