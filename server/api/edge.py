"""How a servicer tells the Envoy edge what HTTP status and body to answer.

The transcoder alone can only map gRPC codes to a fixed set of HTTP statuses
and print the response message. Partner documents need more (201, 204, 303,
422, custom error bodies), so the server sends two metadata entries that the
Lua edge filter (envoy/edge.lua) applies and then strips:

- ``x-pitboss-http-status``: the HTTP status to answer;
- ``x-pitboss-http-body``: the exact JSON body (ASCII; non-ASCII is \\u-escaped).

For a success they travel as initial metadata (HTTP headers); for an error as
trailing metadata of the aborted call. gRPC callers may ignore both: they get
the response message, or an honest status code with typed details.
"""

from __future__ import annotations

import json

import grpc
from google.protobuf import json_format
from google.protobuf.message import Message

HTTP_STATUS = "x-pitboss-http-status"
HTTP_BODY = "x-pitboss-http-body"


def to_json_dict(msg: Message) -> dict:
    """The message as the transcoder prints it (json_name keys, every plain
    scalar printed)."""
    return json_format.MessageToDict(msg, always_print_fields_with_no_presence=True)


def _integral(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _integral(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integral(v) for v in value]
    return value


def transcoded(msg: Message) -> dict:
    """The message exactly as the transcoder prints a response: as
    ``to_json_dict``, with a whole double as an integer (6, not 6.0)."""
    return _integral(to_json_dict(msg))


def dump(body: dict | list | str | None) -> str:
    return json.dumps(body, ensure_ascii=True, separators=(",", ":"))


def hints(status: int, body: dict | list | None = None, *, empty: bool = False) -> list[tuple[str, str]]:
    md = [(HTTP_STATUS, str(status))]
    if empty:
        md.append((HTTP_BODY, ""))
    elif body is not None:
        md.append((HTTP_BODY, dump(body)))
    return md


def answer(context: grpc.ServicerContext, status: int, body: dict | list | None = None, *, empty: bool = False) -> None:
    """For a successful call: answer HTTP ``status`` (and ``body`` instead of the
    transcoded message when given; no body at all when ``empty``)."""
    context.send_initial_metadata(hints(status, body, empty=empty))


def answer_message(context: grpc.ServicerContext, msg: Message, status: int = 200, omit: tuple[str, ...] = ()) -> None:
    """Answer ``msg`` rendered by the server, leaving out the JSON keys in
    ``omit`` (for keys a document says are absent rather than empty)."""
    body = to_json_dict(msg)
    for key in omit:
        body.pop(key, None)
    answer(context, status, body)
