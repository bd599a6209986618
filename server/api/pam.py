"""PAM servicer (Valkyrie aggregator): decode, call the domain, encode.

Business errors (``PamRejected``) are answered here as normal responses with
status "ERROR"; hard errors (``PamUnauthenticated``, ``PamBadRequest``) go
to the renderer in server/api/errors.py. Every answer carries the child
``traceparent`` (and the ``tracestate`` and ``x-correlation-id``) as
response headers.
"""

from __future__ import annotations

import functools
from datetime import timedelta

from google.protobuf import json_format

from pitboss.pam.v1 import pam_pb2, pam_pb2_grpc
from server.api.codec import money, opt
from server.api.interceptors import metadata_dict
from server.api.tracing import response_headers
from server.domain import errors as E
from server.domain.pam import errors as P
from server.domain.pam import service as svc
from server.security import hash_token
from server.storage.repositories.pam import PamRepository, write_unit
from server.storage.types import utcnow

OK, ERROR = "OK", "ERROR"


def authenticate(app, md: dict[str, str]):
    """The aggregator's bearer token (stored hashed). Bad or missing: 401
    PAM_ERR_API_TOKEN."""
    from server.api.auth import bearer

    token = bearer(md)
    client = None
    if token:
        with app.db.session() as s:
            client = PamRepository(s).api_client_by_hash(hash_token(token))
    if client is None:
        exc = P.PamUnauthenticated(P.API_TOKEN, "The Authorization bearer token is not a PAM API token.")
        exc.extra["headers"] = response_headers(md)
        raise exc
    return client.name


def _error(code: str, message: str) -> pam_pb2.PamError:
    return pam_pb2.PamError(code=pam_pb2.PamErr.Value(code), message=message)


def _balance(b: svc.Balance | None) -> pam_pb2.Balance | None:
    if b is None:
        return None
    return pam_pb2.Balance(cash_amount=money(b.cash), bonus_amount=money(b.bonus), promo_amount=money(b.promo))


def _time(dt) -> str:
    return dt.isoformat().replace("+00:00", "Z")


def _call(fn):
    """Trace headers on every answer; hard errors carry them too."""

    @functools.wraps(fn)
    def wrapper(self, request, context):
        md = metadata_dict(context)
        headers = response_headers(md)
        try:
            resp = fn(self, request, context, md)
        except E.DomainError as exc:
            exc.extra["headers"] = headers
            raise
        if headers:
            context.send_initial_metadata(headers)
        return resp

    return wrapper


class PamServicer(pam_pb2_grpc.PamServiceServicer):
    def __init__(self, app) -> None:
        self.app = app

    @property
    def lifetime(self) -> timedelta:
        return timedelta(minutes=self.app.settings.pam_session_minutes)

    # ---------------------------------------------------------------- session
    def _session(self, s: svc.SessionView) -> pam_pb2.Session:
        out = pam_pb2.Session(player_id=s.player_id, token=s.token, currency=s.currency, country=s.country,
                              language=s.language)
        if s.game_id:
            out.game_id = s.game_id
        return out

    @_call
    def GetSession(self, request, context, md):
        with self.app.db.session() as s:
            try:
                view = svc.get_session(PamRepository(s), md.get("x-player-token"), request.provider, utcnow())
            except P.PamRejected as e:
                return pam_pb2.GetSessionResponse(status=ERROR, error=_error(e.code, e.message))
        return pam_pb2.GetSessionResponse(status=OK, session=self._session(view))

    @_call
    def RefreshSession(self, request, context, md):
        def work(repo):
            return svc.refresh_session(repo, md.get("x-player-token"), request.provider, utcnow(), self.lifetime)

        try:
            view = write_unit(self.app.db, self.app.settings.pam_lock_timeout_ms, work)
        except P.PamRejected as e:
            return pam_pb2.RefreshSessionResponse(status=ERROR, error=_error(e.code, e.message))
        return pam_pb2.RefreshSessionResponse(status=OK, session=self._session(view))

    # ---------------------------------------------------------------- balance
    @_call
    def GetBalance(self, request, context, md):
        with self.app.db.session() as s:
            try:
                b = svc.get_balance(PamRepository(s), md.get("x-player-token"), request.provider, request.player_id)
            except P.PamRejected as e:
                return pam_pb2.GetBalanceResponse(status=ERROR, error=_error(e.code, e.message),
                                                  balance=_balance(e.balance))
        return pam_pb2.GetBalanceResponse(status=OK, balance=_balance(b))

    # ----------------------------------------------------------- transactions
    @_call
    def GetTransactions(self, request, context, md):
        tx_id = opt(request, "provider_transaction_id")
        bet_ref = opt(request, "provider_bet_ref")
        with self.app.db.session() as s:
            try:
                rows = svc.get_transactions(PamRepository(s), md.get("x-player-token"), request.provider,
                                            request.player_id, tx_id, bet_ref)
            except P.PamRejected as e:
                return pam_pb2.GetTransactionsResponse(status=ERROR, error=_error(e.code, e.message))
        return pam_pb2.GetTransactionsResponse(status=OK, transactions=[encode_tx(t) for t in rows])

    @_call
    def AddTransaction(self, request, context, md):
        tx = decode_tx(request.transaction if request.HasField("transaction") else pam_pb2.Transaction())
        token = md.get("x-player-token")

        def work(repo):
            return svc.add_transaction(repo, token, request.provider, request.player_id, tx, utcnow())

        try:
            result = write_unit(self.app.db, self.app.settings.pam_lock_timeout_ms, work)
        except P.PamRejected as e:
            bal = e.balance
            if bal is None and e.code == P.TIMEOUT:
                with self.app.db.session() as s:
                    bal = svc.balance_for_error(PamRepository(s), request.player_id)
            res = pam_pb2.TransactionResult(balance=_balance(bal)) if bal is not None else None
            return pam_pb2.AddTransactionResponse(status=ERROR, error=_error(e.code, e.message),
                                                  transaction_result=res)
        return pam_pb2.AddTransactionResponse(
            status=OK,
            transaction_result=pam_pb2.TransactionResult(transaction_id=result.transaction_id,
                                                         balance=_balance(result.balance)),
        )

    # ------------------------------------------------------------------ round
    @_call
    def GetGameRound(self, request, context, md):
        with self.app.db.session() as s:
            try:
                r = svc.get_game_round(PamRepository(s), md.get("x-player-token"), request.provider,
                                       request.player_id, request.provider_game_round_id)
            except P.PamRejected as e:
                return pam_pb2.GetGameRoundResponse(status=ERROR, error=_error(e.code, e.message))
        out = pam_pb2.GameRound(provider_game_id=r.provider_game_id, provider_round_id=r.provider_round_id,
                                start_time=_time(r.start_time))
        if r.end_time is not None:
            out.end_time = _time(r.end_time)
        return pam_pb2.GetGameRoundResponse(status=OK, gameround=out)


# ------------------------------------------------------------------ codec

_STRINGS = ("currency", "provider", "transaction_type", "transaction_date_time", "provider_transaction_id",
            "provider_bet_ref", "provider_game_id", "provider_round_id", "bet_code")
_AMOUNTS = (("cash_amount", "cashAmount"), ("bonus_amount", "bonusAmount"), ("promo_amount", "promoAmount"))
_EXTRAS = ("promos", "jackpots", "tip", "round_transactions")


def decode_tx(m: pam_pb2.Transaction) -> svc.TxInput:
    tx = svc.TxInput()
    for name in _STRINGS:
        if m.HasField(name):
            setattr(tx, name, getattr(m, name))
    if tx.transaction_type:
        tx.transaction_type = tx.transaction_type.upper()
    for name, key in _AMOUNTS:
        if m.HasField(name):
            d = svc.to_money(getattr(m, name))
            if d is None:
                tx.bad_amounts.append(key)
            setattr(tx, name, d if d is not None else svc.ZERO)
    if m.HasField("is_game_over"):
        tx.is_game_over = m.is_game_over
    full = json_format.MessageToDict(m)
    tx.extras = {k: full[k] for k in ("promos", "jackpots", "tip", "roundTransactions") if k in full}
    return tx


def encode_tx(t: svc.TxView) -> pam_pb2.Transaction:
    out = pam_pb2.Transaction(
        currency=t.currency, provider=t.provider, transaction_type=t.transaction_type,
        cash_amount=money(t.cash_amount), bonus_amount=money(t.bonus_amount), promo_amount=money(t.promo_amount),
        transaction_date_time=_time(t.transaction_date_time), provider_transaction_id=t.provider_transaction_id,
    )
    for name in ("provider_bet_ref", "provider_game_id", "provider_round_id", "bet_code"):
        if getattr(t, name) is not None:
            setattr(out, name, getattr(t, name))
    if t.is_game_over is not None:
        out.is_game_over = t.is_game_over
    if t.extras:
        extra = pam_pb2.Transaction()
        json_format.ParseDict(t.extras, extra, ignore_unknown_fields=True)
        for name in _EXTRAS:
            if name == "tip":
                if extra.HasField("tip"):
                    out.tip.CopyFrom(extra.tip)
            else:
                getattr(out, name).extend(getattr(extra, name))
    return out
