"""The tamper-evident records on both backends, through `pitboss ledger`:
cashier movements and audit entries are chained, the anchors are recorded,
exported and signed, a forged anchor or a rewritten past is caught, and
migration 0014 chains an existing history once (docs/compliance.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from alembic import command
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import create_engine, text

from server.config import Settings
from server.domain.cashier.model import NewMovement
from server.domain.records.chain import EMPTY, LedgerFields, ledger_hash
from server.process.app import App
from server.storage.migrate import alembic_config, pending_model_changes, upgrade
from server.storage.repositories.audit import AuditRepository
from server.storage.repositories.cashier import CashierRepository
from tests.support import ROOT, SECRET
from tests.support.pam_support import new_player

pytestmark = pytest.mark.storage


def ledger(url: str, anchors, *args, key: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PITBOSS_DATABASE_URL=url, PITBOSS_SECRET_KEY=SECRET, PITBOSS_LEDGER_ANCHOR_DIR=str(anchors))
    if key:
        env["PITBOSS_LEDGER_ANCHOR_KEY"] = key
    return subprocess.run([sys.executable, "-m", "server.cli", "ledger", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def fill(app) -> str:
    """A player with an opening balance and two cashier movements, and three
    audit entries."""
    with app.db.engine.begin() as c:
        if c.execute(text("SELECT 1 FROM pam_provider WHERE name = 'evolution'")).first() is None:
            c.execute(text("INSERT INTO pam_provider (name, display_name) VALUES ('evolution', 'Evolution')"))
    pid, _ = new_player(app.db.url, cash="50")
    now = datetime.now(timezone.utc)
    for k, amount in enumerate(("10", "2.5")):
        with app.db.session(write=True) as s:
            repo = CashierRepository(s)
            before = repo.account(pid, lock=True)
            after = type(before)(pid, before.currency, before.cash + Decimal(amount), before.bonus, before.promo)
            repo.book(NewMovement(pid, "backoffice", "demo", f"k{k}", "credit", "cash", Decimal(amount), "test",
                                  "alice", now), before, after)
    with app.db.session(write=True) as s:
        for k in range(3):
            AuditRepository(s).append(client="demo", actor="alice", action="player.block", subject_type="player",
                                      subject_id=pid, reason=f"r{k}", before={"k": k}, after={"k": k + 1})
    return pid


@pytest.fixture
def app(db_url, app_factory):
    return app_factory(db_url)


def test_movements_and_audit_entries_are_chained_and_verify_holds(app, tmp_path):
    pid = fill(app)
    r = ledger(app.db.url, tmp_path, "verify")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "OK: checked 3 ledger entries in 1 chains, 3 audit-log entries, 0 anchors" in r.stdout
    with app.db.engine.begin() as c:
        c.execute(text("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 2"))
        c.execute(text("UPDATE pam_ledger SET created_at = created_at WHERE player_id = :p"), {"p": pid})
    r = ledger(app.db.url, tmp_path, "verify")
    assert r.returncode == 1
    assert "BROKEN audit log: entry" in r.stdout and "(seq 2): hash does not match" in r.stdout
    assert "ledger of player" not in r.stdout  # only the audit chain is named


def test_anchors_are_recorded_exported_signed_and_a_forgery_is_caught(app, tmp_path):
    key = tmp_path / "anchor.pem"
    key.write_bytes(Ed25519PrivateKey.generate().private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    files = tmp_path / "anchors"
    pid = fill(app)
    yesterday = (datetime.now(timezone.utc) - timedelta(days=1)).date()
    r = ledger(app.db.url, files, "anchor", "--date", yesterday.isoformat(), key=str(key))
    assert r.returncode == 0 and "recorded:" in r.stdout and "0 chains" in r.stdout and "signed" in r.stdout
    today = date.today()
    assert ledger(app.db.url, files, "anchor", "--date", today.isoformat()).returncode == 2  # not over yet
    # Today's anchor (through the records, as the daily job would tomorrow).
    signed = App.create(Settings(database_url=app.db.url, secret_key=SECRET, ledger_anchor_dir=str(files),
                                 ledger_anchor_key=str(key)))
    made, recorded = signed.records.anchor(datetime.now(timezone.utc).date())
    assert recorded and made.chains == 1 and made.entries == 3 and made.audit_seq == 3 and made.signature
    again, recorded = signed.records.anchor(made.day)
    assert not recorded and again == made  # one per day
    r = ledger(app.db.url, files, "verify", "--anchors", str(files), key=str(key))
    assert r.returncode == 0, r.stdout
    assert "4 anchors" in r.stdout  # two days, each in the table and as a file

    # A forged file.
    path = files / f"anchor-{made.day.isoformat()}.json"
    doc = json.loads(path.read_text())
    path.write_text(json.dumps(dict(doc, anchor="f" * 64)))
    r = ledger(app.db.url, files, "verify", "--anchors", str(files), key=str(key))
    assert r.returncode == 1 and f"BROKEN anchor {made.day.isoformat()} (file): no longer matches" in r.stdout
    path.write_text(json.dumps(doc))

    # A forged signature in the table.
    with app.db.engine.begin() as c:
        c.execute(text("UPDATE ledger_anchor SET signature = :g WHERE day = :d"),
                  {"g": "00" * 64, "d": made.day.isoformat()})
    r = ledger(app.db.url, files, "verify", "--anchors", str(files), key=str(key))
    assert r.returncode == 1 and "(table): the signature does not verify" in r.stdout
    with app.db.engine.begin() as c:
        c.execute(text("UPDATE ledger_anchor SET signature = :g WHERE day = :d"),
                  {"g": made.signature, "d": made.day.isoformat()})

    # The past rewritten consistently (every hash and the head recomputed):
    # the chains hold, the anchor does not.
    with app.db.engine.begin() as c:
        rows = c.execute(text("SELECT id, kind, cash_delta, bonus_delta, promo_delta, cash_after, bonus_after,"
                              " promo_after, created_at FROM pam_ledger WHERE player_id = :p ORDER BY seq"),
                         {"p": pid}).fetchall()
        head = EMPTY
        for i, r_ in enumerate(rows):
            cash = [Decimal(v).scaleb(-6) for v in r_[2:8]]
            if i == 0:
                cash[0] += 1000
                cash[3] += 1000
            at = r_[8] if isinstance(r_[8], datetime) else datetime.fromisoformat(r_[8])
            h = ledger_hash(LedgerFields(pid, i + 1, r_[1], "", *cash, at), head.hash)
            head = head.next(h)
            c.execute(text("UPDATE pam_ledger SET cash_delta = :d, cash_after = :a, chain_hash = :h WHERE id = :i"),
                      {"d": int(cash[0].scaleb(6)), "a": int(cash[3].scaleb(6)), "h": h, "i": r_[0]})
        c.execute(text("UPDATE pam_account SET chain_hash = :h WHERE player_id = :p"), {"h": head.hash, "p": pid})
    r = ledger(app.db.url, files, "verify", "--anchors", str(files), key=str(key))
    assert r.returncode == 1
    assert "ledger of player" not in r.stdout
    assert f"BROKEN anchor {made.day.isoformat()} (table): no longer matches" in r.stdout
    assert f"BROKEN anchor {made.day.isoformat()} (file): no longer matches" in r.stdout


def test_the_migration_chains_an_existing_history(db_url, tmp_path):
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(engine, conn), "0013_jurisdiction")
        t = "2026-01-01 00:00:00"
        with engine.begin() as c:
            for pid in ("p1", "p2"):
                c.execute(text("INSERT INTO pam_player (id, currency, country, language, blocked, created_at)"
                               " VALUES (:p, 'EUR', 'MT', 'en', :f, :t)"), {"p": pid, "f": False, "t": t})
                c.execute(text("INSERT INTO pam_account (player_id, currency, cash_amount, bonus_amount, promo_amount,"
                               " updated_at) VALUES (:p, 'EUR', 30000000, 0, 0, :t)"), {"p": pid, "t": t})
                for k in range(3):
                    c.execute(text("INSERT INTO pam_ledger (player_id, kind, cash_delta, bonus_delta, promo_delta,"
                                   " cash_after, bonus_after, promo_after, created_at) VALUES (:p, 'ADJUSTMENT',"
                                   " 10000000, 0, 0, :a, 0, 0, :t)"), {"p": pid, "a": (k + 1) * 10000000, "t": t})
            c.execute(text("INSERT INTO audit_log (at, client, actor, action, subject_type, subject_id, reason,"
                           " before_json, after_json) VALUES (:t, 'demo', 'alice', 'player.block', 'player', 'p1',"
                           " '', '{}', '{}')"), {"t": t})
        upgrade(engine)
        assert pending_model_changes(engine) == []
        with engine.connect() as c:
            assert c.execute(text("SELECT COUNT(*) FROM pam_ledger WHERE seq IS NULL")).scalar() == 0
            assert c.execute(text("SELECT chain_seq FROM pam_account WHERE player_id = 'p2'")).scalar() == 3
    finally:
        engine.dispose()
    r = ledger(db_url, tmp_path, "verify")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "OK: checked 6 ledger entries in 2 chains, 1 audit-log entries" in r.stdout
