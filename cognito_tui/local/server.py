"""Start and stop the embedded local Cognito (placeholder: plain moto until the real one lands)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LocalCognito:
    endpoint_url: str
    region: str
    demo: object | None = None
    _stop: object = field(default=None, repr=False)

    def stop(self) -> None:
        if self._stop is not None:
            self._stop()
            self._stop = None

    def __enter__(self) -> "LocalCognito":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_local_cognito(host: str = "127.0.0.1", port: int = 0, *, seed: bool = True,
                        credential_ttl: int = 3600, region: str = "us-east-1") -> LocalCognito:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    bound_host, bound_port = server.get_host_and_port()
    return LocalCognito(f"http://{bound_host}:{bound_port}", region, None, server.stop)
