"""The embedded local Cognito: AWS-faithful cognito-identity in front of moto, on loopback."""

from .demo import DemoData
from .server import LocalCognito, start_local_cognito

__all__ = ["DemoData", "LocalCognito", "start_local_cognito"]
