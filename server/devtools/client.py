"""Build the ``pitboss-client`` wheel: the generated messages, type stubs and
gRPC stubs of every contract (the ``pitboss`` package of generated/), for
internal services that call Pitboss over gRPC without this repository.

The wheel carries the service's version (pyproject.toml), so a client is
always the contracts of one release. Its dependency floors are read from the
generated code: the protobuf runtime its gencode checks for, and the grpcio
its stubs check for.

    python -m server.devtools.client [OUT_DIR]     (default: dist/)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from importlib.metadata import version as installed
from pathlib import Path

from server.devtools.gen import ROOT, project_version

GENERATED = ROOT / "generated"
NAME = "pitboss-client"

PYPROJECT = """\
[build-system]
requires = ["setuptools>=69"]
build-backend = "setuptools.build_meta"

[project]
name = "{name}"
version = "{version}"
description = "gRPC messages and stubs of the Pitboss contracts (pitboss.vip.v1, pitboss.pam.v1, pitboss.mts.v1, pitboss.gateway.v1, pitboss.ops.v1, pitboss.common.v1)"
readme = "README.md"
requires-python = ">=3.10"
dependencies = [
  "protobuf>={protobuf},<{protobuf_next}",
  "grpcio>={grpcio}",
  "googleapis-common-protos>={googleapis}",
]

[tool.setuptools.packages.find]
include = ["pitboss*"]

[tool.setuptools.package-data]
"*" = ["*.pyi", "py.typed"]
"""

README = """\
# pitboss-client {version}

The generated Python messages (`*_pb2`), type stubs (`*_pb2.pyi`) and gRPC
stubs (`*_pb2_grpc`) of the Pitboss contracts, built from the `proto/` tree of
Pitboss {version} by `make client`.

```python
import grpc
from pitboss.pam.v1 import pam_pb2, pam_pb2_grpc

pam = pam_pb2_grpc.PamServiceStub(grpc.insecure_channel("127.0.0.1:50051"))
```
"""


def requirements() -> dict[str, str]:
    """Dependency floors the generated code itself checks at import."""
    pb2 = next(GENERATED.rglob("*_pb2.py")).read_text()
    m = re.search(r"ValidateProtobufRuntimeVersion\(\s*\S+,\s*(\d+),\s*(\d+),\s*(\d+),", pb2)
    if not m:
        raise SystemExit("no protobuf runtime check in the generated code")
    grpc_py = next(GENERATED.rglob("*_pb2_grpc.py")).read_text()
    g = re.search(r"GRPC_GENERATED_VERSION = '([^']+)'", grpc_py)
    if not g:
        raise SystemExit("no GRPC_GENERATED_VERSION in the generated stubs")
    major = int(m.group(1))
    return {
        "protobuf": ".".join(m.groups()),
        "protobuf_next": str(major + 1),
        "grpcio": g.group(1),
        "googleapis": installed("googleapis-common-protos"),
    }


def stage(target: Path) -> Path:
    """The package's source tree in ``target`` (emptied first)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(GENERATED / "pitboss", target / "pitboss", ignore=shutil.ignore_patterns("__pycache__"))
    (target / "pitboss" / "py.typed").touch()
    v = project_version()
    (target / "pyproject.toml").write_text(PYPROJECT.format(name=NAME, version=v, **requirements()))
    (target / "README.md").write_text(README.format(version=v))
    return target


def build(out_dir: Path, work: Path | None = None) -> Path:
    """Build the wheel into ``out_dir``; returns its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    src = stage(Path(work) if work else ROOT / "build" / "client")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps",
         "--no-build-isolation", "--wheel-dir", str(out_dir), str(src)],
        check=True,
    )
    wheel = out_dir / f"pitboss_client-{project_version()}-py3-none-any.whl"
    if not wheel.exists():
        raise SystemExit(f"expected {wheel}")
    return wheel


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist"
    print(build(out))


if __name__ == "__main__":
    main()
