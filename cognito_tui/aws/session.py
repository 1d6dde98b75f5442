"""One place builds AWS sessions and clients: profile, region, endpoint, retries, timeouts.

Clients come from botocore sessions (boto3's clients are botocore's): boto3 itself would add
s3transfer and its resource layer to every start, and nothing here uses them."""

from __future__ import annotations

import threading
from typing import Any

from ..errors import CognitoTuiError, CredentialsError, EndpointError, InputError, from_aws
from ..settings import Settings

DEFAULT_REGION = "us-east-1"


class Clients:
    """Lazily built, cached clients for one Settings. Clients are thread-safe; sessions are not."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lock = threading.Lock()
        self._session = None
        self._clients: dict[tuple[str, str], Any] = {}
        self.hooks: list[tuple[str, Any]] = []

    @property
    def region(self) -> str:
        return self.settings.region or self.session().get_config_variable("region") or DEFAULT_REGION

    def session(self):
        with self._lock:
            if self._session is None:
                import botocore.exceptions
                import botocore.session

                session = botocore.session.Session(profile=self.settings.profile)
                try:
                    if self.settings.profile:
                        session.get_scoped_config()  # an unknown profile fails here, clearly
                except botocore.exceptions.ProfileNotFound as exc:
                    raise InputError(f"AWS profile {self.settings.profile!r} not found.",
                                     f"Profiles are read from {_profile_files()}; check the name there, "
                                     "or drop --profile (or unset AWS_PROFILE).") from exc
                if self.settings.region:
                    session.set_config_variable("region", self.settings.region)
                self._session = session
            return self._session

    def client(self, service: str, region: str | None = None):
        region = region or self.region
        key = (service, region)
        with self._lock:
            found = self._clients.get(key)
        if found is not None:
            return found
        session = self.session()
        with self._lock:
            if key not in self._clients:
                client = session.create_client(service, endpoint_url=self.settings.endpoint_url,
                                               config=self._config(region))
                for event, handler in self.hooks:
                    client.meta.events.register(event, handler)
                self._clients[key] = client
            return self._clients[key]

    def client_with_credentials(self, service: str, credentials: dict):
        """A client signing with temporary credentials (AccessKeyId, SecretKey, SessionToken); not cached."""
        session, region = self.session(), self.region
        with self._lock:  # botocore sessions are not thread-safe
            client = session.create_client(
                service, region_name=region, endpoint_url=self.settings.endpoint_url,
                aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretKey"],
                aws_session_token=credentials["SessionToken"], config=self._config(region))
            hooks = list(self.hooks)
        for event, handler in hooks:
            client.meta.events.register(event, handler)
        return client

    def _config(self, region: str):
        from botocore.config import Config

        return Config(
            region_name=region,
            retries={"mode": self.settings.retry_mode, "total_max_attempts": self.settings.max_attempts},
            connect_timeout=self.settings.connect_timeout,
            read_timeout=self.settings.read_timeout,
            user_agent_extra="cognito-tui",
        )

    def add_hook(self, event: str, handler) -> None:
        """Register a botocore event hook on every client, now and later (used to count API calls)."""
        with self._lock:
            self.hooks.append((event, handler))
            clients = list(self._clients.values())
        for client in clients:
            client.meta.events.register(event, handler)


def translate(exc: BaseException, operation: str = "") -> CognitoTuiError:
    """Turn a botocore exception into a domain error; anything else passes through unchanged."""
    if isinstance(exc, CognitoTuiError):
        return exc
    import botocore.exceptions as bex
    if isinstance(exc, bex.ClientError):
        err = exc.response.get("Error", {})
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        return from_aws(err.get("Code", ""), err.get("Message", ""),
                        operation or getattr(exc, "operation_name", ""), status)
    if isinstance(exc, (bex.NoCredentialsError, bex.PartialCredentialsError)):
        return CredentialsError("No AWS credentials found.",
                                f"Set AWS_PROFILE or pass --profile (profiles: {_profile_files()}), "
                                "or run `cognito-tui demo` to try it locally.")
    if isinstance(exc, bex.NoRegionError):
        return InputError("No AWS region set.", "Pass --region or set AWS_REGION.")
    if isinstance(exc, (bex.EndpointConnectionError, bex.ConnectionClosedError)):
        return EndpointError(f"Cannot reach the endpoint: {exc}",
                             "Check the network, or the --endpoint-url / AWS_ENDPOINT_URL given.")
    if isinstance(exc, (bex.ReadTimeoutError, bex.ConnectTimeoutError)):
        return EndpointError(f"The endpoint did not answer in time: {exc}",
                             "Check the network or the endpoint; retry in a moment.")
    if isinstance(exc, bex.ParamValidationError):
        return InputError(f"Invalid request: {exc}", "Check the IDs and values given.")
    if isinstance(exc, bex.BotoCoreError):
        return EndpointError(f"AWS request failed: {exc}", "Retry in a moment.")
    raise exc


def _profile_files() -> str:
    """The files profiles are read from, as named by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE."""
    from ..locations import aws_config_file, aws_credentials_file, shown

    return f"{shown(aws_config_file())} and {shown(aws_credentials_file())}"


def call(client, operation: str, **params):
    """Call one client operation by its API name, translating failures into domain errors."""
    method = getattr(client, _snake(operation))
    try:
        return method(**params)
    except Exception as exc:  # noqa: BLE001 - translated or re-raised
        raise translate(exc, operation) from exc


def pages(client, operation: str, items: str, page_size: int = 60, token: str | None = None, **params):
    """Yield each page's list of `items` from a list operation, following NextToken to the end
    (from `token` on, when given)."""
    while True:
        response = call(client, operation, MaxResults=page_size, **params, **({"NextToken": token} if token else {}))
        yield response.get(items, [])
        token = response.get("NextToken")
        if not token:
            return


def _snake(name: str) -> str:
    """botocore's own method name for an operation (SetUserMFAPreference -> set_user_mfa_preference)."""
    from botocore import xform_name

    return xform_name(name)
