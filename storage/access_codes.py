"""Access codes: six random digits shown once on the receipt, stored only as a salted hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

_ITERATIONS = 50_000
# A well-formed hash no code matches: checking a code against it costs what a real check costs,
# so an answer for a number that does not exist takes as long as one for a number that does.
DECOY_HASH = f"{_ITERATIONS}${'0' * 16}${'0' * 64}"


def new_access_code() -> str:
    """A fresh random six-digit code."""
    return f"{secrets.randbelow(1_000_000):06d}"


def hash_access_code(code: str, *, iterations: int = _ITERATIONS) -> str:
    """A salted PBKDF2 hash of the code, as `iterations$salt$digest`."""
    salt = secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", code.encode(), bytes.fromhex(salt), iterations)
    return f"{iterations}${salt}${digest.hex()}"


def verify_access_code(code: str, stored: str) -> bool:
    """Whether the code matches the stored hash (constant-time comparison)."""
    try:
        iterations, salt, digest = stored.split("$")
        candidate = hashlib.pbkdf2_hmac("sha256", code.strip().encode(),
                                        bytes.fromhex(salt), int(iterations))
    except (ValueError, OverflowError):
        return False
    # Compared as bytes: compare_digest refuses str with non-ASCII characters.
    return hmac.compare_digest(candidate.hex().encode(), digest.encode())
