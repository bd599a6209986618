"""PAM servicer (Valkyrie aggregator): decode, call the domain, encode.

The methods are coroutines on the server's event loop. Each runs the domain
in the wallet's units of work (``server.storage.pam_units``): reads inline on
the loop thread's driver connection (``units.read``: short indexed
statements), writes (refreshSession, addTransaction) through the process's
group-commit writer (``await units.write``), answered once their batch is
committed. Business errors (``PamRejected``, an ``AnsweredDecline``) are
answered with the call's response message and status "ERROR", hard errors
(``PamUnauthenticated``, ``PamBadRequest``) as failed calls, both by
server/api/errors/pam.py. An answer to a call with a valid ``traceparent``
carries the child ``traceparent`` and the ``tracestate`` as response headers
(the edge echoes ``X-Correlation-ID`` on every answer).
"""

from __future__ import annotations

import functools

from google.protobuf import json_format

from pitboss.pam.v1 import pam_pb2, pam_pb2_grpc
from server.api.codec import money, opt
from server.api.context import call_metadata
from server.api.errors.pam import balance as _balance
from server.api.tracing import response_headers
from server.domain.naming import camel
from server.domain.pam import errors as pam_errors
from server.domain.pam import service as svc
from server.domain.pam import wallet
from server.domain.pam.model import LIST_CAPS, ZERO, TxInput, TxView
from server.domain.pam.checks import to_money
from server.observability import metrics

OK = "OK"


def _time(dt) -> str:
    return dt.isoformat().replace("+00:00", "Z")


def _call(fn):
    """Every PAM method: the call's trace headers on its answer (a failed
    call's, business rejections included, come from the PAM error table,
    server/api/errors/pam.py)."""

    @functools.wraps(fn)
    async def wrapper(self, request, context):
        md = call_metadata()
        resp = await fn(self, request, context, md)
        headers = response_headers(md)
        if headers:
            await context.send_initial_metadata(headers)
        return resp

    return wrapper


class PamServicer(pam_pb2_grpc.PamServiceServicer):
    def __init__(self, app) -> None:
        self.app = app
        self.units = app.units.pam
        self.lifetime = app.policies.pam_session
        self.clock = app.clock

    # ---------------------------------------------------------------- session
    @staticmethod
    def _session(s) -> pam_pb2.Session:
        out = pam_pb2.Session(player_id=s.player_id, token=s.token, currency=s.currency, country=s.country,
                              language=s.language)
        if s.game_id:
            out.game_id = s.game_id
        return out

    @_call
    async def GetSession(self, request, context, md):
        view = self.units.read(lambda u: svc.get_session(u, md.get("x-player-token"), request.provider,
                                                         self.clock.now()))
        return pam_pb2.GetSessionResponse(status=OK, session=self._session(view))

    @_call
    async def RefreshSession(self, request, context, md):
        call = self.units.read(lambda u: svc.prepare_refresh(u, md.get("x-player-token"), request.provider))
        view = await self.units.write(lambda u: svc.refresh_session(u, call, self.clock.now(), self.lifetime))
        return pam_pb2.RefreshSessionResponse(status=OK, session=self._session(view))

    # ---------------------------------------------------------------- balance
    @_call
    async def GetBalance(self, request, context, md):
        token = md.get("x-player-token")
        b = self.units.read(lambda u: svc.get_balance(u, token, request.provider, request.player_id))
        return pam_pb2.GetBalanceResponse(status=OK, balance=_balance(b))

    # ----------------------------------------------------------- transactions
    @_call
    async def GetTransactions(self, request, context, md):
        tx_id = opt(request, "provider_transaction_id")
        bet_ref = opt(request, "provider_bet_ref")
        token = md.get("x-player-token")
        rows = self.units.read(lambda u: svc.get_transactions(u, token, request.provider, request.player_id, tx_id,
                                                              bet_ref))
        return pam_pb2.GetTransactionsResponse(status=OK, transactions=[encode_tx(t) for t in rows])

    @_call
    async def AddTransaction(self, request, context, md):
        tx = decode_tx(request.transaction)
        token = md.get("x-player-token")
        try:
            call = self.units.read(lambda u: wallet.prepare_transaction(u, token, request.provider,
                                                                        request.player_id, tx))
            result = await self.units.write(lambda u: wallet.add_transaction(u, call, self.clock.now(),
                                                                            self.app.protection_clock.now))
        except pam_errors.PamRejected as e:
            metrics.wallet_operation(tx.transaction_type, e.code)
            if e.balance is None and e.code == pam_errors.TIMEOUT:  # a refused booking shows the balance, read now
                e.balance = self.units.read(lambda u: wallet.balance_for_error(u, request.player_id))
            raise  # answered by the PAM table (server/api/errors/pam.py)
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
    @_call
    async def GetGameRound(self, request, context, md):
        token = md.get("x-player-token")
        r = self.units.read(lambda u: svc.get_game_round(u, token, request.provider, request.player_id,
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
