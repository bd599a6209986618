"""The unit tier's own rules: each fake has every method of the port it
stands for (a port that grows a method shows here first), and the unit tests
import only the domain, what it builds on and the fakes."""

from __future__ import annotations

import ast
import inspect
import sys
from pathlib import Path

import pytest

from server.domain.backoffice.ports import AuditLog, BackofficeStore, DeadLetterStore
from server.domain.cashier.ports import WalletMovements
from server.domain.games.ports import GamesStore
from server.domain.gateway.ports import DormancyStore, GatewayStore
from server.domain.mts.ports import ClientStore, ReportStore, SessionStore
from server.domain.pam.ports import PamStore
from server.domain.protection.ports import ProtectionStore
from server.domain.records.events import EventLog
from server.domain.records.ports import ReportSource, StatementSource
from server.domain.vip.ports import VipStore
from tests.unit.fakes.backoffice import FakeAuditLog, FakeBackofficeStore, FakeDeadLetterStore
from tests.unit.fakes.cashier import FakeWalletMovements
from tests.unit.fakes.games import FakeGamesStore
from tests.unit.fakes.gateway import FakeGatewayStore
from tests.unit.fakes.mts import FakeClientStore, FakeReportStore, FakeSessionStore
from tests.unit.fakes.pam import FakePamStore
from tests.unit.fakes.protection import FakeProtectionStore
from tests.unit.fakes.records import FakeEventLog
from tests.unit.fakes.records import FakeLedger
from tests.unit.fakes.vip import FakeVipStore

UNIT = Path(__file__).resolve().parent
FAKES = [
    (WalletMovements, FakeWalletMovements), (GatewayStore, FakeGatewayStore), (DormancyStore, FakeGatewayStore), (ReportStore, FakeReportStore),
    (ClientStore, FakeClientStore), (SessionStore, FakeSessionStore), (PamStore, FakePamStore),
    (ProtectionStore, FakeProtectionStore), (VipStore, FakeVipStore), (GamesStore, FakeGamesStore),
    (AuditLog, FakeAuditLog), (BackofficeStore, FakeBackofficeStore), (DeadLetterStore, FakeDeadLetterStore),
    (EventLog, FakeEventLog),
    (ReportSource, FakeLedger), (StatementSource, FakeLedger),
]


def port_methods(port) -> dict[str, inspect.Signature]:
    out = {}
    for klass in port.__mro__:
        if klass is object or getattr(klass, "_is_protocol", False) is False:
            continue
        for name, fn in vars(klass).items():
            if inspect.isfunction(fn) and not name.startswith("_"):
                out.setdefault(name, inspect.signature(fn))
    return out


@pytest.mark.parametrize("port, fake", FAKES, ids=[p.__name__ for p, _ in FAKES])
def test_each_fake_has_every_method_of_its_port_with_the_same_parameters(port, fake):
    for name, sig in port_methods(port).items():
        assert hasattr(fake, name), f"{fake.__name__} lacks {port.__name__}.{name}"
        got = inspect.signature(getattr(fake, name))
        assert list(got.parameters) == list(sig.parameters), f"{fake.__name__}.{name}{got} is not {sig}"


ALLOWED_FIRST_PARTY = ("server.domain", "server.security", "tests.unit")
FORBIDDEN = {"sqlalchemy", "sqlmodel", "grpc", "google", "pitboss", "requests", "psycopg", "alembic", "websockets"}


def imports_of(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_unit_tests_import_only_the_domain_and_the_fakes():
    bad = []
    for path in sorted(UNIT.rglob("*.py")):
        for name in imports_of(path):
            top = name.split(".")[0]
            if top in ("server", "tests"):
                if not name.startswith(ALLOWED_FIRST_PARTY):
                    bad.append(f"{path.relative_to(UNIT)}: {name}")
            elif top in FORBIDDEN or (top not in sys.stdlib_module_names and top not in ("pytest", "argon2", "hypothesis")):
                bad.append(f"{path.relative_to(UNIT)}: {name}")
    assert bad == []
