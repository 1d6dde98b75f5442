"""The app in a browser: textual-serve behind a secret token and an Origin check.

textual-serve has no authentication: whoever reaches its port gets a session, and a session acts
with the operator's AWS credentials. So every path here carries a random token, compared in
constant time, and anything else is refused (403) before textual-serve sees it:

  /TOKEN/              the page (its websocket URL and static URLs carry the token too)
  /TOKEN/ws            the websocket; its Origin must be the page's own
  /TOKEN/static/...    xterm.js, its CSS and fonts
  /download/KEY?instance=TOKEN
                       files the app delivers (textual.js builds this URL from the origin and
                       the "instance id" the server sends when a session opens: the token)

Each websocket is one session: its own app process, started without a shell, in its own
process group (Ctrl-C in the server's terminal reaches only the server, which then ends every
session). The token never reaches the app processes: not in their arguments, not in their
environment.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
from collections.abc import Callable, Sequence

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from ..settings import DRAFTS

log = logging.getLogger("cognito-tui.serve")

STOP_GRACE = 5.0  # seconds an app has to quit before it is killed


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Session(AppService):
    """One browser tab's app process, started from an argument list (no shell, so nothing in
    the command is ever interpreted), in a new session so the terminal's Ctrl-C skips it."""

    def __init__(self, argv: Sequence[str], **kwargs):
        super().__init__(" ".join(argv), **kwargs)
        self.argv = list(argv)
        self._stopped = False

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def _open_app_process(self, width: int = 80, height: int = 24):
        environment = self._build_environment(width=width, height=height)
        # Every tab is a session of its own: none resumes, or leaves behind, answers in the
        # operator's draft folder that another tab (or the operator's terminal) would be offered.
        environment[DRAFTS] = "0"
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=environment, start_new_session=True)
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        """Ask the app to quit; kill it if it has not within STOP_GRACE seconds. Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        try:
            await asyncio.wait_for(super().stop(), STOP_GRACE)
        except (TimeoutError, ConnectionError, RuntimeError):
            pass
        process = self._process
        if process is not None and process.returncode is None:
            try:
                process.kill()
            except ProcessLookupError:
                pass
            await process.wait()


class GuardedServer(Server):
    """textual-serve's Server with a token on every route and an Origin check on the websocket.
    argv: the app command each session runs."""

    def __init__(self, argv: Sequence[str], *, host: str = "127.0.0.1", port: int = 8000,
                 title: str = "cognito-tui", token: str | None = None):
        super().__init__(" ".join(argv), host=host, port=port, title=title)
        self.argv = list(argv)
        self.token = token or new_token()
        self.sessions: set[Session] = set()

    # --- the guard ---------------------------------------------------------------------------

    def _given_token(self, request: web.Request) -> str:
        if request.path.startswith("/download/"):
            return request.query.get("instance", "")
        parts = request.path.split("/", 2)
        return parts[1] if len(parts) > 1 else ""

    def authorized(self, request: web.Request) -> bool:
        return secrets.compare_digest(self._given_token(request).encode(), self.token.encode())

    @web.middleware
    async def guard(self, request: web.Request, handler: Callable) -> web.StreamResponse:
        if not self.authorized(request):
            raise web.HTTPForbidden(text="Forbidden: this URL needs the token printed by `cognito-tui serve`.\n")
        return await handler(request)

    @staticmethod
    async def _headers(request: web.Request, response: web.StreamResponse) -> None:
        # The token is in the URL: never send it on as a Referer, never keep the page in a cache.
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"

    @staticmethod
    def page_origin(request: web.Request) -> str:
        return f"{request.scheme}://{request.host}".lower()

    # --- routes ------------------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        prefix = f"/{self.token}"
        app.add_routes([
            web.get(f"{prefix}/", self.handle_index, name="index"),
            web.get(prefix, self.handle_index_redirect),
            web.get(f"{prefix}/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static(f"{prefix}/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_response_prepare.append(self._headers)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_index_redirect(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(f"/{self.token}/")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, with a websocket URL on the host the browser used (so the Origin it sends
        is the page's own, however the port was reached, e.g. through `ssh -L`)."""
        scheme = "wss" if request.scheme == "https" else "ws"
        font_size = request.query.get("fontsize", "16")
        context = {
            "font_size": int(font_size) if font_size.isdigit() else 16,
            "app_websocket_url": f"{scheme}://{request.host}/{self.token}/ws",
            "config": {"static": {"url": f"/{self.token}/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin", "").lower()
        if origin != self.page_origin(request):
            raise web.HTTPForbidden(text="Forbidden: the websocket only answers its own page.\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _int(request.query.get("width"), 80)
        height = _int(request.query.get("height"), 24)
        session: Session | None = None
        try:
            await websocket.prepare(request)
            # textual.js appends "?instance=<this>" to download URLs: that is how they carry the token.
            await websocket.send_json(["instance_id", self.token])
            session = Session(self.argv, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                              close=websocket.close, download_manager=self.download_manager)
            self.sessions.add(session)
            await session.start(width, height)
            log.info("session started: process %s; %d open", session.pid, len(self.sessions))
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a session's failure must not take the server down
            log.warning("session failed: %s", error)
        finally:
            if session is not None:
                await session.stop()
                self.sessions.discard(session)
                log.info("session ended: process %s; %d open", session.pid, len(self.sessions))
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        await self.stop_sessions()

    async def stop_sessions(self) -> None:
        await asyncio.gather(*(session.stop() for session in list(self.sessions)), return_exceptions=True)

    # --- running -----------------------------------------------------------------------------

    async def run(self, on_ready: Callable[[int], None]) -> None:
        """Serve until SIGINT/SIGTERM; on_ready(port) once listening (the real port for port 0)."""
        runner = web.AppRunner(await self._make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
            port = runner.addresses[0][1]
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, stop.set)
            on_ready(port)
            await stop.wait()
            await self.stop_sessions()
        finally:
            await runner.cleanup()


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, min(int(value or default), 1000))
    except ValueError:
        return default
