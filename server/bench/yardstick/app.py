"""The yardstick service (see the package's docstring): not product code.

The simplest idiomatic FastAPI + SQLModel version of the two PAM calls,
correct and reasonably written: the caller's API token and the player's game
token are checked, a bet is idempotent on (provider, providerTransactionId,
transactionType), the wallet never goes below zero, and each accepted
transaction books the round, the transaction, the new balance and a ledger
entry in one transaction. On PostgreSQL the wallet row is locked
(``SELECT ... FOR UPDATE``); on SQLite a write transaction starts with
``BEGIN IMMEDIATE`` (WAL, ``synchronous=FULL``: the same durability as
Pitboss). Tables are Pitboss's own (the bench seeds them); the models below
name only the columns these calls use, on a registry of their own.

Run: ``YARDSTICK_DATABASE_URL=... uvicorn server.bench.yardstick.app:app``.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from decimal import Decimal
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field as PField
from sqlalchemy import Column, event
from sqlalchemy.orm import registry
from sqlmodel import Field, Session, SQLModel, create_engine, select

from server.storage.types import Money, UtcDateTime


class Base(SQLModel, registry=registry()):
    pass


def _now() -> datetime:
    return datetime.now(timezone.utc)


class ApiClient(Base, table=True):
    __tablename__ = "pam_api_client"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    token_hash: str


class GameSession(Base, table=True):
    __tablename__ = "pam_session"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str
    player_id: str
    provider: str
    expires_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))


class Account(Base, table=True):
    __tablename__ = "pam_account"
    player_id: str = Field(primary_key=True)
    currency: str
    cash_amount: Decimal = Field(sa_column=Column(Money(), nullable=False))
    bonus_amount: Decimal = Field(sa_column=Column(Money(), nullable=False))
    promo_amount: Decimal = Field(sa_column=Column(Money(), nullable=False))
    updated_at: datetime = Field(default_factory=_now, sa_column=Column(UtcDateTime(), nullable=False))


class GameRound(Base, table=True):
    __tablename__ = "pam_round"
    id: int | None = Field(default=None, primary_key=True)
    player_id: str
    provider: str
    provider_round_id: str
    provider_game_id: str
    started_at: datetime = Field(default_factory=_now, sa_column=Column(UtcDateTime(), nullable=False))
    ended_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime(), nullable=True))
    stake: Decimal = Field(default=Decimal(0), sa_column=Column(Money(), nullable=False))
    payout: Decimal = Field(default=Decimal(0), sa_column=Column(Money(), nullable=False))


class Tx(Base, table=True):
    __tablename__ = "pam_transaction"
    id: int | None = Field(default=None, primary_key=True)
    public_id: str
    player_id: str
    provider: str
    transaction_type: str
    provider_transaction_id: str
    provider_game_id: str | None = None
    provider_round_id: str | None = None
    round_id: int | None = None
    currency: str
    cash_amount: Decimal = Field(sa_column=Column(Money(), nullable=False))
    bonus_amount: Decimal = Field(sa_column=Column(Money(), nullable=False))
    promo_amount: Decimal = Field(sa_column=Column(Money(), nullable=False))
    transaction_date_time: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    extras: str = "{}"
    session_id: int | None = None
    created_at: datetime = Field(default_factory=_now, sa_column=Column(UtcDateTime(), nullable=False))


class Ledger(Base, table=True):
    __tablename__ = "pam_ledger"
    id: int | None = Field(default=None, primary_key=True)
    player_id: str
    kind: str
    transaction_id: int | None = None
    cash_delta: Decimal = Field(sa_column=Column(Money(), nullable=False))
    bonus_delta: Decimal = Field(sa_column=Column(Money(), nullable=False))
    promo_delta: Decimal = Field(sa_column=Column(Money(), nullable=False))
    cash_after: Decimal = Field(sa_column=Column(Money(), nullable=False))
    bonus_after: Decimal = Field(sa_column=Column(Money(), nullable=False))
    promo_after: Decimal = Field(sa_column=Column(Money(), nullable=False))
    created_at: datetime = Field(default_factory=_now, sa_column=Column(UtcDateTime(), nullable=False))


class TransactionIn(BaseModel):
    currency: str = PField(pattern=r"^[A-Z]{3}$")
    provider: str
    transactionType: str
    cashAmount: Decimal = PField(ge=0, decimal_places=6)
    bonusAmount: Decimal = PField(default=Decimal(0), ge=0, decimal_places=6)
    promoAmount: Decimal = PField(default=Decimal(0), ge=0, decimal_places=6)
    transactionDateTime: datetime
    providerTransactionId: str = PField(min_length=1, max_length=40)
    providerGameId: str | None = PField(default=None, max_length=40)
    providerRoundId: str | None = PField(default=None, max_length=40)


def _engine():
    url = os.environ["YARDSTICK_DATABASE_URL"]
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5})

        # SQLAlchemy's documented recipe for SQLite transactions: the driver's
        # own BEGIN handling off, BEGIN IMMEDIATE for a write.
        @event.listens_for(engine, "connect")
        def _connect(conn, _record):
            conn.isolation_level = None
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "busy_timeout=5000"):
                conn.execute(f"PRAGMA {pragma}")

        @event.listens_for(engine, "begin")
        def _begin(conn):
            write = conn.get_execution_options().get("write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    return create_engine(url, pool_size=20, max_overflow=20)


engine = _engine()
POSTGRES = engine.dialect.name == "postgresql"
app = FastAPI(title="PAM yardstick (bench only)")


@app.get("/healthz")
def healthz():
    return {"status": "SERVING"}


def read_session() -> Iterator[Session]:
    with Session(engine) as s:
        yield s


def write_session() -> Iterator[Session]:
    with engine.connect() as conn, Session(bind=conn.execution_options(write=True)) as s:
        yield s


def _error(code: str, status: int = 200, balance: Account | None = None) -> JSONResponse:
    body: dict = {"status": "ERROR", "error": {"code": code, "message": code}}
    if balance is not None:
        body["balance"] = _balance(balance)
    return JSONResponse(body, status_code=status)


def _balance(a: Account) -> dict:
    return {"cashAmount": float(a.cash_amount), "bonusAmount": float(a.bonus_amount),
            "promoAmount": float(a.promo_amount)}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check(s: Session, authorization: str | None, player_token: str | None, player_id: str,
           provider: str) -> GameSession | JSONResponse:
    if not authorization or not authorization.startswith("Bearer "):
        return _error("PAM_ERR_API_TOKEN", 401)
    if s.exec(select(ApiClient.id).where(ApiClient.token_hash == _hash(authorization[7:]))).first() is None:
        return _error("PAM_ERR_API_TOKEN", 401)
    if not player_token:
        return _error("PAM_ERR_SESSION_NOT_FOUND")
    gs = s.exec(select(GameSession).where(GameSession.token_hash == _hash(player_token))).first()
    if gs is None or gs.player_id != player_id or gs.provider != provider.lower():
        return _error("PAM_ERR_SESSION_NOT_FOUND")
    if gs.expires_at <= _now():
        return _error("PAM_ERR_SESSION_EXPIRED")
    return gs


@app.get("/players/{player_id}/balance")
def get_balance(player_id: str, s: Annotated[Session, Depends(read_session)], provider: str = Query(),
                authorization: Annotated[str | None, Header()] = None,
                x_player_token: Annotated[str | None, Header()] = None):
    gs = _check(s, authorization, x_player_token, player_id, provider)
    if isinstance(gs, JSONResponse):
        return gs
    account = s.get(Account, player_id)
    if account is None:
        return _error("PAM_ERR_ACC_NOT_FOUND")
    return {"status": "OK", "balance": _balance(account)}


@app.post("/players/{player_id}/transactions")
def add_transaction(player_id: str, body: TransactionIn, s: Annotated[Session, Depends(write_session)],
                    provider: str = Query(), authorization: Annotated[str | None, Header()] = None,
                    x_player_token: Annotated[str | None, Header()] = None):
    gs = _check(s, authorization, x_player_token, player_id, provider)
    if isinstance(gs, JSONResponse):
        return gs
    kind = body.transactionType
    if kind not in ("WITHDRAW", "DEPOSIT") or body.provider.lower() != gs.provider:
        return _error("PAM_ERR_UNDEFINED", 400)
    account = s.exec(select(Account).where(Account.player_id == player_id).with_for_update()).first()
    if account is None:
        return _error("PAM_ERR_ACC_NOT_FOUND")
    if body.currency != account.currency:
        return _error("PAM_ERR_TRANS_CURRENCY", balance=account)
    done = s.exec(select(Tx).where(Tx.provider == gs.provider, Tx.provider_transaction_id == body.providerTransactionId,
                                   Tx.transaction_type == kind)).first()
    if done is not None:  # a retry: the same answer, nothing booked again
        return {"status": "OK", "transactionResult": {"transactionId": done.public_id, "balance": _balance(account)}}
    sign = -1 if kind == "WITHDRAW" else 1
    cash, bonus, promo = (sign * body.cashAmount, sign * body.bonusAmount, sign * body.promoAmount)
    if account.cash_amount + cash < 0 or account.bonus_amount + bonus < 0 or account.promo_amount + promo < 0:
        return _error("PAM_ERR_CASH_OVERDRAFT", balance=account)
    rnd = None
    if body.providerRoundId is not None:
        rnd = s.exec(select(GameRound).where(GameRound.player_id == player_id, GameRound.provider == gs.provider,
                                             GameRound.provider_round_id == body.providerRoundId)).first()
        if rnd is None:
            rnd = GameRound(player_id=player_id, provider=gs.provider, provider_round_id=body.providerRoundId,
                            provider_game_id=body.providerGameId or "")
            s.add(rnd)
        stake = body.cashAmount + body.bonusAmount + body.promoAmount
        if kind == "WITHDRAW":
            rnd.stake += stake
        else:
            rnd.payout += stake
        s.flush()
    tx = Tx(public_id=uuid.uuid4().hex, player_id=player_id, provider=gs.provider, transaction_type=kind,
            provider_transaction_id=body.providerTransactionId, provider_game_id=body.providerGameId,
            provider_round_id=body.providerRoundId, round_id=rnd.id if rnd else None, currency=body.currency,
            cash_amount=body.cashAmount, bonus_amount=body.bonusAmount, promo_amount=body.promoAmount,
            transaction_date_time=body.transactionDateTime, session_id=gs.id)
    s.add(tx)
    s.flush()
    account.cash_amount += cash
    account.bonus_amount += bonus
    account.promo_amount += promo
    account.updated_at = _now()
    s.add(Ledger(player_id=player_id, kind="TRANSACTION", transaction_id=tx.id, cash_delta=cash, bonus_delta=bonus,
                 promo_delta=promo, cash_after=account.cash_amount, bonus_after=account.bonus_amount,
                 promo_after=account.promo_amount))
    answer = {"status": "OK", "transactionResult": {"transactionId": tx.public_id, "balance": _balance(account)}}
    s.commit()
    return answer

