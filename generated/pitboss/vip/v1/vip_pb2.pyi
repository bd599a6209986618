from google.api import annotations_pb2 as _annotations_pb2
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
