"""The OAuth2 token endpoint of the MTS WebSocket binding (POST
/mts/v3/oauth/token): decode the form, call the domain, encode the token.
The client is read in a read unit, its secret checked outside any unit (the
hash takes 0.1-0.2 s), the token stored in a write unit. Refusals are
``OAuthError``s, rendered by ``server.api.errors``."""

from __future__ import annotations

import logging

from pitboss.mts.v1 import mts_pb2, mts_pb2_grpc
from server import logs
from server.api.unit import Units
from server.domain.errors import DomainError
from server.domain.mts.oauth import OAuthError, find_client, issue, parse_form, save, token_request
from server.domain.mts.ports import Grant

log = logging.getLogger("pitboss.mts")

# RFC 6749 section 5.1: token answers must not be cached.
NO_STORE = [("cache-control", "no-store"), ("pragma", "no-cache")]


def issue_token(units: Units, form: dict[str, str], authorization: str | None, lifetime_s: int, now) -> Grant:
    """A token for the client of the request (``server.domain.mts.oauth``)."""
    req = token_request(form, authorization)
    client = units.read(lambda clients: find_client(clients, req))
    issued = issue(req, client, lifetime_s, now)
    return units.write(lambda clients: save(clients, issued, now))


class MtsAuthServicer(mts_pb2_grpc.MtsAuthServiceServicer):
    def __init__(self, app) -> None:
        self.app = app
        self.units = app.units.mts

    def IssueToken(self, request, context):
        authorization = next((v for k, v in context.invocation_metadata() or ()
                              if k.lower() == "authorization" and isinstance(v, str)), None)
        try:
            form = parse_form(request.form.content_type, request.form.data)
            grant = issue_token(self.units, form, authorization, self.app.settings.mts_token_lifetime,
                                self.app.clock.now())
        except DomainError:
            raise
        except Exception as exc:  # noqa: BLE001 - answered as an OAuth2 server_error
            logs.crash(log, "token request failed", exc)
            raise OAuthError("server_error", "Internal error") from None
        context.send_initial_metadata(NO_STORE)
        return mts_pb2.IssueTokenResponse(access_token=grant.access_token, token_type=grant.token_type,
                                          expires_in=grant.expires_in)
