"""Authentication for every partner family, run by one interceptor.

Each gRPC package names its authenticator: a function of the call's metadata
that returns the caller (an operator, a provider, a player session) or raises
``Unauthenticated``. The caller is then available to the servicer through
``server.api.context.caller()``. Services without an entry (health, reflection, ops) are open.
Internal-only services (MtsReportsService) take the bearer secret of a client
configured for them; the servicer scopes each call to that client.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterable
from typing import Any

from server.api.context import bearer
from server.config import InternalClient
from server.domain.errors import Unauthenticated
from server.domain.gateway.auth import GatewayCredentials
from server.domain.pam.service import authenticate as pam_api_client
from server.domain.vip.auth import JwtPolicy, authenticate_operator
from server.security import hash_token
from server.storage.repositories.pam import PamStore
from server.storage.repositories.vip import VipRepository

Authenticator = Callable[["App", dict[str, str]], Any]  # noqa: F821


def internal_client(clients: Iterable[InternalClient], token: str | None) -> InternalClient | None:
    """The configured internal client whose bearer secret is ``token``
    (compared as SHA-256, in constant time, against every client), or None."""
    if not token:
        return None
    digest = hash_token(token)
    found = None
    for client in clients:
        if hmac.compare_digest(client.token_sha256.lower(), digest) and found is None:
            found = client
    return found


def _mts(app, md: dict[str, str]):
    """The operator id of the bearer token, or None: the servicer answers a bad
    token with an MTS error-reply that echoes the request's correlationId.
    The same check as the WebSocket handshake's."""
    from server.api.mts_ws import authenticate

    return authenticate(app.db, md.get("authorization"))


def _mts_reports(app, md: dict[str, str]):
    """An internal caller of MtsReportsService: its bearer secret must be one
    configured in PITBOSS_MTS_REPORTS_CLIENTS (compared as SHA-256)."""
    client = internal_client(app.settings.reports_clients(), bearer(md))
    if client is not None:
        return client
    raise Unauthenticated("MtsReportsService needs the bearer secret of a configured internal client.")


def _backoffice(app, md: dict[str, str]):
    """An internal caller of the back office (every service of package
    pitboss.backoffice.v1): the bearer secret of a client configured in
    PITBOSS_BACKOFFICE_CLIENTS (compared as SHA-256), and the acting user
    named in ``x-acting-user`` (required)."""
    from server.domain.backoffice.model import BackofficeCaller, check_actor

    client = internal_client(app.settings.backoffice_client_list(), bearer(md))
    if client is None:
        raise Unauthenticated("The back office needs the bearer secret of a configured internal client.")
    return BackofficeCaller(client.name, check_actor(md.get("x-acting-user")))


def _vip(app, md: dict[str, str]):
    s = app.settings
    policy = JwtPolicy(s.vip_jwt_audience, s.vip_jwt_max_lifetime, s.vip_jwt_leeway)
    with app.db.session() as session:
        return authenticate_operator(VipRepository(session, app.vault), bearer(md), policy)


def _pam(app, md: dict[str, str]):
    """The aggregator's bearer token (stored hashed). Bad or missing: 401
    PAM_ERR_API_TOKEN (with the call's trace headers: server/api/errors/pam.py)."""
    return pam_api_client(PamStore(app.db.sql(), app.db.reference), bearer(md))


def _gateway(app, md: dict[str, str]):
    # The player gateway checks the brand in the path before the token, so the
    # token is resolved by the servicer (server.domain.gateway Gateway.authenticate).
    return GatewayCredentials(md.get("x-auth-token") or None, md.get("2fa-auth-token") or None)


AUTHENTICATORS: dict[str, Authenticator] = {
    "pitboss.vip.v1.VipConnectService": _vip,
    "pitboss.mts.v1.MtsService": _mts,
    "pitboss.mts.v1.MtsReportsService": _mts_reports,
    "pitboss.pam.v1.PamService": _pam,
    "pitboss.gateway.v1.PlayerGatewayService": _gateway,
}

# Packages whose every service shares one authenticator.
PACKAGE_AUTHENTICATORS: dict[str, Authenticator] = {
    "pitboss.backoffice.v1": _backoffice,
}


def authenticator_for(service: str) -> Authenticator | None:
    """The authenticator of a fully qualified service name (its own, else its
    package's), or None for open services."""
    found = AUTHENTICATORS.get(service)
    if found is None:
        found = PACKAGE_AUTHENTICATORS.get(service.rsplit(".", 1)[0])
    return found
