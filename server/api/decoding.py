"""Requests are decoded by the interceptor, not by grpcio.

grpcio decodes a request before any interceptor runs and answers a message it
cannot decode with a bare INTERNAL "Exception deserializing request!" (HTTP 500
through the edge). Such a message is the caller's fault: a string field that
is not valid UTF-8 (``%C0%AF`` in a path or query, invalid bytes in a JSON
body) or a loosely typed JSON value (``google.protobuf.Struct`` / ``Value``)
nested deeper than the protobuf decoder allows (about 32 levels of objects).

So the interceptor (``server.api.interceptors``) lets grpcio hand over the
raw bytes and decodes them itself, after authentication; a failure raises the
family's own "malformed request" domain error (``malformed``), rendered like
any other (HTTP 400 in the family's error shape, gRPC INVALID_ARGUMENT).
"""

from __future__ import annotations

from server.api.errors import package_of
from server.domain import errors as E
from server.domain.gateway import errors as G
from server.domain.mts import errors as M
from server.domain.pam import errors as P

MESSAGE = ("The request could not be read: every text must be valid UTF-8, and JSON values may be nested at most "
           "32 levels deep.")


def malformed(method: str) -> E.DomainError:
    """The family's answer to a request that cannot be decoded."""
    pkg = package_of(method)
    if pkg == "pitboss.pam.v1":
        return P.bad_request(P.UNDEFINED, "request", MESSAGE)
    if pkg == "pitboss.gateway.v1":
        return G.InvalidInput(MESSAGE)
    if pkg == "pitboss.mts.v1":
        return M.MtsUnroutable(M.ERR_MALFORMED, "Malformed message: not valid UTF-8, or nested too deeply")
    return E.ValidationFailed([E.FieldViolation("request", "malformed", MESSAGE)])
