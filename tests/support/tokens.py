"""VIP operator tokens, as an operator's back end makes them."""

from __future__ import annotations

import time


def vip_token(operator: str = "operator-1", key: int = 1, **overrides) -> str:
    """An operator JWT signed with the demo keys (what an operator's back end does)."""
    import jwt

    from server.demo import VIP_OPERATOR_KEYS
    from server.domain.vip.auth import key_bytes

    now = int(time.time())
    claims = {"iss": operator, "aud": "vip-api", "iat": now, "nbf": now, "exp": now + 600}
    claims.update({k: v for k, v in overrides.items() if not k.startswith("_")})
    claims = {k: v for k, v in claims.items() if v is not None}
    secret = overrides.get("_secret") or key_bytes(VIP_OPERATOR_KEYS[operator][key - 1])
    return jwt.encode(claims, secret, algorithm=overrides.get("_alg", "HS256"))
