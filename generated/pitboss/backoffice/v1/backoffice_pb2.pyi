from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BalanceKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BALANCE_KIND_UNSPECIFIED: _ClassVar[BalanceKind]
    BALANCE_KIND_CASH: _ClassVar[BalanceKind]
    BALANCE_KIND_BONUS: _ClassVar[BalanceKind]
    BALANCE_KIND_PROMO: _ClassVar[BalanceKind]

class Direction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DIRECTION_UNSPECIFIED: _ClassVar[Direction]
    DIRECTION_CREDIT: _ClassVar[Direction]
    DIRECTION_DEBIT: _ClassVar[Direction]

class Outbox(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OUTBOX_UNSPECIFIED: _ClassVar[Outbox]
    OUTBOX_VIP_NOTIFICATIONS: _ClassVar[Outbox]
    OUTBOX_MAIL: _ClassVar[Outbox]
BALANCE_KIND_UNSPECIFIED: BalanceKind
BALANCE_KIND_CASH: BalanceKind
BALANCE_KIND_BONUS: BalanceKind
BALANCE_KIND_PROMO: BalanceKind
DIRECTION_UNSPECIFIED: Direction
DIRECTION_CREDIT: Direction
DIRECTION_DEBIT: Direction
OUTBOX_UNSPECIFIED: Outbox
OUTBOX_VIP_NOTIFICATIONS: Outbox
OUTBOX_MAIL: Outbox

class FindPlayersRequest(_message.Message):
    __slots__ = ("query", "brand_id")
    QUERY_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    query: str
    brand_id: int
    def __init__(self, query: _Optional[str] = ..., brand_id: _Optional[int] = ...) -> None: ...

class PlayerSummary(_message.Message):
    __slots__ = ("player_id", "brand_id", "user_name", "email", "currency", "blocked")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    USER_NAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    BLOCKED_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    brand_id: int
    user_name: str
    email: str
    currency: str
    blocked: bool
    def __init__(self, player_id: _Optional[str] = ..., brand_id: _Optional[int] = ..., user_name: _Optional[str] = ..., email: _Optional[str] = ..., currency: _Optional[str] = ..., blocked: _Optional[bool] = ...) -> None: ...

class FindPlayersResponse(_message.Message):
    __slots__ = ("players",)
    PLAYERS_FIELD_NUMBER: _ClassVar[int]
    players: _containers.RepeatedCompositeFieldContainer[PlayerSummary]
    def __init__(self, players: _Optional[_Iterable[_Union[PlayerSummary, _Mapping]]] = ...) -> None: ...

class GetPlayerRequest(_message.Message):
    __slots__ = ("player_id",)
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    def __init__(self, player_id: _Optional[str] = ...) -> None: ...

class Balances(_message.Message):
    __slots__ = ("currency", "cash", "bonus", "promo")
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    CASH_FIELD_NUMBER: _ClassVar[int]
    BONUS_FIELD_NUMBER: _ClassVar[int]
    PROMO_FIELD_NUMBER: _ClassVar[int]
    currency: str
    cash: str
    bonus: str
    promo: str
    def __init__(self, currency: _Optional[str] = ..., cash: _Optional[str] = ..., bonus: _Optional[str] = ..., promo: _Optional[str] = ...) -> None: ...

class PlayerProfile(_message.Message):
    __slots__ = ("first_name", "last_name", "birthdate", "gender", "country", "city", "language", "phone")
    FIRST_NAME_FIELD_NUMBER: _ClassVar[int]
    LAST_NAME_FIELD_NUMBER: _ClassVar[int]
    BIRTHDATE_FIELD_NUMBER: _ClassVar[int]
    GENDER_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    first_name: str
    last_name: str
    birthdate: str
    gender: str
    country: str
    city: str
    language: str
    phone: str
    def __init__(self, first_name: _Optional[str] = ..., last_name: _Optional[str] = ..., birthdate: _Optional[str] = ..., gender: _Optional[str] = ..., country: _Optional[str] = ..., city: _Optional[str] = ..., language: _Optional[str] = ..., phone: _Optional[str] = ...) -> None: ...

class PlayerStatus(_message.Message):
    __slots__ = ("blocked", "registration_complete", "email_verified", "required_actions", "test_account", "has_wallet", "jurisdiction", "pending_jurisdiction", "jurisdiction_requested_at")
    BLOCKED_FIELD_NUMBER: _ClassVar[int]
    REGISTRATION_COMPLETE_FIELD_NUMBER: _ClassVar[int]
    EMAIL_VERIFIED_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_ACTIONS_FIELD_NUMBER: _ClassVar[int]
    TEST_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    HAS_WALLET_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    PENDING_JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    blocked: bool
    registration_complete: bool
    email_verified: bool
    required_actions: _containers.RepeatedScalarFieldContainer[str]
    test_account: bool
    has_wallet: bool
    jurisdiction: str
    pending_jurisdiction: str
    jurisdiction_requested_at: str
    def __init__(self, blocked: _Optional[bool] = ..., registration_complete: _Optional[bool] = ..., email_verified: _Optional[bool] = ..., required_actions: _Optional[_Iterable[str]] = ..., test_account: _Optional[bool] = ..., has_wallet: _Optional[bool] = ..., jurisdiction: _Optional[str] = ..., pending_jurisdiction: _Optional[str] = ..., jurisdiction_requested_at: _Optional[str] = ...) -> None: ...

class GetPlayerResponse(_message.Message):
    __slots__ = ("player", "profile", "status", "balances", "created_at")
    PLAYER_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    BALANCES_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    player: PlayerSummary
    profile: PlayerProfile
    status: PlayerStatus
    balances: Balances
    created_at: str
    def __init__(self, player: _Optional[_Union[PlayerSummary, _Mapping]] = ..., profile: _Optional[_Union[PlayerProfile, _Mapping]] = ..., status: _Optional[_Union[PlayerStatus, _Mapping]] = ..., balances: _Optional[_Union[Balances, _Mapping]] = ..., created_at: _Optional[str] = ...) -> None: ...

class ListLedgerRequest(_message.Message):
    __slots__ = ("player_id", "page_size", "page_token")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    page_size: int
    page_token: str
    def __init__(self, player_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class LedgerEntry(_message.Message):
    __slots__ = ("id", "at", "kind", "cash_delta", "bonus_delta", "promo_delta", "cash_after", "bonus_after", "promo_after", "transaction_type", "provider", "provider_transaction_id", "provider_round_id", "reference", "reason", "actor")
    ID_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CASH_DELTA_FIELD_NUMBER: _ClassVar[int]
    BONUS_DELTA_FIELD_NUMBER: _ClassVar[int]
    PROMO_DELTA_FIELD_NUMBER: _ClassVar[int]
    CASH_AFTER_FIELD_NUMBER: _ClassVar[int]
    BONUS_AFTER_FIELD_NUMBER: _ClassVar[int]
    PROMO_AFTER_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    id: int
    at: str
    kind: str
    cash_delta: str
    bonus_delta: str
    promo_delta: str
    cash_after: str
    bonus_after: str
    promo_after: str
    transaction_type: str
    provider: str
    provider_transaction_id: str
    provider_round_id: str
    reference: str
    reason: str
    actor: str
    def __init__(self, id: _Optional[int] = ..., at: _Optional[str] = ..., kind: _Optional[str] = ..., cash_delta: _Optional[str] = ..., bonus_delta: _Optional[str] = ..., promo_delta: _Optional[str] = ..., cash_after: _Optional[str] = ..., bonus_after: _Optional[str] = ..., promo_after: _Optional[str] = ..., transaction_type: _Optional[str] = ..., provider: _Optional[str] = ..., provider_transaction_id: _Optional[str] = ..., provider_round_id: _Optional[str] = ..., reference: _Optional[str] = ..., reason: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class ListLedgerResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[LedgerEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[LedgerEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListGameSessionsRequest(_message.Message):
    __slots__ = ("player_id", "limit")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    limit: int
    def __init__(self, player_id: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class GameSession(_message.Message):
    __slots__ = ("game_session_id", "player_id", "brand_id", "game_id", "provider", "started_at", "expires_at", "ended_at", "ended_reason", "open", "rounds", "total_bets", "total_wins")
    GAME_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    GAME_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_REASON_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    ROUNDS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BETS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_WINS_FIELD_NUMBER: _ClassVar[int]
    game_session_id: str
    player_id: str
    brand_id: int
    game_id: str
    provider: str
    started_at: str
    expires_at: str
    ended_at: str
    ended_reason: str
    open: bool
    rounds: int
    total_bets: str
    total_wins: str
    def __init__(self, game_session_id: _Optional[str] = ..., player_id: _Optional[str] = ..., brand_id: _Optional[int] = ..., game_id: _Optional[str] = ..., provider: _Optional[str] = ..., started_at: _Optional[str] = ..., expires_at: _Optional[str] = ..., ended_at: _Optional[str] = ..., ended_reason: _Optional[str] = ..., open: _Optional[bool] = ..., rounds: _Optional[int] = ..., total_bets: _Optional[str] = ..., total_wins: _Optional[str] = ...) -> None: ...

class ListGameSessionsResponse(_message.Message):
    __slots__ = ("sessions",)
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    sessions: _containers.RepeatedCompositeFieldContainer[GameSession]
    def __init__(self, sessions: _Optional[_Iterable[_Union[GameSession, _Mapping]]] = ...) -> None: ...

class RevokeGameSessionRequest(_message.Message):
    __slots__ = ("game_session_id", "reason")
    GAME_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    game_session_id: str
    reason: str
    def __init__(self, game_session_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RevokeGameSessionResponse(_message.Message):
    __slots__ = ("session",)
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: GameSession
    def __init__(self, session: _Optional[_Union[GameSession, _Mapping]] = ...) -> None: ...

class BlockPlayerRequest(_message.Message):
    __slots__ = ("player_id", "reason")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    reason: str
    def __init__(self, player_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class BlockPlayerResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: PlayerStatus
    def __init__(self, status: _Optional[_Union[PlayerStatus, _Mapping]] = ...) -> None: ...

class UnblockPlayerRequest(_message.Message):
    __slots__ = ("player_id", "reason")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    reason: str
    def __init__(self, player_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class UnblockPlayerResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: PlayerStatus
    def __init__(self, status: _Optional[_Union[PlayerStatus, _Mapping]] = ...) -> None: ...

class AdjustBalanceRequest(_message.Message):
    __slots__ = ("player_id", "direction", "balance", "amount", "reason", "idempotency_key")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    direction: Direction
    balance: BalanceKind
    amount: str
    reason: str
    idempotency_key: str
    def __init__(self, player_id: _Optional[str] = ..., direction: _Optional[_Union[Direction, str]] = ..., balance: _Optional[_Union[BalanceKind, str]] = ..., amount: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class AdjustBalanceResponse(_message.Message):
    __slots__ = ("ledger_id", "balances", "replayed")
    LEDGER_ID_FIELD_NUMBER: _ClassVar[int]
    BALANCES_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    ledger_id: int
    balances: Balances
    replayed: bool
    def __init__(self, ledger_id: _Optional[int] = ..., balances: _Optional[_Union[Balances, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class CatalogueGame(_message.Message):
    __slots__ = ("brand_id", "game_id", "provider", "name", "restricted_countries", "enabled", "ggr_game")
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    GAME_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    RESTRICTED_COUNTRIES_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    GGR_GAME_FIELD_NUMBER: _ClassVar[int]
    brand_id: int
    game_id: str
    provider: str
    name: str
    restricted_countries: _containers.RepeatedScalarFieldContainer[str]
    enabled: bool
    ggr_game: bool
    def __init__(self, brand_id: _Optional[int] = ..., game_id: _Optional[str] = ..., provider: _Optional[str] = ..., name: _Optional[str] = ..., restricted_countries: _Optional[_Iterable[str]] = ..., enabled: _Optional[bool] = ..., ggr_game: _Optional[bool] = ...) -> None: ...

class ListCatalogueRequest(_message.Message):
    __slots__ = ("brand_id",)
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    brand_id: int
    def __init__(self, brand_id: _Optional[int] = ...) -> None: ...

class ListCatalogueResponse(_message.Message):
    __slots__ = ("games", "launch_templates")
    class LaunchTemplatesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    GAMES_FIELD_NUMBER: _ClassVar[int]
    LAUNCH_TEMPLATES_FIELD_NUMBER: _ClassVar[int]
    games: _containers.RepeatedCompositeFieldContainer[CatalogueGame]
    launch_templates: _containers.ScalarMap[str, str]
    def __init__(self, games: _Optional[_Iterable[_Union[CatalogueGame, _Mapping]]] = ..., launch_templates: _Optional[_Mapping[str, str]] = ...) -> None: ...

class PutCatalogueGameRequest(_message.Message):
    __slots__ = ("game", "reason")
    GAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    game: CatalogueGame
    reason: str
    def __init__(self, game: _Optional[_Union[CatalogueGame, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class PutCatalogueGameResponse(_message.Message):
    __slots__ = ("game",)
    GAME_FIELD_NUMBER: _ClassVar[int]
    game: CatalogueGame
    def __init__(self, game: _Optional[_Union[CatalogueGame, _Mapping]] = ...) -> None: ...

class PutLaunchTemplateRequest(_message.Message):
    __slots__ = ("brand_id", "provider", "url_template", "reason")
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    URL_TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    brand_id: int
    provider: str
    url_template: str
    reason: str
    def __init__(self, brand_id: _Optional[int] = ..., provider: _Optional[str] = ..., url_template: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PutLaunchTemplateResponse(_message.Message):
    __slots__ = ("brand_id", "provider", "url_template")
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    URL_TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    brand_id: int
    provider: str
    url_template: str
    def __init__(self, brand_id: _Optional[int] = ..., provider: _Optional[str] = ..., url_template: _Optional[str] = ...) -> None: ...

class ListAuditLogRequest(_message.Message):
    __slots__ = ("subject_type", "subject_id", "page_size", "page_token")
    SUBJECT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    subject_type: str
    subject_id: str
    page_size: int
    page_token: str
    def __init__(self, subject_type: _Optional[str] = ..., subject_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class AuditEntry(_message.Message):
    __slots__ = ("id", "at", "client", "actor", "action", "subject_type", "subject_id", "reason", "before_json", "after_json")
    ID_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    CLIENT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BEFORE_JSON_FIELD_NUMBER: _ClassVar[int]
    AFTER_JSON_FIELD_NUMBER: _ClassVar[int]
    id: int
    at: str
    client: str
    actor: str
    action: str
    subject_type: str
    subject_id: str
    reason: str
    before_json: str
    after_json: str
    def __init__(self, id: _Optional[int] = ..., at: _Optional[str] = ..., client: _Optional[str] = ..., actor: _Optional[str] = ..., action: _Optional[str] = ..., subject_type: _Optional[str] = ..., subject_id: _Optional[str] = ..., reason: _Optional[str] = ..., before_json: _Optional[str] = ..., after_json: _Optional[str] = ...) -> None: ...

class ListAuditLogResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[AuditEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[AuditEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListJurisdictionChangesRequest(_message.Message):
    __slots__ = ("brand_id", "limit")
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    brand_id: int
    limit: int
    def __init__(self, brand_id: _Optional[int] = ..., limit: _Optional[int] = ...) -> None: ...

class JurisdictionChange(_message.Message):
    __slots__ = ("player_id", "brand_id", "jurisdiction", "requested", "requested_at")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    brand_id: int
    jurisdiction: str
    requested: str
    requested_at: str
    def __init__(self, player_id: _Optional[str] = ..., brand_id: _Optional[int] = ..., jurisdiction: _Optional[str] = ..., requested: _Optional[str] = ..., requested_at: _Optional[str] = ...) -> None: ...

class ListJurisdictionChangesResponse(_message.Message):
    __slots__ = ("changes",)
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[JurisdictionChange]
    def __init__(self, changes: _Optional[_Iterable[_Union[JurisdictionChange, _Mapping]]] = ...) -> None: ...

class ConfirmJurisdictionChangeRequest(_message.Message):
    __slots__ = ("player_id", "country", "reason")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    country: str
    reason: str
    def __init__(self, player_id: _Optional[str] = ..., country: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ConfirmJurisdictionChangeResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: PlayerStatus
    def __init__(self, status: _Optional[_Union[PlayerStatus, _Mapping]] = ...) -> None: ...

class SetVerificationStatusRequest(_message.Message):
    __slots__ = ("player_id", "status", "reason")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    status: str
    reason: str
    def __init__(self, player_id: _Optional[str] = ..., status: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class SetVerificationStatusResponse(_message.Message):
    __slots__ = ("status", "verification_status")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_STATUS_FIELD_NUMBER: _ClassVar[int]
    status: PlayerStatus
    verification_status: str
    def __init__(self, status: _Optional[_Union[PlayerStatus, _Mapping]] = ..., verification_status: _Optional[str] = ...) -> None: ...

class RejectJurisdictionChangeRequest(_message.Message):
    __slots__ = ("player_id", "country", "reason")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    country: str
    reason: str
    def __init__(self, player_id: _Optional[str] = ..., country: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RejectJurisdictionChangeResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: PlayerStatus
    def __init__(self, status: _Optional[_Union[PlayerStatus, _Mapping]] = ...) -> None: ...

class BrandSettings(_message.Message):
    __slots__ = ("brand_id", "contact_change_reauth", "phone_verification", "register_vendor", "register_url", "register_secret_set", "register_outage_registration", "register_outage_play", "dormancy_months", "large_win_threshold", "min_age", "verification_policy", "verification_url", "verification_secret_set")
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    CONTACT_CHANGE_REAUTH_FIELD_NUMBER: _ClassVar[int]
    PHONE_VERIFICATION_FIELD_NUMBER: _ClassVar[int]
    REGISTER_VENDOR_FIELD_NUMBER: _ClassVar[int]
    REGISTER_URL_FIELD_NUMBER: _ClassVar[int]
    REGISTER_SECRET_SET_FIELD_NUMBER: _ClassVar[int]
    REGISTER_OUTAGE_REGISTRATION_FIELD_NUMBER: _ClassVar[int]
    REGISTER_OUTAGE_PLAY_FIELD_NUMBER: _ClassVar[int]
    DORMANCY_MONTHS_FIELD_NUMBER: _ClassVar[int]
    LARGE_WIN_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    MIN_AGE_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_POLICY_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_URL_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_SECRET_SET_FIELD_NUMBER: _ClassVar[int]
    brand_id: int
    contact_change_reauth: bool
    phone_verification: bool
    register_vendor: str
    register_url: str
    register_secret_set: bool
    register_outage_registration: str
    register_outage_play: str
    dormancy_months: int
    large_win_threshold: str
    min_age: int
    verification_policy: str
    verification_url: str
    verification_secret_set: bool
    def __init__(self, brand_id: _Optional[int] = ..., contact_change_reauth: _Optional[bool] = ..., phone_verification: _Optional[bool] = ..., register_vendor: _Optional[str] = ..., register_url: _Optional[str] = ..., register_secret_set: _Optional[bool] = ..., register_outage_registration: _Optional[str] = ..., register_outage_play: _Optional[str] = ..., dormancy_months: _Optional[int] = ..., large_win_threshold: _Optional[str] = ..., min_age: _Optional[int] = ..., verification_policy: _Optional[str] = ..., verification_url: _Optional[str] = ..., verification_secret_set: _Optional[bool] = ...) -> None: ...

class GetBrandSettingsRequest(_message.Message):
    __slots__ = ("brand_id",)
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    brand_id: int
    def __init__(self, brand_id: _Optional[int] = ...) -> None: ...

class GetBrandSettingsResponse(_message.Message):
    __slots__ = ("settings",)
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    settings: BrandSettings
    def __init__(self, settings: _Optional[_Union[BrandSettings, _Mapping]] = ...) -> None: ...

class UpdateBrandSettingsRequest(_message.Message):
    __slots__ = ("brand_id", "contact_change_reauth", "reason", "phone_verification", "register_vendor", "register_url", "register_secret", "register_outage_registration", "register_outage_play", "dormancy_months", "large_win_threshold", "min_age", "verification_policy", "verification_url", "verification_secret")
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    CONTACT_CHANGE_REAUTH_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    PHONE_VERIFICATION_FIELD_NUMBER: _ClassVar[int]
    REGISTER_VENDOR_FIELD_NUMBER: _ClassVar[int]
    REGISTER_URL_FIELD_NUMBER: _ClassVar[int]
    REGISTER_SECRET_FIELD_NUMBER: _ClassVar[int]
    REGISTER_OUTAGE_REGISTRATION_FIELD_NUMBER: _ClassVar[int]
    REGISTER_OUTAGE_PLAY_FIELD_NUMBER: _ClassVar[int]
    DORMANCY_MONTHS_FIELD_NUMBER: _ClassVar[int]
    LARGE_WIN_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    MIN_AGE_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_POLICY_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_URL_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_SECRET_FIELD_NUMBER: _ClassVar[int]
    brand_id: int
    contact_change_reauth: bool
    reason: str
    phone_verification: bool
    register_vendor: str
    register_url: str
    register_secret: str
    register_outage_registration: str
    register_outage_play: str
    dormancy_months: int
    large_win_threshold: str
    min_age: int
    verification_policy: str
    verification_url: str
    verification_secret: str
    def __init__(self, brand_id: _Optional[int] = ..., contact_change_reauth: _Optional[bool] = ..., reason: _Optional[str] = ..., phone_verification: _Optional[bool] = ..., register_vendor: _Optional[str] = ..., register_url: _Optional[str] = ..., register_secret: _Optional[str] = ..., register_outage_registration: _Optional[str] = ..., register_outage_play: _Optional[str] = ..., dormancy_months: _Optional[int] = ..., large_win_threshold: _Optional[str] = ..., min_age: _Optional[int] = ..., verification_policy: _Optional[str] = ..., verification_url: _Optional[str] = ..., verification_secret: _Optional[str] = ...) -> None: ...

class UpdateBrandSettingsResponse(_message.Message):
    __slots__ = ("settings",)
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    settings: BrandSettings
    def __init__(self, settings: _Optional[_Union[BrandSettings, _Mapping]] = ...) -> None: ...

class SetPlayerTwoFactorRequest(_message.Message):
    __slots__ = ("player_id", "enabled", "reason")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    enabled: bool
    reason: str
    def __init__(self, player_id: _Optional[str] = ..., enabled: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class SetPlayerTwoFactorResponse(_message.Message):
    __slots__ = ("player_id", "two_factor")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    TWO_FACTOR_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    two_factor: bool
    def __init__(self, player_id: _Optional[str] = ..., two_factor: _Optional[bool] = ...) -> None: ...

class ListDeadLettersRequest(_message.Message):
    __slots__ = ("outbox", "operator_id", "brand_id", "page_size", "page_token")
    OUTBOX_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    outbox: Outbox
    operator_id: str
    brand_id: int
    page_size: int
    page_token: str
    def __init__(self, outbox: _Optional[_Union[Outbox, str]] = ..., operator_id: _Optional[str] = ..., brand_id: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class DeadLetter(_message.Message):
    __slots__ = ("outbox", "id", "operator_id", "brand_id", "kind", "destination", "attempts", "last_error", "created_at", "failing_since", "dead_at")
    OUTBOX_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    FAILING_SINCE_FIELD_NUMBER: _ClassVar[int]
    DEAD_AT_FIELD_NUMBER: _ClassVar[int]
    outbox: Outbox
    id: int
    operator_id: str
    brand_id: int
    kind: str
    destination: str
    attempts: int
    last_error: str
    created_at: str
    failing_since: str
    dead_at: str
    def __init__(self, outbox: _Optional[_Union[Outbox, str]] = ..., id: _Optional[int] = ..., operator_id: _Optional[str] = ..., brand_id: _Optional[int] = ..., kind: _Optional[str] = ..., destination: _Optional[str] = ..., attempts: _Optional[int] = ..., last_error: _Optional[str] = ..., created_at: _Optional[str] = ..., failing_since: _Optional[str] = ..., dead_at: _Optional[str] = ...) -> None: ...

class ListDeadLettersResponse(_message.Message):
    __slots__ = ("dead_letters", "next_page_token")
    DEAD_LETTERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    dead_letters: _containers.RepeatedCompositeFieldContainer[DeadLetter]
    next_page_token: str
    def __init__(self, dead_letters: _Optional[_Iterable[_Union[DeadLetter, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RedriveDeadLettersRequest(_message.Message):
    __slots__ = ("outbox", "id", "operator_id", "brand_id", "reason")
    OUTBOX_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_ID_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    outbox: Outbox
    id: int
    operator_id: str
    brand_id: int
    reason: str
    def __init__(self, outbox: _Optional[_Union[Outbox, str]] = ..., id: _Optional[int] = ..., operator_id: _Optional[str] = ..., brand_id: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class RedriveDeadLettersResponse(_message.Message):
    __slots__ = ("redriven", "more")
    REDRIVEN_FIELD_NUMBER: _ClassVar[int]
    MORE_FIELD_NUMBER: _ClassVar[int]
    redriven: int
    more: bool
    def __init__(self, redriven: _Optional[int] = ..., more: _Optional[bool] = ...) -> None: ...

class ListDormantAccountsRequest(_message.Message):
    __slots__ = ("brand_id", "page_size", "page_token")
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    brand_id: int
    page_size: int
    page_token: str
    def __init__(self, brand_id: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class DormantAccount(_message.Message):
    __slots__ = ("player_id", "brand_id", "user_name", "balances", "last_activity_at", "notice_at", "dormant_at")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    USER_NAME_FIELD_NUMBER: _ClassVar[int]
    BALANCES_FIELD_NUMBER: _ClassVar[int]
    LAST_ACTIVITY_AT_FIELD_NUMBER: _ClassVar[int]
    NOTICE_AT_FIELD_NUMBER: _ClassVar[int]
    DORMANT_AT_FIELD_NUMBER: _ClassVar[int]
    player_id: str
    brand_id: int
    user_name: str
    balances: Balances
    last_activity_at: str
    notice_at: str
    dormant_at: str
    def __init__(self, player_id: _Optional[str] = ..., brand_id: _Optional[int] = ..., user_name: _Optional[str] = ..., balances: _Optional[_Union[Balances, _Mapping]] = ..., last_activity_at: _Optional[str] = ..., notice_at: _Optional[str] = ..., dormant_at: _Optional[str] = ...) -> None: ...

class ListDormantAccountsResponse(_message.Message):
    __slots__ = ("accounts", "next_page_token")
    ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    accounts: _containers.RepeatedCompositeFieldContainer[DormantAccount]
    next_page_token: str
    def __init__(self, accounts: _Optional[_Iterable[_Union[DormantAccount, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListSignificantEventsRequest(_message.Message):
    __slots__ = ("kinds", "brand_id", "subject_type", "subject_id", "to", "page_size", "page_token")
    KINDS_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    kinds: _containers.RepeatedScalarFieldContainer[str]
    brand_id: int
    subject_type: str
    subject_id: str
    to: str
    page_size: int
    page_token: str
    def __init__(self, kinds: _Optional[_Iterable[str]] = ..., brand_id: _Optional[int] = ..., subject_type: _Optional[str] = ..., subject_id: _Optional[str] = ..., to: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., **kwargs) -> None: ...

class SignificantEvent(_message.Message):
    __slots__ = ("id", "at", "kind", "severity", "brand_id", "subject_type", "subject_id", "actor", "client", "detail_json")
    ID_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    CLIENT_FIELD_NUMBER: _ClassVar[int]
    DETAIL_JSON_FIELD_NUMBER: _ClassVar[int]
    id: int
    at: str
    kind: str
    severity: str
    brand_id: int
    subject_type: str
    subject_id: str
    actor: str
    client: str
    detail_json: str
    def __init__(self, id: _Optional[int] = ..., at: _Optional[str] = ..., kind: _Optional[str] = ..., severity: _Optional[str] = ..., brand_id: _Optional[int] = ..., subject_type: _Optional[str] = ..., subject_id: _Optional[str] = ..., actor: _Optional[str] = ..., client: _Optional[str] = ..., detail_json: _Optional[str] = ...) -> None: ...

class ListSignificantEventsResponse(_message.Message):
    __slots__ = ("events", "next_page_token")
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[SignificantEvent]
    next_page_token: str
    def __init__(self, events: _Optional[_Iterable[_Union[SignificantEvent, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
