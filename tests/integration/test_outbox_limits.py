"""The outboxes are bounded and fair (issue 19), on SQLite and PostgreSQL,
with real HTTP and SMTP receivers and counts, not timings:

- VIP notifications: a black-holed operator URL (a real server that accepts
  and never answers) costs its operator's turn, while another operator's
  notification is delivered in the same pass; a row with a huge attempt count
  no longer aborts the pass; the attempt and age limits dead-letter a row,
  the back office lists and re-drives it;
- gateway mail: an SMTP outage of 10 minutes is ridden out, a longer one
  dead-letters the mail (and counts it for the alert); a re-drive sends it;
- several hosts: two workers on one database send every item exactly once.
"""

from __future__ import annotations

import json
import socket
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import text

from server.config import Settings
from server.demo import load
from server.observability import metrics
from server.outbox.gateway_mail import send_pending
from server.outbox.vip_callbacks import VipNotifier
from server.outbox.worker import MAX_EXPONENT, retry_delay
from server.storage import migrate
from server.storage.models import GatewayOutbox, VipOutbox
from tests.support import SECRET, free_port

pytestmark = pytest.mark.storage


# ------------------------------------------------------------ receivers


class Receiver:
    """An operator endpoint: answers ``status`` and counts each notification
    (by its JWT's jti)."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.jtis: list[str] = []
        self.lock = threading.Lock()
        outer = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                token = self.headers["Authorization"].split()[1]
                claims = jwt.decode(token, options={"verify_signature": False})
                with outer.lock:
                    outer.jtis.append(claims["jti"])
                self.send_response(outer.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *a):
                pass

        self.srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.srv.server_address[1]}/notify"
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.srv.shutdown()


class BlackHole:
    """Accepts connections and never answers (reads nothing, sends nothing)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.held: list[socket.socket] = []
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/notify"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for c in self.held:
            c.close()


@pytest.fixture
def receivers():
    made = []

    def make(kind="ok", status=200):
        r = BlackHole() if kind == "hole" else Receiver(status)
        made.append(r)
        return r

    yield make
    for r in made:
        r.close()


# ------------------------------------------------------------ apps and rows


@pytest.fixture
def make_app():
    from server.process.app import App

    made = []

    def make(url: str, **settings):
        app = App.create(Settings(database_url=url, secret_key=SECRET, **settings))
        migrate.upgrade(app.db.engine)
        made.append(app)
        return app

    yield make
    for app in made:
        app.db.dispose()


def now() -> datetime:
    return datetime.now(timezone.utc)


def notifications(app, operator_id: str, url: str, count: int, **values) -> list[int]:
    ids = []
    with app.db.session(write=True) as s:
        for i in range(count):
            row = VipOutbox(operator_id=operator_id, event="deposit", url=url,
                            payload=json.dumps({"transactionId": f"{operator_id}-{i}"}),
                            next_attempt_at=now() - timedelta(seconds=1), **values)
            s.add(row)
            s.flush()
            ids.append(row.id)
    return ids


def row(app, model, row_id: int):
    with app.db.session() as s:
        return s.get(model, row_id)


def make_due(app, table: str, **extra) -> None:
    sets = ", ".join(["next_attempt_at = :t"] + [f"{k} = :{k}" for k in extra])
    with app.db.engine.begin() as c:
        c.execute(text(f"UPDATE {table} SET {sets}"), {"t": now() - timedelta(seconds=1), **extra})


# ------------------------------------------------------------ VIP notifications


def test_a_black_holed_operator_does_not_starve_another_in_the_same_pass(db_url, make_app, receivers):
    """Operator 1 has 25 older notifications to a URL that never answers;
    operator 2 has one. One pass delivers operator 2's and tries operator 1's
    first only (its turn ends at the first failure; the rest keep their
    schedule). Before: the pass took the 20 oldest rows, all operator 1's,
    one after another (5 s each), and operator 2 waited."""
    app = make_app(db_url, vip_notify_timeout=1.0)
    load(app.db, app.vault)
    hole, ok = receivers("hole"), receivers()
    stuck = notifications(app, "operator-1", hole.url, 25)
    mine = notifications(app, "operator-2", ok.url, 1)
    attempted = VipNotifier(app).deliver_due()
    assert attempted == 2
    assert ok.jtis == [str(mine[0])]
    assert row(app, VipOutbox, mine[0]).delivered_at is not None
    first = row(app, VipOutbox, stuck[0])
    assert first.attempts == 1 and first.delivered_at is None and first.last_error == "no answer"
    rest = [row(app, VipOutbox, i) for i in stuck[1:]]
    assert all(r.attempts == 0 and r.claimed_by is None for r in rest)


def test_a_row_with_a_huge_attempt_count_does_not_abort_a_pass(db_url, make_app, receivers):
    """2**1025 overflowed a float inside the pass, which then aborted before
    any later row, for good. Now the delay is capped and the pass goes on."""
    app = make_app(db_url, vip_notify_max_attempts=10**9, vip_notify_max_age=10**9)
    load(app.db, app.vault)
    failing, ok = receivers(status=500), receivers()
    huge = notifications(app, "operator-1", failing.url, 1, attempts=5000)
    mine = notifications(app, "operator-2", ok.url, 1)
    notifier = VipNotifier(app)
    assert notifier.deliver_due() == 2
    assert ok.jtis == [str(mine[0])]
    r = row(app, VipOutbox, huge[0])
    assert r.attempts == 5001 and r.last_status == 500 and r.dead_at is None
    wait = r.next_attempt_at - now()
    assert timedelta(seconds=290) < wait <= timedelta(seconds=300)  # the cap, vip_notify_backoff_max
    assert retry_delay(10**6, 1.0, 300.0) == timedelta(seconds=300)
    assert retry_delay(MAX_EXPONENT + 10, 1e-9, 1e9) == timedelta(seconds=1e-9 * 2.0 ** MAX_EXPONENT)


def dead_letter_events(app) -> list:
    import json
    from types import SimpleNamespace

    from server.domain.records.events import Kind, Query
    from server.storage.repositories.events import EventRepository

    with app.db.session() as s:
        found = EventRepository(s).page(Query(kinds=(Kind.DEAD_LETTER,), limit=10))
    return [SimpleNamespace(subject_id=e.subject_id, brand_id=e.brand_id, detail=json.loads(e.detail_json))
            for e in found]


def test_dead_letters_after_the_attempt_limit_then_a_redrive_delivers(db_url, make_app, receivers):
    from server.domain.backoffice import dead_letters
    from server.domain.backoffice.model import BackofficeCaller
    from server.domain.backoffice.service import Backoffice
    from server.storage.repositories.audit import AuditRepository
    from server.storage.repositories.backoffice import SqlBackofficeUnit

    app = make_app(db_url, vip_notify_max_attempts=3)
    load(app.db, app.vault)
    r500 = receivers(status=500)
    (nid,) = notifications(app, "operator-1", r500.url, 1)
    dead_before = metrics.OUTBOX_DEAD_LETTERED.labels("vip_callbacks")._value.get()
    notifier = VipNotifier(app)
    for attempt in range(1, 4):
        assert notifier.deliver_due() == 1
        assert row(app, VipOutbox, nid).attempts == attempt
        make_due(app, "vip_outbox")
    r = row(app, VipOutbox, nid)
    assert r.dead_at is not None and r.delivered_at is None and r.failing_since is not None
    assert notifier.deliver_due() == 0  # due by its time, but given up
    assert metrics.OUTBOX_DEAD_LETTERED.labels("vip_callbacks")._value.get() == dead_before + 1
    assert r500.jtis == [str(nid)] * 3
    # One significant event, committed with the dead letter.
    assert [(e.subject_id, e.detail["attempts"], e.detail["operator"]) for e in dead_letter_events(app)] == [
        (f"vip/{nid}", 3, "operator-1")]

    def office(s):
        uow = SqlBackofficeUnit(app.db, False)
        uow.open(s)  # the back office's stores on the transaction of ``s``
        return Backoffice(uow, BackofficeCaller("t", "alice"), now())

    with app.db.session() as s:
        page = dead_letters.list_dead_letters(office(s), "vip_callbacks", "operator-1", 0, 0, "")
    assert [(d.id, d.attempts, d.last_error, d.destination) for d in page.items] == [(nid, 3, "HTTP 500", r500.url)]
    r500.status = 200  # the operator fixed its endpoint
    with app.db.session(write=True) as s:
        assert dead_letters.redrive(office(s), "vip_callbacks", 0, "operator-1", 0, "endpoint fixed") == (1, False)
    assert notifier.deliver_due() == 1
    r = row(app, VipOutbox, nid)
    assert r.delivered_at is not None and r.attempts == 1 and r.dead_at is None
    with app.db.session() as s:
        assert dead_letters.list_dead_letters(office(s), "vip_callbacks", "", 0, 0, "").items == []
        audit = AuditRepository(s).page("outbox", "vip_callbacks", None, 10)
    assert [(a.action, a.actor, a.reason) for a in audit] == [("outbox.redrive", "alice", "endpoint fixed")]


def test_dead_letter_after_the_age_limit(db_url, make_app, receivers):
    app = make_app(db_url, vip_notify_max_age=3600)
    load(app.db, app.vault)
    r500 = receivers(status=500)
    (nid,) = notifications(app, "operator-1", r500.url, 1, attempts=7,
                           failing_since=now() - timedelta(seconds=3601))
    VipNotifier(app).deliver_due()
    r = row(app, VipOutbox, nid)
    assert r.attempts == 8 and r.dead_at is not None


def test_two_workers_on_one_database_send_each_notification_once(db_url, make_app, receivers):
    """Two hosts' notifiers (each its own App, engine and owner) pass over
    the same rows at once: every notification reaches the operator once."""
    hosts = [make_app(db_url), make_app(db_url)]
    load(hosts[0].db, hosts[0].vault)
    ok = receivers()
    ids = [i for op in ("operator-1", "operator-2", "operator-3") for i in notifications(hosts[0], op, ok.url, 15)]
    notifiers = [VipNotifier(a) for a in hosts]
    barrier = threading.Barrier(2)

    def run(n: VipNotifier) -> None:
        for _ in range(6):
            barrier.wait()
            n.deliver_due()

    threads = [threading.Thread(target=run, args=(n,)) for n in notifiers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(ok.jtis, key=int) == [str(i) for i in ids]  # each once, none missing
    with hosts[0].db.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM vip_outbox WHERE delivered_at IS NULL")).scalar() == 0
        assert c.execute(text("SELECT count(*) FROM vip_outbox WHERE claimed_by IS NOT NULL")).scalar() == 0


# ------------------------------------------------------------ gateway mail


class Inbox:
    def __init__(self) -> None:
        self.ids: list[str] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd hook
        from email import message_from_bytes

        with self.lock:
            self.ids.append(message_from_bytes(envelope.content)["Message-ID"])
        return "250 OK"


def mails(app, count: int) -> list[int]:
    ids = []
    with app.db.session(write=True) as s:
        for i in range(count):
            m = GatewayOutbox(brand_id=1, channel="email", kind="password_reset", recipient=f"p{i}@example.com",
                              subject="Reset", body_enc=app.vault.encrypt("a link"))
            s.add(m)
            s.flush()
            ids.append(m.id)
    return ids


def test_mail_rides_out_a_10_minute_smtp_outage_then_dead_letters_and_is_redriven(db_url, make_app):
    from server.storage.repositories.outbox import OutboxRepository

    port = free_port()  # nothing listens: the SMTP server is down
    app = make_app(db_url, smtp_host="127.0.0.1", smtp_port=port, smtp_timeout=2.0)
    load(app.db, app.vault)
    (mid,) = mails(app, 1)
    assert send_pending(app) == 0
    r = row(app, GatewayOutbox, mid)
    assert r.attempts == 1 and r.sent_at is None and r.dead_at is None and r.last_error
    assert r.next_attempt_at > now()
    # Ten minutes of failing later it is still retried, and goes out once SMTP is back.
    make_due(app, "gateway_outbox", failing_since=now() - timedelta(minutes=10))
    assert send_pending(app) == 0
    assert row(app, GatewayOutbox, mid).dead_at is None
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        make_due(app, "gateway_outbox")
        assert send_pending(app) == 1
        assert inbox.ids == [f"<outbox-{mid}@pitboss.local>"]
    finally:
        smtp.stop()
    # An outage longer than PITBOSS_SMTP_RETRY_MAX_AGE (1 hour): a dead letter, counted for the alert.
    (late,) = mails(app, 1)
    dead_before = metrics.OUTBOX_DEAD_LETTERED.labels("mail")._value.get()
    with app.db.engine.begin() as c:
        c.execute(text("UPDATE gateway_outbox SET attempts = 40, failing_since = :f WHERE id = :i"),
                  {"f": now() - timedelta(minutes=61), "i": late})
    assert send_pending(app) == 0
    r = row(app, GatewayOutbox, late)
    assert r.dead_at is not None and r.attempts == 41
    assert metrics.OUTBOX_DEAD_LETTERED.labels("mail")._value.get() == dead_before + 1
    (ev,) = dead_letter_events(app)
    assert (ev.subject_id, ev.brand_id, ev.detail) == (f"mail/{late}", 1, {
        "attempts": 41, "message_kind": "password_reset", "outbox": "mail"})  # never the recipient
    with app.db.session() as s:
        (d,) = OutboxRepository(s).dead_letters("mail", None, None, None, 10)
    assert (d.id, d.destination, d.kind) == (late, "p***@example.com", "password_reset")
    with app.db.session(write=True) as s:
        assert OutboxRepository(s).redrive("mail", late, None, None, now()) == (1, False)
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        assert send_pending(app) == 1
        assert inbox.ids[-1] == f"<outbox-{late}@pitboss.local>"
    finally:
        smtp.stop()


def test_the_mail_backoff_grows_to_its_cap():
    delays = [retry_delay(n, 1.0, 60.0).total_seconds() for n in range(1, 12)]
    assert delays == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60]
    # an outage of 10 minutes takes 15 attempts, far from the 1-hour age limit
    assert sum(delays[:6]) + 60 * 9 >= 600


def test_two_mail_workers_on_one_database_send_each_mail_once(db_url, make_app):
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    try:
        hosts = [make_app(db_url, smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_batch=7) for _ in range(2)]
        load(hosts[0].db, hosts[0].vault)
        ids = mails(hosts[0], 30)
        barrier = threading.Barrier(2)

        def run(app) -> None:
            for _ in range(5):
                barrier.wait()
                send_pending(app)

        threads = [threading.Thread(target=run, args=(a,)) for a in hosts]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert sorted(inbox.ids) == sorted(f"<outbox-{i}@pitboss.local>" for i in ids)  # each once
    finally:
        smtp.stop()
