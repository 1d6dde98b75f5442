"""Start and stop the embedded local Cognito: our cognito-identity and sign-in fixes in front of
moto, on one loopback port, served from a daemon thread."""

from __future__ import annotations

import logging
import threading
from typing import Any

from .demo import DemoData, seed as seed_demo
from .identity_store import IdentityStore

log = logging.getLogger(__name__)
DEFAULT_REGION = "us-east-1"
DEFAULT_CREDENTIAL_TTL = 3600


class LocalCognito:
    """A running local Cognito. Stop it with stop() or use it as a context manager."""

    def __init__(self, endpoint_url: str, region: str, demo: DemoData | None,
                 server: Any, thread: threading.Thread, store: IdentityStore):
        self.endpoint_url = endpoint_url
        self.region = region
        self.demo = demo
        self.store = store
        self._server = server
        self._thread = thread

    def stop(self) -> None:
        """Stop serving and release the port; safe to call twice."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LocalCognito:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"LocalCognito(endpoint_url={self.endpoint_url!r}, region={self.region!r})"


def _request_handler() -> type:
    from moto.moto_server.werkzeug_app import MotoRequestHandler

    class QuietRequestHandler(MotoRequestHandler):
        """No access log on stderr: it would scribble over the TUI in `cognito-tui demo`."""

        def log_request(self, code: Any = "-", size: Any = "-") -> None:
            log.debug("%s %s", self.requestline, code)

    return QuietRequestHandler


def _application(store: IdentityStore, credential_ttl: int, region: str) -> Any:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    from .dispatcher import Dispatcher
    from .identity_service import IdentityService
    from .sign_in_fixes import SignInFixes

    moto_app = DomainDispatcherApplication(create_backend_app)
    return Dispatcher(moto_app, IdentityService(store, credential_ttl, region), SignInFixes())


def start_local_cognito(host: str = "127.0.0.1", port: int = 0, seed: bool = True,
                        credential_ttl: int = DEFAULT_CREDENTIAL_TTL,
                        region: str = DEFAULT_REGION) -> LocalCognito:
    """Serve the local Cognito on host:port (0 = any free port); seed the demo data unless told not to."""
    from werkzeug.serving import make_server

    from . import moto_bridge

    if credential_ttl <= 0:
        raise ValueError("credential_ttl must be a positive number of seconds")
    moto_bridge.install_patches()
    store = IdentityStore()
    server = make_server(host, port, _application(store, credential_ttl, region), threaded=True,
                         request_handler=_request_handler())
    demo = seed_demo(store, region) if seed else None
    bound_host, bound_port = server.server_address[:2]
    endpoint_url = f"http://{_url_host(str(bound_host))}:{bound_port}"
    if demo is not None:
        demo.endpoint_url = endpoint_url
    thread = threading.Thread(target=server.serve_forever, name="local-cognito", daemon=True)
    thread.start()
    return LocalCognito(endpoint_url, region, demo, server, thread, store)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
