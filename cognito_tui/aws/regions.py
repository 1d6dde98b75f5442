"""The regions a service exists in, from botocore's endpoint data (never a list of our own)."""

from __future__ import annotations

from .session import Clients

SERVICE = "cognito-identity"


def service_regions(clients: Clients, service: str = SERVICE) -> list[str]:
    """Every region of the session's partition (aws, aws-cn, aws-us-gov, ...) where botocore
    knows an endpoint for `service`."""
    session = clients.session()
    partition = "aws"
    finder = getattr(session, "get_partition_for_region", None)
    if finder is not None:
        try:
            partition = finder(clients.region)
        except Exception:  # noqa: BLE001 - an unknown region keeps the default partition
            partition = "aws"
    return sorted(session.get_available_regions(service, partition_name=partition))
