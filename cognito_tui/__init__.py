"""cognito-tui: connect Amazon Cognito user pools to an identity pool, and prove it works."""

__version__ = "0.1.0"
