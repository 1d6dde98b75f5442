"""The authenticator-app setup as text: the otpauth:// URI of a TOTP secret, its QR code drawn
with half-block characters (two rows of modules per line, so a 37-module code takes 21 lines and
fits an 80x24 terminal), and the secret in groups of four for typing by hand."""

from __future__ import annotations

from urllib.parse import quote

BORDER = 2  # quiet zone, in modules (scanners read 2 on a contrasting background)
# (top dark, bottom dark) -> character; dark modules are drawn in the foreground colour.
_HALF = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
DARK_ON_LIGHT = ("\x1b[30;107m", "\x1b[0m")  # black on bright white, whatever the terminal's colours


def otpauth_uri(secret: str, account: str, issuer: str) -> str:
    """Key URI format of Google Authenticator: otpauth://totp/ISSUER:ACCOUNT?secret=... The issuer
    is named in the label only: the `issuer` parameter would add a QR version (4 lines) for the
    same information, and the code must fit 24 lines with its prompt."""
    label = quote(f"{issuer}:{account}", safe=":@")
    return f"otpauth://totp/{label}?secret={secret}"


def grouped(secret: str) -> str:
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_lines(text: str, border: int = BORDER) -> list[str]:
    """The QR code of `text`, dark modules as block characters, one line per two module rows."""
    import segno

    code = segno.make(text, error="l", micro=False, boost_error=False)
    size = len(code.matrix)
    total = size + 2 * border

    def dark(row: int, col: int) -> bool:
        row, col = row - border, col - border
        return 0 <= row < size and 0 <= col < size and bool(code.matrix[row][col] & 1)

    return ["".join(_HALF[dark(row, col), dark(row + 1, col)] for col in range(total))
            for row in range(0, total, 2)]


def setup_screen(secret: str, account: str, issuer: str, *, colour: bool = True, width: int = 80) -> str:
    """What a terminal shows to set up an authenticator app: the QR code, and beside it (or below
    it when the terminal is narrow) the key to type by hand."""
    code = qr_lines(otpauth_uri(secret, account, issuer))
    side = ["Set up an authenticator app:", "scan the code, or add this key", "by hand (time-based):", "",
            *[f"  {line}" for line in _wrap_groups(grouped(secret))], "",
            f"Account: {account}", f"Issuer:  {issuer}"]
    qr_width = len(code[0])
    start, end = DARK_ON_LIGHT if colour else ("", "")
    room = width - qr_width - 3
    if room >= 30:  # beside the code, each line cut to the room left (the key always fits)
        side = [line if len(line) <= room else line[:room - 1] + "…" for line in side]
        lines = [f"{start}{row}{end}  {side[i] if i < len(side) else ''}".rstrip() for i, row in enumerate(code)]
    else:
        lines = [f"{start}{row}{end}" for row in code] + side
    return "\n".join(lines) + "\n"


def _wrap_groups(text: str, width: int = 20) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])
