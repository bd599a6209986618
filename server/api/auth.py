"""Authentication for every partner family, run by one interceptor.

An authenticator is a function of the call's metadata
that returns the caller (an operator, a provider, a player session) or raises
``Unauthenticated``. The caller is then available to the servicer through
``server.api.context.caller()``. Which service takes which authenticator (or
none: ``OPEN``) is registered in the composition root (``server/bootstrap.py``
``SERVICES``); a service registered nowhere is refused (``unregistered``).
Internal-only services (MtsReportsService) take the bearer secret of a client
configured for them; the servicer scopes each call to that client.
"""

from __future__ import annotations

import hmac

from collections.abc import Iterable

from server.api.context import bearer
from server.config import InternalClient
from server.domain.errors import Unauthenticated
from server.domain.gateway.auth import GatewayCredentials
from server.domain.pam.service import authenticate as pam_api_client
from server.domain.vip.auth import authenticate_operator
from server.security import hash_token
from server.storage.repositories.vip import VipRepository


def unregistered(app, md: dict[str, str]):
    """A service missing from the registry: refused, never open by omission."""
    raise Unauthenticated("This service is not registered.")


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


def mts(app, md: dict[str, str]):
    """The operator id of the bearer token, or None: the servicer answers a bad
    token with an MTS error-reply that echoes the request's correlationId.
    The same check as the WebSocket handshake's."""
    from server.api.mts_ws import authenticate

    return authenticate(app.db, md.get("authorization"), app.clock)


def mts_reports(app, md: dict[str, str]):
    """An internal caller of MtsReportsService: its bearer secret must be one
    configured in PITBOSS_MTS_REPORTS_CLIENTS (compared as SHA-256)."""
    client = internal_client(app.settings.reports_clients(), bearer(md))
    if client is not None:
        return client
    raise Unauthenticated("MtsReportsService needs the bearer secret of a configured internal client.")


def backoffice(app, md: dict[str, str]):
    """An internal caller of the back office (every service of package
    pitboss.backoffice.v1): the bearer secret of a client configured in
    PITBOSS_BACKOFFICE_CLIENTS (compared as SHA-256), and the acting user
    named in ``x-acting-user`` (required)."""
    from server.domain.backoffice.model import BackofficeCaller, check_actor

    client = internal_client(app.settings.backoffice_client_list(), bearer(md))
    if client is None:
        raise Unauthenticated("The back office needs the bearer secret of a configured internal client.")
    return BackofficeCaller(client.name, check_actor(md.get("x-acting-user")))


def vip(app, md: dict[str, str]):
    with app.db.session() as session:
        return authenticate_operator(VipRepository(session, app.vault), bearer(md),
                                     app.policies.vip_jwt)


def pam(app, md: dict[str, str]):
    """The aggregator's bearer token (stored hashed). Bad or missing: 401
    PAM_ERR_API_TOKEN (with the call's trace headers: server/api/errors/pam.py)."""
    token = bearer(md)
    return app.units.pam.read(lambda u: pam_api_client(u, token))


def gateway(app, md: dict[str, str]):
    # The player gateway checks the brand in the path before the token, so the
    # token is resolved by the servicer (server.domain.gateway Gateway.authenticate).
    return GatewayCredentials(md.get("x-auth-token") or None, md.get("2fa-auth-token") or None)
