"""The composition root: the one module that builds what the servicers use.

``build(settings)`` makes the process's ``App``: the database, the vault
(personal data at rest), the one ``Clock`` (``server.domain.clock``), the
policies read from the settings, and each family's unit of work (``Units``
over the stores its use cases need). ``SERVICES`` registers every gRPC
service with its servicer and its authenticator (``server.api.auth``) or the
explicit ``OPEN`` marker; ``check`` refuses a registry where a service has
neither, and ``register`` runs it before adding any servicer to the server,
so a service cannot be open by omission. The interceptor asks
``App.authenticator`` for every call and refuses a service that was never
registered.

Servicers take the ``App`` and read what they need from it; nothing else
builds a repository, a unit of work, a policy or a clock for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from grpc_health.v1 import health_pb2
from grpc_reflection.v1alpha import reflection

from pitboss.backoffice.v1 import backoffice_pb2, backoffice_pb2_grpc, protection_pb2, protection_pb2_grpc
from pitboss.backoffice.v1 import reports_pb2, reports_pb2_grpc
from pitboss.gateway.v1 import gateway_pb2, gateway_pb2_grpc
from pitboss.mts.v1 import mts_pb2, mts_pb2_grpc
from pitboss.ops.v1 import ops_pb2, ops_pb2_grpc
from pitboss.pam.v1 import pam_pb2, pam_pb2_grpc
from pitboss.vip.v1 import vip_pb2, vip_pb2_grpc
from server.api import auth
from server.api.backoffice import BackofficeServicer
from server.api.context import caller
from server.api.gateway import PlayerGatewayServicer
from server.api.mts import MtsReportsServicer, MtsServicer
from server.api.mts_oauth import MtsAuthServicer
from server.api.ops import OpsServicer
from server.api.pam import PamServicer
from server.api.protection_backoffice import ProtectionBackofficeServicer
from server.api.reports_backoffice import ReportsBackofficeServicer
from server.api.unit import Units as SessionUnits
from server.api.vip import VipConnectServicer, VipWebServicer
from server.config import Settings
from server.domain.backoffice.model import BackofficeCaller
from server.domain.backoffice.service import Backoffice
from server.domain.clock import Clock, Shifted, SystemClock
from server.domain.gateway.base import Gateway
from server.domain.gateway.register import NoRegisters, Registers
from server.domain.unit import Units
from server.domain.records.events import RecordsUnit
from server.domain.vip.ports import VipUnit
from server.domain.vip.auth import JwtPolicy
from server.domain.vip.sessions import SessionPolicy
from server.outbox.registers import HttpRegisters
from server.security import Vault
from server.storage import chain
from server.storage.db import Database
from server.storage.ledger_records import LedgerRecords
from server.storage.pam_units import PamUnits
from server.storage.repositories.backoffice import SqlBackofficeUnit
from server.storage.repositories.events import SqlRecordsUnit
from server.storage.repositories.gateway import SqlGatewayUnit
from server.storage.repositories.gateway_pam_wallet import PamWalletReader
from server.storage.repositories.mts import MtsRepository
from server.storage.repositories.vip import SqlVipUnit

try:
    VERSION = version("pitboss")
except PackageNotFoundError:  # pragma: no cover
    VERSION = "0.0.0"


# ------------------------------------------------------------ the registry

class Open:
    """The explicit marker of a service that takes no credential."""

    def __repr__(self) -> str:
        return "OPEN"


OPEN = Open()

Authenticator = Callable[[Any, dict[str, str]], Any]


@dataclass(frozen=True)
class Service:
    """One gRPC service: its full name, the generated ``add_*_to_server``,
    the servicer class (built with the App) and who may call it."""

    name: str
    add: Callable[[Any, Any], None]
    servicer: Callable[[Any], Any]
    auth: Authenticator | Open | None


def _name(module, service: str) -> str:
    return module.DESCRIPTOR.services_by_name[service].full_name


# A new service adds one line here, with its authenticator or OPEN.
SERVICES: tuple[Service, ...] = (
    Service(_name(vip_pb2, "VipConnectService"), vip_pb2_grpc.add_VipConnectServiceServicer_to_server,
            VipConnectServicer, auth.vip),
    Service(_name(mts_pb2, "MtsService"), mts_pb2_grpc.add_MtsServiceServicer_to_server, MtsServicer, auth.mts),
    Service(_name(mts_pb2, "MtsReportsService"), mts_pb2_grpc.add_MtsReportsServiceServicer_to_server,
            MtsReportsServicer, auth.mts_reports),
    # The token endpoint: the client's credentials are the request itself.
    Service(_name(mts_pb2, "MtsAuthService"), mts_pb2_grpc.add_MtsAuthServiceServicer_to_server,
            MtsAuthServicer, OPEN),
    Service(_name(pam_pb2, "PamService"), pam_pb2_grpc.add_PamServiceServicer_to_server, PamServicer, auth.pam),
    Service(_name(gateway_pb2, "PlayerGatewayService"),
            gateway_pb2_grpc.add_PlayerGatewayServiceServicer_to_server, PlayerGatewayServicer, auth.gateway),
    # Readiness for the supervisor and load balancers.
    Service(_name(ops_pb2, "OpsService"), ops_pb2_grpc.add_OpsServiceServicer_to_server, OpsServicer, OPEN),
    # The web component: the live session id in the path is the credential.
    Service(_name(vip_pb2, "VipWebService"), vip_pb2_grpc.add_VipWebServiceServicer_to_server,
            VipWebServicer, OPEN),
    Service(_name(backoffice_pb2, "BackofficeService"),
            backoffice_pb2_grpc.add_BackofficeServiceServicer_to_server, BackofficeServicer, auth.backoffice),
    Service(_name(protection_pb2, "ProtectionBackofficeService"),
            protection_pb2_grpc.add_ProtectionBackofficeServiceServicer_to_server, ProtectionBackofficeServicer,
            auth.backoffice),
    Service(_name(reports_pb2, "ReportsBackofficeService"),
            reports_pb2_grpc.add_ReportsBackofficeServiceServicer_to_server, ReportsBackofficeServicer,
            auth.backoffice),
)

# grpcio's own services, added by the server process: open.
PLATFORM_OPEN = (health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME)


class UnguardedService(RuntimeError):
    """A service registered with neither an authenticator nor OPEN."""


def check(services: Iterable[Service]) -> None:
    """Refuse start-up when a service has neither an authenticator nor OPEN."""
    bad = [s.name for s in services if s.auth is None]
    if bad:
        raise UnguardedService(
            f"service(s) {', '.join(bad)} registered with neither an authenticator nor OPEN"
            " (server/bootstrap.py SERVICES): refusing to start")


def register(app: App, server) -> list[str]:
    """Check the registry, then add each servicer (built with ``app``) to
    ``server``; returns the registered service names."""
    check(app.services)
    for s in app.services:
        s.add(s.servicer(app), server)
    return [s.name for s in app.services]


# ------------------------------------------------------------ the App

@dataclass(frozen=True)
class Policies:
    """The rules' parameters, read once from the settings."""

    vip_session: SessionPolicy
    vip_jwt: JwtPolicy
    pam_session: timedelta  # a PAM game session's lifetime (refreshSession, Start Game)

    @classmethod
    def of(cls, s: Settings) -> Policies:
        return cls(
            vip_session=SessionPolicy(
                lifetime=timedelta(minutes=s.vip_session_minutes), max_failures=s.vip_dob_max_failures,
                window=timedelta(minutes=s.vip_dob_window_minutes), lock=timedelta(minutes=s.vip_dob_lock_minutes),
                new_patron_limit=Decimal(s.vip_new_patron_limit)),
            vip_jwt=JwtPolicy(s.vip_jwt_audience, s.vip_jwt_max_lifetime, s.vip_jwt_leeway),
            pam_session=timedelta(minutes=s.pam_session_minutes),
        )


@dataclass
class FamilyUnits:
    """Each family's units of work (``server.domain.unit.Units``: ``read``,
    ``write``, ``run``), each unit holding every store its use cases need."""

    vip: Units[VipUnit]
    gateway: Units[Gateway]
    mts: SessionUnits
    # The wallet: reads on the thread's driver connection, writes through the
    # group-commit writer (server/storage/pam_units.py).
    pam: PamUnits
    # The back office and its player protection: one unit (players, audit
    # log, games, cashier, protections, dead letters).
    backoffice: Units[Backoffice]
    # The significant events no other change carries: the service's start
    # and stop, the retention's prune (docs/compliance.md).
    records: Units[RecordsUnit]


def _backoffice_caller() -> BackofficeCaller:
    who = caller()
    assert isinstance(who, BackofficeCaller)  # the back office's authenticator ran
    return who


def family_units(db: Database, vault: Vault, settings: Settings, clock: Clock, protection_clock: Clock) -> FamilyUnits:
    wallet = PamWalletReader(db)
    return FamilyUnits(
        vip=Units(lambda write: SqlVipUnit(db, write, vault, protection_clock.now)),
        gateway=Units(lambda write: Gateway(SqlGatewayUnit(db, write, vault, wallet, protection_clock.now), settings,
                                            clock=clock.now)),
        mts=SessionUnits(db, MtsRepository),
        pam=PamUnits(db),
        backoffice=Units(lambda write: Backoffice(SqlBackofficeUnit(db, write, protection_clock.now, vault),
                                                  _backoffice_caller(), clock=clock.now)),
        records=Units(lambda write: SqlRecordsUnit(db, write)),
    )


@dataclass
class App:
    """What every servicer, worker and command is handed.

    ``clock`` is the one source of "now"; ``protection_clock`` is the same
    clock as the player-protection rules read it (in demo mode shifted by
    ``PITBOSS_PROTECTION_CLOCK_FILE``, the end-to-end tests' hook)."""

    settings: Settings
    db: Database
    vault: Vault
    clock: Clock
    protection_clock: Clock
    policies: Policies
    units: FamilyUnits
    # The tamper-evident records: `pitboss ledger verify|anchor`, the anchor job.
    records: LedgerRecords
    # The brands' national self-exclusion registers (server/outbox/registers.py).
    registers: Registers = field(default_factory=NoRegisters)
    services: Sequence[Service] = SERVICES
    version: str = VERSION
    _auth: dict[str, Authenticator | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._auth = {s.name: (None if isinstance(s.auth, Open) else s.auth) for s in self.services}
        self._auth.update(dict.fromkeys(PLATFORM_OPEN))

    def authenticator(self, service: str) -> Authenticator | None:
        """The service's authenticator (None: OPEN). A service that was never
        registered is refused (``auth.unregistered``)."""
        return self._auth.get(service, auth.unregistered)

    @classmethod
    def create(cls, settings: Settings, clock: Clock | None = None) -> App:
        return build(settings, clock)


def build(settings: Settings, clock: Clock | None = None) -> App:
    """The process's App. ``clock``: the system clock unless a test gives one."""
    clock = clock or SystemClock()
    protection_clock: Clock = clock
    if settings.demo and settings.protection_clock_file:
        protection_clock = Shifted(clock, settings.protection_clock_file)
    db = Database(settings.database_url, settings.db_pool_size, settings.pam_lock_timeout_ms)
    vault = Vault(settings.secret_key)
    chain.configure(settings.ledger_chain)
    records = LedgerRecords(db, clock.now, settings.ledger_anchor_dir or None, settings.ledger_anchor_key)
    return App(settings, db, vault, clock, protection_clock, Policies.of(settings),
               family_units(db, vault, settings, clock, protection_clock), records,
               HttpRegisters(vault, settings.register_timeout, settings.register_simulator_port))
