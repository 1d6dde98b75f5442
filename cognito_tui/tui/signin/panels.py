"""The sign-in view's panels as rich Text: every value from AWS or the user is literal text."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from rich.text import Text

from ...signin.model import mask
from ...signin.tokens import masked_logins
from .service import View


def _row(text: Text, label: str, value: str, style: str = "") -> None:
    text.append(f"{label:<15}", style="bold")
    text.append(value, style=style)
    text.append("\n")


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")


def duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def claims_panel(view: View, now: datetime) -> Text:
    text = Text()
    claims = view.claims
    if claims is None:
        return Text("(no ID token yet)")
    _row(text, "iss", claims.iss)
    _row(text, "aud", claims.aud)
    _row(text, "token_use", claims.token_use)
    _row(text, "exp", f"{local_time(claims.exp)} ({duration(claims.seconds_left(now))} left)")
    _row(text, "sub", claims.sub)
    _row(text, "signature", claims.signature)
    text.rstrip()
    return text


def logins_panel(view: View, revealed: bool) -> Text:
    shown = view.logins if revealed else masked_logins(view.logins)
    return Text(json.dumps({"Logins": shown}, indent=2))


def credentials_panel(view: View, revealed: bool, now: datetime) -> Text:
    creds = view.credentials
    if creds is None:
        return Text("(no credentials yet)")
    text = Text()
    _row(text, "IdentityId", view.identity_id)
    _row(text, "AccessKeyId", creds.access_key_id)
    _row(text, "SecretKey", creds.secret_key if revealed else mask(creds.secret_key))
    _row(text, "SessionToken", creds.session_token if revealed else mask(creds.session_token))
    left = creds.seconds_left(now)
    status = f"{duration(left)} left" if left > 0 else "EXPIRED"
    _row(text, "Expiration", f"{local_time(creds.expiration)} ({status})", "" if left > 0 else "bold red")
    text.rstrip()
    return text


def refresh_panel(view: View, status: str, now: datetime) -> Text:
    text = Text()
    if view.refresh_at is not None:
        at = view.refresh_at
        wait = (at - now).total_seconds()
        when = "due now" if wait <= 0 else f"in {duration(wait)}"
        _row(text, "Auto-refresh", f"at {local_time(at)} ({when})")
    if status:
        _row(text, "Last", status)
    text.rstrip()
    return text if text.plain else Text("(not signed in)")


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
