"""The WSGI front door: cognito-identity to our implementation, a few cognito-idp sign-in calls
through the fixes, everything else straight to moto."""

from __future__ import annotations

import io
import json
import logging
import re
import traceback
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from . import identity_service, moto_bridge, sign_in_fixes, signing_keys
from .errors import ServiceError, internal_error
from .identity_service import IdentityService
from .handler_chain import HandlerChain
from .sign_in_fixes import Reply, SignInFixes

log = logging.getLogger(__name__)

JSON_CONTENT_TYPE = "application/x-amz-json-1.1"
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
STATUS_TEXT = {200: "OK", 400: "Bad Request", 404: "Not Found", 500: "Internal Server Error"}
JWKS_PATH = re.compile(r"^/([\w-]+_[0-9a-zA-Z]+)/\.well-known/jwks\.json$")


def _read_body(environ: dict[str, Any]) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return environ["wsgi.input"].read(length) if length > 0 else b""


def _status_line(status: int) -> str:
    return f"{status} {STATUS_TEXT.get(status, 'Error')}"


def _log_internal_error(operation: str, exc: BaseException) -> None:
    # The frames say where it broke; the exception's text is left out because it may hold a
    # token or password from the request.
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error("internal error in %s: %s\n%s", operation, type(exc).__name__, frames)


READ_ONLY_PREFIXES = ("Describe", "List", "GetIdentityPoolRoles", "GetUser", "GetGroup", "AdminGet",
                      "AdminList")


class Dispatcher:
    def __init__(self, moto_app: WsgiApp, identity: IdentityService, sign_in: SignInFixes | HandlerChain,
                 keeper: Any = None):
        self.moto_app = moto_app
        self.identity = identity
        self.sign_in = sign_in
        self.keeper = keeper  # a StateKeeper when a state file is in use

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if self.keeper is None:
            return self._dispatch(environ, start_response)
        # One request at a time, so a save never sees one half done; the whole answer is read
        # inside the lock (moto answers from memory).
        with self.keeper.lock:
            answer = _drain(self._dispatch(environ, start_response))
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if environ.get("REQUEST_METHOD") == "POST" and not target.partition(".")[2].startswith(READ_ONLY_PREFIXES):
            self.keeper.changed()
        return answer

    def _dispatch(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        operation = target.partition(".")[2]
        jwks_path = JWKS_PATH.match(environ.get("PATH_INFO", "")) if not target else None
        if jwks_path:
            reply = self._guarded("jwks.json", lambda: _key_set_reply(jwks_path.group(1)))
        elif target.startswith(identity_service.TARGET_PREFIX):
            reply = self._guarded(operation, lambda: self._identity(operation, environ))
        elif (target.startswith(sign_in_fixes.TARGET_PREFIX)
              and operation in self.sign_in.OPERATIONS):
            reply = self._guarded(operation, lambda: self._sign_in(operation, environ))
        else:
            return self.moto_app(environ, start_response)
        start_response(_status_line(reply.status), reply.headers)
        return [reply.body]

    def _guarded(self, operation: str, run: Callable[[], Reply]) -> Reply:
        """Run one request; errors become AWS-style JSON errors, never a crash or a hang."""
        try:
            return run()
        except ServiceError as exc:
            return _error_reply(exc)
        except Exception as exc:  # noqa: BLE001 - the server must answer whatever happens
            _log_internal_error(operation, exc)
            return _error_reply(internal_error())

    def _identity(self, operation: str, environ: dict[str, Any]) -> Reply:
        result = self.identity.handle(operation, _read_body(environ), environ.get("HTTP_AUTHORIZATION"))
        return _json_reply(200, json.dumps(result).encode())

    def _sign_in(self, operation: str, environ: dict[str, Any]) -> Reply:
        body = identity_service.parse_body(_read_body(environ))
        return self.sign_in.handle(operation, body, lambda changed: self._to_moto(environ, changed))

    def _to_moto(self, environ: dict[str, Any], body: dict[str, Any]) -> Reply:
        """Send a (possibly rewritten) request to moto and collect its whole answer."""
        raw = json.dumps(body).encode()
        forwarded = dict(environ)
        forwarded["wsgi.input"] = io.BytesIO(raw)
        forwarded["CONTENT_LENGTH"] = str(len(raw))
        captured: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
            captured["status"], captured["headers"] = status, headers

        payload = b"".join(_drain(self.moto_app(forwarded, start_response)))
        return Reply(int(captured["status"].split()[0]), list(captured["headers"]), payload)


def _drain(chunks: Iterable[bytes]) -> list[bytes]:
    """A WSGI answer read to the end, and closed as WSGI asks."""
    try:
        return list(chunks)
    finally:
        close = getattr(chunks, "close", None)
        if close:
            close()


def _key_set_reply(user_pool_id: str) -> Reply:
    """The pool's own public keys, where AWS serves them; 404 for a pool that does not exist."""
    if moto_bridge.user_pool(user_pool_id) is None:
        body = json.dumps({"message": f"User pool {user_pool_id} does not exist."}).encode()
        return Reply(404, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))], body)
    body = json.dumps(signing_keys.key_set(user_pool_id)).encode()
    return Reply(200, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))], body)


def _json_reply(status: int, body: bytes) -> Reply:
    headers = [("Content-Type", JSON_CONTENT_TYPE), ("Content-Length", str(len(body))),
               ("x-amzn-RequestId", str(uuid.uuid4()))]
    return Reply(status, headers, body)


def _error_reply(exc: ServiceError) -> Reply:
    reply = _json_reply(exc.status, exc.body())
    return Reply(reply.status, reply.headers + [("x-amzn-ErrorType", exc.code)], reply.body)
