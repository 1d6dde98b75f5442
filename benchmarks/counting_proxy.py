"""A loopback HTTP proxy that forwards to the local Cognito and counts API calls per operation.

It counts at the wire, so cognito-tui and the reference tools are counted the same way.
"""

from __future__ import annotations

import http.client
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class CountingProxy:
    def __init__(self, target_url: str):
        target = urlsplit(target_url)
        self.target = (target.hostname, target.port)
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                proxy._count(self.path, self.headers, body)
                conn = http.client.HTTPConnection(*proxy.target, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection",)}
                conn.request("POST", self.path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            do_GET = do_POST

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:
                pass  # a client killed mid-request (the TUI probe does that) is not news

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def _count(self, path: str, headers, body: bytes) -> None:
        target = headers.get("X-Amz-Target", "")
        if target:
            name = target.rsplit(".", 1)[-1]
        elif path.endswith("/.well-known/jwks.json"):
            name = "GET jwks.json"
        else:
            name = (parse_qs(body.decode("utf-8", "replace")).get("Action") or [path])[0]
        with self._lock:
            self.counts[name] += 1

    def take(self) -> Counter[str]:
        """The counts since the last take, and reset."""
        with self._lock:
            out, self.counts = self.counts, Counter()
        return out

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
