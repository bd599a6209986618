"""Dormant accounts (AGCO 3.17-3.22; docs/compliance.md): the timeline and
the daily job's batches.

An account's last activity is its last login (or its registration). After
the brand's period without activity (``Brand.dormancy_months``, default 12)
it becomes dormant; ``NOTICE_DAYS`` (30) before that a mail tells the player.
An account is never made dormant without that notice having gone out at
least ``NOTICE_DAYS`` before (an account found already past its period gets
the notice first, and becomes dormant 30 days later). A login reactivates the
account. Money never moves because of dormancy: nothing here touches a
balance, and no fee exists."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from server.domain.gateway import texts
from server.domain.gateway.ports import Brand, DormancyStore, Player

NOTICE_DAYS = 30
DEFAULT_MONTHS = 12
# Players one unit of work handles (each kind); a pass runs units until done.
BATCH = 100


class Stage(Enum):
    ACTIVE = "active"
    NOTICE_DUE = "notice_due"
    NOTICED = "noticed"
    DORMANT_DUE = "dormant_due"
    DORMANT = "dormant"


@dataclass(frozen=True)
class Policy:
    months: int = DEFAULT_MONTHS
    notice_days: int = NOTICE_DAYS

    @classmethod
    def of(cls, brand: Brand) -> Policy:
        return cls(months=brand.dormancy_months if brand.dormancy_months > 0 else DEFAULT_MONTHS)


def add_months(at: datetime, months: int) -> datetime:
    """``at`` moved by ``months`` calendar months (negative: back), the day
    clamped to the month's last (29 February → 28 February)."""
    index = at.year * 12 + at.month - 1 + months
    year, month = divmod(index, 12)
    day = min(at.day, calendar.monthrange(year, month + 1)[1])
    return at.replace(year=year, month=month + 1, day=day)


def dormant_from(last_activity: datetime, policy: Policy) -> datetime:
    """When an account last active at ``last_activity`` reaches its period."""
    return add_months(last_activity, policy.months)


def notice_from(last_activity: datetime, policy: Policy) -> datetime:
    return dormant_from(last_activity, policy) - timedelta(days=policy.notice_days)


def stage(p: Player, policy: Policy, now: datetime) -> Stage:
    if p.dormant_at is not None:
        return Stage.DORMANT
    if p.last_activity_at is None:
        return Stage.ACTIVE
    if p.dormancy_notice_at is None:
        return Stage.NOTICE_DUE if now >= notice_from(p.last_activity_at, policy) else Stage.ACTIVE
    if now >= dormant_from(p.last_activity_at, policy) and \
            now - p.dormancy_notice_at >= timedelta(days=policy.notice_days):
        return Stage.DORMANT_DUE
    return Stage.NOTICED


@dataclass(frozen=True)
class Cutoffs:
    """The job's queries: last active at or before ``notice_since`` is due a
    notice; at or before ``dormant_since``, and noticed at or before
    ``noticed_before``, is due to become dormant."""

    notice_since: datetime
    dormant_since: datetime
    noticed_before: datetime


def cutoffs(policy: Policy, now: datetime) -> Cutoffs:
    return Cutoffs(notice_since=add_months(now + timedelta(days=policy.notice_days), -policy.months),
                   dormant_since=add_months(now, -policy.months),
                   noticed_before=now - timedelta(days=policy.notice_days))


def activity(p: Player, now: datetime) -> bool:
    """A login or registration: the account is active again from ``now``
    (the notice and the dormant state end). Returns whether it was dormant."""
    was = p.dormant_at is not None
    p.last_activity_at, p.dormancy_notice_at, p.dormant_at = now, None, None
    return was


@dataclass(frozen=True)
class Batch:
    noticed: int
    dormant: int


def run_batch(store: DormancyStore, brand: Brand, now: datetime, limit: int = BATCH) -> Batch:
    """One unit of work's share for one brand: at most ``limit`` notices and
    ``limit`` accounts made dormant, each claimed (locked, skipped by other
    hosts) and changed with guarded conditions, the notice mail in the same
    transaction (exactly once)."""
    policy = Policy.of(brand)
    c = cutoffs(policy, now)
    noticed = store.notice_due(brand.id, c.notice_since, limit)
    for p in noticed:
        assert p.last_activity_at is not None
        p.dormancy_notice_at = now
        store.add(p)
        when = max(dormant_from(p.last_activity_at, policy), now + timedelta(days=policy.notice_days))
        store.queue(brand.id, p.id, "email", "dormancy_notice", p.email, texts.DORMANCY_SUBJECT,
                    texts.dormancy_body(p.user_name, brand.name, when.date().isoformat()))
    dormant = store.dormant_due(brand.id, c.dormant_since, c.noticed_before, limit)
    for p in dormant:
        p.dormant_at = now
        store.add(p)
    return Batch(len(noticed), len(dormant))
