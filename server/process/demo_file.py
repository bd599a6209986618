"""The demo stack's address card: in demo mode only, `pitboss up` writes the
running stack's addresses and demo secrets to ``var/demo.json``
(``PITBOSS_DEMO_FILE``) once it is ready, and removes it when it stops. The
CLI commands that talk to a running stack (``admin``, ``call``, ``token``,
``mail``, ``mts``) read it, so that a second terminal needs no export: each
``PITBOSS_*`` value of the card applies where the environment sets none.

The card is looked for in ``var/`` of the current directory (the checkout
`make run` ran in, as the README's ``.venv/bin/pitboss`` implies), then at
``PITBOSS_DEMO_FILE``. A card whose supervisor is gone is ignored. Outside
demo mode no card is written and none of these values exist: real secrets
are never written to disk."""

from __future__ import annotations

import json
import os
from pathlib import Path

from server.config import DEMO_BACKOFFICE_TOKEN, Settings, connect_host

# The demo records' MTS credentials (server/demo/mts.py; the README's examples).
DEMO_MTS_TOKEN = "mts-demo-token"
DEMO_MTS_CLIENT = ("mts-demo-client", "mts-demo-secret")


def card(settings: Settings, pid: int) -> dict:
    env = {
        "PITBOSS_DEMO": "1",
        "PITBOSS_HTTP_HOST": connect_host(settings.http_host),
        "PITBOSS_HTTP_PORT": str(settings.http_port),
        "PITBOSS_GRPC_HOST": connect_host(settings.grpc_host),
        "PITBOSS_GRPC_PORT": str(settings.grpc_port),
        "PITBOSS_PUBLIC_URL": settings.public_url,
        "PITBOSS_DATABASE_URL": settings.database_url,
        "PITBOSS_BACKOFFICE_TOKEN": DEMO_BACKOFFICE_TOKEN,
        "PITBOSS_MTS_TOKEN": DEMO_MTS_TOKEN,
        "PITBOSS_MTS_CLIENT_ID": DEMO_MTS_CLIENT[0],
        "PITBOSS_MTS_CLIENT_SECRET": DEMO_MTS_CLIENT[1],
    }
    return {"pid": pid, "env": env}


def write(settings: Settings, pid: int) -> Path | None:
    if not settings.demo:
        return None
    path = Path(settings.demo_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{pid}")
    tmp.write_text(json.dumps(card(settings, pid), indent=2) + "\n")
    tmp.chmod(0o600)
    tmp.replace(path)
    return path


def remove(path: Path | None, pid: int) -> None:
    """Remove the card if it is still this supervisor's."""
    if path is None:
        return
    try:
        if json.loads(path.read_text()).get("pid") == pid:
            path.unlink()
    except (OSError, ValueError):
        pass


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def find(default: str) -> dict | None:
    """The card of a running demo stack, if there is one."""
    for path in (Path.cwd() / "var" / "demo.json", Path(default)):
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and _alive(data.get("pid")) and isinstance(data.get("env"), dict):
            return data
    return None


def apply(environ: "os._Environ[str] | dict[str, str]", default: str) -> bool:
    """Put the running demo stack's values into ``environ`` where it has none."""
    data = find(default)
    if data is None:
        return False
    for key, value in data["env"].items():
        if key.startswith("PITBOSS_") and key not in environ:
            environ[key] = str(value)
    return True
