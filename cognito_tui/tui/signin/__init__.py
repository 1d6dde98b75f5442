"""The live sign-in view and the "Use it in your app" snippets (Textual; no boto3 here)."""

from .screen import SignInScreen
from .service import SignInService, View
from .snippets_screen import SnippetsScreen

__all__ = ["SignInScreen", "SignInService", "SnippetsScreen", "View"]
