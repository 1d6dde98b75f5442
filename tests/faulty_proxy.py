"""A fault-injecting HTTP proxy on loopback, in front of the local Cognito.

It forwards every request to the upstream endpoint unless a rule, matched on the operation name
from the X-Amz-Target header (or the Action of an IAM or STS request), says otherwise: delay it, answer 500, throttle it, deny it, close
the connection, or hold it for as long as a test needs (trickle). It can also die after N requests (stop listening, drop open connections) and come
back on the same port. It counts requests per operation, both received and forwarded upstream.
"""

from __future__ import annotations

import http.client
import json
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

DELAY, ERROR_500, THROTTLE, DENY, CLOSE, TRICKLE = "delay", "500", "throttle", "deny", "close", "trickle"
# While a request is held by TRICKLE, one byte this often: well inside any read timeout a test sets.
TRICKLE_EVERY = 0.2
ACCOUNT = "123456789012"
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade", "te"}
_SET_BY_PROXY = {"content-length", "server", "date"}
# The region a request is for, from its SigV4 credential scope.
_SCOPE_REGION = re.compile(r"Credential=[^/,\s]+/\d{8}/([a-z0-9-]+)/")


def every_other(n: int) -> bool:
    """1st, 3rd, 5th, ... matching request."""
    return n % 2 == 1


def always(n: int) -> bool:
    return True


def first(count: int) -> Callable[[int], bool]:
    return lambda n: n <= count


def deny_message(operation: str, pool_id: str = "*") -> str:
    """AccessDeniedException text as AWS writes it."""
    resource = f"arn:aws:cognito-identity:us-east-1:{ACCOUNT}:identitypool/{pool_id}"
    return (f"User: arn:aws:iam::{ACCOUNT}:user/ops is not authorized to perform: "
            f"cognito-identity:{operation} on resource: {resource} "
            "because no identity-based policy allows the cognito-identity:" + operation + " action")


@dataclass
class Rule:
    operation: str | None  # None: every operation
    action: str
    when: Callable[[int], bool] = always  # given the 1-based count of requests this rule has seen
    seconds: float = 0.0
    before: Callable[[str, bytes], None] | None = None  # runs before the request is forwarded
    region: str | None = None  # None: every region (from the request's SigV4 credential scope)
    until: threading.Event | None = None  # TRICKLE: the request is held until this is set
    seen: int = field(default=0)


class FaultyProxy:
    def __init__(self, upstream_url: str, host: str = "127.0.0.1", port: int = 0):
        parts = urlsplit(upstream_url)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.host = host
        self.port = port
        self.received: Counter[str] = Counter()
        self.forwarded: Counter[str] = Counter()
        self.answered: Counter[str] = Counter()  # operation -> responses given from upstream
        self.forwarded_for: Counter[tuple[str, str]] = Counter()  # (operation, IdentityPoolId) forwarded
        self.rules: list[Rule] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._dead = threading.Event()
        self._die_after: int | None = None
        self._total = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle ------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> "FaultyProxy":
        self._dead.clear()
        self._stopping.clear()
        server = ThreadingHTTPServer((self.host, self.port), _handler_for(self))
        server.daemon_threads = True
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"faulty-proxy-{self.port}", daemon=True)
        self._thread.start()
        return self

    def _close_listener(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()

    def stop(self) -> None:
        """Stop listening, end any delay in progress, drop open connections."""
        self._stopping.set()
        self._dead.set()
        self._close_listener()

    def restart(self) -> None:
        """Come back on the same port, with no rules and no pending death."""
        self._close_listener()
        with self._lock:
            self.rules.clear()
            self._die_after = None
        self.start()

    def __enter__(self) -> "FaultyProxy":
        return self.start() if self._server is None else self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- faults ----------------------------------------------------------------------------
    def add(self, operation: str | None, action: str, *, when: Callable[[int], bool] = always,
            seconds: float = 0.0, before: Callable[[str, bytes], None] | None = None,
            region: str | None = None, until: threading.Event | None = None) -> Rule:
        """A fault for operation (None: every one). TRICKLE holds the request, its client waiting
        and no read timeout firing, until `until` is set; then the proxy goes silent for `seconds`
        (a client's read timeout ends its wait there) and closes the connection."""
        if action == TRICKLE and until is None:
            raise ValueError("TRICKLE needs until=, the event that ends the hold")
        rule = Rule(operation, action, when, seconds, before, region, until)
        with self._lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()

    def die_after(self, requests: int) -> None:
        """Answer this many more requests, then stop listening and drop every connection."""
        with self._lock:
            self._die_after = self._total + requests

    @property
    def dead(self) -> bool:
        return self._dead.is_set()

    # -- per request -----------------------------------------------------------------------
    def _decide(self, operation: str, region: str = "") -> tuple[Rule | None, bool]:
        """(the rule that applies, or None; whether the proxy dies with this request)."""
        with self._lock:
            if self._dead.is_set():
                return None, True
            self.received[operation] += 1
            self._total += 1
            if self._die_after is not None and self._total > self._die_after:
                self._dead.set()
                return None, True
            for rule in self.rules:
                if rule.operation not in (None, operation) or rule.region not in (None, region):
                    continue
                rule.seen += 1
                if rule.when(rule.seen):
                    return rule, False
            return None, False

    def _die(self) -> None:
        threading.Thread(target=self._close_listener, daemon=True).start()


def _operation(headers, body: bytes) -> str:
    """The operation: from X-Amz-Target (JSON protocols: Cognito), else the form's Action (IAM, STS)."""
    target = headers.get("X-Amz-Target", "")
    if target:
        return target.rsplit(".", 1)[-1]
    return (parse_qs(body.decode("utf-8", "replace")).get("Action") or [""])[0]


def _handler_for(proxy: FaultyProxy):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass

        def do_POST(self):
            self._handle()

        def do_GET(self):
            self._handle()

        def _drop(self) -> None:
            self.close_connection = True
            try:
                self.connection.shutdown(2)
            except OSError:
                pass

        def _answer(self, status: int, payload: dict) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
            self.end_headers()
            self.wfile.write(body)

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            operation = _operation(self.headers, body)
            scope = _SCOPE_REGION.search(self.headers.get("Authorization", ""))
            rule, dies = proxy._decide(operation, scope.group(1) if scope else "")
            if dies:
                proxy._die()
                self._drop()
                return
            if rule is not None:
                if rule.before is not None:
                    rule.before(operation, body)
                if rule.action == DELAY:
                    if proxy._stopping.wait(rule.seconds):
                        self._drop()
                        return
                elif rule.action == ERROR_500:
                    self._answer(500, {"__type": "InternalErrorException", "message": "Internal server error"})
                    return
                elif rule.action == THROTTLE:
                    self._answer(400, {"__type": "TooManyRequestsException", "message": "Rate exceeded"})
                    return
                elif rule.action == DENY:
                    pool_id = _pool_id(body)
                    self._answer(400, {"__type": "AccessDeniedException",
                                       "message": deny_message(operation, pool_id)})
                    return
                elif rule.action == CLOSE:
                    self._drop()
                    return
                elif rule.action == TRICKLE:
                    self._trickle(rule.until, rule.seconds)
                    return
            self._forward(operation, body)

        def _trickle(self, until: threading.Event, silent: float) -> None:
            """A status line sent a byte at a time: each byte restarts the client's read timeout,
            so it keeps waiting until `until` is set. Then nothing for `silent` seconds, and close."""
            try:
                self.wfile.write(b"HTTP/1.1 200 ")
                while not until.wait(TRICKLE_EVERY) and not proxy._stopping.is_set():
                    self.wfile.write(b"O")
            except OSError:
                pass  # the client gave up
            proxy._stopping.wait(silent)
            self._drop()

        def _forward(self, operation: str, body: bytes) -> None:
            upstream = http.client.HTTPConnection(*proxy.upstream, timeout=30)
            try:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
                with proxy._lock:
                    proxy.forwarded[operation] += 1
                    proxy.forwarded_for[(operation, _pool_id(body))] += 1
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                data = response.read()
            except OSError:
                self._drop()
                return
            finally:
                upstream.close()
            if proxy._stopping.is_set():
                self._drop()
                return
            with proxy._lock:
                proxy.answered[operation] += 1
            self.send_response(response.status, response.reason)
            for key, value in response.getheaders():
                if key.lower() not in _HOP_BY_HOP and key.lower() not in _SET_BY_PROXY:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def _pool_id(body: bytes) -> str:
    try:
        return str(json.loads(body or b"{}").get("IdentityPoolId", "*"))
    except ValueError:
        return "*"
