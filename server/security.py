"""Protection of secrets at rest.

- ``Vault.encrypt`` / ``decrypt``: Fernet (AES-128-CBC + HMAC-SHA256) for values
  that must be read back (SSNs, ID numbers, bank account numbers, operator keys).
- ``Vault.keyed_hash``: HMAC-SHA256 for values that only need matching (look-up
  by SSN or ID number without decrypting every row).
- ``hash_token`` / ``new_token``: bearer tokens are random and stored as SHA-256
  hashes only.

Both keys are derived from the one master secret with HKDF, each for its own
purpose, so the master secret itself never touches data.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"pitboss", info=purpose).derive(
        secret.encode()
    )


class Vault:
    def __init__(self, secret: str) -> None:
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(secret, b"encryption-v1")))
        self._hmac_key = _derive(secret, b"keyed-hash-v1")

    def encrypt(self, value: str) -> str:
        return self._fernet.encrypt(value.encode()).decode()

    def decrypt(self, token: str) -> str:
        return self._fernet.decrypt(token.encode()).decode()

    def keyed_hash(self, value: str, purpose: str) -> str:
        msg = purpose.encode() + b"\x00" + value.encode()
        return hmac.new(self._hmac_key, msg, hashlib.sha256).hexdigest()


def new_token(nbytes: int = 20) -> str:
    """An unguessable token: ``nbytes`` random bytes, hex encoded."""
    return secrets.token_hex(nbytes)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def mask(value: str, keep: int = 4, max_stars: int = 4) -> str:
    """``****`` plus the last ``keep`` characters; fewer stars for short values
    (a 6-digit account number masks as ``**1111``, as the VIP document shows)."""
    if not value:
        return ""
    tail = value[-keep:]
    stars = min(max_stars, max(len(value) - keep, 0))
    return "*" * stars + tail
