import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from pitboss.common.v1 import edge_pb2 as _edge_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CasinoSessionsInformRequest(_message.Message):
    __slots__ = ("envelope",)
    ENVELOPE_FIELD_NUMBER: _ClassVar[int]
    envelope: _struct_pb2.Struct
    def __init__(self, envelope: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class CasinoSessionsInformResponse(_message.Message):
    __slots__ = ("correlation_id", "timestamp_utc", "operation", "version", "content")
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_UTC_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    correlation_id: str
    timestamp_utc: int
    operation: str
    version: str
    content: ReplyContent
    def __init__(self, correlation_id: _Optional[str] = ..., timestamp_utc: _Optional[int] = ..., operation: _Optional[str] = ..., version: _Optional[str] = ..., content: _Optional[_Union[ReplyContent, _Mapping]] = ...) -> None: ...

class ReplyContent(_message.Message):
    __slots__ = ("type", "code", "message")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    type: str
    code: int
    message: str
    def __init__(self, type: _Optional[str] = ..., code: _Optional[int] = ..., message: _Optional[str] = ...) -> None: ...

class IssueTokenRequest(_message.Message):
    __slots__ = ("form",)
    FORM_FIELD_NUMBER: _ClassVar[int]
    form: _httpbody_pb2.HttpBody
    def __init__(self, form: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class IssueTokenResponse(_message.Message):
    __slots__ = ("access_token", "token_type", "expires_in")
    ACCESS_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOKEN_TYPE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_IN_FIELD_NUMBER: _ClassVar[int]
    access_token: str
    token_type: str
    expires_in: int
    def __init__(self, access_token: _Optional[str] = ..., token_type: _Optional[str] = ..., expires_in: _Optional[int] = ...) -> None: ...

class OAuthError(_message.Message):
    __slots__ = ("error", "error_description")
    ERROR_FIELD_NUMBER: _ClassVar[int]
    ERROR_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    error: str
    error_description: str
    def __init__(self, error: _Optional[str] = ..., error_description: _Optional[str] = ...) -> None: ...

class ListCasinoSessionsRequest(_message.Message):
    __slots__ = ("operator_id", "end_customer_id", "start_time", "end_time", "page_size", "page_token")
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    END_CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    operator_id: int
    end_customer_id: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    page_size: int
    page_token: str
    def __init__(self, operator_id: _Optional[int] = ..., end_customer_id: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCasinoSessionsResponse(_message.Message):
    __slots__ = ("sessions", "next_page_token")
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    sessions: _containers.RepeatedCompositeFieldContainer[CasinoSession]
    next_page_token: str
    def __init__(self, sessions: _Optional[_Iterable[_Union[CasinoSession, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CasinoSession(_message.Message):
    __slots__ = ("operator_id", "correlation_id", "report_id", "session_id", "end_customer_id", "wallet_id", "channel_type", "game", "stakes", "spins", "payouts", "start_time", "end_time", "receive_time")
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    END_CUSTOMER_ID_FIELD_NUMBER: _ClassVar[int]
    WALLET_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_TYPE_FIELD_NUMBER: _ClassVar[int]
    GAME_FIELD_NUMBER: _ClassVar[int]
    STAKES_FIELD_NUMBER: _ClassVar[int]
    SPINS_FIELD_NUMBER: _ClassVar[int]
    PAYOUTS_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    RECEIVE_TIME_FIELD_NUMBER: _ClassVar[int]
    operator_id: int
    correlation_id: str
    report_id: str
    session_id: str
    end_customer_id: str
    wallet_id: str
    channel_type: str
    game: Game
    stakes: _containers.RepeatedCompositeFieldContainer[Stake]
    spins: _containers.RepeatedCompositeFieldContainer[Spins]
    payouts: _containers.RepeatedCompositeFieldContainer[Payout]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    receive_time: _timestamp_pb2.Timestamp
    def __init__(self, operator_id: _Optional[int] = ..., correlation_id: _Optional[str] = ..., report_id: _Optional[str] = ..., session_id: _Optional[str] = ..., end_customer_id: _Optional[str] = ..., wallet_id: _Optional[str] = ..., channel_type: _Optional[str] = ..., game: _Optional[_Union[Game, _Mapping]] = ..., stakes: _Optional[_Iterable[_Union[Stake, _Mapping]]] = ..., spins: _Optional[_Iterable[_Union[Spins, _Mapping]]] = ..., payouts: _Optional[_Iterable[_Union[Payout, _Mapping]]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., receive_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Game(_message.Message):
    __slots__ = ("provider", "id")
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    provider: str
    id: str
    def __init__(self, provider: _Optional[str] = ..., id: _Optional[str] = ...) -> None: ...

class Stake(_message.Message):
    __slots__ = ("type", "mode", "trace_id", "amount", "currency")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    type: str
    mode: str
    trace_id: str
    amount: str
    currency: str
    def __init__(self, type: _Optional[str] = ..., mode: _Optional[str] = ..., trace_id: _Optional[str] = ..., amount: _Optional[str] = ..., currency: _Optional[str] = ...) -> None: ...

class Spins(_message.Message):
    __slots__ = ("type", "count", "winning_count", "has_winning_count")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    WINNING_COUNT_FIELD_NUMBER: _ClassVar[int]
    HAS_WINNING_COUNT_FIELD_NUMBER: _ClassVar[int]
    type: str
    count: int
    winning_count: int
    has_winning_count: bool
    def __init__(self, type: _Optional[str] = ..., count: _Optional[int] = ..., winning_count: _Optional[int] = ..., has_winning_count: _Optional[bool] = ...) -> None: ...

class Payout(_message.Message):
    __slots__ = ("type", "trace_id", "amount", "currency", "source")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    type: str
    trace_id: str
    amount: str
    currency: str
    source: str
    def __init__(self, type: _Optional[str] = ..., trace_id: _Optional[str] = ..., amount: _Optional[str] = ..., currency: _Optional[str] = ..., source: _Optional[str] = ...) -> None: ...
