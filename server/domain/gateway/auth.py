"""What a player gateway call presents: the `x-auth-token` header (the login
session) and the `2fa-auth-token` header (a 2FA challenge). The token is
checked against the brand of the path by ``Gateway.authenticate``: the brand
is validated first (unknown brand answers 400 before any token check)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GatewayCredentials:
    auth_token: str | None = None
    two_fa_token: str | None = None

    def __repr__(self) -> str:  # never print the tokens
        return f"GatewayCredentials(auth_token={'set' if self.auth_token else None}, two_fa={'set' if self.two_fa_token else None})"
