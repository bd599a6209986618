"""PAM's error table. Hard errors: HTTP 401 (API token, session) and 400
(provider, malformed call) with the document's wrapper
{"status": "ERROR", "error": {"code": "PAM_ERR_...", "message": ...}}; gRPC
callers get the same PamError as a detail. Business errors (``PamRejected``,
an ``AnsweredDecline``) are normal answers (HTTP 200) of the call's response
message with status ERROR (``answer``); gRPC callers get FAILED_PRECONDITION
with that message as a detail. Every PAM answer, errors included, carries
the call's trace headers."""

from __future__ import annotations

from pitboss.pam.v1 import pam_pb2
from server.api import edge
from server.api.codec import money
from server.api.errors.core import C, Answer, Call, Rendering, Row, bad_request, find, from_row
from server.api.tracing import response_headers
from server.domain import errors as domain_errors
from server.domain.pam import errors as pam_errors
from server.domain.pam.model import Balance

UNDEFINED = "PAM_ERR_UNDEFINED"
INTERNAL = "Internal error."

def error_body(code: str, message: str) -> tuple[pam_pb2.PamError, dict]:
    err = pam_pb2.PamError(code=pam_pb2.PamErr.Value(code), message=message)
    return err, {"status": "ERROR", "error": edge.to_json_dict(err)}


def _text(exc: domain_errors.DomainError) -> str:
    return exc.message or INTERNAL


def _row(exc: type[domain_errors.DomainError], status: int, code: str, own: bool, when=None) -> Row:
    """Errors of type ``exc``: HTTP ``status`` with the wrapper of PAM code
    ``code`` (the error's own ``code`` when ``own`` and it names one)."""

    def pam_code(e) -> str:
        return getattr(e, "code", code) if own else code

    return Row(exc, None, status, body=lambda e: error_body(pam_code(e), _text(e))[1],
               details=lambda e: [error_body(pam_code(e), _text(e))[0], *bad_request(e)], message=_text, when=when)


# The first match wins.
TABLE: list[Row] = [
    _row(domain_errors.Unauthenticated, 401, "PAM_ERR_API_TOKEN", True),
    _row(domain_errors.ValidationFailed, 400, UNDEFINED, True),
    # Only with a PAM_ERR_ code.
    _row(domain_errors.Declined, 200, UNDEFINED, True, when=lambda e: str(getattr(e, "code", "")).startswith("PAM_ERR_")),
    _row(domain_errors.DomainError, 400, UNDEFINED, False),
]


def balance(b: Balance | None) -> pam_pb2.Balance | None:
    if b is None:
        return None
    return pam_pb2.Balance(cash_amount=money(b.cash), bonus_amount=money(b.bonus), promo_amount=money(b.promo))


def rejected_answer(response_cls, exc: pam_errors.PamRejected):
    """A business rejection as ``response_cls`` with status ERROR and the PAM
    code, and the balance where the document shows one with it."""
    fields = response_cls.DESCRIPTOR.fields_by_name
    extra: dict = {}
    if "balance" in fields:
        extra["balance"] = balance(exc.balance)
    if "transaction_result" in fields and exc.balance is not None:
        extra["transaction_result"] = pam_pb2.TransactionResult(balance=balance(exc.balance))
    err = pam_pb2.PamError(code=pam_pb2.PamErr.Value(exc.code), message=exc.message)
    return response_cls(status="ERROR", error=err, **extra)


def answer(exc: domain_errors.DomainError, call: Call) -> Answer | None:
    response = call.decline_response
    if not isinstance(exc, pam_errors.PamRejected) or response is None:
        return None
    msg = rejected_answer(response, exc)
    # The JSON body as the transcoder prints the response message.
    return Answer(exc.message, 200, edge.transcoded(msg), [msg], response_headers(call.metadata))


def render(exc: domain_errors.DomainError | None, call: Call | None = None) -> Rendering:
    if exc is None:
        err, body = error_body(UNDEFINED, INTERNAL)
        return Rendering(C.INTERNAL, INTERNAL, 500, body, [err])
    r = from_row(find(TABLE, exc), exc)
    if call is not None:
        r.metadata += response_headers(call.metadata)
    return r


# Envoy's own answers on PAM paths (envoy/envoy.yaml.tmpl): the document's wrapper.
def envoy_replies() -> dict[str, object]:
    def wrapper(message: str) -> dict:
        return {"status": "ERROR", "error": {"code": UNDEFINED, "message": message}}

    return {
        "PAM_4XX": wrapper("Malformed request (HTTP %RESPONSE_CODE%): the path, query or JSON body is not valid"
                           " for this call."),
        "PAM_OTHER": wrapper("The service is temporarily unavailable (HTTP %RESPONSE_CODE%)."),
    }
