"""Operator authentication: HS256 JWTs signed by the operator itself with one
of its two keys (key rotation without downtime).

Accepted only when: the header's ``alg`` is HS256; ``iss`` names a known
operator; the signature verifies with key 1 or key 2; ``aud`` is the VIP
audience; ``exp``, ``nbf`` and ``iat`` are present and valid (with a small
leeway); and the lifetime ``exp - iat`` is within the configured cap.
Every rejection is the same ``Unauthenticated`` to the caller; the reason is
kept for the server log only (never the token).
"""

from __future__ import annotations

import base64
import binascii
import time
from dataclasses import dataclass

import jwt

from server.domain.errors import Unauthenticated
from server.domain.vip.ports import VipStore, Operator

ALGORITHM = "HS256"
# NumericDate claims (RFC 7519) are JSON numbers; larger ones are not dates.
NUMERIC_DATE_MAX = 253402300799  # 9999-12-31T23:59:59Z


@dataclass(frozen=True)
class JwtPolicy:
    audience: str = "vip-api"
    max_lifetime: int = 3600
    leeway: int = 30


class TokenRejected(Unauthenticated):
    """Why a token was refused (server-side only)."""


def key_bytes(key: str) -> bytes:
    """Operator keys are issued as base64 text; the HMAC key is the decoded bytes."""
    try:
        return base64.b64decode(key, validate=True)
    except (binascii.Error, ValueError):
        return key.encode()


def authenticate_operator(repo: VipStore, token: str | None, policy: JwtPolicy) -> Operator:
    if not token:
        raise TokenRejected("missing bearer token")
    try:
        header = jwt.get_unverified_header(token)
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise TokenRejected("malformed token") from None
    if header.get("alg") != ALGORITHM:
        raise TokenRejected("algorithm not allowed")
    for name in ("exp", "nbf", "iat"):
        value = unverified.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                  or value != value or abs(value) > NUMERIC_DATE_MAX):
            raise TokenRejected(f"{name} is not a NumericDate")
    iss = unverified.get("iss")
    if not isinstance(iss, str) or not iss or "\x00" in iss:  # (no operator id has a NUL; PostgreSQL cannot look one up)
        raise TokenRejected("missing iss")
    operator = repo.operator(iss)
    if operator is None:
        raise TokenRejected("unknown operator")
    claims = None
    for key in repo.operator_keys(operator):
        try:
            claims = jwt.decode(
                token,
                key_bytes(key),
                algorithms=[ALGORITHM],
                audience=policy.audience,
                issuer=operator.id,
                leeway=policy.leeway,
                options={"require": ["exp", "nbf", "iat", "iss", "aud"]},
            )
            break
        except jwt.InvalidSignatureError:
            continue
        except jwt.PyJWTError as e:
            raise TokenRejected(f"invalid claims: {type(e).__name__}") from None
    if claims is None:
        raise TokenRejected("bad signature")
    if claims["exp"] - claims["iat"] > policy.max_lifetime:
        raise TokenRejected("lifetime over the cap")
    if claims["iat"] > time.time() + policy.leeway:
        raise TokenRejected("issued in the future")
    return operator


def issue_operator_token(operator_id: str, key: str, policy: JwtPolicy, lifetime: int = 3600) -> str:
    """What an operator's back end does; ``pitboss token vip`` uses it for the demo."""
    now = int(time.time())
    claims = {"iss": operator_id, "aud": policy.audience, "iat": now, "nbf": now, "exp": now + lifetime}
    return jwt.encode(claims, key_bytes(key), algorithm=ALGORITHM)
