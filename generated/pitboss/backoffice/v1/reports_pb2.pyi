from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetDailyReportRequest(_message.Message):
    __slots__ = ("date", "brand_id", "page_size", "page_token")
    DATE_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    date: str
    brand_id: int
    page_size: int
    page_token: str
    def __init__(self, date: _Optional[str] = ..., brand_id: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ReportMovement(_message.Message):
    __slots__ = ("name", "amount")
    NAME_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    name: str
    amount: str
    def __init__(self, name: _Optional[str] = ..., amount: _Optional[str] = ...) -> None: ...

class ReportRow(_message.Message):
    __slots__ = ("player_id", "brand_id", "currency", "balance", "opening", "closing", "movements", "entries", "activity")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    OPENING_FIELD_NUMBER: _ClassVar[int]
    CLOSING_FIELD_NUMBER: _ClassVar[int]
    MOVEMENTS_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    brand_id: int
    currency: str
    balance: str
    opening: str
    closing: str
    movements: _containers.RepeatedCompositeFieldContainer[ReportMovement]
    entries: int
    activity: bool
    def __init__(self, player_id: _Optional[str] = ..., brand_id: _Optional[int] = ..., currency: _Optional[str] = ..., balance: _Optional[str] = ..., opening: _Optional[str] = ..., closing: _Optional[str] = ..., movements: _Optional[_Iterable[_Union[ReportMovement, _Mapping]]] = ..., entries: _Optional[int] = ..., activity: _Optional[bool] = ...) -> None: ...

class ReportTotal(_message.Message):
    __slots__ = ("currency", "balance", "rows", "opening", "closing", "movements", "ledger", "reconciled")
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    OPENING_FIELD_NUMBER: _ClassVar[int]
    CLOSING_FIELD_NUMBER: _ClassVar[int]
    MOVEMENTS_FIELD_NUMBER: _ClassVar[int]
    LEDGER_FIELD_NUMBER: _ClassVar[int]
    RECONCILED_FIELD_NUMBER: _ClassVar[int]
    currency: str
    balance: str
    rows: int
    opening: str
    closing: str
    movements: _containers.RepeatedCompositeFieldContainer[ReportMovement]
    ledger: str
    reconciled: bool
    def __init__(self, currency: _Optional[str] = ..., balance: _Optional[str] = ..., rows: _Optional[int] = ..., opening: _Optional[str] = ..., closing: _Optional[str] = ..., movements: _Optional[_Iterable[_Union[ReportMovement, _Mapping]]] = ..., ledger: _Optional[str] = ..., reconciled: _Optional[bool] = ...) -> None: ...

class GetDailyReportResponse(_message.Message):
    __slots__ = ("date", "final", "rows", "totals", "next_page_token")
    DATE_FIELD_NUMBER: _ClassVar[int]
    FINAL_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    date: str
    final: bool
    rows: _containers.RepeatedCompositeFieldContainer[ReportRow]
    totals: _containers.RepeatedCompositeFieldContainer[ReportTotal]
    next_page_token: str
    def __init__(self, date: _Optional[str] = ..., final: _Optional[bool] = ..., rows: _Optional[_Iterable[_Union[ReportRow, _Mapping]]] = ..., totals: _Optional[_Iterable[_Union[ReportTotal, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
