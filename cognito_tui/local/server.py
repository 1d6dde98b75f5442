"""Start and stop the embedded local Cognito: our cognito-identity and sign-in fixes in front of
moto, on one loopback port, served from a daemon thread."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from .demo import DemoData, seed as seed_demo
from .identity_store import IdentityStore
from .state_file import StateKeeper

log = logging.getLogger(__name__)
DEFAULT_REGION = "us-east-1"
DEFAULT_CREDENTIAL_TTL = 3600


class LocalCognito:
    """A running local Cognito. Stop it with stop() or use it as a context manager."""

    def __init__(self, endpoint_url: str, region: str, demo: DemoData | None,
                 server: Any, thread: threading.Thread, store: IdentityStore,
                 keeper: StateKeeper | None = None, restored: bool = False):
        self.endpoint_url = endpoint_url
        self.region = region
        self.demo = demo
        self.store = store
        self.restored = restored  # True when the state came from a state file
        self._server = server
        self._thread = thread
        self._keeper = keeper

    def stop(self) -> None:
        """Stop serving and release the port (and save the state file, if any); safe to call twice."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        self._thread.join(timeout=5)
        if self._keeper is not None:
            self._keeper.stop()

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


def _application(store: IdentityStore, credential_ttl: int, region: str, keeper: StateKeeper | None) -> Any:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    from .dispatcher import Dispatcher
    from .identity_service import IdentityService
    from .handler_chain import HandlerChain
    from .mfa import MfaFixes
    from .sign_in_fixes import SignInFixes
    from .token_revocation import TokenRevocation

    moto_app = DomainDispatcherApplication(create_backend_app)
    # Revocation first (it refuses revoked tokens before anything else), SRP last (MFA looks at
    # the answer SRP's proof leads to).
    fixes = HandlerChain(TokenRevocation(), MfaFixes(), SignInFixes())
    return Dispatcher(moto_app, IdentityService(store, credential_ttl, region), fixes, keeper)


def start_local_cognito(host: str = "127.0.0.1", port: int = 0, seed: bool = True,
                        credential_ttl: int = DEFAULT_CREDENTIAL_TTL,
                        region: str = DEFAULT_REGION, state_file: Path | None = None) -> LocalCognito:
    """Serve the local Cognito on host:port (0 = any free port). With a state file, restore the
    state saved there (StateFileError if it cannot be used) and keep saving it; seed the demo
    data, unless told not to, only when there is no saved state."""
    from werkzeug.serving import make_server

    from . import moto_bridge, state_file as state_files

    if credential_ttl <= 0:
        raise ValueError("credential_ttl must be a positive number of seconds")
    moto_bridge.install_patches()
    store = IdentityStore()
    restored, demo = state_files.load(state_file, store) if state_file else (False, None)
    if seed and not restored:
        demo = seed_demo(store, region)
    keeper = state_files.StateKeeper(state_file, store, demo) if state_file else None
    server = make_server(host, port, _application(store, credential_ttl, region, keeper), threaded=True,
                         request_handler=_request_handler())
    if keeper is not None:
        try:
            keeper.start()
        except OSError as exc:
            server.server_close()
            raise state_files.StateFileError(state_file, f"cannot be written ({exc.strerror or exc})",
                                             "Check that its folder exists and is writable.") from None
    bound_host, bound_port = server.server_address[:2]
    endpoint_url = f"http://{_url_host(str(bound_host))}:{bound_port}"
    if demo is not None:
        demo.endpoint_url = endpoint_url
    thread = threading.Thread(target=server.serve_forever, name="local-cognito", daemon=True)
    thread.start()
    return LocalCognito(endpoint_url, region, demo, server, thread, store, keeper, restored)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
