"""Delivery of VIP Connect operator notifications from the outbox table.

A background thread of the server polls ``vip_outbox`` for due rows and POSTs
each JSON body to its URL with ``Authorization: Bearer <JWT>``: HS256 with the
operator's key 1, claims ``iss`` = "vip-api", ``aud`` = the operator id,
``iat``, ``exp`` (+5 minutes), ``jti`` = the notification id and
``body_sha256`` = hex SHA-256 of the exact body bytes. Only an HTTP 200 counts
as delivered; anything else (or no answer) is retried with exponential backoff
(``vip_notify_backoff`` doubling up to ``vip_notify_backoff_max``) until the
attempt limit (``vip_notify_max_attempts``) or the age limit
(``vip_notify_max_age`` seconds since the first failed attempt): then the row
is a dead letter, listed and re-driven through the back office
(docs/backoffice.md). Rows survive a restart: delivery picks up where it
stopped. Delivery is at least once; receivers de-duplicate by ``jti``.
Redirects are never followed: the signed request would carry the operator
JWT to another address, so a 3xx counts as a failed attempt like any other
non-200.

Fair and bounded (docs/vip.md): each pass visits the operators in turn
(starting one further each pass) and takes at most
``vip_notify_per_operator`` due rows of each operator with no send running,
for at most ``vip_notify_concurrency`` operators; each operator's rows go out
one after another on a bounded pool, and the first failure ends that
operator's turn (its other rows keep their schedule). So one black-holed URL
holds one sender for one timeout, never the others; a pass does not wait for
it. No row can abort a pass: every row's send and record is its own try.
Several hosts: rows are claimed (``server.storage.repositories.outbox``).
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

from server.domain.vip.auth import key_bytes
from server.observability import metrics
from server.outbox.worker import PollingWorker, give_up, owner_id, retry_delay
from server.domain.records import events
from server.storage.repositories.events import EventRepository
from server.storage.repositories.outbox import VIP, OutboxRepository
from server.storage.repositories.vip import VipRepository

log = logging.getLogger("pitboss.vip.notify")
OUTBOX = "vip_callbacks"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # urllib's signature
        return None  # urllib then raises HTTPError with the 3xx status


_OPENER = urllib.request.build_opener(_NoRedirect)


def sign(key: str, operator_id: str, notification_id: int, body: bytes, lifetime: int = 300) -> str:
    now = int(time.time())
    claims = {
        "iss": "vip-api", "aud": operator_id, "iat": now, "nbf": now, "exp": now + lifetime,
        "jti": str(notification_id), "body_sha256": hashlib.sha256(body).hexdigest(),
    }
    return jwt.encode(claims, key_bytes(key), algorithm="HS256")


@dataclass(frozen=True)
class _Row:
    id: int
    url: str
    payload: str
    attempts: int
    failing_since: datetime | None


class VipNotifier(PollingWorker):
    """Delivers due operator notifications from the outbox."""

    name = "vip-notifier"

    def __init__(self, app) -> None:
        super().__init__(app)
        st = app.settings
        self.owner = owner_id()
        self.pool = concurrent.futures.ThreadPoolExecutor(st.vip_notify_concurrency, thread_name_prefix="vip-notify")
        self.busy: dict[str, concurrent.futures.Future] = {}
        self._turn = 0

    @property
    def poll_seconds(self) -> float:
        return self.app.settings.vip_notify_poll

    def run_once(self) -> int:
        return self.deliver(wait=False)

    def deliver_due(self) -> int:
        """One pass, waiting for its sends (tests, tools): rows attempted."""
        return self.deliver(wait=True)

    def stop(self) -> None:
        super().stop()
        self.pool.shutdown(wait=True, cancel_futures=True)

    @property
    def _lease(self) -> float:
        st = self.app.settings
        return st.vip_notify_per_operator * (st.vip_notify_timeout + 1) + 30

    def deliver(self, wait: bool) -> int:
        st, db = self.app.settings, self.app.db
        self.busy = {op: f for op, f in self.busy.items() if not f.done()}
        free = st.vip_notify_concurrency - len(self.busy)
        if free <= 0:
            return 0
        now = self.app.clock.now()
        picked: dict[str, list[int]] = {}
        with db.session() as s:
            repo = OutboxRepository(s)
            ops = repo.operators()
            start = self._turn % len(ops) if ops else 0
            self._turn += 1
            for op in ops[start:] + ops[:start]:
                if op in self.busy:
                    continue
                ids = repo.vip_due(op, now, st.vip_notify_per_operator)
                if ids:
                    picked[op] = ids
                    if len(picked) >= free:
                        break
        if not picked:
            return 0
        with db.session(write=True) as s:
            held = set(OutboxRepository(s).claim(VIP, [i for ids in picked.values() for i in ids], self.owner, now,
                                                 now + timedelta(seconds=self._lease)))
        started, sent = [], 0
        for op, ids in picked.items():
            mine = [i for i in ids if i in held]
            if mine:
                f = self.pool.submit(self._operator_turn, op, mine)
                self.busy[op] = f
                started.append(f)
                sent += len(mine)
        if wait:
            done = concurrent.futures.wait(started)
            sent = sum(f.result() for f in done.done)
        return sent

    def _operator_turn(self, op: str, ids: list[int]) -> int:
        """Send one operator's claimed rows in order; the first failure (or a
        stop) ends the turn and gives the rest back. Returns rows attempted."""
        try:
            key, rows = self._load(op, ids)
        except Exception as exc:  # noqa: BLE001 - e.g. the operator's key cannot be read
            log.warning("notifications not loaded", extra={"fields": {"operator": op, "error": type(exc).__name__}})
            self._release(ids)
            return 0
        attempted = 0
        for n, row in enumerate(rows):
            if self._stop.is_set():
                self._release([r.id for r in rows[n:]])
                break
            attempted += 1
            if not self._attempt(op, key, row):
                self._release([r.id for r in rows[n + 1:]])
                break
        return attempted

    def _load(self, op: str, ids: list[int]) -> tuple[str, list[_Row]]:
        with self.app.db.session() as s:
            repo = VipRepository(s, self.app.vault)
            key = repo.operator_keys(repo.operator(op))[0]
            found = s.execute(VIP.select().where(VIP.c.id.in_(ids), VIP.c.claimed_by == self.owner)
                              .order_by(VIP.c.next_attempt_at, VIP.c.id)).mappings()
            return key, [_Row(r["id"], r["url"], r["payload"], r["attempts"], r["failing_since"]) for r in found]

    def _attempt(self, op: str, key: str, row: _Row) -> bool:
        """Send one row and record the outcome; never raises. Delivered?"""
        status, error = None, ""
        try:
            status = self._post(op, key, row)
        except Exception as exc:  # noqa: BLE001 - any failure is a failed attempt
            error = type(exc).__name__
        if status is not None and status != 200:
            error = f"HTTP {status}"
        try:
            self._record(op, row, status, error or ("" if status == 200 else "no answer"))
        except Exception as exc:  # noqa: BLE001 - the claim lapses with its lease; the pass goes on
            log.warning("notification outcome not recorded", extra={"fields": {"id": row.id,
                                                                               "error": type(exc).__name__}})
        return status == 200

    def _post(self, op: str, key: str, row: _Row) -> int | None:
        body = row.payload.encode()
        req = urllib.request.Request(row.url, data=body, method="POST", headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {sign(key, op, row.id, body)}"})
        try:
            with _OPENER.open(req, timeout=self.app.settings.vip_notify_timeout) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code
        except (urllib.error.URLError, OSError, ValueError):
            return None

    def _record(self, op: str, row: _Row, status: int | None, error: str) -> None:
        st, now = self.app.settings, self.app.clock.now()
        attempts = row.attempts + 1
        values: dict = {"attempts": attempts, "last_status": status, "last_error": error[:64]}
        dead = False
        if status == 200:
            values["delivered_at"] = now
        else:
            since = row.failing_since or now
            values["failing_since"] = since
            dead = give_up(attempts, since, now, st.vip_notify_max_attempts, st.vip_notify_max_age)
            if dead:
                values["dead_at"] = now
            else:
                values["next_attempt_at"] = now + retry_delay(attempts, st.vip_notify_backoff,
                                                              st.vip_notify_backoff_max)
        with self.app.db.session(write=True) as s:
            held = OutboxRepository(s).record(VIP, row.id, self.owner, **values)
            if held and dead:  # the event commits with the dead letter, once
                events.dead_letter(EventRepository(s), now, "vip", row.id, attempts, operator=op)
        metrics.outbox_attempt(OUTBOX, status == 200, attempts)
        if dead:
            metrics.outbox_dead_lettered(OUTBOX)
        fields = {"id": row.id, "operator": op, "status": status or "no answer", "attempt": attempts}
        if dead:
            log.warning("notification dead-lettered", extra={"fields": fields})
        else:
            log.info("notification", extra={"fields": fields})

    def _release(self, ids: list[int]) -> None:
        if not ids:
            return
        try:
            with self.app.db.session(write=True) as s:
                OutboxRepository(s).release(VIP, ids, self.owner)
        except Exception as exc:  # noqa: BLE001 - the claims lapse with their lease
            log.warning("claims not released", extra={"fields": {"error": type(exc).__name__}})
