"""OAuth2 client-credentials grant (RFC 6749 section 4.4) for the WebSocket
binding: an operator's client exchanges its id and secret for a short-lived
bearer token, as the vendor's SDKs do before they open the socket.

Errors are RFC 6749 section 5.2 error codes (``OAuthError``); the HTTP
rendering (status, body, headers) is in ``server.api.errors``.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from urllib.parse import parse_qsl, unquote_plus

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from server.domain import errors as domain_errors
from server.domain import hashing
from server.domain.mts.ports import TOKEN_TYPE, Client, ClientStore, Grant  # noqa: F401 - the grant records
from server.security import hash_token, new_token

GRANT_TYPE = "client_credentials"
FORM_TYPE = "application/x-www-form-urlencoded"
MAX_FIELDS = 16
MAX_VALUE = 1024

# argon2id with the library's defaults (RFC 9106 low-memory profile), as for
# passwords: client secrets are credentials a person may have chosen.
_SECRETS = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified when the client id is unknown, so both cases cost the same."""
    return _SECRETS.hash("pitboss-no-such-client-0")


class OAuthError(domain_errors.DomainError):
    """An RFC 6749 error answer: ``error`` code and a description for people
    (the HTTP status is the MTS error table's: server/api/errors/mts.py)."""

    reason = "OAUTH_ERROR"

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


def invalid_request(description: str) -> OAuthError:
    return OAuthError("invalid_request", description)


def invalid_client() -> OAuthError:
    return OAuthError("invalid_client", "Client authentication failed: unknown client or wrong secret")


def hash_secret(secret: str) -> str:
    return _SECRETS.hash(secret)


def _verify(stored: str, secret: str) -> bool:
    try:
        return _SECRETS.verify(stored, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _secret_matches(stored: str, secret: str) -> bool:
    """In the hashing processes (token_request took its hash from the budget first)."""
    return hashing.run(_verify, stored, secret)


def parse_form(content_type: str, body: bytes) -> dict[str, str]:
    """The form fields of the request body. Each parameter at most once
    (RFC 6749 section 3.2), UTF-8 without NUL characters, at most MAX_FIELDS
    fields."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime != FORM_TYPE:
        raise invalid_request(f"Content-Type must be {FORM_TYPE}")
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict")
    except ValueError:  # includes UnicodeDecodeError and too many fields
        raise invalid_request(f"The body is not a valid form (UTF-8, at most {MAX_FIELDS} fields)") from None
    form: dict[str, str] = {}
    for key, value in pairs:
        if key in form:
            raise invalid_request(f"Parameter {key} is given more than once")
        if len(value) > MAX_VALUE:
            raise invalid_request(f"Parameter {key} is longer than {MAX_VALUE} characters")
        if "\x00" in key or "\x00" in value:
            raise invalid_request("The body is not a valid form (a NUL character)")
        form[key] = value
    return form


def _basic(authorization: str | None) -> tuple[str, str] | None:
    """HTTP Basic client authentication (RFC 6749 section 2.3.1): the id and
    secret are form-urlencoded, then base64-encoded."""
    if not authorization:
        return None
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise OAuthError("invalid_client", "Malformed HTTP Basic credentials") from None
    client_id, sep, secret = (unquote_plus(x) for x in decoded.partition(":"))
    if not sep or "\x00" in client_id or "\x00" in secret:
        raise OAuthError("invalid_client", "Malformed HTTP Basic credentials")
    return client_id, secret


def _credentials(form: dict[str, str], authorization: str | None) -> tuple[str, str]:
    basic = _basic(authorization)
    in_form = "client_id" in form or "client_secret" in form
    if basic is not None and in_form:
        raise invalid_request("Use one client authentication method: HTTP Basic or the form, not both")
    if basic is not None:
        return basic
    return form.get("client_id", ""), form.get("client_secret", "")


@dataclass(frozen=True)
class TokenRequest:
    """A token request's client credentials and parameters."""

    client_id: str
    secret: str
    grant_type: str
    audience: str


@dataclass(frozen=True)
class Issued:
    """A granted token, to be stored (``save``) before it is answered."""

    client: Client
    grant: Grant
    token_hash: str
    expires_at: datetime


def token_request(form: dict[str, str], authorization: str | None) -> TokenRequest:
    """The client's credentials (HTTP Basic or the form, not both), then one
    hash of the process's budget, taken before the database is read (over it:
    Throttled, HTTP 429; server/domain/hashing.py)."""
    client_id, secret = _credentials(form, authorization)
    hashing.admit()
    return TokenRequest(client_id, secret, form.get("grant_type", ""), form.get("audience", ""))


def find_client(clients: ClientStore, req: TokenRequest) -> Client | None:
    return clients.client(req.client_id) if req.client_id else None


def issue(req: TokenRequest, client: Client | None, lifetime_s: int, now: datetime) -> Issued:
    """Check the client's secret and the grant; a new token.

    Order: client authentication, grant_type, audience (omitted: the client's
    own audience). Runs outside any unit of work: the secret's hash takes
    0.1-0.2 s."""
    # Verify even for an unknown client, so that timing does not tell which
    # client ids exist.
    matches = _secret_matches(client.secret_hash if client else _dummy_hash(), req.secret)
    if client is None or not req.secret or not matches:
        raise invalid_client()
    if not req.grant_type:
        raise invalid_request("grant_type is required (client_credentials)")
    if req.grant_type != GRANT_TYPE:
        raise OAuthError("unsupported_grant_type", f"Only grant_type={GRANT_TYPE} is supported")
    if req.audience and req.audience != client.audience:
        raise OAuthError("invalid_target", "Unknown audience for this client")
    token = new_token(32)
    return Issued(client, Grant(token, lifetime_s), hash_token(token), now + timedelta(seconds=lifetime_s))


def save(clients: ClientStore, issued: Issued, now: datetime) -> Grant:
    """Store the token's hash (in the caller's write unit); the grant to answer."""
    clients.save_token(issued.client, issued.token_hash, issued.expires_at, now)
    return issued.grant
