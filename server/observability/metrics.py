"""Prometheus metrics (prometheus-client): what is counted, and the endpoint.

The endpoint is served on ``PITBOSS_METRICS_HOST:PITBOSS_METRICS_PORT``
(loopback by default; never Envoy's public listener). ``pitboss up`` runs
several processes (``PITBOSS_SERVER_PROCESSES`` gRPC servers and the MTS
WebSocket server): they write their values to a shared directory
(prometheus-client's multiprocess mode, ``PROMETHEUS_MULTIPROC_DIR``, a fresh
``var/metrics-<http port>/`` per start) and the supervisor serves their sum
on the one port. ``pitboss serve`` alone serves its own values itself. See
docs/observability.md for the list and for what each label means.

Cost on the hot path: every label set a call can meet is resolved to its
child once (per method, per status code, per wallet type and outcome) and
kept, and what a call counts is only appended to that child's queue (a
``collections.deque``: one atomic C call, no lock, ~0.1 us); a flusher thread
moves the queues into the prometheus-client values every ``FLUSH_SECONDS``
(and the endpoint does before it answers, in a single process). A scrape of
``pitboss up`` so sees values at most that old. Rare events (lock waits,
pool check-outs, sockets) update their values directly.

Money is counted in integer micro-units (the six decimal places of every
amount: exact in a float up to 2**53, nine thousand million units) and is
turned into currency units (Decimal, then the exposition's float) only when
the endpoint is read: ``pitboss_wallet_money_total``.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from bisect import bisect_left
from collections import deque
from decimal import Decimal

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, start_http_server
from prometheus_client.core import Metric
from prometheus_client.registry import Collector

log = logging.getLogger("pitboss.metrics")

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

FLUSH_SECONDS = 1.0


# ------------------------------------------------------------------ deferred children
_deferred: list["_Deferred"] = []
_deferred_lock = threading.Lock()
_flush_lock = threading.Lock()  # one flush at a time (the only reader of the queues)
_flusher: threading.Thread | None = None


class _Deferred:
    """A metric child whose updates queue until the next flush: ``add(x)`` is
    ``deque.append``."""

    __slots__ = ("child", "pending", "add")

    def __init__(self, child) -> None:
        self.child = child
        self.pending: deque = deque()
        self.add = self.pending.append
        global _flusher
        with _deferred_lock:
            _deferred.append(self)
            if _flusher is None:
                _flusher = threading.Thread(target=_flush_loop, name="metrics-flush", daemon=True)
                _flusher.start()

    def _drain(self) -> list:
        q = self.pending
        popleft = q.popleft
        return [popleft() for _ in range(len(q))]  # what arrives meanwhile waits for the next flush


class DeferredCounter(_Deferred):
    __slots__ = ()

    def flush(self) -> None:
        items = self._drain()
        if items:
            self.child.inc(sum(items))


class DeferredMoney(_Deferred):
    """Decimal amounts; their exact sum goes to the counter as micro-units."""

    __slots__ = ()

    def flush(self) -> None:
        items = self._drain()
        if items:
            self.child.inc(int(sum(items, Decimal(0)).scaleb(6)))


class DeferredHistogram(_Deferred):
    __slots__ = ()

    def flush(self) -> None:
        items = self._drain()
        if not items:
            return
        child = self.child
        bounds = child._upper_bounds  # prometheus-client's Histogram child (pinned version)
        counts: dict[int, int] = {}
        for v in items:
            i = bisect_left(bounds, v)  # the first bucket with v <= bound, as observe() picks
            counts[i] = counts.get(i, 0) + 1
        child._sum.inc(sum(items))
        for i, n in counts.items():
            child._buckets[i].inc(n)


def flush() -> None:
    """Move every queued update into its value (the flusher, a scrape, the end
    of a process)."""
    with _deferred_lock:
        pending = list(_deferred)
    with _flush_lock:
        for d in pending:
            d.flush()


def _flush_loop() -> None:  # pragma: no cover - timing
    while True:
        time.sleep(FLUSH_SECONDS)
        try:
            flush()
        except Exception as exc:  # noqa: BLE001 - never lose the flusher
            log.warning("metrics flush failed", extra={"fields": {"error": type(exc).__name__}})


LATENCY_BUCKETS = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

# ------------------------------------------------------------------ RPCs
RPC_CALLS = Counter("pitboss_rpc_calls", "gRPC calls answered, by full method and status code.",
                    ["method", "code"])
RPC_LATENCY = Histogram("pitboss_rpc_duration_seconds", "Server time of a gRPC call, by full method.",
                        ["method"], buckets=LATENCY_BUCKETS)


class RpcStats:
    """One method's children: its latency histogram and one counter per status code."""

    __slots__ = ("method", "observe", "calls")

    def __init__(self, method: str) -> None:
        self.method = method
        self.observe = DeferredHistogram(RPC_LATENCY.labels(method)).add
        self.calls: dict[str, object] = {}

    def done(self, code: str, seconds: float) -> None:
        self.observe(seconds)
        count = self.calls.get(code)
        if count is None:
            count = self.calls[code] = DeferredCounter(RPC_CALLS.labels(self.method, code)).add
        count(1)


# ------------------------------------------------------------------ PAM wallet
WALLET_OPS = Counter("pitboss_wallet_operations",
                     "PAM addTransaction calls by transaction type and outcome (OK, REPLAYED or the PAM error code).",
                     ["type", "outcome"])
_MONEY_MICROS = "pitboss_wallet_money_micros"
MONEY_MICROS = Counter(_MONEY_MICROS, "Money booked by the PAM wallet, in micro-units (exported in units).",
                       ["currency", "type"])
WALLET_TYPES = frozenset(("DEPOSIT", "WITHDRAW", "CANCEL", "PROMODEPOSIT", "PROMOWITHDRAW", "PROMOCANCEL"))
_wallet_children: dict[tuple[str, str], object] = {}
_money_children: dict[tuple[str, str], object] = {}
MAX_CURRENCIES = 64  # label values come from partners: bounded


def wallet_operation(kind: str | None, outcome: str) -> None:
    kind = kind if kind in WALLET_TYPES else "OTHER"
    key = (kind, outcome)
    count = _wallet_children.get(key)
    if count is None:
        count = _wallet_children[key] = DeferredCounter(WALLET_OPS.labels(kind, outcome)).add
    count(1)


def money_moved(currency: str | None, kind: str | None, amount: Decimal) -> None:
    """``amount`` (six decimal places at most) booked in ``currency``."""
    kind = kind if kind in WALLET_TYPES else "OTHER"
    key = (currency or "", kind)
    add = _money_children.get(key)
    if add is None:
        if len(_money_children) >= MAX_CURRENCIES * len(WALLET_TYPES):
            key = ("OTHER", kind)
            add = _money_children.get(key)
        if add is None:
            add = _money_children[key] = DeferredMoney(MONEY_MICROS.labels(*key)).add
    add(amount)


# ------------------------------------------------------------------ outboxes
OUTBOX_DELIVERIES = Counter("pitboss_outbox_deliveries",
                            "Outbox delivery attempts by outbox (mail, vip_callbacks) and outcome (delivered, failed).",
                            ["outbox", "outcome"])
OUTBOX_RETRIES = Counter("pitboss_outbox_retries",
                         "Delivery attempts that were not the first for their item, by outbox.", ["outbox"])
OUTBOX_DEAD_LETTERED = Counter("pitboss_outbox_dead_lettered",
                               "Items given up after their attempt or age limit (dead letters), by outbox.",
                               ["outbox"])

# ------------------------------------------------------------------ retention
RETENTION_PRUNED = Counter("pitboss_retention_pruned",
                           "Rows deleted by retention (server/outbox/retention.py), by table.", ["table"])
RETENTION_PRUNED.labels("protection_usage")  # present (0) before the first pass


OUTBOXES = ("mail", "vip_callbacks")
for _o in OUTBOXES:  # present (0) before the first delivery
    OUTBOX_DELIVERIES.labels(_o, "delivered")
    OUTBOX_DELIVERIES.labels(_o, "failed")
    OUTBOX_RETRIES.labels(_o)
    OUTBOX_DEAD_LETTERED.labels(_o)


def outbox_attempt(outbox: str, delivered: bool, attempt: int) -> None:
    OUTBOX_DELIVERIES.labels(outbox, "delivered" if delivered else "failed").inc()
    if attempt > 1:
        OUTBOX_RETRIES.labels(outbox).inc()


def outbox_dead_lettered(outbox: str) -> None:
    OUTBOX_DEAD_LETTERED.labels(outbox).inc()


BACKLOG_QUERIES = {
    "vip_callbacks": "SELECT count(*) FROM vip_outbox WHERE delivered_at IS NULL AND dead_at IS NULL",
    "mail": "SELECT count(*) FROM gateway_outbox WHERE channel = 'email' AND sent_at IS NULL AND dead_at IS NULL",
}
DEAD_LETTER_QUERIES = {
    "vip_callbacks": "SELECT count(*) FROM vip_outbox WHERE delivered_at IS NULL AND dead_at IS NOT NULL",
    "mail": "SELECT count(*) FROM gateway_outbox WHERE channel = 'email' AND sent_at IS NULL AND dead_at IS NOT NULL",
}


class BacklogCollector(Collector):
    """``pitboss_outbox_backlog``: items not yet delivered (nor given up), and
    ``pitboss_outbox_dead_letters``: items given up, waiting for a re-drive
    (alert on it), counted when the endpoint is read (indexed counts)."""

    def __init__(self, engine_factory) -> None:
        self.engine_factory = engine_factory  # () -> a SQLAlchemy engine (storage wires it)
        self._engine = None

    def collect(self):
        from prometheus_client.core import GaugeMetricFamily
        from sqlalchemy import text

        g = GaugeMetricFamily("pitboss_outbox_backlog", "Outbox items not yet delivered, by outbox.",
                              labels=["outbox"])
        d = GaugeMetricFamily("pitboss_outbox_dead_letters",
                              "Outbox items given up (dead letters) and not re-driven, by outbox; alert when above 0.",
                              labels=["outbox"])
        try:
            if self._engine is None:
                self._engine = self.engine_factory()
            with self._engine.connect() as c:
                for name, q in BACKLOG_QUERIES.items():
                    g.add_metric([name], c.execute(text(q)).scalar_one())
                for name, q in DEAD_LETTER_QUERIES.items():
                    d.add_metric([name], c.execute(text(q)).scalar_one())
        except Exception as exc:  # noqa: BLE001 - a scrape never fails on the database
            log.warning("outbox backlog not read", extra={"fields": {"error": type(exc).__name__}})
            return
        yield g
        yield d


# ------------------------------------------------------------------ database
DB_POOL_IN_USE = Gauge("pitboss_db_pool_connections_in_use", "ORM pool connections checked out.",
                       multiprocess_mode="livesum")
DB_POOL_SIZE = Gauge("pitboss_db_pool_size", "ORM pool size (connections kept open), summed over processes.",
                     multiprocess_mode="livesum")
DB_LOCK_WAITS = Histogram("pitboss_db_lock_wait_seconds",
                          "Waits for this process's database write lock (SQLite) that did not get it at once.",
                          buckets=(0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0))
DB_LOCK_TIMEOUTS = Counter("pitboss_db_lock_timeouts",
                           "Lock waits that gave up (PITBOSS_PAM_LOCK_TIMEOUT_MS), by where.", ["where"])
LOCK_TIMEOUT_WRITE_LOCK = DB_LOCK_TIMEOUTS.labels("write_lock")
LOCK_TIMEOUT_DATABASE = DB_LOCK_TIMEOUTS.labels("database")
GROUP_COMMIT_BATCH = Histogram("pitboss_db_group_commit_batch_size",
                               "Operations per group-commit transaction (PAM wallet writes).",
                               buckets=(1, 2, 4, 8, 16, 32, 64))
group_commit_batch = DeferredHistogram(GROUP_COMMIT_BATCH).add
GROUP_COMMIT_REDOS = Counter("pitboss_db_group_commit_redos",
                             "Group-commit batches rolled back and run again one operation at a time.")


def watch_pool(engine) -> None:
    """Count the ORM pool's check-outs (SQLAlchemy pool events)."""
    from sqlalchemy import event

    try:
        DB_POOL_SIZE.inc(engine.pool.size())
    except AttributeError:  # pragma: no cover - a pool without a size
        pass
    event.listen(engine, "checkout", lambda *_: DB_POOL_IN_USE.inc())
    event.listen(engine, "checkin", lambda *_: DB_POOL_IN_USE.dec())


def unwatch_pool(engine) -> None:
    try:
        DB_POOL_SIZE.dec(engine.pool.size())
    except AttributeError:  # pragma: no cover
        pass


# ------------------------------------------------------------------ MTS WebSocket
WS_OPEN = Gauge("pitboss_mts_ws_connections", "Open MTS WebSocket connections.", multiprocess_mode="livesum")
WS_HANDSHAKES = Counter("pitboss_mts_ws_handshakes",
                        "MTS WebSocket upgrade requests by outcome (accepted, unauthorized, too_many, unavailable).",
                        ["outcome"])
for _o in ("accepted", "unauthorized", "too_many", "unavailable"):
    WS_HANDSHAKES.labels(_o)
WS_MESSAGES = Counter("pitboss_mts_ws_messages", "MTS WebSocket request messages answered.")


# ------------------------------------------------------------------ the endpoint
class _Exported(Collector):
    """What the endpoint serves: the source's metrics, with the money counter
    in currency units."""

    def __init__(self, source) -> None:
        self.source = source

    def collect(self):
        flush()  # this process's queued updates (the children of `pitboss up` flush on their own)
        for m in self.source.collect():
            if m.name != _MONEY_MICROS:
                yield m
                continue
            out = Metric("pitboss_wallet_money", "Money booked by the PAM wallet, per currency and type (units).",
                         "counter")
            for s in m.samples:
                if s.name.endswith("_total"):
                    units = Decimal(int(round(s.value))).scaleb(-6)
                    out.add_sample("pitboss_wallet_money_total", s.labels, float(units))
            yield out


def registry_for(backlog_engine, multiproc_dir: str | None = None) -> CollectorRegistry:
    """The registry the endpoint serves: this process's metrics, or (with
    ``multiproc_dir``) those every process wrote there, plus the outbox
    backlog read through ``backlog_engine()`` (a factory of a one-connection
    engine, or None)."""
    reg = CollectorRegistry(auto_describe=False)
    if multiproc_dir:
        from prometheus_client.multiprocess import MultiProcessCollector

        reg.register(_Exported(MultiProcessCollector(None, path=multiproc_dir)))
    else:
        reg.register(_Exported(REGISTRY))
    if backlog_engine is not None:
        reg.register(BacklogCollector(backlog_engine))
    return reg


def serve(host: str, port: int, registry: CollectorRegistry):
    """Serve ``/metrics`` on a thread; returns the HTTP server (``shutdown()``)."""
    server, _thread = start_http_server(port, addr=host, registry=registry)
    log.info("metrics listening", extra={"fields": {"address": f"{host}:{server.server_port}"}})
    return server


def multiproc_dir() -> str | None:
    return os.environ.get(MULTIPROC_ENV) or None


def mark_process_dead(pid: int, path: str) -> None:
    """A child that wrote to ``path`` has exited: its live gauges stop counting."""
    from prometheus_client import multiprocess

    try:
        multiprocess.mark_process_dead(pid, path)
    except OSError:  # pragma: no cover
        pass
