"""No unit of work does unbounded work, and none holds the write lock to read
(issue 19; docs/architecture.md, "Bounded work").

- Every write unit of every family, found by reading the code (``units.write``,
  ``run(True, ...)``, ``session(write=True)``, the PAM writer's operations),
  is listed below with why it is bounded; a new one fails this test until it
  is classified, and a removed one until its entry goes.
- The units whose work could grow with a player's history or with the
  request are measured: the statements they issue (SQLAlchemy events) are the
  same for a player with 10 rounds as for one with 1,000, for a game session
  of 10 transactions as of 1,000, for 5 custom fields as for 50; status
  takes no write lock unless a reality check is due, and then one row.
"""

from __future__ import annotations

import ast
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import grpc
import pytest
from sqlalchemy import event, insert, text

from pitboss.gateway.v1 import gateway_pb2 as gpb
from server.api.gateway import PlayerGatewayServicer
from server.storage.models import PamRound, PamTransaction
from tests.support import ROOT
from tests.integration.servicer_support import InProcess

# ------------------------------------------------------------ the inventory

# (file::function) -> why the write unit is bounded.
ONE_ROW = "one record (and its audit entry, outbox row or ledger entry)"
WRITE_UNITS = {
    # back office: one subject each, audited in the same unit
    "server/api/backoffice.py::BackofficeServicer.AdjustBalance": "one movement: a ledger entry, the balance, the audit entry",
    "server/api/backoffice.py::BackofficeServicer.BlockPlayer": "the wallet's flag (an empty wallet opened if none), the audit entry",
    "server/api/backoffice.py::BackofficeServicer.UnblockPlayer": "the wallet's flag, the audit entry",
    "server/api/backoffice.py::BackofficeServicer.PutCatalogueGame": "one catalogue row (restricted countries capped at 250), the PAM game, the audit entry",
    "server/api/backoffice.py::BackofficeServicer.PutLaunchTemplate": ONE_ROW,
    "server/api/backoffice.py::BackofficeServicer.RevokeGameSession": "one game session and its PAM session, the audit entry",
    "server/api/backoffice.py::BackofficeServicer.ConfirmJurisdictionChange": "one player's jurisdiction, her PAM wallet's country, the audit entry",
    "server/api/backoffice.py::BackofficeServicer.RejectJurisdictionChange": "one player's pending jurisdiction, the audit entry",
    "server/api/backoffice.py::BackofficeServicer.UpdateBrandSettings": "one brand row, the audit entry",
    "server/api/backoffice.py::BackofficeServicer.SetPlayerTwoFactor": "one player row, the audit entry",
    "server/api/backoffice.py::BackofficeServicer.RedriveDeadLetters": "one dead letter, or at most REDRIVE_MAX (1,000) in one update, the audit entry",
    "server/api/protection_backoffice.py::ProtectionBackofficeServicer.SetPlayerLimits": "one player's protection: its limits (at most 10 changes), one event, the audit entry",
    "server/api/protection_backoffice.py::ProtectionBackofficeServicer.SetPlayerTimeout": "one player's protection, one event, the audit entry",
    "server/api/protection_backoffice.py::ProtectionBackofficeServicer.SetPlayerExclusion": "one player's protection, one event, the audit entry",
    # player gateway
    "server/api/gateway.py::PlayerGatewayServicer.UpdatePersonalDetails": "the player and details rows; maybe a challenge and one SMS",
    "server/api/gateway.py::PlayerGatewayServicer.UpdateCustomFields": "at most 50 fields of a kind: one lookup, one count, batched upserts (measured below)",
    "server/api/gateway.py::PlayerGatewayServicer.UpdateEmail": "the player, one link (older unused links of the purpose: one update), two mails",
    "server/api/gateway.py::PlayerGatewayServicer.ForgotPassword": "one link (older ones: one update), one mail",
    "server/api/gateway.py::PlayerGatewayServicer.VerifyPassword": "the link and the player; the player's live login sessions revoked by one update",
    "server/api/gateway.py::PlayerGatewayServicer.ChangePassword": "the player; the player's live login sessions revoked by one update",
    "server/api/gateway.py::PlayerGatewayServicer.ResendActivationEmail": "one link (older ones: one update), one mail",
    "server/api/gateway.py::PlayerGatewayServicer.VerifyEmail": "the link and the player",
    "server/api/gateway.py::PlayerGatewayServicer.SignTnc": "the player row",
    "server/api/gateway.py::PlayerGatewayServicer.Logout": "the login session; its open game sessions (at most MAX_OPEN_PER_LOGIN) by two set-based updates",
    "server/api/gateway.py::PlayerGatewayServicer.RegisterStepOne": "one player, one login session, one mail",
    "server/api/gateway.py::PlayerGatewayServicer.SendCode": "one challenge, one SMS; the account's window counted by one indexed aggregate",
    "server/api/gateway.py::PlayerGatewayServicer.ValidateCode": "one challenge; the window counted by one indexed aggregate",
    "server/api/gateway_protection.py::ProtectionMethods.SetLimits": "one player's protection: capped limit keys, one event",
    "server/api/gateway_protection.py::ProtectionMethods.TakeTimeout": "one player's protection, one event",
    "server/api/gateway_protection.py::ProtectionMethods.SelfExclude": "one player's protection, one event",
    "server/domain/gateway/login.py::check": "the login guard row (reserved before argon2, which runs outside any unit)",
    "server/domain/gateway/registration.py::complete": "the details row, the player, one verification request in the outbox (brands with a vendor) and her wallet's hold; a refusal: the player's flag, its live sessions (one update) and open game sessions (two), one event",
    "server/domain/gateway/play.py::start": "one PAM and one game session (the login's oldest beyond the cap ended); the open round among the last 100 rounds; a refusal: the player's flag, its live sessions (one update) and open game sessions (two), one event",
    "server/outbox/dormancy.py::run": "at most PITBOSS_DORMANCY_BATCH claimed players of each kind and one mail each",
    "server/domain/gateway/login.py::login": "the guard, the player; one login session or one challenge; a register refusal: its live sessions and open game sessions (set-based), one event",
    "server/domain/gateway/login.py::password_ok": "the account's login guard row",
    "server/domain/gateway/status.py::show": "the reality check's time: one guarded row update (measured below)",
    # VIP Connect
    "server/api/vip.py::VipConnectServicer._run": "one patron session (the card's guard, the patron's bank accounts: a handful)",
    "server/api/vip.py::VipConnectServicer._approve": "one transaction, its cashier movement, one notification",
    "server/api/vip.py::VipWebServicer.ConfirmSdkSession": "one session and transaction (the pending sum is one aggregate), one notification",
    "server/api/vip.py::VipWebServicer.CancelSdkSession": "one session and transaction, one notification",
    # PAM wallet: operations of the group-commit writer
    "server/api/pam.py::PamServicer.RefreshSession": "one session row (a guarded token rotation)",
    "server/api/pam.py::PamServicer.AddTransaction": "one booking: the session and account (one statement), one round, the transactions of one round or bet reference (indexed; what one game play sent), capped lists in the extras",
    # MTS
    "server/api/mts.py::intake": "one report of at most 128 KiB (at most 1,000 sessions): one insert and one batched insert",
    "server/api/mts_oauth.py::issue_token": "one token; the client's expired tokens deleted by one indexed delete",
    # outboxes (background, claimed)
    "server/outbox/vip_callbacks.py::VipNotifier.deliver": "claims at most vip_notify_per_operator rows of at most vip_notify_concurrency operators",
    "server/outbox/vip_callbacks.py::VipNotifier._record": "one row, guarded by its claim",
    "server/outbox/vip_callbacks.py::VipNotifier._release": "the rows of one operator's turn (at most vip_notify_per_operator)",
    "server/outbox/verification.py::send_pending": "claims at most BATCH (20) rows",
    "server/outbox/verification.py::_record": "one row, guarded by its claim",
    "server/api/gateway.py::PlayerGatewayServicer.VerificationCallback": "the player, her wallet's hold, one nonce (aged nonces: one delete over an index range of one replay window)",
    "server/api/backoffice.py::BackofficeServicer.SetVerificationStatus": "the player, her wallet's hold, the audit entry",
    "server/demo/simulators.py::point_demo_brand": "one brand row (demo mode, at start-up)",
    "server/outbox/gateway_mail.py::send_pending": "claims at most smtp_batch rows",
    "server/outbox/gateway_mail.py::_record": "one row, guarded by its claim",
    "server/process/app.py::service_event": "one event (this process started or stopped)",
    "server/domain/records/events.py::prune": "at most PRUNE_BATCH (500) events per unit, at most events_prune_batches units a pass",
    # retention (background; rows taken with SKIP LOCKED on PostgreSQL)
    "server/outbox/retention.py::prune_usage": "at most BATCH usage buckets per transaction, MAX_BATCHES per pass",
    # the machinery itself, and a tool
    "server/api/unit.py::Units.write": "the helper MTS's units.write goes through (each use listed above)",
    "server/domain/unit.py::Units.write": "the helper every other family's units.write goes through (each use listed above)",
    "server/storage/pam_units.py::PamUnits.write": "the PAM wallet's units.write, through the group-commit writer (each use listed above)",
    "server/demo/__init__.py::load": "the demo records, once, into an empty database (`pitboss demo load`), never on a request",
}


def _name(f) -> str:
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def _receiver(f) -> str:
    return _name(f.value) if isinstance(f, ast.Attribute) else ""


def _is_write_unit(c: ast.Call) -> bool:
    n, first = _name(c.func), (c.args[0] if c.args else None)
    literal_true = isinstance(first, ast.Constant) and first.value is True
    return ((n == "write" and _receiver(c.func) == "units")
            or (n in ("run", "_run", "unit", "units") and literal_true)
            or (n == "units" and any(k.arg == "write" and isinstance(k.value, ast.Constant) and k.value.value is True
                                     for k in c.keywords))
            or (n == "session" and any(k.arg == "write" and isinstance(k.value, ast.Constant) and k.value.value is True
                                       for k in c.keywords))
            or (n in ("run", "run_async") and _receiver(c.func) == "writer")
            or (n == "_write" and _receiver(c.func) == "self"))


def write_units() -> set[str]:
    found: set[str] = set()
    for path in sorted((ROOT / "server").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        scope: list[str] = []

        def visit(node) -> None:
            named = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            if named:
                scope.append(node.name)
            if isinstance(node, ast.Call) and _is_write_unit(node):
                found.add(f"{rel}::{'.'.join(scope)}")
            for child in ast.iter_child_nodes(node):
                visit(child)
            if named:
                scope.pop()

        visit(ast.parse(path.read_text()))
    return found


def test_every_write_unit_is_listed_with_why_it_is_bounded():
    found = write_units()
    new, gone = sorted(found - set(WRITE_UNITS)), sorted(set(WRITE_UNITS) - found)
    assert not new, f"write units not classified (add them to WRITE_UNITS with why they are bounded): {new}"
    assert not gone, f"classified write units that no longer exist: {gone}"


def test_the_inventory_finds_the_kinds_it_looks_for():
    """The scanner itself: each kind of write unit is recognised."""
    tree = ast.parse("self.units.write(f)\nu.run(True, f)\nunit(True, f)\ndb.session(write=True)\n"
                     "db.writer.run_async(f)\nself._write(f)\nwith units(write=True) as uow: pass\n"
                     "self.units.read(f)\ndb.session()\nu.run(False, f)\nwith units() as uow: pass\n")
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, (ast.Attribute, ast.Name))]
    assert sum(_is_write_unit(c) for c in calls) == 7


# ------------------------------------------------------------ measured


class Statements:
    """Every statement the app's engine sends while counting."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.sql: list[str] = []
        self.on = False
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if self.on:
            self.sql.append(" ".join(statement.split()))

    def __enter__(self):
        self.sql, self.on = [], True
        return self

    def __exit__(self, *exc) -> None:
        self.on = False

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)

    def queries(self) -> list[str]:
        """Without transaction control (SQLite's BEGIN / COMMIT)."""
        return [s for s in self.sql if not s.upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))]


SERVICE = gpb.DESCRIPTOR.services_by_name["PlayerGatewayService"]
PLAYER, PAM_PLAYER = 33003139, "33003139"


@pytest.fixture
def setup(db_url):
    from server.config import Settings
    from server.demo import load
    from server.process.app import App
    from server.storage import migrate
    from tests.support import SECRET

    app = App.create(Settings(database_url=db_url, secret_key=SECRET))
    migrate.upgrade(app.db.engine)
    load(app.db, app.vault)
    gw = InProcess(app, PlayerGatewayServicer(app), SERVICE)
    counter = Statements(app.db.engine)
    a = gw.call("Login", gpb.LoginRequest(version="1", brand_id="1", user_name="itamar1", password="Secret123"))
    assert a.code == grpc.StatusCode.OK
    yield app, gw, counter, {"x-auth-token": a.response.auth_token}
    counter.close()
    gw.close()
    app.db.dispose()


def _rounds(app, start: int, count: int, session_id: int | None = None) -> None:
    """``count`` finished rounds of the demo player (and, with a PAM session,
    a WITHDRAW of 1.00 in each, on that session)."""
    now = datetime.now(timezone.utc)
    rounds = [dict(player_id=PAM_PLAYER, provider="evolution", provider_round_id=f"bw-{i}",
                   provider_game_id="ecf559b11f0", started_at=now, ended_at=now, stake=Decimal("1"),
                   payout=Decimal("0")) for i in range(start, start + count)]
    with app.db.engine.begin() as c:
        c.execute(insert(PamRound), rounds)
        if session_id is None:
            return
        ids = dict(c.execute(text("SELECT provider_round_id, id FROM pam_round WHERE provider_round_id LIKE 'bw-%'")).all())
        c.execute(insert(PamTransaction), [dict(
            public_id=f"bw-tx-{i}", player_id=PAM_PLAYER, provider="evolution", transaction_type="WITHDRAW",
            provider_transaction_id=f"bw-tx-{i}", provider_round_id=f"bw-{i}", round_id=ids[f"bw-{i}"],
            currency="EUR", cash_amount=Decimal("1"), bonus_amount=Decimal("0"), promo_amount=Decimal("0"),
            transaction_date_time=now, session_id=session_id, created_at=now) for i in range(start, start + count)])


@pytest.mark.storage
def test_online_status_is_a_read_of_the_same_statements_for_10_and_1000_rounds(setup):
    app, gw, counter, md = setup
    req = gpb.GetOnlineStatusRequest(version="1", brand_id="1")
    runs = []
    for start, count in ((0, 10), (10, 990)):
        _rounds(app, start, count)
        with counter:
            a = gw.call("GetOnlineStatus", req, md)
        assert a.code == grpc.StatusCode.OK
        runs.append((a.response.rounds_since_login, counter.sql))
    (r10, sql10), (r1000, sql1000) = runs
    assert (r10, r1000) == (10, 1000)
    assert len(sql10) == len(sql1000)
    assert not any(s.upper().startswith("BEGIN IMMEDIATE") for s in sql1000)  # no write lock (SQLite)
    assert not any(s.upper().startswith(("UPDATE", "INSERT", "DELETE")) for s in sql1000)
    rounds = [s for s in sql1000 if "pam_round" in s]
    assert rounds and all("count(" in s.lower() for s in rounds)  # aggregates, never the rows


@pytest.mark.storage
def test_a_due_reality_check_is_one_guarded_row_update(setup):
    app, gw, counter, md = setup
    from sqlalchemy import update

    from server.storage.models import GatewaySession

    with app.db.engine.begin() as c:  # through the column type, as the server writes it
        c.execute(update(GatewaySession).values(reality_checked_at=datetime.now(timezone.utc) - timedelta(minutes=61)))
    _rounds(app, 0, 5)  # 5 rounds of 1.00 in the period: the check's figures, summed in SQL
    with counter:
        a = gw.call("GetOnlineStatus", gpb.GetOnlineStatusRequest(version="1", brand_id="1"), md)
    assert a.code == grpc.StatusCode.OK and a.http_status == 303
    assert (a.http_body["total_bets"], a.http_body["total_wins"]) == (5, 0)
    writes = [s for s in counter.queries() if s.upper().startswith(("UPDATE", "INSERT", "DELETE"))]
    assert len(writes) == 1 and writes[0].startswith("UPDATE gateway_session SET reality_checked_at")
    with counter:
        again = gw.call("GetOnlineStatus", gpb.GetOnlineStatusRequest(version="1", brand_id="1"), md)
    assert again.http_status is None  # shown once
    assert not [s for s in counter.queries() if s.upper().startswith("UPDATE")]


@pytest.mark.storage
def test_in_game_status_is_the_same_statements_for_10_and_1000_transactions(setup):
    app, gw, counter, md = setup
    start = gw.call("StartGame", gpb.StartGameRequest(version="1", brand_id="1", game_id="ecf559b11f0", lang="en"), md)
    assert start.code == grpc.StatusCode.OK
    gs = start.response.game_session_id
    with app.db.engine.connect() as c:
        pam_session = c.execute(text("SELECT pam_session_id FROM game_session WHERE public_id = :g"), {"g": gs}).scalar()
    req = gpb.GetInGameStatusRequest(version="1", brand_id="1", game_session_id=gs)
    runs = []
    for first, count in ((0, 10), (10, 990)):
        _rounds(app, first, count, session_id=pam_session)
        with counter:
            a = gw.call("GetInGameStatus", req, md)
        assert a.code == grpc.StatusCode.OK, a.details
        runs.append((a.response.game_session, counter.sql))
    (g10, sql10), (g1000, sql1000) = runs
    assert (g10.rounds, g1000.rounds) == (10, 1000)
    assert (g10.total_bets, g1000.total_bets) == (10.0, 1000.0)
    assert len(sql10) == len(sql1000)
    assert not any(s.upper().startswith(("BEGIN IMMEDIATE", "UPDATE", "INSERT")) for s in sql1000)
    txs = [s for s in sql1000 if "pam_transaction" in s and "pam_round" not in s]
    assert txs and all("count(" in s.lower() or "limit" in s.lower() for s in txs)


@pytest.mark.storage
def test_custom_field_upserts_are_the_same_statements_for_5_and_50_fields(setup):
    app, gw, counter, md = setup

    def put(prefix: str, n: int, value: str) -> list[str]:
        req = gpb.UpdateCustomFieldsRequest(version="1", brand_id="1", str_custom_fields=[
            gpb.StrCustomField(id=f"{prefix}{i}", name="n", value=value) for i in range(n)])
        with counter:
            assert gw.call("UpdateCustomFields", req, md).code == grpc.StatusCode.OK
        return counter.queries()

    new5, new50 = put("a", 5, "v"), put("b", 50, "v")
    upd5, upd50 = put("a", 5, "w"), put("b", 50, "w")
    assert len(new5) == len(new50) and len(upd5) == len(upd50)
    # one lookup of the fields named, never one per field
    assert sum("FROM gateway_custom_field" in s for s in new50) == 2  # the lookup and the count
