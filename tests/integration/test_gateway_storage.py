"""Player gateway storage on both backends: secrets at rest, demo records,
single-use reset hashes and login locks under concurrency."""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import text
from sqlmodel import select

from server.config import Settings
from server.demo import load
from server.domain.gateway import errors as G
from server.domain.gateway import passwords
from server.domain.gateway import status as gw_status
from server.domain.gateway.base import Gateway
from server.domain.gateway.passwords import check_password
from server.storage.models import GatewayOutbox, GatewayPlayer
from server.storage.repositories.gateway import GatewayRepository, SqlGatewayUnit
from tests.support import SECRET

pytestmark = pytest.mark.storage


def gateway(app, s, **settings):
    """The gateway's stores on the transaction of session ``s``."""
    uow = SqlGatewayUnit(app.db, False, app.vault)
    uow.open(s)
    return Gateway(uow, Settings(secret_key=SECRET, **settings))


class Attempt:
    """A login's outcome, or the error it answered (raised by raise_if_failed)."""

    def __init__(self, outcome=None, error=None) -> None:
        self.outcome, self.error = outcome, error

    def __getattr__(self, name):
        return getattr(self.outcome, name) if self.outcome is not None else ""

    def raise_if_failed(self) -> None:
        if self.error is not None:
            raise self.error


def login(app, brand: str, name: str, password: str, two_fa=None, **settings):
    """A whole login as the servicer runs it (units of work around the hash)."""
    from server.domain.errors import DomainError
    from server.domain.gateway import login as steps
    from server.domain.unit import Units

    cfg = Settings(secret_key=SECRET, **settings)
    units = Units(lambda write: Gateway(SqlGatewayUnit(app.db, write, app.vault), cfg))
    try:
        return Attempt(steps.login(units, brand, name, password, two_fa))
    except DomainError as e:
        return Attempt(error=e)


def test_demo_records_and_secrets_at_rest(db_url, app_factory):
    app = app_factory(db_url)
    load(app.db, app.vault)
    load(app.db, app.vault)  # idempotent
    with app.db.session(write=True) as s:
        gw = gateway(app, s)
        passwords.forgot(gw, gw.brand("1"), "playermael@domain.com")
    with app.db.session() as s:
        players = {p.user_name: p for p in s.exec(select(GatewayPlayer))}
        assert set(players) == {"itamar1", "brand2player", "brand3player", "secure1"}
        # Brand 3 (licence gates): status none until the simulator or the back office sets it.
        assert players["brand3player"].brand_id == 3 and players["brand3player"].verification_status == "none"
        assert players["itamar1"].id == 33003139 and players["brand2player"].brand_id == 2
        assert players["brand2player"].id == 33003140  # new players follow the demo ids on both backends
        assert players["secure1"].is_2fa_required and not players["itamar1"].is_2fa_required
        assert players["itamar1"].password_hash.startswith("$argon2id$")
        assert check_password(players["itamar1"].password_hash, "Secret123")
        row = s.exec(select(GatewayOutbox)).first()
        body = app.vault.decrypt(row.body_enc)
        h = re.search(r"hash: ([0-9a-f]{64})", body).group(1)
    with app.db.engine.connect() as c:
        dump = " ".join(str(r) for t in ("gateway_player", "gateway_link", "gateway_outbox", "gateway_session")
                        for r in c.execute(text(f"SELECT * FROM {t}")))
    assert "Secret123" not in dump and h not in dump


def test_a_reset_hash_works_once_under_concurrency(db_url, app_factory):
    app = app_factory(db_url)
    load(app.db, app.vault)
    with app.db.session(write=True) as s:
        gw = gateway(app, s)
        passwords.forgot(gw, gw.brand("2"), "player2@domain.com")
    with app.db.session() as s:
        row = s.exec(select(GatewayOutbox)).first()
        h = re.search(r"hash: ([0-9a-f]{64})", app.vault.decrypt(row.body_enc)).group(1)
    results, barrier = [], threading.Barrier(6)

    def attempt(i):
        barrier.wait()
        try:
            with app.db.session(write=True) as s:
                gw = gateway(app, s)
                passwords.verify_password(gw, gw.brand("2"), h, f"Parallel{i}9")
            results.append(("ok", i))
        except G.MessageFailure:
            results.append(("used", i))

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    oks = [i for kind, i in results if kind == "ok"]
    assert len(oks) == 1 and len(results) == 6
    with app.db.session() as s:
        p = GatewayRepository(s, app.vault).player_by_user_name(2, "brand2player")
        assert check_password(p.password_hash, f"Parallel{oks[0]}9")


def test_login_lock_is_stored(db_url, app_factory):
    app = app_factory(db_url)
    load(app.db, app.vault)
    for _ in range(2):
        out = login(app, "1", "itamar1", "wrong", gateway_login_max_failures=2)
        with pytest.raises(G.BadCredentials):
            out.raise_if_failed()
    out = login(app, "1", "ITAMAR1", "Secret123", gateway_login_max_failures=2)
    with pytest.raises(G.AccountLocked):
        out.raise_if_failed()


def test_a_due_reality_check_is_answered_once_under_concurrency(db_url, app_factory):
    from datetime import timedelta

    from server.storage.models import GatewaySession
    from server.domain.clock import utcnow

    app = app_factory(db_url)
    load(app.db, app.vault)
    token = login(app, "1", "itamar1", "Secret123").token
    with app.db.session(write=True) as s:
        row = s.exec(select(GatewaySession)).first()
        row.reality_checked_at = utcnow() - timedelta(minutes=61)
        s.add(row)
    checks, barrier = [], threading.Barrier(6)

    def status():
        # As the servicer: the status in a read unit, then the check recorded
        # by a guarded write of its own; only the call that records it answers it.
        barrier.wait()
        with app.db.session() as s:
            gw = gateway(app, s)
            c = gw.authenticate(gw.brand("1"), token)
            check = gw_status.online_status(gw, c)[1]
            shown = (c.session.id, c.session.reality_checked_at, gw.now)
        if check is not None:
            with app.db.session(write=True) as s:
                if not gw_status.record_reality_check(gateway(app, s), *shown):
                    check = None
        checks.append(check)

    threads = [threading.Thread(target=status) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(checks) == 6 and len([c for c in checks if c is not None]) == 1


def test_the_user_name_and_the_email_share_one_count(db_url, app_factory):
    app = app_factory(db_url)
    load(app.db, app.vault)
    for name in ("itamar1", "ITAMAR1", "playermael@domain.com", "PlayerMael@domain.com"):
        with pytest.raises(G.BadCredentials):
            login(app, "1", name, "wrong", gateway_login_max_failures=4).raise_if_failed()
    for name in ("itamar1", "playermael@domain.com"):
        with pytest.raises(G.AccountLocked):
            login(app, "1", name, "Secret123", gateway_login_max_failures=4).raise_if_failed()


def test_a_burst_of_parallel_wrong_passwords_is_counted_before_it_is_checked(db_url, app_factory):
    app = app_factory(db_url)
    load(app.db, app.vault)
    results, barrier = [], threading.Barrier(12)

    def attempt():
        barrier.wait()
        try:
            login(app, "1", "itamar1", "wrong-password", gateway_login_max_failures=5).raise_if_failed()
            results.append("ok")
        except G.BadCredentials:
            results.append("checked")
        except G.AccountLocked:
            results.append("locked")

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results).count("checked") <= 5 and "ok" not in results, results
    assert results.count("locked") >= 7, results
    with pytest.raises(G.AccountLocked):  # even the right password, now
        login(app, "1", "itamar1", "Secret123", gateway_login_max_failures=5).raise_if_failed()


def test_the_password_hash_runs_outside_any_lock(db_url, app_factory, monkeypatch):
    """While argon2 checks a login's password, another writer (a PAM bet on
    SQLite's one write lock; on PostgreSQL the account's guard row) is not kept
    waiting."""
    import time

    from server.domain.gateway import login as steps
    from server.domain.gateway import passwords as service
    from server.domain.clock import utcnow

    app = app_factory(db_url)
    load(app.db, app.vault)
    login(app, "1", "itamar1", "wrong")  # the account's guard row exists
    waits = []
    real = service.check_password

    def slow_check(stored, password):
        def writer():
            start = time.monotonic()
            with app.db.session(write=True) as s:
                GatewayRepository(s, app.vault).ensure_guard(1, steps.account_guard(33003139), utcnow())
            waits.append(time.monotonic() - start)

        t = threading.Thread(target=writer)
        t.start()
        t.join(5)
        return real(stored, password)

    monkeypatch.setattr(service, "check_password", slow_check)
    assert login(app, "1", "itamar1", "Secret123").token
    assert len(waits) == 1 and waits[0] < 1.0, waits


def test_a_password_change_checks_and_hashes_outside_any_lock(db_url, app_factory, monkeypatch):
    """Changing the password verifies the old one and hashes the new one (two
    argon2 runs) with no write lock or row lock held."""
    import time

    import server.api.gateway as api
    from pitboss.gateway.v1 import gateway_pb2
    from server.api import context
    from server.domain.gateway import passwords as service
    from server.domain.gateway.auth import GatewayCredentials
    from server.domain.clock import utcnow

    app = app_factory(db_url)
    load(app.db, app.vault)
    token = login(app, "1", "itamar1", "Secret123").token
    waits = []

    def slowly(real):
        def run(*args):
            def writer():
                start = time.monotonic()
                with app.db.session(write=True) as s:
                    GatewayRepository(s, app.vault).ensure_guard(1, "#player:33003139", utcnow())
                waits.append(time.monotonic() - start)

            t = threading.Thread(target=writer)
            t.start()
            t.join(5)
            return real(*args)
        return run

    monkeypatch.setattr(service, "check_password", slowly(service.check_password))
    monkeypatch.setattr(service, "hash_password", slowly(service.hash_password))
    monkeypatch.setattr(api, "hash_password", slowly(api.hash_password))

    class Context:
        def send_initial_metadata(self, md):
            pass

    who = context.enter({}, GatewayCredentials(token))
    try:
        api.PlayerGatewayServicer(app).ChangePassword(gateway_pb2.ChangePasswordRequest(
            version="1", brand_id="1", old_password="Secret123", new_password="Changed123"), Context())
    finally:
        context.leave(who)
    assert len(waits) == 2 and max(waits) < 1.0, waits
    assert login(app, "1", "itamar1", "Changed123").token
