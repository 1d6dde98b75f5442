"""`cognito-tui serve` over HTTP: the token on every request, the websocket's Origin check, one
app process per session, and Ctrl-C ending them all."""

from __future__ import annotations

import asyncio
import ipaddress
import os
import signal
from urllib.parse import urlsplit

import aiohttp
import pytest

from served import alive, screen_text, served

FIRST_STEP = "Step 1 of 8: Identity pool"


@pytest.fixture(scope="module")
def demo_server():
    with served("--demo") as server:
        yield server


async def _get(url: str, **kwargs) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(url, allow_redirects=False, **kwargs) as response:
        return response.status, await response.text()


async def _read_until(ws, *texts: str, timeout: float = 60.0) -> tuple[list, list[bytes]]:
    """Messages until the app has drawn every text, or sent a control message naming it (or the
    time is up): (JSON messages, screen bytes)."""
    messages, chunks = [], []

    def shown(text: str) -> bool:
        return text in screen_text(chunks) or any(text in str(m) for m in messages)

    try:
        async with asyncio.timeout(timeout):
            while not all(shown(text) for text in texts):
                message = await ws.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    chunks.append(message.data)
                elif message.type == aiohttp.WSMsgType.TEXT:
                    messages.append(message.json())
                else:
                    raise AssertionError(f"websocket ended: {message.type}; saw {screen_text(chunks)!r}")
    except TimeoutError:
        raise AssertionError(f"{texts!r} never showed; the app drew {screen_text(chunks)[-1500:]!r}") from None
    return messages, chunks


async def _keys(ws, data: str, *then: str) -> list:
    """Type into the session as the browser does; the control messages until `then` shows."""
    await ws.send_json(["stdin", data])
    messages, _ = await _read_until(ws, *then)
    return messages


def test_prints_a_loopback_url_with_a_random_token(demo_server):
    parts = urlsplit(demo_server.url)
    assert ipaddress.ip_address(parts.hostname).is_loopback
    assert parts.port and parts.port != 0  # the real port, not the 0 asked for
    assert len(demo_server.token) >= 40
    with served("--demo") as other:
        assert other.token != demo_server.token


async def test_the_page_loads_with_the_token_and_is_refused_without_it(demo_server):
    status, page = await _get(demo_server.url)
    assert status == 200
    assert f'data-session-websocket-url="ws://{urlsplit(demo_server.url).netloc}/{demo_server.token}/ws"' in page
    assert f'src="/{demo_server.token}/static/js/textual.js"' in page
    origin, token = demo_server.origin, demo_server.token
    for url in (f"{origin}/", f"{origin}/{token[:-1]}/", f"{origin}/x{token}/", f"{origin}/?token={token}",
                f"{origin}/static/js/textual.js", f"{origin}/download/abc", f"{origin}/download/abc?instance=x",
                f"{origin}/ws"):
        assert (await _get(url))[0] == 403, url
    assert (await _get(f"{demo_server.url}static/js/textual.js"))[0] == 200


async def test_the_websocket_needs_the_token_and_the_pages_own_origin(demo_server):
    ws_url = f"ws://{urlsplit(demo_server.url).netloc}/{demo_server.token}/ws"
    before = len(demo_server.session_pids())
    async with aiohttp.ClientSession() as http:
        for url, origin in ((ws_url, "http://evil.example"), (ws_url, "http://127.0.0.1:1"),
                            (ws_url, None), (ws_url.replace(demo_server.token, "nope"), demo_server.origin)):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(url, origin=origin)
            assert refused.value.status == 403, (url, origin)
        assert len(demo_server.session_pids()) == before  # no app process for any of them

        async with http.ws_connect(f"{ws_url}?width=80&height=24", origin=demo_server.origin) as ws:
            messages, _ = await _read_until(ws, FIRST_STEP)
            assert ["instance_id", demo_server.token] in messages  # what download URLs carry
            [pid] = demo_server.session_pids()[before:]
            assert alive(pid)
    # Closing the tab (the websocket) ends its process.
    demo_server.wait_for(lambda: pid in demo_server.session_pids("ended"))
    demo_server.wait_for(lambda: not alive(pid))


async def test_each_session_is_its_own_process_and_ctrl_c_ends_them_all():
    with served("--demo") as server:
        ws_url = f"ws://{urlsplit(server.url).netloc}/{server.token}/ws?width=80&height=24"
        async with aiohttp.ClientSession() as http:
            first = await http.ws_connect(ws_url, origin=server.origin)
            second = await http.ws_connect(ws_url, origin=server.origin)
            await _read_until(first, FIRST_STEP)
            await _read_until(second, FIRST_STEP)
            pids = server.session_pids()
            assert len(set(pids)) == 2 and all(alive(pid) for pid in pids)
            assert await asyncio.to_thread(server.stop) == 0
            assert not any(alive(pid) for pid in pids)
            assert "Stopped; every session has ended." in "".join(server.stderr)


async def test_sessions_end_even_when_the_server_is_killed_outright():
    with served("--demo") as server:
        ws_url = f"ws://{urlsplit(server.url).netloc}/{server.token}/ws?width=80&height=24"
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(ws_url, origin=server.origin)
            await _read_until(ws, FIRST_STEP)
            [pid] = server.session_pids()
            server.proc.kill()  # SIGKILL: no chance to stop its sessions
            try:
                await asyncio.to_thread(server.wait_for, lambda: not alive(pid), 15)
            finally:
                if alive(pid):  # a failed run leaves nothing behind
                    os.kill(pid, signal.SIGKILL)


def test_the_app_process_gets_no_token_and_no_shell(demo_server, tmp_path):
    """The session's command line and environment, read from /proc while it runs."""
    async def open_session():
        ws_url = f"ws://{urlsplit(demo_server.url).netloc}/{demo_server.token}/ws"
        async with aiohttp.ClientSession() as http, http.ws_connect(ws_url, origin=demo_server.origin) as ws:
            await _read_until(ws, FIRST_STEP)
            pid = demo_server.session_pids()[-1]
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
            with open(f"/proc/{pid}/environ", "rb") as f:
                environ = f.read()
            return argv, environ

    argv, environ = asyncio.run(open_session())
    assert argv[1:4] == [b"-m", b"cognito_tui", b"demo"]
    assert demo_server.token.encode() not in b"".join(argv) + environ
    assert b"TEXTUAL_DRIVER=textual.drivers.web_driver:WebDriver" in environ
    assert b"COGNITO_TUI_DRAFTS=0" in environ.split(b"\0")  # tabs never share the operator's drafts


async def test_the_banner_says_who_serves_and_against_which_account_and_endpoint(endpoint):
    with served("--endpoint-url", endpoint) as server:
        ws_url = f"ws://{urlsplit(server.url).netloc}/{server.token}/ws?width=160&height=30"
        async with aiohttp.ClientSession() as http, http.ws_connect(ws_url, origin=server.origin) as ws:
            await _read_until(ws, FIRST_STEP)
            _, chunks = await _read_until(ws, "account 123456789012")
    banner = screen_text(chunks)
    assert "In a browser, served by " in banner
    assert f"endpoint {endpoint}" in banner

    with served("--endpoint-url", endpoint, "signin") as server:
        ws_url = f"ws://{urlsplit(server.url).netloc}/{server.token}/ws?width=160&height=30"
        async with aiohttp.ClientSession() as http, http.ws_connect(ws_url, origin=server.origin) as ws:
            await _read_until(ws, "Sign in: user pool", "In a browser, served by ", f"endpoint {endpoint}")


async def _download(http, server, key: str) -> tuple[str, str]:
    async with http.get(f"{server.origin}/download/{key}?instance={server.token}") as response:
        assert response.status == 200
        return response.headers["Content-Disposition"], await response.text()


async def test_plans_and_snippets_download_as_files_in_the_browser(demo_server):
    """Through the demo to Save, then w: the plan comes as a download that needs the token.
    Then sign in, u, s: the snippet too."""
    ws_url = f"ws://{urlsplit(demo_server.url).netloc}/{demo_server.token}/ws?width=80&height=24"
    async with aiohttp.ClientSession() as http, http.ws_connect(ws_url, origin=demo_server.origin) as ws:
        await _read_until(ws, "1 shown")
        await _keys(ws, "\r", "Step 2 of 8", "No Cognito providers yet")  # the pool is read
        await _keys(ws, "\r", "Step 3 of 8", " shown")  # the user pools are listed
        await _keys(ws, "cognito-tui-demo", "2 shown")
        await _keys(ws, "\r", "Step 4 of 8", " shown")  # the clients are listed
        await _keys(ws, "\r", "Step 5 of 8")
        await _keys(ws, "n", "Step 6 of 8", "Keep the pool's role")  # the demo pool's role, read
        await _keys(ws, "r", "Step 7 of 8")
        await _keys(ws, "\x13", "Changes saved successfully.")  # Ctrl+S
        messages = await _keys(ws, "w", "deliver_file_start")
        [key] = [payload for kind, payload in messages if kind == "deliver_file_start"]
        assert (await _get(f"{demo_server.origin}/download/{key}"))[0] == 403
        assert (await _get(f"{demo_server.origin}/download/{key}?instance=x{demo_server.token}"))[0] == 403
        disposition, plan = await _download(http, demo_server, key)
        assert disposition == "attachment; filename=cognito-plan.yaml"
        assert plan.startswith("version: 2\n")
        assert "cognito_providers:\n      - user_pool_id: " in plan

        await _keys(ws, "s", "Identity pool ID")
        await asyncio.sleep(0.5)  # the form is mounted and its focus set
        await _keys(ws, "\t\r", "Proof: STS GetCallerIdentity")  # the demo user is filled in
        await _keys(ws, "u", "Use it in your app")
        messages = await _keys(ws, "s", "deliver_file_start")
        [key] = [payload for kind, payload in messages if kind == "deliver_file_start"]
        disposition, snippet = await _download(http, demo_server, key)
        assert disposition.startswith("attachment; filename=")
        assert "us-east-1:" in snippet  # the identity pool ID, filled in


@pytest.mark.parametrize(("argv", "says"), [
    (["serve", "apply", "plan.yaml"], "`apply` is not an app that can be served."),
    (["serve", "--demo", "signin"], "--demo serves the demo; it cannot be combined with a command."),
    (["serve", "signin", "--identity-pool-id", "bad"], "Malformed identity pool ID"),
    (["serve", "signin", "--bogus"], "The served app would refuse its arguments: unrecognized arguments: --bogus."),
    (["serve", "--port", "70000"], "--port 70000 is not a port number."),
])
def test_what_every_session_would_refuse_is_refused_once_before_serving(argv, says, capsys):
    from cognito_tui.cli import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
