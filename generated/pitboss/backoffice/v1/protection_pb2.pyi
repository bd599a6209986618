from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ProtectionLimitState(_message.Message):
    __slots__ = ("kind", "period", "amount", "used", "pending_amount", "pending_remove", "pending_from")
    KIND_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    USED_FIELD_NUMBER: _ClassVar[int]
    PENDING_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PENDING_REMOVE_FIELD_NUMBER: _ClassVar[int]
    PENDING_FROM_FIELD_NUMBER: _ClassVar[int]
    kind: str
    period: str
    amount: str
    used: str
    pending_amount: str
    pending_remove: bool
    pending_from: str
    def __init__(self, kind: _Optional[str] = ..., period: _Optional[str] = ..., amount: _Optional[str] = ..., used: _Optional[str] = ..., pending_amount: _Optional[str] = ..., pending_remove: _Optional[bool] = ..., pending_from: _Optional[str] = ...) -> None: ...

class PlayerProtections(_message.Message):
    __slots__ = ("player_id", "brand_id", "state", "until", "currency", "limits")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    brand_id: int
    state: str
    until: str
    currency: str
    limits: _containers.RepeatedCompositeFieldContainer[ProtectionLimitState]
    def __init__(self, player_id: _Optional[str] = ..., brand_id: _Optional[int] = ..., state: _Optional[str] = ..., until: _Optional[str] = ..., currency: _Optional[str] = ..., limits: _Optional[_Iterable[_Union[ProtectionLimitState, _Mapping]]] = ...) -> None: ...

class ProtectionChangeEvent(_message.Message):
    __slots__ = ("at", "actor", "action", "reason", "before_json", "after_json")
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BEFORE_JSON_FIELD_NUMBER: _ClassVar[int]
    AFTER_JSON_FIELD_NUMBER: _ClassVar[int]
    at: str
    actor: str
    action: str
    reason: str
    before_json: str
    after_json: str
    def __init__(self, at: _Optional[str] = ..., actor: _Optional[str] = ..., action: _Optional[str] = ..., reason: _Optional[str] = ..., before_json: _Optional[str] = ..., after_json: _Optional[str] = ...) -> None: ...

class GetProtectionsRequest(_message.Message):
    __slots__ = ("player_id",)
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    def __init__(self, player_id: _Optional[str] = ...) -> None: ...

class GetProtectionsResponse(_message.Message):
    __slots__ = ("protections", "history")
    PROTECTIONS_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    protections: PlayerProtections
    history: _containers.RepeatedCompositeFieldContainer[ProtectionChangeEvent]
    def __init__(self, protections: _Optional[_Union[PlayerProtections, _Mapping]] = ..., history: _Optional[_Iterable[_Union[ProtectionChangeEvent, _Mapping]]] = ...) -> None: ...

class LimitChange(_message.Message):
    __slots__ = ("kind", "period", "amount", "remove")
    KIND_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REMOVE_FIELD_NUMBER: _ClassVar[int]
    kind: str
    period: str
    amount: str
    remove: bool
    def __init__(self, kind: _Optional[str] = ..., period: _Optional[str] = ..., amount: _Optional[str] = ..., remove: _Optional[bool] = ...) -> None: ...

class SetPlayerLimitsRequest(_message.Message):
    __slots__ = ("player_id", "changes", "reason")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    changes: _containers.RepeatedCompositeFieldContainer[LimitChange]
    reason: str
    def __init__(self, player_id: _Optional[str] = ..., changes: _Optional[_Iterable[_Union[LimitChange, _Mapping]]] = ..., reason: _Optional[str] = ...) -> None: ...

class SetPlayerLimitsResponse(_message.Message):
    __slots__ = ("protections",)
    PROTECTIONS_FIELD_NUMBER: _ClassVar[int]
    protections: PlayerProtections
    def __init__(self, protections: _Optional[_Union[PlayerProtections, _Mapping]] = ...) -> None: ...

class SetPlayerTimeoutRequest(_message.Message):
    __slots__ = ("player_id", "period", "reason")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    period: str
    reason: str
    def __init__(self, player_id: _Optional[str] = ..., period: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class SetPlayerTimeoutResponse(_message.Message):
    __slots__ = ("protections",)
    PROTECTIONS_FIELD_NUMBER: _ClassVar[int]
    protections: PlayerProtections
    def __init__(self, protections: _Optional[_Union[PlayerProtections, _Mapping]] = ...) -> None: ...

class SetPlayerExclusionRequest(_message.Message):
    __slots__ = ("player_id", "period", "reason")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    period: str
    reason: str
    def __init__(self, player_id: _Optional[str] = ..., period: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class SetPlayerExclusionResponse(_message.Message):
    __slots__ = ("protections",)
    PROTECTIONS_FIELD_NUMBER: _ClassVar[int]
    protections: PlayerProtections
    def __init__(self, protections: _Optional[_Union[PlayerProtections, _Mapping]] = ...) -> None: ...

class ListProtectionChangesRequest(_message.Message):
    __slots__ = ("to", "brand_id")
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    to: str
    brand_id: int
    def __init__(self, to: _Optional[str] = ..., brand_id: _Optional[int] = ..., **kwargs) -> None: ...

class ProtectionChange(_message.Message):
    __slots__ = ("player_id", "brand_id", "last_change_at")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    LAST_CHANGE_AT_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    brand_id: int
    last_change_at: str
    def __init__(self, player_id: _Optional[str] = ..., brand_id: _Optional[int] = ..., last_change_at: _Optional[str] = ...) -> None: ...

class ListProtectionChangesResponse(_message.Message):
    __slots__ = ("changes",)
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[ProtectionChange]
    def __init__(self, changes: _Optional[_Iterable[_Union[ProtectionChange, _Mapping]]] = ...) -> None: ...
