"""Wizard drafts: the answers so far, saved after every step so a dropped session loses nothing.

One draft per connection (endpoint, profile, region), as JSON, mode 0600, written atomically.
A draft holds IDs, the provider list, the pool as read and the current step; never secrets.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .errors import CognitoTuiError
from .locations import drafts_dir
from .private_files import write_private
from .settings import Settings
from .wizard.state import WizardState


def draft_path(settings: Settings) -> Path:
    ident = f"{settings.endpoint_url or 'aws'}|{settings.profile or ''}|{settings.region or ''}"
    return drafts_dir() / f"wizard-{hashlib.sha256(ident.encode()).hexdigest()[:16]}.json"


def save_draft(settings: Settings, state: WizardState) -> Path:
    data = {"connection": {"endpoint_url": settings.endpoint_url, "profile": settings.profile,
                           "region": settings.region}, **state.to_draft()}
    return write_private(draft_path(settings), json.dumps(data, indent=2, sort_keys=True, default=str))


def load_draft(settings: Settings) -> WizardState | None:
    """The unfinished draft for this connection, or None. A damaged draft is dropped."""
    path = draft_path(settings)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        state = WizardState.from_draft(data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, CognitoTuiError):
        path.unlink(missing_ok=True)
        return None
    return state if state.chosen else None


def clear_draft(settings: Settings) -> None:
    draft_path(settings).unlink(missing_ok=True)
