from google.api import annotations_pb2 as _annotations_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from pitboss.common.v1 import edge_pb2 as _edge_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetPersonalDetailsRequest(_message.Message):
    __slots__ = ("version", "brand_id")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ...) -> None: ...

class GetPersonalDetailsResponse(_message.Message):
    __slots__ = ("first_name", "last_name", "birthdate", "gender", "language", "country", "city", "address", "zip_postal_code", "phone", "e_mail", "opt_out", "is2fa_required", "mobile_verification_status", "mobile_verification_status_date", "mobile_verification_status_changed_by", "pending_mobile_number")
    FIRST_NAME_FIELD_NUMBER: _ClassVar[int]
    LAST_NAME_FIELD_NUMBER: _ClassVar[int]
    BIRTHDATE_FIELD_NUMBER: _ClassVar[int]
    GENDER_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    ZIP_POSTAL_CODE_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    E_MAIL_FIELD_NUMBER: _ClassVar[int]
    OPT_OUT_FIELD_NUMBER: _ClassVar[int]
    IS2FA_REQUIRED_FIELD_NUMBER: _ClassVar[int]
    MOBILE_VERIFICATION_STATUS_FIELD_NUMBER: _ClassVar[int]
    MOBILE_VERIFICATION_STATUS_DATE_FIELD_NUMBER: _ClassVar[int]
    MOBILE_VERIFICATION_STATUS_CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    PENDING_MOBILE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    first_name: str
    last_name: str
    birthdate: str
    gender: str
    language: str
    country: str
    city: str
    address: str
    zip_postal_code: str
    phone: str
    e_mail: EmailStatus
    opt_out: OptOut
    is2fa_required: bool
    mobile_verification_status: int
    mobile_verification_status_date: str
    mobile_verification_status_changed_by: str
    pending_mobile_number: str
    def __init__(self, first_name: _Optional[str] = ..., last_name: _Optional[str] = ..., birthdate: _Optional[str] = ..., gender: _Optional[str] = ..., language: _Optional[str] = ..., country: _Optional[str] = ..., city: _Optional[str] = ..., address: _Optional[str] = ..., zip_postal_code: _Optional[str] = ..., phone: _Optional[str] = ..., e_mail: _Optional[_Union[EmailStatus, _Mapping]] = ..., opt_out: _Optional[_Union[OptOut, _Mapping]] = ..., is2fa_required: _Optional[bool] = ..., mobile_verification_status: _Optional[int] = ..., mobile_verification_status_date: _Optional[str] = ..., mobile_verification_status_changed_by: _Optional[str] = ..., pending_mobile_number: _Optional[str] = ...) -> None: ...

class EmailStatus(_message.Message):
    __slots__ = ("e_mail_adress", "is_verified")
    E_MAIL_ADRESS_FIELD_NUMBER: _ClassVar[int]
    IS_VERIFIED_FIELD_NUMBER: _ClassVar[int]
    e_mail_adress: str
    is_verified: bool
    def __init__(self, e_mail_adress: _Optional[str] = ..., is_verified: _Optional[bool] = ...) -> None: ...

class OptOut(_message.Message):
    __slots__ = ("chat", "sms", "email", "phone")
    CHAT_FIELD_NUMBER: _ClassVar[int]
    SMS_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    chat: bool
    sms: bool
    email: bool
    phone: bool
    def __init__(self, chat: _Optional[bool] = ..., sms: _Optional[bool] = ..., email: _Optional[bool] = ..., phone: _Optional[bool] = ...) -> None: ...

class UpdatePersonalDetailsRequest(_message.Message):
    __slots__ = ("version", "brand_id", "last_name", "first_name", "birthdate", "gender", "language", "country", "city", "address", "zip_postal_code", "phone", "comment", "operator", "opt_out", "reality_check_period", "password")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    LAST_NAME_FIELD_NUMBER: _ClassVar[int]
    FIRST_NAME_FIELD_NUMBER: _ClassVar[int]
    BIRTHDATE_FIELD_NUMBER: _ClassVar[int]
    GENDER_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    ZIP_POSTAL_CODE_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_FIELD_NUMBER: _ClassVar[int]
    OPT_OUT_FIELD_NUMBER: _ClassVar[int]
    REALITY_CHECK_PERIOD_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    last_name: str
    first_name: str
    birthdate: str
    gender: str
    language: str
    country: str
    city: str
    address: str
    zip_postal_code: str
    phone: str
    comment: str
    operator: str
    opt_out: _struct_pb2.Value
    reality_check_period: str
    password: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., last_name: _Optional[str] = ..., first_name: _Optional[str] = ..., birthdate: _Optional[str] = ..., gender: _Optional[str] = ..., language: _Optional[str] = ..., country: _Optional[str] = ..., city: _Optional[str] = ..., address: _Optional[str] = ..., zip_postal_code: _Optional[str] = ..., phone: _Optional[str] = ..., comment: _Optional[str] = ..., operator: _Optional[str] = ..., opt_out: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., reality_check_period: _Optional[str] = ..., password: _Optional[str] = ...) -> None: ...

class UpdatePersonalDetailsResponse(_message.Message):
    __slots__ = ("mobile_verification",)
    MOBILE_VERIFICATION_FIELD_NUMBER: _ClassVar[int]
    mobile_verification: MobileVerificationRequired
    def __init__(self, mobile_verification: _Optional[_Union[MobileVerificationRequired, _Mapping]] = ...) -> None: ...

class MobileVerificationRequired(_message.Message):
    __slots__ = ("status", "data")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    status: str
    data: MobileVerificationData
    def __init__(self, status: _Optional[str] = ..., data: _Optional[_Union[MobileVerificationData, _Mapping]] = ...) -> None: ...

class MobileVerificationData(_message.Message):
    __slots__ = ("mobile_number", "two_fa_auth_token")
    MOBILE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    TWO_FA_AUTH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    mobile_number: str
    two_fa_auth_token: str
    def __init__(self, mobile_number: _Optional[str] = ..., two_fa_auth_token: _Optional[str] = ...) -> None: ...

class GetCustomFieldsRequest(_message.Message):
    __slots__ = ("version", "brand_id")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ...) -> None: ...

class StrCustomField(_message.Message):
    __slots__ = ("id", "name", "value")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    value: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class IntCustomField(_message.Message):
    __slots__ = ("id", "name", "value")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    value: int
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...

class GetCustomFieldsResponse(_message.Message):
    __slots__ = ("str_custom_fields", "int_custom_fields")
    STR_CUSTOM_FIELDS_FIELD_NUMBER: _ClassVar[int]
    INT_CUSTOM_FIELDS_FIELD_NUMBER: _ClassVar[int]
    str_custom_fields: _containers.RepeatedCompositeFieldContainer[StrCustomField]
    int_custom_fields: _containers.RepeatedCompositeFieldContainer[IntCustomField]
    def __init__(self, str_custom_fields: _Optional[_Iterable[_Union[StrCustomField, _Mapping]]] = ..., int_custom_fields: _Optional[_Iterable[_Union[IntCustomField, _Mapping]]] = ...) -> None: ...

class UpdateCustomFieldsRequest(_message.Message):
    __slots__ = ("version", "brand_id", "str_custom_fields", "int_custom_fields")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    STR_CUSTOM_FIELDS_FIELD_NUMBER: _ClassVar[int]
    INT_CUSTOM_FIELDS_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    str_custom_fields: _containers.RepeatedCompositeFieldContainer[StrCustomField]
    int_custom_fields: _containers.RepeatedCompositeFieldContainer[IntCustomField]
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., str_custom_fields: _Optional[_Iterable[_Union[StrCustomField, _Mapping]]] = ..., int_custom_fields: _Optional[_Iterable[_Union[IntCustomField, _Mapping]]] = ...) -> None: ...

class UpdateCustomFieldsResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: str
    def __init__(self, result: _Optional[str] = ...) -> None: ...

class UpdateEmailRequest(_message.Message):
    __slots__ = ("version", "brand_id", "email", "comment", "password")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    email: str
    comment: str
    password: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., email: _Optional[str] = ..., comment: _Optional[str] = ..., password: _Optional[str] = ...) -> None: ...

class UpdateEmailResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ForgotPasswordRequest(_message.Message):
    __slots__ = ("version", "brand_id", "mail")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    MAIL_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    mail: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., mail: _Optional[str] = ...) -> None: ...

class ForgotPasswordResponse(_message.Message):
    __slots__ = ("message_format",)
    MESSAGE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    message_format: str
    def __init__(self, message_format: _Optional[str] = ...) -> None: ...

class VerifyPasswordRequest(_message.Message):
    __slots__ = ("version", "brand_id", "hash", "body")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    hash: str
    body: NewPassword
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., hash: _Optional[str] = ..., body: _Optional[_Union[NewPassword, _Mapping]] = ...) -> None: ...

class NewPassword(_message.Message):
    __slots__ = ("new_password",)
    NEW_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    new_password: str
    def __init__(self, new_password: _Optional[str] = ...) -> None: ...

class VerifyPasswordResponse(_message.Message):
    __slots__ = ("token", "message_format")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    token: str
    message_format: str
    def __init__(self, token: _Optional[str] = ..., message_format: _Optional[str] = ...) -> None: ...

class ChangePasswordRequest(_message.Message):
    __slots__ = ("version", "brand_id", "old_password", "new_password")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    OLD_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    NEW_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    old_password: str
    new_password: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., old_password: _Optional[str] = ..., new_password: _Optional[str] = ...) -> None: ...

class ChangePasswordResponse(_message.Message):
    __slots__ = ("message_format",)
    MESSAGE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    message_format: str
    def __init__(self, message_format: _Optional[str] = ...) -> None: ...

class ResendActivationEmailRequest(_message.Message):
    __slots__ = ("version", "brand_id")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ...) -> None: ...

class ResendActivationEmailResponse(_message.Message):
    __slots__ = ("msg",)
    MSG_FIELD_NUMBER: _ClassVar[int]
    msg: str
    def __init__(self, msg: _Optional[str] = ...) -> None: ...

class VerifyEmailRequest(_message.Message):
    __slots__ = ("version", "brand_id", "hash")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    hash: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., hash: _Optional[str] = ...) -> None: ...

class VerifyEmailResponse(_message.Message):
    __slots__ = ("message_format",)
    MESSAGE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    message_format: str
    def __init__(self, message_format: _Optional[str] = ...) -> None: ...

class SignTncRequest(_message.Message):
    __slots__ = ("version", "brand_id", "player_id", "language", "type")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    player_id: str
    language: str
    type: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., player_id: _Optional[str] = ..., language: _Optional[str] = ..., type: _Optional[str] = ...) -> None: ...

class SignTncResponse(_message.Message):
    __slots__ = ("sign",)
    SIGN_FIELD_NUMBER: _ClassVar[int]
    sign: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, sign: _Optional[_Iterable[str]] = ...) -> None: ...

class GetOnlineStatusRequest(_message.Message):
    __slots__ = ("version", "brand_id")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ...) -> None: ...

class RealityCheck(_message.Message):
    __slots__ = ("currency", "profit", "total_bets", "total_wins", "total_lossed", "restart_period", "time_played", "min", "h")
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PROFIT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BETS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_WINS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_LOSSED_FIELD_NUMBER: _ClassVar[int]
    RESTART_PERIOD_FIELD_NUMBER: _ClassVar[int]
    TIME_PLAYED_FIELD_NUMBER: _ClassVar[int]
    MIN_FIELD_NUMBER: _ClassVar[int]
    H_FIELD_NUMBER: _ClassVar[int]
    currency: str
    profit: float
    total_bets: float
    total_wins: float
    total_lossed: float
    restart_period: str
    time_played: str
    min: str
    h: str
    def __init__(self, currency: _Optional[str] = ..., profit: _Optional[float] = ..., total_bets: _Optional[float] = ..., total_wins: _Optional[float] = ..., total_lossed: _Optional[float] = ..., restart_period: _Optional[str] = ..., time_played: _Optional[str] = ..., min: _Optional[str] = ..., h: _Optional[str] = ...) -> None: ...

class GetOnlineStatusResponse(_message.Message):
    __slots__ = ("marketing_segmentation", "tag_status", "deposit_count", "vip_level", "average_deposit", "billboard", "segmentation_id", "max_balance", "ut", "decline", "vip_segment", "total_balance", "pending_withdrawal", "total_withdrawals", "last_bet", "last_deposit", "last_deposit_amount", "rounds_since_login", "balance_since_login", "player_id_link", "bonus_opt_out", "real_balance", "free_traffic", "deposits_amount", "chat_opt_out", "bonus_balance", "max_win", "wagering_balance", "wagering_complete", "reality_check", "responsible_gaming")
    MARKETING_SEGMENTATION_FIELD_NUMBER: _ClassVar[int]
    TAG_STATUS_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_COUNT_FIELD_NUMBER: _ClassVar[int]
    VIP_LEVEL_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    BILLBOARD_FIELD_NUMBER: _ClassVar[int]
    SEGMENTATION_ID_FIELD_NUMBER: _ClassVar[int]
    MAX_BALANCE_FIELD_NUMBER: _ClassVar[int]
    UT_FIELD_NUMBER: _ClassVar[int]
    DECLINE_FIELD_NUMBER: _ClassVar[int]
    VIP_SEGMENT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BALANCE_FIELD_NUMBER: _ClassVar[int]
    PENDING_WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    TOTAL_WITHDRAWALS_FIELD_NUMBER: _ClassVar[int]
    LAST_BET_FIELD_NUMBER: _ClassVar[int]
    LAST_DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    LAST_DEPOSIT_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ROUNDS_SINCE_LOGIN_FIELD_NUMBER: _ClassVar[int]
    BALANCE_SINCE_LOGIN_FIELD_NUMBER: _ClassVar[int]
    PLAYER_ID_LINK_FIELD_NUMBER: _ClassVar[int]
    BONUS_OPT_OUT_FIELD_NUMBER: _ClassVar[int]
    REAL_BALANCE_FIELD_NUMBER: _ClassVar[int]
    FREE_TRAFFIC_FIELD_NUMBER: _ClassVar[int]
    DEPOSITS_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CHAT_OPT_OUT_FIELD_NUMBER: _ClassVar[int]
    BONUS_BALANCE_FIELD_NUMBER: _ClassVar[int]
    MAX_WIN_FIELD_NUMBER: _ClassVar[int]
    WAGERING_BALANCE_FIELD_NUMBER: _ClassVar[int]
    WAGERING_COMPLETE_FIELD_NUMBER: _ClassVar[int]
    REALITY_CHECK_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_GAMING_FIELD_NUMBER: _ClassVar[int]
    marketing_segmentation: str
    tag_status: int
    deposit_count: int
    vip_level: str
    average_deposit: float
    billboard: str
    segmentation_id: int
    max_balance: int
    ut: int
    decline: str
    vip_segment: int
    total_balance: float
    pending_withdrawal: float
    total_withdrawals: float
    last_bet: str
    last_deposit: str
    last_deposit_amount: float
    rounds_since_login: int
    balance_since_login: float
    player_id_link: str
    bonus_opt_out: int
    real_balance: float
    free_traffic: bool
    deposits_amount: float
    chat_opt_out: bool
    bonus_balance: float
    max_win: float
    wagering_balance: float
    wagering_complete: str
    reality_check: RealityCheck
    responsible_gaming: ResponsibleGaming
    def __init__(self, marketing_segmentation: _Optional[str] = ..., tag_status: _Optional[int] = ..., deposit_count: _Optional[int] = ..., vip_level: _Optional[str] = ..., average_deposit: _Optional[float] = ..., billboard: _Optional[str] = ..., segmentation_id: _Optional[int] = ..., max_balance: _Optional[int] = ..., ut: _Optional[int] = ..., decline: _Optional[str] = ..., vip_segment: _Optional[int] = ..., total_balance: _Optional[float] = ..., pending_withdrawal: _Optional[float] = ..., total_withdrawals: _Optional[float] = ..., last_bet: _Optional[str] = ..., last_deposit: _Optional[str] = ..., last_deposit_amount: _Optional[float] = ..., rounds_since_login: _Optional[int] = ..., balance_since_login: _Optional[float] = ..., player_id_link: _Optional[str] = ..., bonus_opt_out: _Optional[int] = ..., real_balance: _Optional[float] = ..., free_traffic: _Optional[bool] = ..., deposits_amount: _Optional[float] = ..., chat_opt_out: _Optional[bool] = ..., bonus_balance: _Optional[float] = ..., max_win: _Optional[float] = ..., wagering_balance: _Optional[float] = ..., wagering_complete: _Optional[str] = ..., reality_check: _Optional[_Union[RealityCheck, _Mapping]] = ..., responsible_gaming: _Optional[_Union[ResponsibleGaming, _Mapping]] = ...) -> None: ...

class GetPlayerInfoRequest(_message.Message):
    __slots__ = ("version", "brand_id")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ...) -> None: ...

class PlayerId(_message.Message):
    __slots__ = ("username", "id", "brand")
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    BRAND_FIELD_NUMBER: _ClassVar[int]
    username: str
    id: int
    brand: int
    def __init__(self, username: _Optional[str] = ..., id: _Optional[int] = ..., brand: _Optional[int] = ...) -> None: ...

class GetPlayerInfoResponse(_message.Message):
    __slots__ = ("player_id", "first_name", "last_name", "gender", "email", "vip_level", "country", "test_account", "currency_name", "currency_symbol", "b_tag")
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    FIRST_NAME_FIELD_NUMBER: _ClassVar[int]
    LAST_NAME_FIELD_NUMBER: _ClassVar[int]
    GENDER_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    VIP_LEVEL_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    TEST_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_NAME_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_SYMBOL_FIELD_NUMBER: _ClassVar[int]
    B_TAG_FIELD_NUMBER: _ClassVar[int]
    player_id: PlayerId
    first_name: str
    last_name: str
    gender: str
    email: str
    vip_level: int
    country: str
    test_account: int
    currency_name: str
    currency_symbol: str
    b_tag: str
    def __init__(self, player_id: _Optional[_Union[PlayerId, _Mapping]] = ..., first_name: _Optional[str] = ..., last_name: _Optional[str] = ..., gender: _Optional[str] = ..., email: _Optional[str] = ..., vip_level: _Optional[int] = ..., country: _Optional[str] = ..., test_account: _Optional[int] = ..., currency_name: _Optional[str] = ..., currency_symbol: _Optional[str] = ..., b_tag: _Optional[str] = ...) -> None: ...

class GetInGameStatusRequest(_message.Message):
    __slots__ = ("version", "brand_id", "game_session_id")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    GAME_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    game_session_id: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., game_session_id: _Optional[str] = ...) -> None: ...

class GetInGameStatusResponse(_message.Message):
    __slots__ = ("marketing_segmentation", "tag_status", "deposit_count", "vip_level", "average_deposit", "billboard", "segmentation_id", "max_balance", "ut", "decline", "vip_segment", "total_balance", "pending_withdrawal", "total_withdrawals", "last_bet", "last_deposit", "last_deposit_amount", "rounds_since_login", "balance_since_login", "player_id_link", "bonus_opt_out", "real_balance", "free_traffic", "deposits_amount", "chat_opt_out", "reality_check", "game_session", "responsible_gaming")
    MARKETING_SEGMENTATION_FIELD_NUMBER: _ClassVar[int]
    TAG_STATUS_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_COUNT_FIELD_NUMBER: _ClassVar[int]
    VIP_LEVEL_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    BILLBOARD_FIELD_NUMBER: _ClassVar[int]
    SEGMENTATION_ID_FIELD_NUMBER: _ClassVar[int]
    MAX_BALANCE_FIELD_NUMBER: _ClassVar[int]
    UT_FIELD_NUMBER: _ClassVar[int]
    DECLINE_FIELD_NUMBER: _ClassVar[int]
    VIP_SEGMENT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BALANCE_FIELD_NUMBER: _ClassVar[int]
    PENDING_WITHDRAWAL_FIELD_NUMBER: _ClassVar[int]
    TOTAL_WITHDRAWALS_FIELD_NUMBER: _ClassVar[int]
    LAST_BET_FIELD_NUMBER: _ClassVar[int]
    LAST_DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    LAST_DEPOSIT_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ROUNDS_SINCE_LOGIN_FIELD_NUMBER: _ClassVar[int]
    BALANCE_SINCE_LOGIN_FIELD_NUMBER: _ClassVar[int]
    PLAYER_ID_LINK_FIELD_NUMBER: _ClassVar[int]
    BONUS_OPT_OUT_FIELD_NUMBER: _ClassVar[int]
    REAL_BALANCE_FIELD_NUMBER: _ClassVar[int]
    FREE_TRAFFIC_FIELD_NUMBER: _ClassVar[int]
    DEPOSITS_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CHAT_OPT_OUT_FIELD_NUMBER: _ClassVar[int]
    REALITY_CHECK_FIELD_NUMBER: _ClassVar[int]
    GAME_SESSION_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_GAMING_FIELD_NUMBER: _ClassVar[int]
    marketing_segmentation: str
    tag_status: int
    deposit_count: int
    vip_level: str
    average_deposit: float
    billboard: str
    segmentation_id: int
    max_balance: int
    ut: int
    decline: str
    vip_segment: int
    total_balance: float
    pending_withdrawal: float
    total_withdrawals: float
    last_bet: str
    last_deposit: str
    last_deposit_amount: float
    rounds_since_login: int
    balance_since_login: float
    player_id_link: str
    bonus_opt_out: int
    real_balance: float
    free_traffic: bool
    deposits_amount: float
    chat_opt_out: bool
    reality_check: RealityCheck
    game_session: GameSessionFigures
    responsible_gaming: ResponsibleGaming
    def __init__(self, marketing_segmentation: _Optional[str] = ..., tag_status: _Optional[int] = ..., deposit_count: _Optional[int] = ..., vip_level: _Optional[str] = ..., average_deposit: _Optional[float] = ..., billboard: _Optional[str] = ..., segmentation_id: _Optional[int] = ..., max_balance: _Optional[int] = ..., ut: _Optional[int] = ..., decline: _Optional[str] = ..., vip_segment: _Optional[int] = ..., total_balance: _Optional[float] = ..., pending_withdrawal: _Optional[float] = ..., total_withdrawals: _Optional[float] = ..., last_bet: _Optional[str] = ..., last_deposit: _Optional[str] = ..., last_deposit_amount: _Optional[float] = ..., rounds_since_login: _Optional[int] = ..., balance_since_login: _Optional[float] = ..., player_id_link: _Optional[str] = ..., bonus_opt_out: _Optional[int] = ..., real_balance: _Optional[float] = ..., free_traffic: _Optional[bool] = ..., deposits_amount: _Optional[float] = ..., chat_opt_out: _Optional[bool] = ..., reality_check: _Optional[_Union[RealityCheck, _Mapping]] = ..., game_session: _Optional[_Union[GameSessionFigures, _Mapping]] = ..., responsible_gaming: _Optional[_Union[ResponsibleGaming, _Mapping]] = ...) -> None: ...

class GameSessionFigures(_message.Message):
    __slots__ = ("game_session_id", "game_id", "provider", "rounds", "total_bets", "total_wins", "time_played", "started", "expires", "last_bet", "last_bet_amount")
    GAME_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    GAME_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    ROUNDS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BETS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_WINS_FIELD_NUMBER: _ClassVar[int]
    TIME_PLAYED_FIELD_NUMBER: _ClassVar[int]
    STARTED_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_FIELD_NUMBER: _ClassVar[int]
    LAST_BET_FIELD_NUMBER: _ClassVar[int]
    LAST_BET_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    game_session_id: str
    game_id: str
    provider: str
    rounds: int
    total_bets: float
    total_wins: float
    time_played: str
    started: str
    expires: str
    last_bet: str
    last_bet_amount: float
    def __init__(self, game_session_id: _Optional[str] = ..., game_id: _Optional[str] = ..., provider: _Optional[str] = ..., rounds: _Optional[int] = ..., total_bets: _Optional[float] = ..., total_wins: _Optional[float] = ..., time_played: _Optional[str] = ..., started: _Optional[str] = ..., expires: _Optional[str] = ..., last_bet: _Optional[str] = ..., last_bet_amount: _Optional[float] = ...) -> None: ...

class StartGameRequest(_message.Message):
    __slots__ = ("version", "brand_id", "game_id", "lang", "auth_token", "return_url")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    GAME_ID_FIELD_NUMBER: _ClassVar[int]
    LANG_FIELD_NUMBER: _ClassVar[int]
    AUTH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RETURN_URL_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    game_id: str
    lang: str
    auth_token: str
    return_url: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., game_id: _Optional[str] = ..., lang: _Optional[str] = ..., auth_token: _Optional[str] = ..., return_url: _Optional[str] = ...) -> None: ...

class VerificationCallbackRequest(_message.Message):
    __slots__ = ("version", "body")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    version: str
    body: _httpbody_pb2.HttpBody
    def __init__(self, version: _Optional[str] = ..., body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class VerificationCallbackResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: str
    def __init__(self, result: _Optional[str] = ...) -> None: ...

class StartGameResponse(_message.Message):
    __slots__ = ("html", "html_indicator", "provide_rc", "is_iframe", "game_url", "game_html", "game_session_id", "game_provider", "result", "real_balance")
    HTML_FIELD_NUMBER: _ClassVar[int]
    HTML_INDICATOR_FIELD_NUMBER: _ClassVar[int]
    PROVIDE_RC_FIELD_NUMBER: _ClassVar[int]
    IS_IFRAME_FIELD_NUMBER: _ClassVar[int]
    GAME_URL_FIELD_NUMBER: _ClassVar[int]
    GAME_HTML_FIELD_NUMBER: _ClassVar[int]
    GAME_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    GAME_PROVIDER_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    REAL_BALANCE_FIELD_NUMBER: _ClassVar[int]
    html: str
    html_indicator: bool
    provide_rc: bool
    is_iframe: bool
    game_url: str
    game_html: str
    game_session_id: str
    game_provider: str
    result: str
    real_balance: float
    def __init__(self, html: _Optional[str] = ..., html_indicator: _Optional[bool] = ..., provide_rc: _Optional[bool] = ..., is_iframe: _Optional[bool] = ..., game_url: _Optional[str] = ..., game_html: _Optional[str] = ..., game_session_id: _Optional[str] = ..., game_provider: _Optional[str] = ..., result: _Optional[str] = ..., real_balance: _Optional[float] = ...) -> None: ...

class OpenRoundMessage(_message.Message):
    __slots__ = ("game_id", "html", "html_indicator", "open_game_id", "result", "game_url")
    GAME_ID_FIELD_NUMBER: _ClassVar[int]
    HTML_FIELD_NUMBER: _ClassVar[int]
    HTML_INDICATOR_FIELD_NUMBER: _ClassVar[int]
    OPEN_GAME_ID_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    GAME_URL_FIELD_NUMBER: _ClassVar[int]
    game_id: str
    html: str
    html_indicator: bool
    open_game_id: str
    result: str
    game_url: str
    def __init__(self, game_id: _Optional[str] = ..., html: _Optional[str] = ..., html_indicator: _Optional[bool] = ..., open_game_id: _Optional[str] = ..., result: _Optional[str] = ..., game_url: _Optional[str] = ...) -> None: ...

class LoginRequest(_message.Message):
    __slots__ = ("version", "brand_id", "user_name", "email", "password", "language")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    USER_NAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    user_name: str
    email: str
    password: str
    language: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., user_name: _Optional[str] = ..., email: _Optional[str] = ..., password: _Optional[str] = ..., language: _Optional[str] = ...) -> None: ...

class LoginResponse(_message.Message):
    __slots__ = ("auth_token", "result", "actions", "two_fa_auth_token", "responsible_gaming")
    AUTH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    TWO_FA_AUTH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_GAMING_FIELD_NUMBER: _ClassVar[int]
    auth_token: str
    result: str
    actions: _containers.RepeatedScalarFieldContainer[str]
    two_fa_auth_token: str
    responsible_gaming: ResponsibleGaming
    def __init__(self, auth_token: _Optional[str] = ..., result: _Optional[str] = ..., actions: _Optional[_Iterable[str]] = ..., two_fa_auth_token: _Optional[str] = ..., responsible_gaming: _Optional[_Union[ResponsibleGaming, _Mapping]] = ...) -> None: ...

class LogoutRequest(_message.Message):
    __slots__ = ("version", "brand_id")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ...) -> None: ...

class LogoutResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: str
    def __init__(self, result: _Optional[str] = ...) -> None: ...

class RegisterStepOneRequest(_message.Message):
    __slots__ = ("version", "brand_id", "login_name", "email", "password", "over18", "sign_tnc", "sign_privacy", "language", "btag", "bonus_code", "currency")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    LOGIN_NAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    OVER18_FIELD_NUMBER: _ClassVar[int]
    SIGN_TNC_FIELD_NUMBER: _ClassVar[int]
    SIGN_PRIVACY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    BTAG_FIELD_NUMBER: _ClassVar[int]
    BONUS_CODE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    login_name: str
    email: str
    password: str
    over18: bool
    sign_tnc: bool
    sign_privacy: bool
    language: str
    btag: str
    bonus_code: str
    currency: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., login_name: _Optional[str] = ..., email: _Optional[str] = ..., password: _Optional[str] = ..., over18: _Optional[bool] = ..., sign_tnc: _Optional[bool] = ..., sign_privacy: _Optional[bool] = ..., language: _Optional[str] = ..., btag: _Optional[str] = ..., bonus_code: _Optional[str] = ..., currency: _Optional[str] = ...) -> None: ...

class RegisterStepOneResponse(_message.Message):
    __slots__ = ("auth_token", "result", "player_id")
    AUTH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    PLAYER_ID_FIELD_NUMBER: _ClassVar[int]
    auth_token: str
    result: str
    player_id: int
    def __init__(self, auth_token: _Optional[str] = ..., result: _Optional[str] = ..., player_id: _Optional[int] = ...) -> None: ...

class RegisterStepTwoRequest(_message.Message):
    __slots__ = ("version", "brand_id", "auth_token", "first_name", "last_name", "birth_date", "gender", "language", "country", "city", "address", "zip_code", "mobile_number")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    AUTH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FIRST_NAME_FIELD_NUMBER: _ClassVar[int]
    LAST_NAME_FIELD_NUMBER: _ClassVar[int]
    BIRTH_DATE_FIELD_NUMBER: _ClassVar[int]
    GENDER_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    ZIP_CODE_FIELD_NUMBER: _ClassVar[int]
    MOBILE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    auth_token: str
    first_name: str
    last_name: str
    birth_date: str
    gender: str
    language: str
    country: str
    city: str
    address: str
    zip_code: str
    mobile_number: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., auth_token: _Optional[str] = ..., first_name: _Optional[str] = ..., last_name: _Optional[str] = ..., birth_date: _Optional[str] = ..., gender: _Optional[str] = ..., language: _Optional[str] = ..., country: _Optional[str] = ..., city: _Optional[str] = ..., address: _Optional[str] = ..., zip_code: _Optional[str] = ..., mobile_number: _Optional[str] = ...) -> None: ...

class RegisterStepTwoResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: str
    def __init__(self, result: _Optional[str] = ...) -> None: ...

class SendCodeRequest(_message.Message):
    __slots__ = ("version", "brand_id")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ...) -> None: ...

class SendCodeResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: str
    def __init__(self, result: _Optional[str] = ...) -> None: ...

class ValidateCodeRequest(_message.Message):
    __slots__ = ("version", "brand_id", "sms_code")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    SMS_CODE_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    sms_code: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., sms_code: _Optional[str] = ...) -> None: ...

class ValidateCodeResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: str
    def __init__(self, result: _Optional[str] = ...) -> None: ...

class GetMessageFormatRequest(_message.Message):
    __slots__ = ("version", "message_string")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_STRING_FIELD_NUMBER: _ClassVar[int]
    version: str
    message_string: str
    def __init__(self, version: _Optional[str] = ..., message_string: _Optional[str] = ...) -> None: ...

class GetMessageFormatResponse(_message.Message):
    __slots__ = ("type", "title", "content", "button_1_text", "button_1_link", "button_2_text", "button_2_link")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    BUTTON_1_TEXT_FIELD_NUMBER: _ClassVar[int]
    BUTTON_1_LINK_FIELD_NUMBER: _ClassVar[int]
    BUTTON_2_TEXT_FIELD_NUMBER: _ClassVar[int]
    BUTTON_2_LINK_FIELD_NUMBER: _ClassVar[int]
    type: str
    title: str
    content: str
    button_1_text: str
    button_1_link: str
    button_2_text: str
    button_2_link: str
    def __init__(self, type: _Optional[str] = ..., title: _Optional[str] = ..., content: _Optional[str] = ..., button_1_text: _Optional[str] = ..., button_1_link: _Optional[str] = ..., button_2_text: _Optional[str] = ..., button_2_link: _Optional[str] = ...) -> None: ...

class PendingLimitChange(_message.Message):
    __slots__ = ("amount", "remove", "effective_at")
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REMOVE_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_AT_FIELD_NUMBER: _ClassVar[int]
    amount: float
    remove: bool
    effective_at: str
    def __init__(self, amount: _Optional[float] = ..., remove: _Optional[bool] = ..., effective_at: _Optional[str] = ...) -> None: ...

class ProtectionLimit(_message.Message):
    __slots__ = ("type", "period", "amount", "used", "remaining", "pending")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    USED_FIELD_NUMBER: _ClassVar[int]
    REMAINING_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    type: str
    period: str
    amount: float
    used: float
    remaining: float
    pending: PendingLimitChange
    def __init__(self, type: _Optional[str] = ..., period: _Optional[str] = ..., amount: _Optional[float] = ..., used: _Optional[float] = ..., remaining: _Optional[float] = ..., pending: _Optional[_Union[PendingLimitChange, _Mapping]] = ...) -> None: ...

class ResponsibleGaming(_message.Message):
    __slots__ = ("state", "until", "currency", "limits")
    STATE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    state: str
    until: str
    currency: str
    limits: _containers.RepeatedCompositeFieldContainer[ProtectionLimit]
    def __init__(self, state: _Optional[str] = ..., until: _Optional[str] = ..., currency: _Optional[str] = ..., limits: _Optional[_Iterable[_Union[ProtectionLimit, _Mapping]]] = ...) -> None: ...

class GetLimitsRequest(_message.Message):
    __slots__ = ("version", "brand_id")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ...) -> None: ...

class GetLimitsResponse(_message.Message):
    __slots__ = ("state", "until", "currency", "limits")
    STATE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    state: str
    until: str
    currency: str
    limits: _containers.RepeatedCompositeFieldContainer[ProtectionLimit]
    def __init__(self, state: _Optional[str] = ..., until: _Optional[str] = ..., currency: _Optional[str] = ..., limits: _Optional[_Iterable[_Union[ProtectionLimit, _Mapping]]] = ...) -> None: ...

class SetLimitsRequest(_message.Message):
    __slots__ = ("version", "brand_id", "limits")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    limits: _struct_pb2.Struct
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., limits: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class SetLimitsResponse(_message.Message):
    __slots__ = ("state", "until", "currency", "limits")
    STATE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    state: str
    until: str
    currency: str
    limits: _containers.RepeatedCompositeFieldContainer[ProtectionLimit]
    def __init__(self, state: _Optional[str] = ..., until: _Optional[str] = ..., currency: _Optional[str] = ..., limits: _Optional[_Iterable[_Union[ProtectionLimit, _Mapping]]] = ...) -> None: ...

class TakeTimeoutRequest(_message.Message):
    __slots__ = ("version", "brand_id", "period")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    period: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., period: _Optional[str] = ...) -> None: ...

class TakeTimeoutResponse(_message.Message):
    __slots__ = ("state", "until", "currency", "limits")
    STATE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    state: str
    until: str
    currency: str
    limits: _containers.RepeatedCompositeFieldContainer[ProtectionLimit]
    def __init__(self, state: _Optional[str] = ..., until: _Optional[str] = ..., currency: _Optional[str] = ..., limits: _Optional[_Iterable[_Union[ProtectionLimit, _Mapping]]] = ...) -> None: ...

class SelfExcludeRequest(_message.Message):
    __slots__ = ("version", "brand_id", "period")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    period: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., period: _Optional[str] = ...) -> None: ...

class SelfExcludeResponse(_message.Message):
    __slots__ = ("state", "until", "currency", "limits")
    STATE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    state: str
    until: str
    currency: str
    limits: _containers.RepeatedCompositeFieldContainer[ProtectionLimit]
    def __init__(self, state: _Optional[str] = ..., until: _Optional[str] = ..., currency: _Optional[str] = ..., limits: _Optional[_Iterable[_Union[ProtectionLimit, _Mapping]]] = ...) -> None: ...

class GetTransactionHistoryRequest(_message.Message):
    __slots__ = ("version", "brand_id", "to", "limit", "cursor")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BRAND_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    version: str
    brand_id: str
    to: str
    limit: int
    cursor: str
    def __init__(self, version: _Optional[str] = ..., brand_id: _Optional[str] = ..., to: _Optional[str] = ..., limit: _Optional[int] = ..., cursor: _Optional[str] = ..., **kwargs) -> None: ...

class HistoryTransaction(_message.Message):
    __slots__ = ("id", "at", "type", "amount", "balance_after", "provider", "game_id", "round_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    BALANCE_AFTER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    GAME_ID_FIELD_NUMBER: _ClassVar[int]
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    at: str
    type: str
    amount: float
    balance_after: float
    provider: str
    game_id: str
    round_id: str
    def __init__(self, id: _Optional[int] = ..., at: _Optional[str] = ..., type: _Optional[str] = ..., amount: _Optional[float] = ..., balance_after: _Optional[float] = ..., provider: _Optional[str] = ..., game_id: _Optional[str] = ..., round_id: _Optional[str] = ...) -> None: ...

class HistoryTotals(_message.Message):
    __slots__ = ("bets", "wins", "refunds", "promotions", "deposits", "withdrawals", "adjustments", "win_loss", "net_deposits")
    BETS_FIELD_NUMBER: _ClassVar[int]
    WINS_FIELD_NUMBER: _ClassVar[int]
    REFUNDS_FIELD_NUMBER: _ClassVar[int]
    PROMOTIONS_FIELD_NUMBER: _ClassVar[int]
    DEPOSITS_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWALS_FIELD_NUMBER: _ClassVar[int]
    ADJUSTMENTS_FIELD_NUMBER: _ClassVar[int]
    WIN_LOSS_FIELD_NUMBER: _ClassVar[int]
    NET_DEPOSITS_FIELD_NUMBER: _ClassVar[int]
    bets: float
    wins: float
    refunds: float
    promotions: float
    deposits: float
    withdrawals: float
    adjustments: float
    win_loss: float
    net_deposits: float
    def __init__(self, bets: _Optional[float] = ..., wins: _Optional[float] = ..., refunds: _Optional[float] = ..., promotions: _Optional[float] = ..., deposits: _Optional[float] = ..., withdrawals: _Optional[float] = ..., adjustments: _Optional[float] = ..., win_loss: _Optional[float] = ..., net_deposits: _Optional[float] = ...) -> None: ...

class GetTransactionHistoryResponse(_message.Message):
    __slots__ = ("to", "currency", "transactions", "totals", "cursor")
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    TRANSACTIONS_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    to: str
    currency: str
    transactions: _containers.RepeatedCompositeFieldContainer[HistoryTransaction]
    totals: HistoryTotals
    cursor: str
    def __init__(self, to: _Optional[str] = ..., currency: _Optional[str] = ..., transactions: _Optional[_Iterable[_Union[HistoryTransaction, _Mapping]]] = ..., totals: _Optional[_Union[HistoryTotals, _Mapping]] = ..., cursor: _Optional[str] = ..., **kwargs) -> None: ...
