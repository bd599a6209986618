"""The one way a command prints a refused gRPC call: its code, message and
rich details (``google.rpc.Status``) as JSON on stderr; exit status 1."""

from __future__ import annotations

import json
import sys

import grpc
from google.protobuf import json_format
from google.rpc import error_details_pb2  # noqa: F401  (registers detail types)
from grpc_status import rpc_status


def print_rpc_error(e: grpc.RpcError) -> int:
    out = {"code": e.code().name, "message": e.details()}
    st = rpc_status.from_call(e)
    if st is not None:
        out["details"] = [json_format.MessageToDict(d) for d in st.details]
    print(json.dumps(out, indent=2), file=sys.stderr)
    return 1
