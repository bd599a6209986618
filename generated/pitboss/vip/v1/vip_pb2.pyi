from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from pitboss.common.v1 import edge_pb2 as _edge_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LookupAccountRequest(_message.Message):
    __slots__ = ("id_type", "id_number", "id_state", "product_type", "vip_account_number")
    ID_TYPE_FIELD_NUMBER: _ClassVar[int]
    ID_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ID_STATE_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_TYPE_FIELD_NUMBER: _ClassVar[int]
    VIP_ACCOUNT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    id_type: str
    id_number: str
    id_state: str
    product_type: str
    vip_account_number: str
    def __init__(self, id_type: _Optional[str] = ..., id_number: _Optional[str] = ..., id_state: _Optional[str] = ..., product_type: _Optional[str] = ..., vip_account_number: _Optional[str] = ...) -> None: ...

class LookupAccountResponse(_message.Message):
    __slots__ = ("member_since", "last_transaction", "most_recent_transaction_amount", "date_of_birth", "last4_ssn", "incremental_limit_amount", "max_limit_amount", "vip_card_number", "id_number", "id_type", "id_state", "first_name", "last_name", "name", "address", "city", "state", "zip", "home_phone_number", "mobile_phone_number", "email", "limit_amount", "available_amount", "is_in_good_standing", "one_click_discount_eligible", "bank_accounts")
    MEMBER_SINCE_FIELD_NUMBER: _ClassVar[int]
    LAST_TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    MOST_RECENT_TRANSACTION_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    DATE_OF_BIRTH_FIELD_NUMBER: _ClassVar[int]
    LAST4_SSN_FIELD_NUMBER: _ClassVar[int]
    INCREMENTAL_LIMIT_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    MAX_LIMIT_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    VIP_CARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ID_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ID_TYPE_FIELD_NUMBER: _ClassVar[int]
    ID_STATE_FIELD_NUMBER: _ClassVar[int]
    FIRST_NAME_FIELD_NUMBER: _ClassVar[int]
    LAST_NAME_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ZIP_FIELD_NUMBER: _ClassVar[int]
    HOME_PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    MOBILE_PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    LIMIT_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    IS_IN_GOOD_STANDING_FIELD_NUMBER: _ClassVar[int]
    ONE_CLICK_DISCOUNT_ELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    BANK_ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    member_since: str
    last_transaction: str
    most_recent_transaction_amount: float
    date_of_birth: str
    last4_ssn: str
    incremental_limit_amount: float
    max_limit_amount: float
    vip_card_number: str
    id_number: str
    id_type: str
    id_state: str
    first_name: str
    last_name: str
    name: str
    address: str
    city: str
    state: str
    zip: str
    home_phone_number: str
    mobile_phone_number: str
    email: str
    limit_amount: float
    available_amount: float
    is_in_good_standing: bool
    one_click_discount_eligible: bool
    bank_accounts: _containers.RepeatedCompositeFieldContainer[BankAccount]
    def __init__(self, member_since: _Optional[str] = ..., last_transaction: _Optional[str] = ..., most_recent_transaction_amount: _Optional[float] = ..., date_of_birth: _Optional[str] = ..., last4_ssn: _Optional[str] = ..., incremental_limit_amount: _Optional[float] = ..., max_limit_amount: _Optional[float] = ..., vip_card_number: _Optional[str] = ..., id_number: _Optional[str] = ..., id_type: _Optional[str] = ..., id_state: _Optional[str] = ..., first_name: _Optional[str] = ..., last_name: _Optional[str] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., city: _Optional[str] = ..., state: _Optional[str] = ..., zip: _Optional[str] = ..., home_phone_number: _Optional[str] = ..., mobile_phone_number: _Optional[str] = ..., email: _Optional[str] = ..., limit_amount: _Optional[float] = ..., available_amount: _Optional[float] = ..., is_in_good_standing: _Optional[bool] = ..., one_click_discount_eligible: _Optional[bool] = ..., bank_accounts: _Optional[_Iterable[_Union[BankAccount, _Mapping]]] = ...) -> None: ...

class BankAccount(_message.Message):
    __slots__ = ("masked_account_number", "routing_number", "bank_name", "available_limit", "available_amount", "instant_payment_eligible")
    MASKED_ACCOUNT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ROUTING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    BANK_NAME_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_LIMIT_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    INSTANT_PAYMENT_ELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    masked_account_number: str
    routing_number: str
    bank_name: str
    available_limit: float
    available_amount: float
    instant_payment_eligible: bool
    def __init__(self, masked_account_number: _Optional[str] = ..., routing_number: _Optional[str] = ..., bank_name: _Optional[str] = ..., available_limit: _Optional[float] = ..., available_amount: _Optional[float] = ..., instant_payment_eligible: _Optional[bool] = ...) -> None: ...

class VipError(_message.Message):
    __slots__ = ("error_code", "operator_error_message", "patron_error_message")
    ERROR_CODE_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    PATRON_ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    error_code: str
    operator_error_message: str
    patron_error_message: str
    def __init__(self, error_code: _Optional[str] = ..., operator_error_message: _Optional[str] = ..., patron_error_message: _Optional[str] = ...) -> None: ...

class CreateExistingSessionRequest(_message.Message):
    __slots__ = ("patron_id", "vip_card_number", "date_of_birth", "remaining_daily_deposit", "wallet_balance", "transaction_id", "transaction_amount", "transaction_type", "return_url", "cancel_redirect_url", "product_type", "one_click_discount_applied", "warranty_mode", "android_package_name")
    PATRON_ID_FIELD_NUMBER: _ClassVar[int]
    VIP_CARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DATE_OF_BIRTH_FIELD_NUMBER: _ClassVar[int]
    REMAINING_DAILY_DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    WALLET_BALANCE_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    RETURN_URL_FIELD_NUMBER: _ClassVar[int]
    CANCEL_REDIRECT_URL_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_TYPE_FIELD_NUMBER: _ClassVar[int]
    ONE_CLICK_DISCOUNT_APPLIED_FIELD_NUMBER: _ClassVar[int]
    WARRANTY_MODE_FIELD_NUMBER: _ClassVar[int]
    ANDROID_PACKAGE_NAME_FIELD_NUMBER: _ClassVar[int]
    patron_id: str
    vip_card_number: str
    date_of_birth: str
    remaining_daily_deposit: float
    wallet_balance: float
    transaction_id: str
    transaction_amount: float
    transaction_type: _struct_pb2.Value
    return_url: str
    cancel_redirect_url: str
    product_type: str
    one_click_discount_applied: bool
    warranty_mode: str
    android_package_name: str
    def __init__(self, patron_id: _Optional[str] = ..., vip_card_number: _Optional[str] = ..., date_of_birth: _Optional[str] = ..., remaining_daily_deposit: _Optional[float] = ..., wallet_balance: _Optional[float] = ..., transaction_id: _Optional[str] = ..., transaction_amount: _Optional[float] = ..., transaction_type: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., return_url: _Optional[str] = ..., cancel_redirect_url: _Optional[str] = ..., product_type: _Optional[str] = ..., one_click_discount_applied: _Optional[bool] = ..., warranty_mode: _Optional[str] = ..., android_package_name: _Optional[str] = ...) -> None: ...

class SessionErrorModel(_message.Message):
    __slots__ = ("error_code", "transaction_stage", "operator_error_message", "operator_decline_description", "patron_error_message")
    ERROR_CODE_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_STAGE_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_DECLINE_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PATRON_ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    error_code: str
    transaction_stage: str
    operator_error_message: str
    operator_decline_description: str
    patron_error_message: str
    def __init__(self, error_code: _Optional[str] = ..., transaction_stage: _Optional[str] = ..., operator_error_message: _Optional[str] = ..., operator_decline_description: _Optional[str] = ..., patron_error_message: _Optional[str] = ...) -> None: ...

class CreateExistingSessionResponse(_message.Message):
    __slots__ = ("patron_id", "session_id", "expires", "enrollment_status", "vip_card_number", "operator_name", "deposit_limit", "min_deposit", "withdraw_limit", "min_withdraw", "transaction_id", "transaction_amount", "return_url", "patron_product_type", "one_click_discount_applied", "cancel_redirect_url", "error_model")
    PATRON_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_FIELD_NUMBER: _ClassVar[int]
    ENROLLMENT_STATUS_FIELD_NUMBER: _ClassVar[int]
    VIP_CARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_NAME_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_LIMIT_FIELD_NUMBER: _ClassVar[int]
    MIN_DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    WITHDRAW_LIMIT_FIELD_NUMBER: _ClassVar[int]
    MIN_WITHDRAW_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    RETURN_URL_FIELD_NUMBER: _ClassVar[int]
    PATRON_PRODUCT_TYPE_FIELD_NUMBER: _ClassVar[int]
    ONE_CLICK_DISCOUNT_APPLIED_FIELD_NUMBER: _ClassVar[int]
    CANCEL_REDIRECT_URL_FIELD_NUMBER: _ClassVar[int]
    ERROR_MODEL_FIELD_NUMBER: _ClassVar[int]
    patron_id: str
    session_id: str
    expires: str
    enrollment_status: str
    vip_card_number: str
    operator_name: str
    deposit_limit: float
    min_deposit: float
    withdraw_limit: float
    min_withdraw: float
    transaction_id: str
    transaction_amount: float
    return_url: str
    patron_product_type: str
    one_click_discount_applied: bool
    cancel_redirect_url: str
    error_model: SessionErrorModel
    def __init__(self, patron_id: _Optional[str] = ..., session_id: _Optional[str] = ..., expires: _Optional[str] = ..., enrollment_status: _Optional[str] = ..., vip_card_number: _Optional[str] = ..., operator_name: _Optional[str] = ..., deposit_limit: _Optional[float] = ..., min_deposit: _Optional[float] = ..., withdraw_limit: _Optional[float] = ..., min_withdraw: _Optional[float] = ..., transaction_id: _Optional[str] = ..., transaction_amount: _Optional[float] = ..., return_url: _Optional[str] = ..., patron_product_type: _Optional[str] = ..., one_click_discount_applied: _Optional[bool] = ..., cancel_redirect_url: _Optional[str] = ..., error_model: _Optional[_Union[SessionErrorModel, _Mapping]] = ...) -> None: ...

class CreateNewSessionRequest(_message.Message):
    __slots__ = ("patron_id", "first_name", "middle_initial", "last_name", "date_of_birth", "email", "mobile_phone", "street_name", "city", "state", "zip", "country", "id_type", "id_number", "id_state", "ssn", "routing_number", "account_number", "wallet_balance", "remaining_daily_deposit", "transaction_id", "transaction_amount", "transaction_type", "return_url", "cancel_redirect_url", "product_type", "one_click_discount_applied")
    PATRON_ID_FIELD_NUMBER: _ClassVar[int]
    FIRST_NAME_FIELD_NUMBER: _ClassVar[int]
    MIDDLE_INITIAL_FIELD_NUMBER: _ClassVar[int]
    LAST_NAME_FIELD_NUMBER: _ClassVar[int]
    DATE_OF_BIRTH_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    MOBILE_PHONE_FIELD_NUMBER: _ClassVar[int]
    STREET_NAME_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ZIP_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    ID_TYPE_FIELD_NUMBER: _ClassVar[int]
    ID_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ID_STATE_FIELD_NUMBER: _ClassVar[int]
    SSN_FIELD_NUMBER: _ClassVar[int]
    ROUTING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    WALLET_BALANCE_FIELD_NUMBER: _ClassVar[int]
    REMAINING_DAILY_DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    RETURN_URL_FIELD_NUMBER: _ClassVar[int]
    CANCEL_REDIRECT_URL_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_TYPE_FIELD_NUMBER: _ClassVar[int]
    ONE_CLICK_DISCOUNT_APPLIED_FIELD_NUMBER: _ClassVar[int]
    patron_id: str
    first_name: str
    middle_initial: str
    last_name: str
    date_of_birth: str
    email: str
    mobile_phone: str
    street_name: str
    city: str
    state: str
    zip: str
    country: str
    id_type: str
    id_number: str
    id_state: str
    ssn: str
    routing_number: str
    account_number: str
    wallet_balance: float
    remaining_daily_deposit: float
    transaction_id: str
    transaction_amount: float
    transaction_type: _struct_pb2.Value
    return_url: str
    cancel_redirect_url: str
    product_type: str
    one_click_discount_applied: bool
    def __init__(self, patron_id: _Optional[str] = ..., first_name: _Optional[str] = ..., middle_initial: _Optional[str] = ..., last_name: _Optional[str] = ..., date_of_birth: _Optional[str] = ..., email: _Optional[str] = ..., mobile_phone: _Optional[str] = ..., street_name: _Optional[str] = ..., city: _Optional[str] = ..., state: _Optional[str] = ..., zip: _Optional[str] = ..., country: _Optional[str] = ..., id_type: _Optional[str] = ..., id_number: _Optional[str] = ..., id_state: _Optional[str] = ..., ssn: _Optional[str] = ..., routing_number: _Optional[str] = ..., account_number: _Optional[str] = ..., wallet_balance: _Optional[float] = ..., remaining_daily_deposit: _Optional[float] = ..., transaction_id: _Optional[str] = ..., transaction_amount: _Optional[float] = ..., transaction_type: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., return_url: _Optional[str] = ..., cancel_redirect_url: _Optional[str] = ..., product_type: _Optional[str] = ..., one_click_discount_applied: _Optional[bool] = ...) -> None: ...

class CreateNewSessionResponse(_message.Message):
    __slots__ = ("patron_id", "session_id", "expires", "enrollment_status", "vip_card_number", "operator_name", "deposit_limit", "min_deposit", "withdraw_limit", "min_withdraw", "transaction_id", "transaction_amount", "return_url", "patron_product_type", "one_click_discount_applied", "cancel_redirect_url", "error_model")
    PATRON_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_FIELD_NUMBER: _ClassVar[int]
    ENROLLMENT_STATUS_FIELD_NUMBER: _ClassVar[int]
    VIP_CARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_NAME_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_LIMIT_FIELD_NUMBER: _ClassVar[int]
    MIN_DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    WITHDRAW_LIMIT_FIELD_NUMBER: _ClassVar[int]
    MIN_WITHDRAW_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    RETURN_URL_FIELD_NUMBER: _ClassVar[int]
    PATRON_PRODUCT_TYPE_FIELD_NUMBER: _ClassVar[int]
    ONE_CLICK_DISCOUNT_APPLIED_FIELD_NUMBER: _ClassVar[int]
    CANCEL_REDIRECT_URL_FIELD_NUMBER: _ClassVar[int]
    ERROR_MODEL_FIELD_NUMBER: _ClassVar[int]
    patron_id: str
    session_id: str
    expires: str
    enrollment_status: str
    vip_card_number: str
    operator_name: str
    deposit_limit: float
    min_deposit: float
    withdraw_limit: float
    min_withdraw: float
    transaction_id: str
    transaction_amount: float
    return_url: str
    patron_product_type: str
    one_click_discount_applied: bool
    cancel_redirect_url: str
    error_model: SessionErrorModel
    def __init__(self, patron_id: _Optional[str] = ..., session_id: _Optional[str] = ..., expires: _Optional[str] = ..., enrollment_status: _Optional[str] = ..., vip_card_number: _Optional[str] = ..., operator_name: _Optional[str] = ..., deposit_limit: _Optional[float] = ..., min_deposit: _Optional[float] = ..., withdraw_limit: _Optional[float] = ..., min_withdraw: _Optional[float] = ..., transaction_id: _Optional[str] = ..., transaction_amount: _Optional[float] = ..., return_url: _Optional[str] = ..., patron_product_type: _Optional[str] = ..., one_click_discount_applied: _Optional[bool] = ..., cancel_redirect_url: _Optional[str] = ..., error_model: _Optional[_Union[SessionErrorModel, _Mapping]] = ...) -> None: ...

class CreateSimpleSessionRequest(_message.Message):
    __slots__ = ("patron_id", "vip_card_number", "date_of_birth", "return_url")
    PATRON_ID_FIELD_NUMBER: _ClassVar[int]
    VIP_CARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DATE_OF_BIRTH_FIELD_NUMBER: _ClassVar[int]
    RETURN_URL_FIELD_NUMBER: _ClassVar[int]
    patron_id: str
    vip_card_number: str
    date_of_birth: str
    return_url: str
    def __init__(self, patron_id: _Optional[str] = ..., vip_card_number: _Optional[str] = ..., date_of_birth: _Optional[str] = ..., return_url: _Optional[str] = ...) -> None: ...

class CreateSimpleSessionResponse(_message.Message):
    __slots__ = ("patron_id", "session_id", "expires", "enrollment_status", "vip_card_number", "operator_name", "deposit_limit", "min_deposit", "withdraw_limit", "min_withdraw", "transaction_id", "transaction_amount", "return_url", "patron_product_type", "one_click_discount_applied", "cancel_redirect_url", "error_model")
    PATRON_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_FIELD_NUMBER: _ClassVar[int]
    ENROLLMENT_STATUS_FIELD_NUMBER: _ClassVar[int]
    VIP_CARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_NAME_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_LIMIT_FIELD_NUMBER: _ClassVar[int]
    MIN_DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    WITHDRAW_LIMIT_FIELD_NUMBER: _ClassVar[int]
    MIN_WITHDRAW_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    RETURN_URL_FIELD_NUMBER: _ClassVar[int]
    PATRON_PRODUCT_TYPE_FIELD_NUMBER: _ClassVar[int]
    ONE_CLICK_DISCOUNT_APPLIED_FIELD_NUMBER: _ClassVar[int]
    CANCEL_REDIRECT_URL_FIELD_NUMBER: _ClassVar[int]
    ERROR_MODEL_FIELD_NUMBER: _ClassVar[int]
    patron_id: str
    session_id: str
    expires: str
    enrollment_status: str
    vip_card_number: str
    operator_name: str
    deposit_limit: float
    min_deposit: float
    withdraw_limit: float
    min_withdraw: float
    transaction_id: str
    transaction_amount: float
    return_url: str
    patron_product_type: str
    one_click_discount_applied: bool
    cancel_redirect_url: str
    error_model: SessionErrorModel
    def __init__(self, patron_id: _Optional[str] = ..., session_id: _Optional[str] = ..., expires: _Optional[str] = ..., enrollment_status: _Optional[str] = ..., vip_card_number: _Optional[str] = ..., operator_name: _Optional[str] = ..., deposit_limit: _Optional[float] = ..., min_deposit: _Optional[float] = ..., withdraw_limit: _Optional[float] = ..., min_withdraw: _Optional[float] = ..., transaction_id: _Optional[str] = ..., transaction_amount: _Optional[float] = ..., return_url: _Optional[str] = ..., patron_product_type: _Optional[str] = ..., one_click_discount_applied: _Optional[bool] = ..., cancel_redirect_url: _Optional[str] = ..., error_model: _Optional[_Union[SessionErrorModel, _Mapping]] = ...) -> None: ...

class ApproveWithdrawRequest(_message.Message):
    __slots__ = ("transaction_id", "approved")
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    transaction_id: str
    approved: bool
    def __init__(self, transaction_id: _Optional[str] = ..., approved: _Optional[bool] = ...) -> None: ...

class ApproveWithdrawResponse(_message.Message):
    __slots__ = ("transaction_result", "transaction_id", "status")
    TRANSACTION_RESULT_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    transaction_result: str
    transaction_id: str
    status: str
    def __init__(self, transaction_result: _Optional[str] = ..., transaction_id: _Optional[str] = ..., status: _Optional[str] = ...) -> None: ...

class ApproveDepositRequest(_message.Message):
    __slots__ = ("transaction_id", "approved")
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    transaction_id: str
    approved: bool
    def __init__(self, transaction_id: _Optional[str] = ..., approved: _Optional[bool] = ...) -> None: ...

class ApproveDepositResponse(_message.Message):
    __slots__ = ("transaction_result", "transaction_id", "status")
    TRANSACTION_RESULT_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    transaction_result: str
    transaction_id: str
    status: str
    def __init__(self, transaction_result: _Optional[str] = ..., transaction_id: _Optional[str] = ..., status: _Optional[str] = ...) -> None: ...

class GetSdkPageRequest(_message.Message):
    __slots__ = ("mode",)
    MODE_FIELD_NUMBER: _ClassVar[int]
    mode: str
    def __init__(self, mode: _Optional[str] = ...) -> None: ...

class GetSdkScriptRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetSdkSessionRequest(_message.Message):
    __slots__ = ("session_id",)
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ...) -> None: ...

class GetSdkSessionResponse(_message.Message):
    __slots__ = ("session_id", "mode", "patron_name", "operator_name", "transaction_amount", "transaction_id", "expires", "bank_accounts")
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    PATRON_NAME_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_NAME_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_FIELD_NUMBER: _ClassVar[int]
    BANK_ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    mode: str
    patron_name: str
    operator_name: str
    transaction_amount: float
    transaction_id: str
    expires: str
    bank_accounts: _containers.RepeatedCompositeFieldContainer[SdkBankAccount]
    def __init__(self, session_id: _Optional[str] = ..., mode: _Optional[str] = ..., patron_name: _Optional[str] = ..., operator_name: _Optional[str] = ..., transaction_amount: _Optional[float] = ..., transaction_id: _Optional[str] = ..., expires: _Optional[str] = ..., bank_accounts: _Optional[_Iterable[_Union[SdkBankAccount, _Mapping]]] = ...) -> None: ...

class SdkBankAccount(_message.Message):
    __slots__ = ("index", "masked_account_number", "bank_name")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    MASKED_ACCOUNT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    BANK_NAME_FIELD_NUMBER: _ClassVar[int]
    index: int
    masked_account_number: str
    bank_name: str
    def __init__(self, index: _Optional[int] = ..., masked_account_number: _Optional[str] = ..., bank_name: _Optional[str] = ...) -> None: ...

class ConfirmSdkSessionRequest(_message.Message):
    __slots__ = ("session_id", "bank_account_index")
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    BANK_ACCOUNT_INDEX_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    bank_account_index: int
    def __init__(self, session_id: _Optional[str] = ..., bank_account_index: _Optional[int] = ...) -> None: ...

class ConfirmSdkSessionResponse(_message.Message):
    __slots__ = ("redirect_url", "status")
    REDIRECT_URL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    redirect_url: str
    status: str
    def __init__(self, redirect_url: _Optional[str] = ..., status: _Optional[str] = ...) -> None: ...

class CancelSdkSessionRequest(_message.Message):
    __slots__ = ("session_id",)
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ...) -> None: ...

class CancelSdkSessionResponse(_message.Message):
    __slots__ = ("redirect_url",)
    REDIRECT_URL_FIELD_NUMBER: _ClassVar[int]
    redirect_url: str
    def __init__(self, redirect_url: _Optional[str] = ...) -> None: ...
