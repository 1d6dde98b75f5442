"""The embedded local Cognito: AWS-faithful cognito-identity in front of moto, on loopback."""

from .server import LocalCognito, start_local_cognito

__all__ = ["LocalCognito", "start_local_cognito"]
