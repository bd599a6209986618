from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
EDGE_SERVICE_FIELD_NUMBER: _ClassVar[int]
edge_service: _descriptor.FieldDescriptor
EDGE_METHOD_FIELD_NUMBER: _ClassVar[int]
edge_method: _descriptor.FieldDescriptor
JSON_SCHEMA_FIELD_NUMBER: _ClassVar[int]
json_schema: _descriptor.FieldDescriptor

class EdgeAnswer(_message.Message):
    __slots__ = ("status", "description", "message", "schema", "empty", "content_type", "by_envoy", "headers")
    class HeadersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_FIELD_NUMBER: _ClassVar[int]
    EMPTY_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    BY_ENVOY_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    status: int
    description: str
    message: str
    schema: str
    empty: bool
    content_type: str
    by_envoy: bool
    headers: _containers.ScalarMap[str, str]
    def __init__(self, status: _Optional[int] = ..., description: _Optional[str] = ..., message: _Optional[str] = ..., schema: _Optional[str] = ..., empty: _Optional[bool] = ..., content_type: _Optional[str] = ..., by_envoy: _Optional[bool] = ..., headers: _Optional[_Mapping[str, str]] = ...) -> None: ...

class EdgeAuth(_message.Message):
    __slots__ = ("name", "header", "bearer_format", "description")
    NAME_FIELD_NUMBER: _ClassVar[int]
    HEADER_FIELD_NUMBER: _ClassVar[int]
    BEARER_FORMAT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    name: str
    header: str
    bearer_format: str
    description: str
    def __init__(self, name: _Optional[str] = ..., header: _Optional[str] = ..., bearer_format: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class EdgeHeader(_message.Message):
    __slots__ = ("name", "description", "required", "min_length", "max_length", "example")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    MIN_LENGTH_FIELD_NUMBER: _ClassVar[int]
    MAX_LENGTH_FIELD_NUMBER: _ClassVar[int]
    EXAMPLE_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    required: bool
    min_length: int
    max_length: int
    example: str
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., required: _Optional[bool] = ..., min_length: _Optional[int] = ..., max_length: _Optional[int] = ..., example: _Optional[str] = ...) -> None: ...

class EdgeService(_message.Message):
    __slots__ = ("auth", "headers", "answers", "response_headers", "schemas")
    class ResponseHeadersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class SchemasEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    AUTH_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    ANSWERS_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_HEADERS_FIELD_NUMBER: _ClassVar[int]
    SCHEMAS_FIELD_NUMBER: _ClassVar[int]
    auth: _containers.RepeatedCompositeFieldContainer[EdgeAuth]
    headers: _containers.RepeatedCompositeFieldContainer[EdgeHeader]
    answers: _containers.RepeatedCompositeFieldContainer[EdgeAnswer]
    response_headers: _containers.ScalarMap[str, str]
    schemas: _containers.ScalarMap[str, str]
    def __init__(self, auth: _Optional[_Iterable[_Union[EdgeAuth, _Mapping]]] = ..., headers: _Optional[_Iterable[_Union[EdgeHeader, _Mapping]]] = ..., answers: _Optional[_Iterable[_Union[EdgeAnswer, _Mapping]]] = ..., response_headers: _Optional[_Mapping[str, str]] = ..., schemas: _Optional[_Mapping[str, str]] = ...) -> None: ...

class EdgeMethod(_message.Message):
    __slots__ = ("answers", "auth", "no_auth", "headers", "request_schema", "auth_optional", "request_content_type", "decline_in_response")
    ANSWERS_FIELD_NUMBER: _ClassVar[int]
    AUTH_FIELD_NUMBER: _ClassVar[int]
    NO_AUTH_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    AUTH_OPTIONAL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    DECLINE_IN_RESPONSE_FIELD_NUMBER: _ClassVar[int]
    answers: _containers.RepeatedCompositeFieldContainer[EdgeAnswer]
    auth: _containers.RepeatedScalarFieldContainer[str]
    no_auth: bool
    headers: _containers.RepeatedCompositeFieldContainer[EdgeHeader]
    request_schema: str
    auth_optional: bool
    request_content_type: str
    decline_in_response: bool
    def __init__(self, answers: _Optional[_Iterable[_Union[EdgeAnswer, _Mapping]]] = ..., auth: _Optional[_Iterable[str]] = ..., no_auth: _Optional[bool] = ..., headers: _Optional[_Iterable[_Union[EdgeHeader, _Mapping]]] = ..., request_schema: _Optional[str] = ..., auth_optional: _Optional[bool] = ..., request_content_type: _Optional[str] = ..., decline_in_response: _Optional[bool] = ...) -> None: ...
