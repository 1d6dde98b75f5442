"""The server half of Cognito's SRP-6a (the PASSWORD_VERIFIER challenge).

Same group, hashing and key derivation as the clients (amazon-cognito-identity-js,
pycognito): 3072-bit N, g = 2, k = H(N | g), x = H(salt | H(poolName | userId | ":" | password)),
HKDF-SHA256 with info "Caldera Derived Key" to 16 bytes, and the claim
HMAC(key, poolName | userId | secretBlock | timestamp). moto keeps passwords rather than verifiers,
so a user's salt and verifier v = g^x are derived from the stored password on the first sign-in
and kept (Cognito, too, keeps one salt and verifier per password); a user restored from a state
file has only its salt and verifier (password_verifiers).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B"
    "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31"
    "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)
N = int(N_HEX, 16)
G = 2
INFO = b"Caldera Derived Key"
# A client's A is at most as long as N in hex; a much longer value is an attempt to burn CPU.
MAX_A_HEX_LEN = len(N_HEX) + 8
# The server's secret exponent b: 256 random bits, RFC 5054's minimum. Each modular power with a
# 3072-bit N takes about 4x longer at 1,024 bits, and the sign-in waits for two of them.
SECRET_BITS = 256


def pad_hex(value: int | str) -> str:
    """Hex with an even number of digits and a leading 00 when the top bit is set (two's complement)."""
    text = value if isinstance(value, str) else f"{value:x}"
    if len(text) % 2 == 1:
        return "0" + text
    if text[0] in "89abcdefABCDEF":
        return "00" + text
    return text


def _hash_hex(hex_text: str) -> str:
    return hashlib.sha256(bytes.fromhex(hex_text)).hexdigest()


K = int(_hash_hex("00" + N_HEX + "0" + f"{G:x}"), 16)


def _hkdf(ikm: bytes, salt: bytes) -> bytes:
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    return hmac.new(prk, INFO + b"\x01", hashlib.sha256).digest()[:16]


def pool_name(user_pool_id: str) -> str:
    """The part of the user pool ID after the underscore: us-east-1_AbC -> AbC."""
    return user_pool_id.split("_", 1)[1]


# (pool name, user id, H(poolName | userId | ":" | password)) -> (salt, verifier). Keyed by the
# password's hash, never the password; a new password is a new key.
_VERIFIERS: dict[tuple[str, str, str], tuple[str, int]] = {}
_MAX_VERIFIERS = 10_000


def _inner_hash(pool: str, user_id: str, password: str) -> str:
    return hashlib.sha256(f"{pool}{user_id}:{password}".encode()).hexdigest()


def salt_and_verifier(user_pool_id: str, user_id: str, password: str) -> tuple[str, int]:
    """The (salt, verifier) of a password, the same for the same password while the process lives."""
    pool = pool_name(user_pool_id)
    inner = _inner_hash(pool, user_id, password)
    key = (pool, user_id, inner)
    found = _VERIFIERS.get(key)
    if found is None:
        if len(_VERIFIERS) >= _MAX_VERIFIERS:
            _VERIFIERS.clear()
        salt_hex = secrets.token_hex(16)
        x = int(_hash_hex(pad_hex(salt_hex) + inner), 16)
        found = _VERIFIERS[key] = (salt_hex, pow(G, x, N))
    return found


def password_matches(user_pool_id: str, user_id: str, salt_hex: str, verifier: int, password: str) -> bool:
    """Is this the password behind this salt and verifier?"""
    inner = _inner_hash(pool_name(user_pool_id), user_id, password)
    x = int(_hash_hex(pad_hex(salt_hex) + inner), 16)
    return hmac.compare_digest(f"{pow(G, x, N):x}", f"{verifier:x}")


@dataclass(frozen=True)
class Challenge:
    """What the server remembers between InitiateAuth and RespondToAuthChallenge."""

    user_pool_id: str
    client_id: str
    login_name: str  # the USERNAME the client signed in with (may be an alias such as the email)
    username: str  # the internal username
    user_id_for_srp: str
    salt_hex: str
    srp_b_hex: str
    key: bytes  # the 16-byte HKDF output both sides derive
    created: float


def parse_srp_a(srp_a_hex: str) -> int | None:
    """The client's A, or None when it is malformed or unsafe (A mod N == 0)."""
    if not isinstance(srp_a_hex, str) or not 0 < len(srp_a_hex) <= MAX_A_HEX_LEN:
        return None
    try:
        big_a = int(srp_a_hex, 16)
    except ValueError:
        return None
    return None if big_a % N == 0 else big_a


def start(user_pool_id: str, client_id: str, login_name: str, username: str, user_id_for_srp: str,
          salted_verifier: tuple[str, int], big_a: int, now: float) -> Challenge:
    """Pick b, compute B = k*v + g^b and the session key S = (A * v^u)^b."""
    salt_hex, verifier = salted_verifier
    while True:
        small_b = secrets.randbits(SECRET_BITS)
        big_b = (K * verifier + pow(G, small_b, N)) % N
        u = int(_hash_hex(pad_hex(big_a) + pad_hex(big_b)), 16)
        if big_b % N and u:
            break
    shared = pow(big_a * pow(verifier, u, N), small_b, N)
    key = _hkdf(bytes.fromhex(pad_hex(shared)), bytes.fromhex(pad_hex(f"{u:x}")))
    return Challenge(user_pool_id, client_id, login_name, username, user_id_for_srp, salt_hex,
                     f"{big_b:x}", key, now)


def expected_signature(challenge: Challenge, secret_block: bytes, timestamp: str) -> bytes:
    message = (pool_name(challenge.user_pool_id).encode() + challenge.user_id_for_srp.encode()
               + secret_block + timestamp.encode())
    return hmac.new(challenge.key, message, hashlib.sha256).digest()


def signature_ok(challenge: Challenge, secret_block: bytes, timestamp: str, signature_b64: str) -> bool:
    try:
        given = base64.b64decode(signature_b64, validate=True)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(given, expected_signature(challenge, secret_block, timestamp))
