"""The descriptor set that `make gen` builds, read for the OpenAPI generator:
messages, enums and comments by full name, and custom options (which the
descriptor set holds as unknown fields) made readable."""

from __future__ import annotations

from google.protobuf import descriptor_pb2 as D
from google.protobuf import descriptor_pool, message_factory

F = D.FieldDescriptorProto
SCALARS = {
    F.TYPE_DOUBLE: {"type": "number", "format": "double"},
    F.TYPE_FLOAT: {"type": "number", "format": "float"},
    F.TYPE_INT32: {"type": "integer", "format": "int32"},
    F.TYPE_SINT32: {"type": "integer", "format": "int32"},
    F.TYPE_SFIXED32: {"type": "integer", "format": "int32"},
    F.TYPE_UINT32: {"type": "integer", "format": "int64", "minimum": 0},
    F.TYPE_FIXED32: {"type": "integer", "format": "int64", "minimum": 0},
    # The transcoder prints 64-bit integers as JSON strings (proto3 JSON).
    F.TYPE_INT64: {"type": "string", "format": "int64"},
    F.TYPE_SINT64: {"type": "string", "format": "int64"},
    F.TYPE_SFIXED64: {"type": "string", "format": "int64"},
    F.TYPE_UINT64: {"type": "string", "format": "uint64"},
    F.TYPE_FIXED64: {"type": "string", "format": "uint64"},
    F.TYPE_BOOL: {"type": "boolean"},
    F.TYPE_STRING: {"type": "string"},
    F.TYPE_BYTES: {"type": "string", "contentEncoding": "base64"},
}
WELL_KNOWN = {
    ".google.protobuf.Value": {"description": "Any JSON value."},
    ".google.protobuf.Struct": {"type": "object"},
    ".google.protobuf.ListValue": {"type": "array"},
    ".google.protobuf.Timestamp": {"type": "string", "format": "date-time"},
    ".google.protobuf.Duration": {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?s$"},
    ".google.protobuf.Empty": {"type": "object"},
}
HTTP_BODY = ".google.api.HttpBody"
REQUIRED, OPTIONAL = 2, 1  # google.api.FieldBehavior values


class Contracts:
    """The descriptor set with the custom options readable."""

    def __init__(self, fds: D.FileDescriptorSet) -> None:
        self.fds = fds
        self.pool = descriptor_pool.DescriptorPool()
        for f in fds.file:
            self.pool.Add(f)
        self.messages: dict[str, D.DescriptorProto] = {}
        self.enums: dict[str, D.EnumDescriptorProto] = {}
        self.comments: dict[str, str] = {}
        for f in fds.file:
            self._index(f)

    def _index(self, f: D.FileDescriptorProto) -> None:
        where = {tuple(loc.path): loc.leading_comments for loc in f.source_code_info.location}

        def note(name: str, path: tuple) -> None:
            text = "\n".join(line.strip() for line in where.get(path, "").strip().splitlines() if "buf:lint" not in line)
            if text.strip():
                self.comments[name] = text.strip()

        def walk(prefix: str, msgs, path: tuple) -> None:
            for i, m in enumerate(msgs):
                name = f"{prefix}.{m.name}"
                self.messages[name] = m
                note(name, (*path, i))
                for j, fld in enumerate(m.field):
                    note(f"{name}.{fld.name}", (*path, i, 2, j))
                for e in m.enum_type:
                    self.enums[f"{name}.{e.name}"] = e
                walk(name, m.nested_type, (*path, i, 3))

        walk(f".{f.package}", f.message_type, (4,))
        for e in f.enum_type:
            self.enums[f".{f.package}.{e.name}"] = e
        for i, s in enumerate(f.service):
            note(f".{f.package}.{s.name}", (6, i))
            for j, m in enumerate(s.method):
                note(f".{f.package}.{s.name}.{m.name}", (6, i, 2, j))

    def option(self, options, owner: str, name: str):
        """The extension ``name`` of an options message (MethodOptions, ...)."""
        try:
            ext = self.pool.FindExtensionByName(name)
        except KeyError:  # no contract imports the file that declares it
            return None
        cls = message_factory.GetMessageClass(self.pool.FindMessageTypeByName(f"google.protobuf.{owner}"))
        parsed = cls.FromString(options.SerializeToString())
        if ext.is_repeated:
            return list(parsed.Extensions[ext])
        return parsed.Extensions[ext] if parsed.HasExtension(ext) else None

    def http(self, method: D.MethodDescriptorProto):
        """The method's google.api.http rule, or None (not served at the edge)."""
        return self.option(method.options, "MethodOptions", "google.api.http")

    def behavior(self, fld: D.FieldDescriptorProto) -> list[int]:
        return self.option(fld.options, "FieldOptions", "google.api.field_behavior") or []


def edge_answer(c: Contracts, **fields):
    """A pitboss.common.v1.EdgeAnswer built from the descriptor set."""
    cls = message_factory.GetMessageClass(c.pool.FindMessageTypeByName("pitboss.common.v1.EdgeAnswer"))
    return cls(**fields)
