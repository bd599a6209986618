"""Dormant accounts (server/domain/gateway/dormancy.py) over the gateway's
fakes and a fixed clock: the timeline (notice 30 days before the brand's
period, dormant at the period and never sooner than 30 days after the
notice), the job's batches, reactivation at login, and money never moving
(docs/compliance.md)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from argon2 import PasswordHasher

from server.domain.backoffice import dormancy as bo_dormancy
from server.domain.backoffice.model import Balances, DormantAccount
from server.domain.errors import ValidationFailed
from server.domain.gateway import dormancy as D
from server.domain.gateway import login as L
from tests.unit.fakes.backoffice import FakeBackofficeStore
from tests.unit.fakes.gateway import FakeGatewayStore, FakeUnits

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
PASSWORD = "Correct-horse-9"
T = datetime(2025, 1, 31, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def store() -> FakeGatewayStore:
    s = FakeGatewayStore()
    s.add_brand(1)
    s.add_brand(2, dormancy_months=6)
    return s


def player(store, brand_id=1, at=T, **kw):
    n = len(store.players) + 1
    return store.add_test_player(brand_id, f"user{n}", f"u{n}@example.com", CHEAP.hash(PASSWORD),
                                 last_activity_at=at, real_balance=Decimal("12.50"), **kw)


def test_months_are_calendar_months_clamped_to_the_last_day():
    assert D.add_months(T, 1) == datetime(2025, 2, 28, 9, 0, tzinfo=timezone.utc)
    assert D.add_months(datetime(2024, 2, 29, tzinfo=timezone.utc), 12) == datetime(2025, 2, 28, tzinfo=timezone.utc)
    assert D.add_months(T, -13) == datetime(2023, 12, 31, 9, 0, tzinfo=timezone.utc)
    assert D.add_months(D.add_months(T, 12), -12) == T


def test_the_timeline_of_a_12_month_brand(store):
    p = player(store)
    pol = D.Policy()
    dormant_at = datetime(2026, 1, 31, 9, 0, tzinfo=timezone.utc)
    assert D.stage(p, pol, dormant_at - timedelta(days=30, seconds=1)) is D.Stage.ACTIVE
    assert D.stage(p, pol, dormant_at - timedelta(days=30)) is D.Stage.NOTICE_DUE
    p.dormancy_notice_at = dormant_at - timedelta(days=30)
    assert D.stage(p, pol, dormant_at - timedelta(seconds=1)) is D.Stage.NOTICED
    assert D.stage(p, pol, dormant_at) is D.Stage.DORMANT_DUE
    p.dormancy_notice_at = dormant_at - timedelta(days=1)  # a late notice: 30 days from it
    assert D.stage(p, pol, dormant_at) is D.Stage.NOTICED
    assert D.stage(p, pol, dormant_at + timedelta(days=29)) is D.Stage.DORMANT_DUE
    p.dormant_at = dormant_at
    assert D.stage(p, pol, dormant_at + timedelta(days=400)) is D.Stage.DORMANT


def test_the_job_notices_then_makes_dormant_and_never_moves_money(store):
    p, fresh, other = player(store), player(store, at=T + timedelta(days=200)), player(store, brand_id=2)
    brand, six = store.brand(1), store.brand(2)
    notice_day = D.add_months(T, 12) - timedelta(days=30)
    assert D.run_batch(store, brand, notice_day - timedelta(seconds=1)) == D.Batch(0, 0)
    assert D.run_batch(store, brand, notice_day) == D.Batch(1, 0)
    assert p.dormancy_notice_at == notice_day and fresh.dormancy_notice_at is None
    (mail,) = [m for m in store.outbox if m["kind"] == "dormancy_notice"]
    assert mail["recipient"] == p.email and "2026-01-31" in mail["body"] and "no fee" in mail["body"]
    assert D.run_batch(store, brand, notice_day + timedelta(days=1)) == D.Batch(0, 0)  # the notice goes once
    assert D.run_batch(store, brand, D.add_months(T, 12)) == D.Batch(0, 1)
    assert p.dormant_at == D.add_months(T, 12)
    assert p.real_balance == Decimal("12.50")  # nothing moved
    # the 6-month brand's own period
    assert D.run_batch(store, six, D.add_months(T, 6) - timedelta(days=30)) == D.Batch(1, 0)
    assert other.dormancy_notice_at is not None


def test_an_account_long_past_its_period_gets_30_days_of_notice_first(store):
    p = player(store, at=T - timedelta(days=900))
    brand = store.brand(1)
    assert D.run_batch(store, brand, T) == D.Batch(1, 0)
    assert D.run_batch(store, brand, T + timedelta(days=29)) == D.Batch(0, 0)
    assert D.run_batch(store, brand, T + timedelta(days=30)) == D.Batch(0, 1)
    assert p.dormant_at == T + timedelta(days=30)


def test_a_batch_is_bounded_and_the_next_takes_the_rest(store):
    for _ in range(7):
        player(store)
    brand = store.brand(1)
    now = D.add_months(T, 12)
    assert D.run_batch(store, brand, now, limit=3) == D.Batch(3, 0)
    assert D.run_batch(store, brand, now, limit=3) == D.Batch(3, 0)
    assert D.run_batch(store, brand, now, limit=3) == D.Batch(1, 0)


def test_a_login_reactivates_a_dormant_account(store):
    p = player(store, registration_complete=True)
    clock_at = D.add_months(T, 14)
    p.dormancy_notice_at, p.dormant_at = T + timedelta(days=335), T + timedelta(days=365)

    class Clock:
        def __call__(self):
            return clock_at

    units = FakeUnits(store, Clock())
    assert L.login(units, "1", p.user_name, PASSWORD, None).token
    assert p.dormant_at is None and p.dormancy_notice_at is None and p.last_activity_at == clock_at
    assert p.real_balance == Decimal("12.50")


def test_the_back_office_list_is_paged_and_capped():
    from server.domain.backoffice.model import BackofficeCaller
    from server.domain.backoffice.service import Backoffice

    fake = FakeBackofficeStore()
    fake.brands = {}
    fake.dormant = [DormantAccount(i, 1 + i % 2, f"u{i}", Balances("EUR", Decimal(i), Decimal(0), Decimal(0)),
                                   T, T, T) for i in range(1, 8)]

    class Unit:
        players = fake

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            pass

        def commit(self):
            pass

        def clock(self):
            return T

    bo = Backoffice(Unit(), BackofficeCaller("client", "alice"), now=T)
    page = bo_dormancy.list_dormant(bo, 0, 3, "")
    assert [a.player_id for a in page.items] == [7, 6, 5] and page.next_token
    page = bo_dormancy.list_dormant(bo, 0, 3, page.next_token)
    assert [a.player_id for a in page.items] == [4, 3, 2]
    page = bo_dormancy.list_dormant(bo, 0, 3, page.next_token)
    assert [a.player_id for a in page.items] == [1] and page.next_token == ""
    assert [a.player_id for a in bo_dormancy.list_dormant(bo, 2, 0, "").items] == [7, 5, 3, 1]
    for bad in ((0, 201, ""), (-1, 10, ""), (0, 10, "not-a-token")):
        with pytest.raises(ValidationFailed):
            bo_dormancy.list_dormant(bo, *bad)


def test_brand_register_and_dormancy_settings_are_checked_audited_and_the_secret_never_shown():
    from server.domain.backoffice import players
    from server.domain.backoffice.model import BackofficeCaller, BrandSettings
    from server.domain.backoffice.service import Backoffice
    from tests.unit.fakes.backoffice import FakeAuditLog
    from tests.unit.fakes.records import FakeEventLog

    fake, audit = FakeBackofficeStore(), FakeAuditLog()
    fake.brands = {3: BrandSettings(3)}

    class Unit:
        players = fake

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            pass

        def commit(self):
            pass

        def clock(self):
            return T

    Unit.audit = audit
    Unit.events = FakeEventLog()
    bo = Backoffice(Unit(), BackofficeCaller("client", "alice"), now=T)
    bad = players.RegisterChanges(vendor="GAM STOP", url="ftp://x", secret="a\nb", outage_play="maybe",
                                  dormancy_months=0)
    with pytest.raises(ValidationFailed) as e:
        players.update_brand_settings(bo, 3, None, "set up", register=bad)
    assert {v.field for v in e.value.violations} == {"register_vendor", "register_url", "register_secret",
                                                     "register_outage_play", "dormancy_months"}
    assert fake.brands[3] == BrandSettings(3) and not audit.records  # nothing changed
    after = players.update_brand_settings(bo, 3, None, "licence GB", register=players.RegisterChanges(
        vendor="gamstop", url="https://bridge.example/check", secret="s3cret", outage_play="open", dormancy_months=24))
    assert (after.register_vendor, after.register_url, after.register_secret_set, after.register_outage_play,
            after.register_outage_registration, after.dormancy_months) == \
        ("gamstop", "https://bridge.example/check", True, "open", "closed", 24)
    assert fake.secrets[3] == "s3cret"
    (record,) = audit.records
    assert "s3cret" not in record.before_json + record.after_json and '"register_secret": "changed"' in record.after_json
    players.update_brand_settings(bo, 3, None, "rotate", register=players.RegisterChanges(secret=""))
    assert fake.secrets[3] == "" and not fake.brands[3].register_secret_set
