"""The OpenAPI 3.1 file of each partner family, made from the descriptor set.

Everything comes from the contracts: paths and parameters from the
``google.api.http`` bindings, schemas from the messages (keys by json_name,
presence as the transcoder prints it), required fields from
``google.api.field_behavior``, and the documented answers, credentials and
headers from the ``pitboss.common.v1`` edge options (proto/pitboss/common/v1/
edge.proto). Nothing here lists a status or a body.

    python -m server.devtools.openapi DESCRIPTOR_SET OUT_DIR
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from google.protobuf import descriptor_pb2 as D

from server.devtools.descriptors import HTTP_BODY, OPTIONAL, REQUIRED, SCALARS, WELL_KNOWN, Contracts, F, edge_answer

# gRPC package -> (file name, title). Which package is which partner family.
FAMILIES = {
    "pitboss.vip.v1": ("vip", "VIP Connect"),
    "pitboss.pam.v1": ("pam", "PAM API for the Valkyrie aggregator"),
    "pitboss.mts.v1": ("mts", "Casino-sessions reports (MTS ticket format 3.0)"),
    "pitboss.gateway.v1": ("gateway", "Player gateway"),
}
DOCS = {"vip": "docs/vip.md", "pam": "docs/pam.md", "mts": "docs/mts.md", "gateway": "docs/gateway.md"}
# JSON Schema keywords of an array itself (json_schema on a repeated field).
ARRAY_KEYWORDS = ("minItems", "maxItems", "uniqueItems")


@dataclass
class Family:
    package: str
    file: str
    title: str
    c: Contracts
    schemas: dict[str, dict] = field(default_factory=dict)
    inputs: set[str] = field(default_factory=set)  # messages a caller sends
    security: dict[str, dict] = field(default_factory=dict)
    headers: dict[str, dict] = field(default_factory=dict)
    paths: dict[str, dict] = field(default_factory=dict)
    named: dict[str, str] = field(default_factory=dict)  # EdgeService.schemas

    # ------------------------------------------------------------ schemas

    def ref(self, type_name: str) -> dict:
        if type_name in WELL_KNOWN:
            return dict(WELL_KNOWN[type_name])
        short = type_name.rsplit(".", 1)[1]
        if type_name in self.c.enums:
            if short not in self.schemas:
                e = self.c.enums[type_name]
                values = [v.name for v in e.value if not (v.number == 0 and v.name.endswith("_UNSPECIFIED"))]
                self.schemas[short] = {"type": "string", "enum": values}
            return {"$ref": f"#/components/schemas/{short}"}
        if short not in self.schemas:
            self.schemas[short] = {}  # placeholder against recursion
            self.schemas[short] = self.message_schema(type_name)
        return {"$ref": f"#/components/schemas/{short}"}

    def field_schema(self, fld: D.FieldDescriptorProto, owner: str) -> dict:
        if fld.type in (F.TYPE_MESSAGE, F.TYPE_ENUM):
            entry = self.c.messages.get(fld.type_name)
            if entry is not None and entry.options.map_entry:
                return {"type": "object", "additionalProperties": self.field_schema(entry.field[1], fld.type_name)}
            s = self.ref(fld.type_name)
        else:
            s = dict(SCALARS[fld.type])
        extra = self.c.option(fld.options, "FieldOptions", "pitboss.common.v1.json_schema")
        kw = json.loads(extra) if extra else {}
        # On a repeated field, the array's own keywords (its caps) describe
        # the array; the others describe each item.
        listed = {k: kw.pop(k) for k in ARRAY_KEYWORDS if k in kw} if fld.label == F.LABEL_REPEATED else {}
        if kw:
            s = {**s, **kw} if "$ref" not in s else {"allOf": [s], **kw}
        if fld.label == F.LABEL_REPEATED:
            s = {"type": "array", "items": s, **listed}
        text = self.c.comments.get(f"{owner}.{fld.name}")
        if text:
            s = {"description": text, **s} if "$ref" not in s else {"description": text, "allOf": [s]}
        return s

    def message_schema(self, name: str, skip: tuple[str, ...] = ()) -> dict:
        m = self.c.messages[name]
        props, required = {}, []
        for fld in m.field:
            if fld.name in skip:
                continue
            props[fld.json_name] = self.field_schema(fld, name)
            behavior = self.c.behavior(fld)
            entry = self.c.messages.get(fld.type_name)
            always = (fld.label == F.LABEL_REPEATED and not (entry and entry.options.map_entry)) or (
                fld.type != F.TYPE_MESSAGE and not fld.proto3_optional and not fld.HasField("oneof_index")
            )
            # Keys a caller must send (REQUIRED), and keys every answer carries:
            # in a message nobody sends, what the transcoder always prints,
            # unless the field is marked OPTIONAL (the edge leaves it out).
            if REQUIRED in behavior or (name not in self.inputs and always and OPTIONAL not in behavior):
                required.append(fld.json_name)
            elif name in self.inputs:
                # proto3 JSON: a key sent as null counts as not sent.
                props[fld.json_name] = nullable(props[fld.json_name])
        s: dict = {"type": "object", "properties": props}
        if required:
            s["required"] = required
        if name in self.c.comments:
            s["description"] = self.c.comments[name]
        return s

    def collect_inputs(self, type_name: str) -> None:
        if type_name in self.inputs or type_name not in self.c.messages:
            return
        self.inputs.add(type_name)
        for fld in self.c.messages[type_name].field:
            if fld.type == F.TYPE_MESSAGE:
                self.collect_inputs(fld.type_name)

    def body_schema(self, text: str) -> dict:
        """A JSON Schema from an option; "$ref": "<message>" or "<named schema>"
        becomes a component."""
        def fix(node):
            if isinstance(node, dict):
                return {k: (self.named_ref(v) if k == "$ref" else fix(v)) for k, v in node.items()}
            if isinstance(node, list):
                return [fix(v) for v in node]
            return node

        return fix(json.loads(text))

    def named_ref(self, name: str) -> str:
        if name not in self.named:
            return self.ref("." + name)["$ref"]
        if name not in self.schemas:
            self.schemas[name] = {}  # placeholder against recursion
            self.schemas[name] = self.body_schema(self.named[name])
        return f"#/components/schemas/{name}"

    # ------------------------------------------------------------ operations

    def answer(self, a, method: D.MethodDescriptorProto) -> tuple[str | None, dict | None]:
        """(media type, schema) of one answer; (None, None) for no body."""
        kind = a.WhichOneof("body")
        if kind == "empty":
            return None, None
        if kind == "schema":
            return a.content_type or "application/json", self.body_schema(a.schema)
        type_name = "." + a.message if kind == "message" else method.output_type
        if type_name == HTTP_BODY:
            return a.content_type or "application/octet-stream", {"type": "string"}
        return a.content_type or "application/json", self.ref(type_name)

    def responses(self, answers: list, method) -> dict:
        grouped: dict[str, dict] = {}
        for a in answers:
            r = grouped.setdefault(str(a.status), {"texts": [], "bodies": {}, "headers": {}})
            r["headers"].update(a.headers)
            text = a.description + (" (made by Envoy)" if a.by_envoy else "")
            if text not in r["texts"]:
                r["texts"].append(text)
            media, schema = self.answer(a, method)
            if media is not None:
                bodies = r["bodies"].setdefault(media, [])
                if schema not in bodies:
                    bodies.append(schema)
        out = {}
        for status in sorted(grouped):
            r = grouped[status]
            item: dict = {"description": "; ".join(t for t in r["texts"] if t) or "-"}
            if r["bodies"]:
                item["content"] = {
                    media: {"schema": bodies[0] if len(bodies) == 1 else {"anyOf": bodies}}
                    for media, bodies in r["bodies"].items()
                }
            if r["headers"]:
                item["headers"] = {k: {"description": v, "schema": {"type": "string"}}
                                   for k, v in sorted(r["headers"].items())}
            out[status] = item
        return out

    def header_params(self, headers) -> list[dict]:
        out = []
        for h in headers:
            schema: dict = {"type": "string"}
            if h.min_length:
                schema["minLength"] = h.min_length
            if h.max_length:
                schema["maxLength"] = h.max_length
            p = {"name": h.name, "in": "header", "required": h.required, "schema": schema}
            if h.description:
                p["description"] = h.description
            if h.example:
                p["example"] = h.example
            out.append(p)
        return out

    def add_method(self, service, edge_service, method: D.MethodDescriptorProto, rule, verb: str, path: str,
                   index: int) -> None:
        c = self.c
        edge = c.option(method.options, "MethodOptions", "pitboss.common.v1.edge_method")
        req_name = method.input_type
        req = c.messages[req_name]
        bound = re.findall(r"{([^}=]+)", path)
        by_name = {f.name: f for f in req.field}
        params = []
        for name in bound:
            fld = by_name[name]
            s = self.field_schema(fld, req_name)
            params.append({"name": fld.json_name, "in": "path", "required": True, "schema": s})
            path = re.sub(r"{" + name + r"(=[^}]*)?}", "{" + fld.json_name + "}", path)
        body = rule.body
        op: dict = {"operationId": method.name[0].lower() + method.name[1:] + (str(index + 1) if index else "")}
        op["tags"] = [service.name]
        text = c.comments.get(f".{self.package}.{service.name}.{method.name}")
        if text:
            op["summary"], op["description"] = summary(text), text
        if body != "*":
            for fld in req.field:
                if fld.name in bound or fld.name == body or fld.type == F.TYPE_MESSAGE:
                    continue
                p = {"name": fld.json_name, "in": "query",
                     "required": REQUIRED in c.behavior(fld), "schema": self.field_schema(fld, req_name)}
                params.append(p)
        params += self.header_params(list(edge_service.headers) if edge_service else [])
        params += self.header_params(list(edge.headers) if edge else [])
        if params:
            op["parameters"] = params
        if body and body != "*" and not c.messages.get(by_name[body].type_name, D.DescriptorProto()).field:
            body = ""  # a body message without fields: whatever is sent is ignored
        if body:
            if body == "*":
                short = req_name.rsplit(".", 1)[1]
                self.schemas[short] = self.message_schema(req_name, skip=tuple(bound))
                schema = {"$ref": f"#/components/schemas/{short}"}
                # The transcoder takes a missing body as {}: it is refused
                # only when some key is required.
                required = bool(self.schemas[short].get("required"))
            else:
                fld = by_name[body]
                schema = self.ref(fld.type_name)
                required = REQUIRED in c.behavior(fld)
            if edge and edge.request_schema:
                schema = self.body_schema(edge.request_schema)
            media = (edge.request_content_type if edge else "") or "application/json"
            op["requestBody"] = {"required": required, "content": {media: {"schema": schema}}}
        answers = list(edge.answers) if edge else []
        if not any(200 <= a.status < 300 for a in answers):
            # The transcoder's own answer: 200 and the response message.
            answers.insert(0, edge_answer(c, status=200, description="OK"))
        answers += list(edge_service.answers) if edge_service else []
        op["responses"] = self.responses(answers, method)
        for r in op["responses"].values():
            if edge_service and edge_service.response_headers:
                for k, v in edge_service.response_headers.items():
                    self.headers[k] = {"description": v, "schema": {"type": "string"}}
                r.setdefault("headers", {}).update(
                    {k: {"$ref": f"#/components/headers/{k}"} for k in sorted(edge_service.response_headers)})
        auth = list(edge_service.auth) if edge_service else []
        if edge and edge.no_auth:
            op["security"] = []
        elif auth:
            names = list(edge.auth) if edge and edge.auth else [auth[0].name]
            op["security"] = ([{}] if edge and edge.auth_optional else []) + [{n: []} for n in names]
        self.paths.setdefault(path, {})[verb] = op

    def add_service(self, service: D.ServiceDescriptorProto) -> None:
        c = self.c
        edge_service = c.option(service.options, "ServiceOptions", "pitboss.common.v1.edge_service")
        for name, text in (edge_service.schemas.items() if edge_service else []):
            if f".{self.package}.{name}" in c.messages or self.named.get(name, text) != text:
                raise SystemExit(f"{service.name}: the schema name {name} is taken")
            self.named[name] = text
        for a in edge_service.auth if edge_service else []:
            if a.header:
                scheme = {"type": "apiKey", "in": "header", "name": a.header}
            else:
                scheme = {"type": "http", "scheme": "bearer"}
                if a.bearer_format:
                    scheme["bearerFormat"] = a.bearer_format
            if a.description:
                scheme["description"] = a.description
            self.security[a.name] = scheme
        for method in service.method:
            rule = c.http(method)
            if rule is None:
                continue  # not served at the edge
            for i, r in enumerate([rule, *rule.additional_bindings]):
                verb = r.WhichOneof("pattern")
                self.add_method(service, edge_service, method, r, verb, getattr(r, verb), i)

    def document(self, version: str) -> dict:
        tags = []
        services = [s for f in self.c.fds.file if f.package == self.package for s in f.service
                    if any(self.c.http(m) for m in s.method)]
        # What callers send is known before any schema is made (a message
        # both sent and answered, like PAM's Transaction, requires only what
        # a caller must send).
        for s in services:
            for m in s.method:
                rule = self.c.http(m)
                if rule is not None:
                    body = rule.body
                    if body == "*":
                        self.collect_inputs(m.input_type)
                    elif body:
                        fld = next(x for x in self.c.messages[m.input_type].field if x.name == body)
                        self.collect_inputs(fld.type_name)
        for s in services:
            self.add_service(s)
            tags.append({"name": s.name, "description": self.c.comments.get(f".{self.package}.{s.name}", "")})
        doc: dict = {
            "openapi": "3.1.0",
            "info": {
                "title": f"Pitboss: {self.title}",
                "version": version,
                "description": f"Generated from the `{self.package}` contracts by `make gen`. "
                f"Authentication, examples and the error tables: {DOCS[self.file]}.",
            },
            "servers": [{"url": "http://127.0.0.1:8080", "description": "A local `make run` (demo data)"}],
            "tags": tags,
            "paths": dict(sorted(self.paths.items())),
            "components": {"schemas": dict(sorted(self.schemas.items()))},
        }
        if self.headers:
            doc["components"]["headers"] = dict(sorted(self.headers.items()))
        if self.security:
            doc["components"]["securitySchemes"] = self.security
        return doc


def nullable(s: dict) -> dict:
    if isinstance(s.get("type"), str) and "enum" not in s and "const" not in s:
        return {**s, "type": [s["type"], "null"]}
    if "type" in s and isinstance(s["type"], list):
        return s if "null" in s["type"] else {**s, "type": [*s["type"], "null"]}
    return {"anyOf": [s, {"type": "null"}]}


def summary(text: str) -> str:
    """The first sentence of a comment, on one line."""
    flat = " ".join(text.split())
    m = re.match(r"(.+?\.)(\s|$)", flat)
    return (m.group(1) if m else flat)[:120]


def build(fds: D.FileDescriptorSet, version: str) -> dict[str, dict]:
    c = Contracts(fds)
    return {file: Family(pkg, file, title, c).document(version) for pkg, (file, title) in FAMILIES.items()}


def write(descriptor: Path, out_dir: Path, version: str) -> list[Path]:
    fds = D.FileDescriptorSet.FromString(Path(descriptor).read_bytes())
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.json"):
        old.unlink()
    written = []
    for file, doc in build(fds, version).items():
        p = out_dir / f"{file}.json"
        p.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        written.append(p)
    return written


if __name__ == "__main__":
    import tomllib

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    write(Path(sys.argv[1]), Path(sys.argv[2]), tomllib.loads(pyproject.read_text())["project"]["version"])
