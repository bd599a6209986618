"""PAM servicer (Valkyrie aggregator): decode, call the domain, encode.

The methods are coroutines on the server's event loop: reads run inline on
the loop thread's driver connection (short indexed statements), writes
(refreshSession, addTransaction) join the process's group-commit writer and
are answered once their batch is committed. Business errors (``PamRejected``)
are normal answers with status "ERROR" (``_call`` builds them with the PAM
table's ``rejected_answer``); hard errors (``PamUnauthenticated``,
``PamBadRequest``) are failed calls rendered by server/api/errors/pam.py. An answer to a call with a valid ``traceparent``
carries the child ``traceparent`` and the ``tracestate`` as response headers
(the edge echoes ``X-Correlation-ID`` on every answer).
"""

from __future__ import annotations

import functools
from datetime import timedelta

from google.protobuf import json_format

from pitboss.pam.v1 import pam_pb2, pam_pb2_grpc
from server.api.codec import money, opt
from server.api.context import call_metadata
from server.api.errors.pam import rejected_answer
from server.api.tracing import response_headers
from server.domain.naming import camel
from server.domain.pam import errors as pam_errors
from server.domain.pam import service as svc
from server.domain.pam import wallet
from server.domain.pam.model import LIST_CAPS, ZERO, Balance, TxInput, TxView
from server.domain.pam.checks import to_money
from server.observability import metrics
from server.observability import tracing as otel
from server.storage.repositories.pam import PamStore
from server.storage.sql import DRIVER_ERRORS, LockTimeout
from server.storage.types import utcnow

OK = "OK"


def _balance(b: Balance | None) -> pam_pb2.Balance | None:
    if b is None:
        return None
    return pam_pb2.Balance(cash_amount=money(b.cash), bonus_amount=money(b.bonus), promo_amount=money(b.promo))


def _time(dt) -> str:
    return dt.isoformat().replace("+00:00", "Z")


def _call(response_cls, extra=None):
    """Every PAM method: trace headers on every answer (hard errors get theirs
    from the PAM error table, server/api/errors/pam.py), and a business
    rejection (``PamRejected``) answered as ``response_cls`` with status ERROR
    (``rejected_answer`` of the PAM table; ``extra(servicer, request, e)``
    adds the fields the document shows with it, e.g. the balance)."""

    def wrap(fn):
        @functools.wraps(fn)
        async def wrapper(self, request, context):
            md = call_metadata()
            headers = response_headers(md)
            try:
                resp = await fn(self, request, context, md)
            except pam_errors.PamRejected as e:
                fields = extra(self, request, e) if extra is not None else {}
                resp = rejected_answer(response_cls, e.code, e.message, **fields)
            if headers:
                await context.send_initial_metadata(headers)
            return resp

        return wrapper

    return wrap


class PamServicer(pam_pb2_grpc.PamServiceServicer):
    def __init__(self, app) -> None:
        self.app = app
        self.db = app.db
        self.lifetime = timedelta(minutes=app.settings.pam_session_minutes)

    # ------------------------------------------------------------ storage
    def _reader(self) -> PamStore:
        return PamStore(self.db.sql(), self.db.reference)

    def _read(self, fn):
        """``fn(store)`` on this thread's connection (reconnects after a
        driver error)."""
        try:
            if otel.TRACER is not None:
                with otel.db_span("db.read"):
                    return fn(self._reader())
            return fn(self._reader())
        except DRIVER_ERRORS:
            self.db.discard_sql()
            raise

    async def _write(self, fn):
        """``fn(store)`` in a group-commit transaction; a lock wait beyond
        PITBOSS_PAM_LOCK_TIMEOUT_MS is PAM_ERR_TIMEOUT."""
        cache = self.db.reference
        try:
            return await self.db.writer.run_async(lambda conn: fn(PamStore(conn, cache)))
        except LockTimeout:
            raise pam_errors.PamRejected(pam_errors.TIMEOUT, "Timed out waiting for the player's account.") from None

    # ---------------------------------------------------------------- session
    @staticmethod
    def _session(s) -> pam_pb2.Session:
        out = pam_pb2.Session(player_id=s.player_id, token=s.token, currency=s.currency, country=s.country,
                              language=s.language)
        if s.game_id:
            out.game_id = s.game_id
        return out

    @_call(pam_pb2.GetSessionResponse)
    async def GetSession(self, request, context, md):
        view = self._read(lambda r: svc.get_session(r, md.get("x-player-token"), request.provider, utcnow()))
        return pam_pb2.GetSessionResponse(status=OK, session=self._session(view))

    @_call(pam_pb2.RefreshSessionResponse)
    async def RefreshSession(self, request, context, md):
        call = self._read(lambda r: svc.prepare_refresh(r, md.get("x-player-token"), request.provider))
        view = await self._write(lambda store: svc.refresh_session(store, call, utcnow(), self.lifetime))
        return pam_pb2.RefreshSessionResponse(status=OK, session=self._session(view))

    # ---------------------------------------------------------------- balance
    @_call(pam_pb2.GetBalanceResponse, extra=lambda self, request, e: {"balance": _balance(e.balance)})
    async def GetBalance(self, request, context, md):
        token = md.get("x-player-token")
        b = self._read(lambda r: svc.get_balance(r, token, request.provider, request.player_id))
        return pam_pb2.GetBalanceResponse(status=OK, balance=_balance(b))

    # ----------------------------------------------------------- transactions
    @_call(pam_pb2.GetTransactionsResponse)
    async def GetTransactions(self, request, context, md):
        tx_id = opt(request, "provider_transaction_id")
        bet_ref = opt(request, "provider_bet_ref")
        token = md.get("x-player-token")
        rows = self._read(lambda r: svc.get_transactions(r, token, request.provider, request.player_id, tx_id,
                                                         bet_ref))
        return pam_pb2.GetTransactionsResponse(status=OK, transactions=[encode_tx(t) for t in rows])

    def _rejected_result(self, request, e) -> dict:
        """A refused booking shows the balance (after a lock timeout, read now)."""
        bal = e.balance
        if bal is None and e.code == pam_errors.TIMEOUT:
            bal = self._read(lambda r: wallet.balance_for_error(r, request.player_id))
        return {"transaction_result": pam_pb2.TransactionResult(balance=_balance(bal)) if bal is not None else None}

    @_call(pam_pb2.AddTransactionResponse, extra=lambda self, request, e: self._rejected_result(request, e))
    async def AddTransaction(self, request, context, md):
        tx = decode_tx(request.transaction)
        token = md.get("x-player-token")
        try:
            call = self._read(lambda r: wallet.prepare_transaction(r, token, request.provider, request.player_id,
                                                                   tx))
            result = await self._write(lambda store: wallet.add_transaction(store, call, utcnow(), self.app.clock))
        except pam_errors.PamRejected as e:
            metrics.wallet_operation(tx.transaction_type, e.code)
            raise  # answered by _call with the PAM table's rejected_answer
        if result.replayed:
            metrics.wallet_operation(tx.transaction_type, "REPLAYED")
        else:
            metrics.wallet_operation(tx.transaction_type, OK)
            metrics.money_moved(tx.currency, tx.transaction_type, _moved(tx))
        return pam_pb2.AddTransactionResponse(
            status=OK,
            transaction_result=pam_pb2.TransactionResult(transaction_id=result.transaction_id,
                                                         balance=_balance(result.balance)),
        )

    # ------------------------------------------------------------------ round
    @_call(pam_pb2.GetGameRoundResponse)
    async def GetGameRound(self, request, context, md):
        token = md.get("x-player-token")
        r = self._read(lambda s: svc.get_game_round(s, token, request.provider, request.player_id,
                                                    request.provider_game_round_id))
        out = pam_pb2.GameRound(provider_game_id=r.provider_game_id, provider_round_id=r.provider_round_id,
                                start_time=_time(r.start_time))
        if r.end_time is not None:
            out.end_time = _time(r.end_time)
        return pam_pb2.GetGameRoundResponse(status=OK, gameround=out)


def _moved(tx: TxInput):
    return (tx.cash_amount or ZERO) + (tx.bonus_amount or ZERO) + (tx.promo_amount or ZERO)


# ------------------------------------------------------------------ codec

_STRINGS = ("currency", "provider", "transaction_type", "transaction_date_time", "provider_transaction_id",
            "provider_bet_ref", "provider_game_id", "provider_round_id", "bet_code")
_AMOUNTS = tuple((a, camel(a)) for a in ("cash_amount", "bonus_amount", "promo_amount"))
_EXTRAS = ("promos", "jackpots", "tip", "round_transactions")


def decode_tx(m: pam_pb2.Transaction) -> TxInput:
    tx = TxInput()
    for name in _STRINGS:
        if m.HasField(name):
            setattr(tx, name, getattr(m, name))
    if tx.transaction_type:
        tx.transaction_type = tx.transaction_type.upper()
    for name, key in _AMOUNTS:
        if m.HasField(name):
            d = to_money(getattr(m, name))
            if d is None:
                tx.bad_amounts.append(key)
            setattr(tx, name, d if d is not None else ZERO)
    if m.HasField("is_game_over"):
        tx.is_game_over = m.is_game_over
    tx.list_sizes = {"promos": len(m.promos), "jackpots": len(m.jackpots),
                     "roundTransactions": len(m.round_transactions),
                     "jackpotBuckets": max((len(j.jackpot_buckets) for j in m.jackpots), default=0)}
    over = any(n > LIST_CAPS[k] for k, n in tx.list_sizes.items())
    # Over a cap the body is refused (checks.check_tx): not worth converting.
    if not over and (m.promos or m.jackpots or m.round_transactions or m.HasField("tip")):
        full = json_format.MessageToDict(m)
        tx.extras = {k: full[k] for k in ("promos", "jackpots", "tip", "roundTransactions") if k in full}
    return tx


def encode_tx(t: TxView) -> pam_pb2.Transaction:
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
