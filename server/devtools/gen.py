"""Regenerate ``generated/`` and ``docs/openapi/`` from ``proto/``.

Writes the Python messages (``*_pb2.py``), their type stubs (``*_pb2.pyi``), the
gRPC stubs (``*_pb2_grpc.py``), the descriptor set that Envoy's transcoder
loads (``pitboss.pb``) and the OpenAPI file of each partner family
(``docs/openapi/<family>.json``, server/devtools/openapi.py). Uses grpcio-tools'
protoc and the google/api and google/rpc protos that googleapis-common-protos
ships, so no googleapis checkout is needed.

    python -m server.devtools.gen [OUT_DIR [OPENAPI_DIR]]
"""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

import google.api
from grpc_tools import protoc

ROOT = Path(__file__).resolve().parents[2]
PROTO_DIR = ROOT / "proto"
OPENAPI_DIR = ROOT / "docs" / "openapi"
DESCRIPTOR_NAME = "pitboss.pb"
# The site-packages folder that holds google/api/*.proto and google/rpc/*.proto.
GOOGLEAPIS_DIR = Path(google.api.__path__[0]).parents[1]
# grpcio-tools' copy of google/protobuf/*.proto.
WELL_KNOWN_DIR = Path(protoc.__file__).parent / "_proto"


EXTRA_DESCRIPTOR_FILES = ["google/rpc/error_details.proto", "google/rpc/status.proto"]


def proto_files() -> list[str]:
    return sorted(str(p.relative_to(PROTO_DIR)) for p in PROTO_DIR.rglob("*.proto"))


def _protoc(args: list[str]) -> None:
    argv = ["protoc", f"-I{PROTO_DIR}", f"-I{GOOGLEAPIS_DIR}", f"-I{WELL_KNOWN_DIR}", *args]
    code = protoc.main(argv)
    if code != 0:
        raise SystemExit(f"protoc failed ({code}): {' '.join(argv)}")


def project_version() -> str:
    """The service's version (pyproject.toml): the contracts, the OpenAPI files
    and the client package carry it."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def generate(out_dir: Path, openapi_dir: Path | None = None) -> None:
    out_dir = Path(out_dir)
    if (out_dir / "pitboss").exists():
        shutil.rmtree(out_dir / "pitboss")
    out_dir.mkdir(parents=True, exist_ok=True)
    files = proto_files()
    _protoc([f"--python_out={out_dir}", f"--pyi_out={out_dir}", f"--grpc_python_out={out_dir}", *files])
    _protoc(
        [
            "--include_imports",
            "--include_source_info",
            f"--descriptor_set_out={out_dir / DESCRIPTOR_NAME}",
            *files,
            # The transcoder renders error details only for types in the set.
            *EXTRA_DESCRIPTOR_FILES,
        ]
    )
    # Regular packages, so the generated tree imports the same way everywhere.
    for folder in [out_dir / "pitboss", *(p for p in (out_dir / "pitboss").rglob("*") if p.is_dir())]:
        (folder / "__init__.py").touch()
    if openapi_dir is not None:
        from server.devtools import openapi

        openapi.write(out_dir / DESCRIPTOR_NAME, Path(openapi_dir), project_version())


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "generated"
    api = Path(sys.argv[2]) if len(sys.argv) > 2 else OPENAPI_DIR
    generate(out, api)
    print(f"generated {len(proto_files())} proto files into {out}, OpenAPI files into {api}")


if __name__ == "__main__":
    main()
