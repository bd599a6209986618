from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from pitboss.common.v1 import edge_pb2 as _edge_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PamErr(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PAM_ERR_UNSPECIFIED: _ClassVar[PamErr]
    PAM_ERR_UNDEFINED: _ClassVar[PamErr]
    PAM_ERR_ACC_NOT_FOUND: _ClassVar[PamErr]
    PAM_ERR_GAME_NOT_FOUND: _ClassVar[PamErr]
    PAM_ERR_ROUND_NOT_FOUND: _ClassVar[PamErr]
    PAM_ERR_TRANS_NOT_FOUND: _ClassVar[PamErr]
    PAM_ERR_CASH_OVERDRAFT: _ClassVar[PamErr]
    PAM_ERR_BONUS_OVERDRAFT: _ClassVar[PamErr]
    PAM_ERR_SESSION_NOT_FOUND: _ClassVar[PamErr]
    PAM_ERR_SESSION_EXPIRED: _ClassVar[PamErr]
    PAM_ERR_MISSING_PROVIDER: _ClassVar[PamErr]
    PAM_ERR_TRANS_CURRENCY: _ClassVar[PamErr]
    PAM_ERR_NEGATIVE_STAKE: _ClassVar[PamErr]
    PAM_ERR_CANCEL_NOT_FOUND: _ClassVar[PamErr]
    PAM_ERR_TRANS_ALREADY_CANCELLED: _ClassVar[PamErr]
    PAM_ERR_CANCEL_NON_WITHDRAW: _ClassVar[PamErr]
    PAM_ERR_BET_NOT_ALLOWED: _ClassVar[PamErr]
    PAM_ERR_PLAYER_NOT_FOUND: _ClassVar[PamErr]
    PAM_ERR_API_TOKEN: _ClassVar[PamErr]
    PAM_ERR_TRANS_ALREADY_SETTLED: _ClassVar[PamErr]
    PAM_ERR_DUPLICATE_TRANS: _ClassVar[PamErr]
    PAM_ERR_PROMO_OVERDRAFT: _ClassVar[PamErr]
    PAM_ERR_TIMEOUT: _ClassVar[PamErr]
PAM_ERR_UNSPECIFIED: PamErr
PAM_ERR_UNDEFINED: PamErr
PAM_ERR_ACC_NOT_FOUND: PamErr
PAM_ERR_GAME_NOT_FOUND: PamErr
PAM_ERR_ROUND_NOT_FOUND: PamErr
PAM_ERR_TRANS_NOT_FOUND: PamErr
PAM_ERR_CASH_OVERDRAFT: PamErr
PAM_ERR_BONUS_OVERDRAFT: PamErr
PAM_ERR_SESSION_NOT_FOUND: PamErr
PAM_ERR_SESSION_EXPIRED: PamErr
PAM_ERR_MISSING_PROVIDER: PamErr
PAM_ERR_TRANS_CURRENCY: PamErr
PAM_ERR_NEGATIVE_STAKE: PamErr
PAM_ERR_CANCEL_NOT_FOUND: PamErr
PAM_ERR_TRANS_ALREADY_CANCELLED: PamErr
PAM_ERR_CANCEL_NON_WITHDRAW: PamErr
PAM_ERR_BET_NOT_ALLOWED: PamErr
PAM_ERR_PLAYER_NOT_FOUND: PamErr
PAM_ERR_API_TOKEN: PamErr
PAM_ERR_TRANS_ALREADY_SETTLED: PamErr
PAM_ERR_DUPLICATE_TRANS: PamErr
PAM_ERR_PROMO_OVERDRAFT: PamErr
PAM_ERR_TIMEOUT: PamErr

class PamError(_message.Message):
    __slots__ = ("code", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: PamErr
    message: str
    def __init__(self, code: _Optional[_Union[PamErr, str]] = ..., message: _Optional[str] = ...) -> None: ...

class Session(_message.Message):
    __slots__ = ("player_id", "token", "currency", "country", "language", "game_id")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    GAME_ID_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    token: str
    currency: str
    country: str
    language: str
    game_id: str
    def __init__(self, player_id: _Optional[str] = ..., token: _Optional[str] = ..., currency: _Optional[str] = ..., country: _Optional[str] = ..., language: _Optional[str] = ..., game_id: _Optional[str] = ...) -> None: ...

class Balance(_message.Message):
    __slots__ = ("cash_amount", "bonus_amount", "promo_amount")
    CASH_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    BONUS_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PROMO_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    cash_amount: float
    bonus_amount: float
    promo_amount: float
    def __init__(self, cash_amount: _Optional[float] = ..., bonus_amount: _Optional[float] = ..., promo_amount: _Optional[float] = ...) -> None: ...

class Promo(_message.Message):
    __slots__ = ("promo_type", "promo_name", "promo_status", "promo_reference", "promo_code", "promo_amount", "promo_amount_total", "promo_config_ref", "promo_award_ref", "currency")
    PROMO_TYPE_FIELD_NUMBER: _ClassVar[int]
    PROMO_NAME_FIELD_NUMBER: _ClassVar[int]
    PROMO_STATUS_FIELD_NUMBER: _ClassVar[int]
    PROMO_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    PROMO_CODE_FIELD_NUMBER: _ClassVar[int]
    PROMO_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PROMO_AMOUNT_TOTAL_FIELD_NUMBER: _ClassVar[int]
    PROMO_CONFIG_REF_FIELD_NUMBER: _ClassVar[int]
    PROMO_AWARD_REF_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    promo_type: str
    promo_name: str
    promo_status: str
    promo_reference: str
    promo_code: str
    promo_amount: float
    promo_amount_total: float
    promo_config_ref: str
    promo_award_ref: str
    currency: str
    def __init__(self, promo_type: _Optional[str] = ..., promo_name: _Optional[str] = ..., promo_status: _Optional[str] = ..., promo_reference: _Optional[str] = ..., promo_code: _Optional[str] = ..., promo_amount: _Optional[float] = ..., promo_amount_total: _Optional[float] = ..., promo_config_ref: _Optional[str] = ..., promo_award_ref: _Optional[str] = ..., currency: _Optional[str] = ...) -> None: ...

class JackpotBucket(_message.Message):
    __slots__ = ("bucket_type", "bucket_reference", "bucket_amount", "currency")
    BUCKET_TYPE_FIELD_NUMBER: _ClassVar[int]
    BUCKET_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    BUCKET_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    bucket_type: str
    bucket_reference: str
    bucket_amount: float
    currency: str
    def __init__(self, bucket_type: _Optional[str] = ..., bucket_reference: _Optional[str] = ..., bucket_amount: _Optional[float] = ..., currency: _Optional[str] = ...) -> None: ...

class Jackpot(_message.Message):
    __slots__ = ("jackpot_id", "jackpot_reference", "jackpot_amount", "jackpot_buckets")
    JACKPOT_ID_FIELD_NUMBER: _ClassVar[int]
    JACKPOT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    JACKPOT_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    JACKPOT_BUCKETS_FIELD_NUMBER: _ClassVar[int]
    jackpot_id: str
    jackpot_reference: str
    jackpot_amount: float
    jackpot_buckets: _containers.RepeatedCompositeFieldContainer[JackpotBucket]
    def __init__(self, jackpot_id: _Optional[str] = ..., jackpot_reference: _Optional[str] = ..., jackpot_amount: _Optional[float] = ..., jackpot_buckets: _Optional[_Iterable[_Union[JackpotBucket, _Mapping]]] = ...) -> None: ...

class Tip(_message.Message):
    __slots__ = ("tip_amount",)
    TIP_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    tip_amount: float
    def __init__(self, tip_amount: _Optional[float] = ...) -> None: ...

class RoundTransaction(_message.Message):
    __slots__ = ("provider_transaction_id", "transaction_date_time", "cash_amount", "is_game_over", "jackpot_contribution", "transaction_type", "provider_bet_ref", "bet_code", "pending")
    PROVIDER_TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_DATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CASH_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    IS_GAME_OVER_FIELD_NUMBER: _ClassVar[int]
    JACKPOT_CONTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_BET_REF_FIELD_NUMBER: _ClassVar[int]
    BET_CODE_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    provider_transaction_id: str
    transaction_date_time: str
    cash_amount: float
    is_game_over: bool
    jackpot_contribution: float
    transaction_type: str
    provider_bet_ref: str
    bet_code: str
    pending: bool
    def __init__(self, provider_transaction_id: _Optional[str] = ..., transaction_date_time: _Optional[str] = ..., cash_amount: _Optional[float] = ..., is_game_over: _Optional[bool] = ..., jackpot_contribution: _Optional[float] = ..., transaction_type: _Optional[str] = ..., provider_bet_ref: _Optional[str] = ..., bet_code: _Optional[str] = ..., pending: _Optional[bool] = ...) -> None: ...

class Transaction(_message.Message):
    __slots__ = ("currency", "provider", "transaction_type", "cash_amount", "bonus_amount", "promo_amount", "transaction_date_time", "provider_transaction_id", "provider_bet_ref", "provider_game_id", "provider_round_id", "bet_code", "is_game_over", "promos", "jackpots", "tip", "round_transactions")
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    CASH_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    BONUS_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PROMO_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_DATE_TIME_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_BET_REF_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_GAME_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    BET_CODE_FIELD_NUMBER: _ClassVar[int]
    IS_GAME_OVER_FIELD_NUMBER: _ClassVar[int]
    PROMOS_FIELD_NUMBER: _ClassVar[int]
    JACKPOTS_FIELD_NUMBER: _ClassVar[int]
    TIP_FIELD_NUMBER: _ClassVar[int]
    ROUND_TRANSACTIONS_FIELD_NUMBER: _ClassVar[int]
    currency: str
    provider: str
    transaction_type: str
    cash_amount: float
    bonus_amount: float
    promo_amount: float
    transaction_date_time: str
    provider_transaction_id: str
    provider_bet_ref: str
    provider_game_id: str
    provider_round_id: str
    bet_code: str
    is_game_over: bool
    promos: _containers.RepeatedCompositeFieldContainer[Promo]
    jackpots: _containers.RepeatedCompositeFieldContainer[Jackpot]
    tip: Tip
    round_transactions: _containers.RepeatedCompositeFieldContainer[RoundTransaction]
    def __init__(self, currency: _Optional[str] = ..., provider: _Optional[str] = ..., transaction_type: _Optional[str] = ..., cash_amount: _Optional[float] = ..., bonus_amount: _Optional[float] = ..., promo_amount: _Optional[float] = ..., transaction_date_time: _Optional[str] = ..., provider_transaction_id: _Optional[str] = ..., provider_bet_ref: _Optional[str] = ..., provider_game_id: _Optional[str] = ..., provider_round_id: _Optional[str] = ..., bet_code: _Optional[str] = ..., is_game_over: _Optional[bool] = ..., promos: _Optional[_Iterable[_Union[Promo, _Mapping]]] = ..., jackpots: _Optional[_Iterable[_Union[Jackpot, _Mapping]]] = ..., tip: _Optional[_Union[Tip, _Mapping]] = ..., round_transactions: _Optional[_Iterable[_Union[RoundTransaction, _Mapping]]] = ...) -> None: ...

class TransactionResult(_message.Message):
    __slots__ = ("transaction_id", "balance")
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    transaction_id: str
    balance: Balance
    def __init__(self, transaction_id: _Optional[str] = ..., balance: _Optional[_Union[Balance, _Mapping]] = ...) -> None: ...

class GameRound(_message.Message):
    __slots__ = ("provider_game_id", "provider_round_id", "start_time", "end_time")
    PROVIDER_GAME_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    provider_game_id: str
    provider_round_id: str
    start_time: str
    end_time: str
    def __init__(self, provider_game_id: _Optional[str] = ..., provider_round_id: _Optional[str] = ..., start_time: _Optional[str] = ..., end_time: _Optional[str] = ...) -> None: ...

class GetSessionRequest(_message.Message):
    __slots__ = ("provider",)
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    provider: str
    def __init__(self, provider: _Optional[str] = ...) -> None: ...

class GetSessionResponse(_message.Message):
    __slots__ = ("status", "error", "session")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    status: str
    error: PamError
    session: Session
    def __init__(self, status: _Optional[str] = ..., error: _Optional[_Union[PamError, _Mapping]] = ..., session: _Optional[_Union[Session, _Mapping]] = ...) -> None: ...

class RefreshSessionRequest(_message.Message):
    __slots__ = ("provider", "payload")
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    provider: str
    payload: RefreshSessionPayload
    def __init__(self, provider: _Optional[str] = ..., payload: _Optional[_Union[RefreshSessionPayload, _Mapping]] = ...) -> None: ...

class RefreshSessionPayload(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RefreshSessionResponse(_message.Message):
    __slots__ = ("status", "error", "session")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    status: str
    error: PamError
    session: Session
    def __init__(self, status: _Optional[str] = ..., error: _Optional[_Union[PamError, _Mapping]] = ..., session: _Optional[_Union[Session, _Mapping]] = ...) -> None: ...

class GetBalanceRequest(_message.Message):
    __slots__ = ("player_id", "provider")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    provider: str
    def __init__(self, player_id: _Optional[str] = ..., provider: _Optional[str] = ...) -> None: ...

class GetBalanceResponse(_message.Message):
    __slots__ = ("status", "error", "balance")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    status: str
    error: PamError
    balance: Balance
    def __init__(self, status: _Optional[str] = ..., error: _Optional[_Union[PamError, _Mapping]] = ..., balance: _Optional[_Union[Balance, _Mapping]] = ...) -> None: ...

class GetTransactionsRequest(_message.Message):
    __slots__ = ("player_id", "provider", "provider_transaction_id", "provider_bet_ref")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_BET_REF_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    provider: str
    provider_transaction_id: str
    provider_bet_ref: str
    def __init__(self, player_id: _Optional[str] = ..., provider: _Optional[str] = ..., provider_transaction_id: _Optional[str] = ..., provider_bet_ref: _Optional[str] = ...) -> None: ...

class GetTransactionsResponse(_message.Message):
    __slots__ = ("status", "error", "transactions")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    TRANSACTIONS_FIELD_NUMBER: _ClassVar[int]
    status: str
    error: PamError
    transactions: _containers.RepeatedCompositeFieldContainer[Transaction]
    def __init__(self, status: _Optional[str] = ..., error: _Optional[_Union[PamError, _Mapping]] = ..., transactions: _Optional[_Iterable[_Union[Transaction, _Mapping]]] = ...) -> None: ...

class AddTransactionRequest(_message.Message):
    __slots__ = ("player_id", "provider", "transaction")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    provider: str
    transaction: Transaction
    def __init__(self, player_id: _Optional[str] = ..., provider: _Optional[str] = ..., transaction: _Optional[_Union[Transaction, _Mapping]] = ...) -> None: ...

class AddTransactionResponse(_message.Message):
    __slots__ = ("status", "error", "transaction_result")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_RESULT_FIELD_NUMBER: _ClassVar[int]
    status: str
    error: PamError
    transaction_result: TransactionResult
    def __init__(self, status: _Optional[str] = ..., error: _Optional[_Union[PamError, _Mapping]] = ..., transaction_result: _Optional[_Union[TransactionResult, _Mapping]] = ...) -> None: ...

class GetGameRoundRequest(_message.Message):
    __slots__ = ("player_id", "provider_game_round_id", "provider")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_GAME_ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    provider_game_round_id: str
    provider: str
    def __init__(self, player_id: _Optional[str] = ..., provider_game_round_id: _Optional[str] = ..., provider: _Optional[str] = ...) -> None: ...

class GetGameRoundResponse(_message.Message):
    __slots__ = ("status", "error", "gameround")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    GAMEROUND_FIELD_NUMBER: _ClassVar[int]
    status: str
    error: PamError
    gameround: GameRound
    def __init__(self, status: _Optional[str] = ..., error: _Optional[_Union[PamError, _Mapping]] = ..., gameround: _Optional[_Union[GameRound, _Mapping]] = ...) -> None: ...
