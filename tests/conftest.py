"""Shared fixtures: one local Cognito for the whole run; no test ever reaches real AWS."""

from __future__ import annotations

import os
import uuid

import pytest

# Isolate every test from the developer's real AWS configuration before anything imports boto3.
os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
})
os.environ.pop("AWS_PROFILE", None)
os.environ.pop("AWS_REGION", None)
os.environ.pop("AWS_ENDPOINT_URL", None)


@pytest.fixture(scope="session")
def local_cognito():
    """The embedded local Cognito, started once and shared by every test."""
    from cognito_tui.local import start_local_cognito

    server = start_local_cognito(port=0, seed=True)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def endpoint(local_cognito) -> str:
    return local_cognito.endpoint_url


@pytest.fixture(autouse=True)
def isolated_state(tmp_path, monkeypatch):
    """Backups, drafts and config go to a fresh folder per test, never the user's home."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def settings(endpoint):
    from cognito_tui.settings import Settings

    return Settings(region="us-east-1", endpoint_url=endpoint, max_attempts=2)


@pytest.fixture
def aws(settings):
    from cognito_tui.aws.gateway import Aws

    return Aws(settings)


@pytest.fixture
def boto(endpoint):
    """Plain boto3 clients against the local Cognito, for arranging and checking from outside;
    keywords are botocore Config options."""
    import boto3
    from botocore.config import Config

    def make(service: str, region: str = "us-east-1", **config):
        return boto3.client(service, region_name=region, endpoint_url=endpoint,
                            config=Config(**config) if config else None)

    return make


@pytest.fixture
def client(boto):
    """boto, with retries off: an HTTP 500 surfaces at once instead of being retried."""
    def make(service: str, region: str = "us-east-1", **config):
        return boto(service, region, **{"retries": {"mode": "standard", "max_attempts": 1}, **config})

    return make


@pytest.fixture
def unique():
    """A short unique suffix, so tests sharing the session server do not collide."""
    return lambda prefix="t": f"{prefix}{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="module")
def cognito():
    """A local Cognito of the module's own, for tests that change its demo data (sign-ins,
    credentials caches): its demo identity pool trusts the demo app client and the one with a secret."""
    from aws_builders import add_providers
    from cognito_tui.local import start_local_cognito

    server = start_local_cognito(port=0)
    d = server.demo
    add_providers(server.endpoint_url, d.identity_pool_id, (d.user_pool_id, d.client_id),
                  (d.user_pool_id, d.secret_client_id))
    yield server
    server.stop()


@pytest.fixture
def demo(local_cognito):
    """The session local Cognito's demo data (user pool, clients, user, identity pool)."""
    assert local_cognito.demo is not None
    return local_cognito.demo


@pytest.fixture
def pool(boto, unique):
    """A fresh identity pool of this test's own: (name, id)."""
    from aws_builders import make_pool

    name = unique("wiz")
    return name, make_pool(boto, name)


@pytest.fixture
def builder(boto, unique):
    """Builds a whole wired setup (user pool, client, identity pool, role) for the doctor's tests."""
    from test_doctor_builders import Builder

    return Builder(boto, unique)


@pytest.fixture
def cli(endpoint, capsys):
    """Run cognito-tui in-process against the local Cognito: (exit code, stdout, stderr)."""
    from cognito_tui.cli import main

    def run(*argv):
        code = main(["--endpoint-url", endpoint, *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def proxy(endpoint):
    """The fault-injecting proxy (tests/faulty_proxy.py) in front of the local Cognito."""
    from faulty_proxy import FaultyProxy

    with FaultyProxy(endpoint) as running:
        yield running


@pytest.fixture
def fast_backoff(monkeypatch):
    """botocore's standard-mode backoff still decides every delay (recorded here); the test
    sleeps a hundredth of it so that it stays fast."""
    from botocore.retries import standard

    delays: list[float] = []
    real = standard.ExponentialBackoff.delay_amount

    def recorded(self, context):
        delay = real(self, context)
        delays.append(delay)
        return delay / 100

    monkeypatch.setattr(standard.ExponentialBackoff, "delay_amount", recorded)
    return delays
