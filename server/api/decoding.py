"""Requests are decoded by the interceptor, not by grpcio.

grpcio decodes a request before any interceptor runs and answers a message it
cannot decode with a bare INTERNAL "Exception deserializing request!" (HTTP 500
through the edge). Such a message is the caller's fault: a string field that
is not valid UTF-8 (``%C0%AF`` in a path or query, invalid bytes in a JSON
body) or a loosely typed JSON value (``google.protobuf.Struct`` / ``Value``)
nested deeper than the protobuf decoder allows (about 32 levels of objects).
So is a text with a NUL character (U+0000: ``%00`` in a path or query,
``"\\u0000"`` in JSON), which decodes but which PostgreSQL cannot take as a
text parameter (``has_nul``).

So the interceptor (``server.api.interceptors``) lets grpcio hand over the
raw bytes and decodes them itself, after authentication; a failure raises the
family's own "malformed request" domain error (``malformed``), rendered like
any other (HTTP 400 in the family's error shape, gRPC INVALID_ARGUMENT).
"""

from __future__ import annotations

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from server.api.method import parse
from server.domain import errors as domain_errors
from server.domain.gateway import errors as G
from server.domain.mts import errors as mts_errors
from server.domain.pam import errors as pam_errors

MESSAGE = ("The request could not be read: every text must be valid UTF-8 without NUL characters (U+0000), and JSON "
           "values may be nested at most 32 levels deep.")

_STRING = FieldDescriptor.TYPE_STRING
_MESSAGE = FieldDescriptor.TYPE_MESSAGE
# Loosely typed JSON: read and checked by the family that takes it (MTS's
# envelope, the gateway's optOut and limits, VIP's transactionType).
_JSON = frozenset(("google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue"))


def has_nul(message: Message) -> bool:
    """Whether a string of ``message`` (nested messages, lists and maps
    included; JSON ``Struct``/``Value`` left to their readers) holds U+0000.

    No partner text means anything with it, and PostgreSQL's text columns
    cannot hold it (a parameter with it fails the statement, even a look-up),
    so it is refused as undecodable. Cheap for the common case: a caller
    checks the raw message for a zero byte first."""
    for fd, value in message.ListFields():
        if fd.type == _STRING:
            if any("\x00" in v for v in value) if fd.is_repeated else "\x00" in value:
                return True
        elif fd.type == _MESSAGE and fd.message_type.full_name not in _JSON:
            if fd.message_type.GetOptions().map_entry:
                if _map_has_nul(fd, value):
                    return True
            elif fd.is_repeated:
                if any(has_nul(m) for m in value):
                    return True
            elif has_nul(value):
                return True
    return False


def _map_has_nul(fd: FieldDescriptor, value) -> bool:
    key_fd, value_fd = fd.message_type.fields_by_name["key"], fd.message_type.fields_by_name["value"]
    for k in value:
        if key_fd.type == _STRING and "\x00" in k:
            return True
        v = value[k]
        if value_fd.type == _STRING and "\x00" in v:
            return True
        if value_fd.type == _MESSAGE and value_fd.message_type.full_name not in _JSON and has_nul(v):
            return True
    return False


def malformed(method: str) -> domain_errors.DomainError:
    """The family's answer to a request that cannot be decoded."""
    pkg = parse(method).package
    if pkg == "pitboss.pam.v1":
        return pam_errors.bad_request(pam_errors.UNDEFINED, "request", MESSAGE)
    if pkg == "pitboss.gateway.v1":
        return G.InvalidInput(MESSAGE)
    if pkg == "pitboss.mts.v1":
        return mts_errors.MtsUnroutable(mts_errors.ERR_MALFORMED, "Malformed message: not valid UTF-8, or nested too deeply")
    return domain_errors.ValidationFailed([domain_errors.FieldViolation("request", "malformed", MESSAGE)])
