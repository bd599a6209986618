"""What every tier of the tests shares: the repository's root, the test
secret key and free loopback ports. Fixtures live with the tier that uses
them (tests/integration/conftest.py, tests/e2e/conftest.py)."""

from __future__ import annotations

import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "test-secret-key-" + "x" * 32


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
