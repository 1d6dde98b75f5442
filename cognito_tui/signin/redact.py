"""Keep secrets out of logs, botocore's DEBUG output included: it logs request and response bodies
(tokens, SecretKey, SessionToken) and, for signed calls, the session token in the canonical request."""

from __future__ import annotations

import logging
import re
import sys
import threading

_KEYS = r"[A-Za-z_]*(?:Token|TOKEN|Secret|SECRET|SecretKey|Password|PASSWORD|SIGNATURE|SECRET_HASH)[A-Za-z_]*"
_PATTERNS = [
    # "SecretKey": "...", 'ClientSecret': '...', "PASSWORD_CLAIM_SIGNATURE":"..."
    (re.compile(r"""(["']""" + _KEYS + r"""["']\s*:\s*b?["'])([^"'\\]*)"""), r"\1***"),
    # x-amz-security-token header, as a header dict entry or a canonical-request line
    (re.compile(r"""(?i)(x-amz-security-token["']?\s*[:=]\s*b?["']?)([^"'\s,}\\]+)"""), r"\1***"),
    # any JWT (ID, access, refresh tokens)
    (re.compile(r"eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*"), "eyJ***"),
]
MAX_REMEMBERED = 256
_LOGGERS = ("botocore", "botocore.endpoint", "botocore.parsers", "botocore.auth", "botocore.hooks",
            "botocore.retryhandler", "botocore.httpsession", "botocore.awsrequest", "botocore.client",
            "botocore.credentials", "botocore.utils", "botocore.retries.standard", "urllib3",
            "urllib3.connectionpool", "cognito_tui")


class Redactor(logging.Filter):
    """Rewrites each record's text with known secrets and secret-looking values replaced."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._values: dict[str, None] = {}  # insertion-ordered, so the oldest go first

    def remember(self, *values: str | None) -> None:
        with self._lock:
            for value in values:
                if value and len(value) >= 4:
                    self._values.pop(value, None)
                    self._values[value] = None
            # a long session refreshes often; old tokens still match the JWT pattern anyway
            while len(self._values) > MAX_REMEMBERED:
                del self._values[next(iter(self._values))]

    def redact(self, text: str) -> str:
        with self._lock:
            values = sorted(self._values, key=len, reverse=True)
        for value in values:
            if value in text:
                text = text.replace(value, "***")
        for pattern, replacement in _PATTERNS:
            text = pattern.sub(replacement, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is left for logging to report
            return True
        cleaned = self.redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


REDACTOR = Redactor()
_installed: set[str] = set()
_install_lock = threading.Lock()


def install() -> Redactor:
    """Attach the filter to botocore's, urllib3's and our loggers (a logger filter applies only to
    records made on that very logger, so every module logger already loaded is covered too)."""
    names = set(_LOGGERS) | {name for name in list(sys.modules)
                             if name.startswith(("botocore", "cognito_tui", "urllib3", "pycognito"))}
    with _install_lock:
        for name in sorted(names - _installed):
            logging.getLogger(name).addFilter(REDACTOR)
            _installed.add(name)
    return REDACTOR
