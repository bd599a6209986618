"""Metrics and traces (docs/observability.md), through the real Envoy.

Metrics: the stack's Prometheus endpoint (internal port, served by the
supervisor from every child's values) counts real calls made through Envoy;
it is not reachable on the public listener; Envoy's own statistics are on its
admin listener in Prometheus format.

Traces: a gRPC server started in this test process with an in-memory
exporter (``server.observability.tracing.install``, the documented test
hook) behind a real Envoy: a PAM call carrying a ``traceparent`` produces the
server's spans in that trace, and the answer's child traceparent is the
server span.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import threading
import time
from decimal import Decimal

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.support import SECRET, free_port
from tests.support.pam_support import API_TOKEN, new_player, tx

pytestmark = pytest.mark.e2e

PAM = "/pitboss.pam.v1.PamService/"


def scrape(url: str) -> dict[tuple[str, frozenset], float]:
    r = requests.get(url, timeout=10)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/plain")
    out = {}
    for fam in text_string_to_metric_families(r.text):
        for s in fam.samples:
            out[(s.name, frozenset(s.labels.items()))] = s.value
    return out


def value(m: dict, name: str, **labels) -> float:
    return m.get((name, frozenset(labels.items())), 0.0)


def quiet(url: str) -> dict:
    """A scrape once the calls made so far have been flushed (FLUSH_SECONDS)."""
    time.sleep(1.5)
    return scrape(url)


def settled(url: str, check, timeout: float = 10.0) -> dict:
    """Scrape until ``check(metrics)`` passes: each process moves its queued
    updates into the shared values every FLUSH_SECONDS."""
    deadline = time.monotonic() + timeout
    while True:
        m = scrape(url)
        try:
            check(m)
            return m
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def pam_headers(token: str, **extra) -> dict:
    return {"Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": token, "Content-Type": "application/json",
            **extra}


def test_metrics_count_real_calls_through_envoy(stack, http):
    pid, token = new_player(stack.database_url, cash="100")
    before = quiet(stack.metrics_url)
    for _ in range(5):
        r = http.get(stack.url(f"/players/{pid}/balance?provider=evolution"), headers=pam_headers(token))
        assert r.status_code == 200 and r.json()["status"] == "OK"
    bet = tx("WITHDRAW", f"t-{secrets.token_hex(6)}", cash="2.5")
    for _ in range(2):  # the second is an idempotent retry
        r = http.post(stack.url(f"/players/{pid}/transactions?provider=evolution"), headers=pam_headers(token),
                      data=json.dumps(bet))
        assert r.status_code == 200 and r.json()["status"] == "OK", r.text
    r = http.post(stack.url(f"/players/{pid}/transactions?provider=evolution"), headers=pam_headers(token),
                  data=json.dumps(tx("WITHDRAW", f"t-{secrets.token_hex(6)}", cash="1000")))
    assert r.json()["error"]["code"] == "PAM_ERR_CASH_OVERDRAFT"
    r = http.get(stack.url(f"/players/{pid}/balance?provider=evolution"), headers=pam_headers("nope"))
    assert r.status_code == 401

    def check(after):
        def moved(name, **labels):
            return value(after, name, **labels) - value(before, name, **labels)

        assert moved("pitboss_rpc_calls_total", method=PAM + "GetBalance", code="OK") == 5
        assert moved("pitboss_rpc_calls_total", method=PAM + "GetBalance", code="UNAUTHENTICATED") == 1
        # The overdraft is a decline answered as a normal response (HTTP 200):
        # FAILED_PRECONDITION for gRPC, and so in the call counts.
        assert moved("pitboss_rpc_calls_total", method=PAM + "AddTransaction", code="OK") == 2
        assert moved("pitboss_rpc_calls_total", method=PAM + "AddTransaction", code="FAILED_PRECONDITION") == 1
        assert moved("pitboss_rpc_duration_seconds_count", method=PAM + "GetBalance") == 6
        assert moved("pitboss_rpc_duration_seconds_bucket", method=PAM + "GetBalance", le="+Inf") == 6
        assert moved("pitboss_rpc_duration_seconds_sum", method=PAM + "GetBalance") > 0
        assert moved("pitboss_wallet_operations_total", type="WITHDRAW", outcome="OK") == 1
        assert moved("pitboss_wallet_operations_total", type="WITHDRAW", outcome="REPLAYED") == 1
        assert moved("pitboss_wallet_operations_total", type="WITHDRAW", outcome="PAM_ERR_CASH_OVERDRAFT") == 1
        assert Decimal(str(moved("pitboss_wallet_money_total", currency="USD", type="WITHDRAW"))) == Decimal("2.5")
        assert moved("pitboss_db_group_commit_batch_size_count") >= 1

    after = settled(stack.metrics_url, check)
    # Present from the start: pool, backlog, MTS WebSocket, lock waits.
    for name, labels in [("pitboss_db_pool_size", {}), ("pitboss_db_pool_connections_in_use", {}),
                         ("pitboss_outbox_backlog", {"outbox": "mail"}),
                         ("pitboss_outbox_backlog", {"outbox": "vip_callbacks"}),
                         ("pitboss_mts_ws_connections", {}), ("pitboss_db_lock_wait_seconds_count", {})]:
        assert (name, frozenset(labels.items())) in after, name
    assert value(after, "pitboss_db_pool_size") > 0


def test_metrics_are_not_on_the_public_listener(stack, http):
    assert http.get(stack.url("/metrics")).status_code == 404


def test_envoy_statistics_in_prometheus_format(stack, http):
    http.get(stack.url("/healthz"))
    r = requests.get(stack.admin_url + "/stats/prometheus", timeout=10)
    assert r.status_code == 200
    names = {f.name for f in text_string_to_metric_families(r.text)}
    assert "envoy_cluster_upstream_rq" in names or "envoy_cluster_upstream_rq_total" in names, sorted(names)[:20]


def test_mts_websocket_connections_are_counted(stack):
    from websockets.sync.client import connect

    ws_url = stack.http.replace("http://", "ws://") + "/mts/v3/ws"
    with connect(ws_url, additional_headers={"Authorization": "Bearer mts-demo-token"}, open_timeout=10):
        deadline = time.monotonic() + 10
        while value(scrape(stack.metrics_url), "pitboss_mts_ws_connections") < 1:
            assert time.monotonic() < deadline, "the open socket was not counted"
            time.sleep(0.2)
        assert value(scrape(stack.metrics_url), "pitboss_mts_ws_handshakes_total", outcome="accepted") >= 1


# ------------------------------------------------------------------ traces


@pytest.fixture(scope="module")
def traced_stack(tmp_path_factory):
    """A gRPC server in this process, tracing into an in-memory exporter, and
    a real Envoy in front of it."""
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from server.process.app import App, Server
    from server.config import Settings
    from server.demo import load
    from server.process.envoy import render_config, start_envoy
    from server.observability import tracing
    from server.storage import migrate

    tmp = tmp_path_factory.mktemp("traced")
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.install(provider)  # the test hook: before the server sees its first call
    settings = Settings(database_url=f"sqlite:///{tmp / 'pitboss.db'}", secret_key=SECRET, demo=True,
                        http_port=free_port(), grpc_port=free_port(), admin_port=free_port(), metrics_port=0,
                        mts_ws_port=free_port(), run_workers=False, grpc_workers=4)
    app = App.create(settings)
    migrate.upgrade(app.db.engine)
    load(app.db, app.vault)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def started():  # grpc.aio: the server belongs to the loop it is made on
        s = Server(app)
        await s.start()
        return s

    server = asyncio.run_coroutine_threadsafe(started(), loop).result(30)
    envoy = start_envoy(settings, render_config(settings, tmp / "envoy.yaml"), stdout=open(tmp / "envoy.log", "wb"),
                        stderr=-2)
    http = f"http://127.0.0.1:{settings.http_port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(http + "/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline and envoy.poll() is None, (tmp / "envoy.log").read_text()
            time.sleep(0.2)
        yield http, settings.database_url, exporter
    finally:
        envoy.terminate()
        envoy.wait(30)
        asyncio.run_coroutine_threadsafe(server.stop(1), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        tracing.shutdown()
        app.db.dispose()


def _spans_of(exporter, trace_id: int, want: int, timeout: float = 10.0, names: tuple[str, ...] = ()):
    """The finished spans of the trace, once there are ``want`` of them and
    every one of ``names`` has finished (or the timeout has passed)."""
    deadline = time.monotonic() + timeout
    while True:
        spans = [s for s in exporter.get_finished_spans() if s.context.trace_id == trace_id]
        done = len(spans) >= want and set(names) <= {s.name for s in spans}
        if done or time.monotonic() > deadline:
            return spans
        time.sleep(0.05)


def test_a_traceparent_at_envoy_continues_into_the_server_spans(traced_stack):
    http, url, exporter = traced_stack
    pid, token = new_player(url, cash="50")
    trace_id, parent = secrets.token_hex(16), secrets.token_hex(8)
    traceparent = f"00-{trace_id}-{parent}-01"
    r = requests.get(http + f"/players/{pid}/balance?provider=evolution",
                     headers=pam_headers(token, traceparent=traceparent, tracestate="vendor=1"), timeout=10)
    assert r.status_code == 200 and r.json()["status"] == "OK"
    spans = _spans_of(exporter, int(trace_id, 16), 2)
    rpc = [s for s in spans if s.name == PAM + "GetBalance"]
    assert len(rpc) == 1, [s.name for s in spans]
    rpc = rpc[0]
    assert rpc.parent is not None and rpc.parent.span_id == int(parent, 16) and rpc.parent.is_remote
    assert rpc.kind.name == "SERVER" and rpc.attributes["rpc.grpc.status_code"] == "OK"
    # PAM answers with the child span: the server's own span.
    assert r.headers["traceparent"] == f"00-{trace_id}-{rpc.context.span_id:016x}-01"
    assert r.headers["tracestate"] == "vendor=1"
    reads = [s for s in spans if s.name == "db.read"]
    assert reads and all(s.parent.span_id == rpc.context.span_id for s in reads)


def test_a_wallet_write_has_its_group_commit_span_in_the_trace(traced_stack):
    http, url, exporter = traced_stack
    pid, token = new_player(url, cash="50")
    trace_id = secrets.token_hex(16)
    r = requests.post(http + f"/players/{pid}/transactions?provider=evolution",
                      headers=pam_headers(token, traceparent=f"00-{trace_id}-{secrets.token_hex(8)}-01"),
                      data=json.dumps(tx("WITHDRAW", f"t-{secrets.token_hex(6)}", cash="1")), timeout=10)
    assert r.status_code == 200 and r.json()["status"] == "OK", r.text
    # The authenticator's and the call's reads (db.read), the booking's
    # transaction and the call itself: wait for the two this test is about.
    spans = _spans_of(exporter, int(trace_id, 16), 3, names=(PAM + "AddTransaction", "db.group_commit"))
    by_name = {s.name: s for s in spans}
    rpc = by_name[PAM + "AddTransaction"]
    commit = by_name["db.group_commit"]
    assert commit.parent.span_id == rpc.context.span_id and commit.attributes["pitboss.batch_size"] >= 1


def test_an_orm_call_has_its_unit_of_work_span(traced_stack):
    http, _url, exporter = traced_stack
    trace_id = secrets.token_hex(16)
    r = requests.post(http + "/gateway/login/1.0/1/player", json={"username": "nobody", "password": "wrong-pass"},
                      headers={"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"}, timeout=10)
    assert r.status_code < 500
    spans = _spans_of(exporter, int(trace_id, 16), 2)
    rpc = [s for s in spans if s.kind.name == "SERVER"]
    sessions = [s for s in spans if s.name == "db.session"]
    assert len(rpc) == 1 and sessions, [s.name for s in spans]
    assert all(s.parent.span_id == rpc[0].context.span_id for s in sessions)


def test_no_traceparent_makes_a_new_trace(traced_stack):
    http, url, exporter = traced_stack
    pid, token = new_player(url)
    exporter.clear()
    r = requests.get(http + f"/players/{pid}/balance?provider=evolution", headers=pam_headers(token), timeout=10)
    assert r.status_code == 200 and "traceparent" not in r.headers
    deadline = time.monotonic() + 10
    while not [s for s in exporter.get_finished_spans() if s.name == PAM + "GetBalance"]:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    rpc = [s for s in exporter.get_finished_spans() if s.name == PAM + "GetBalance"][0]
    assert rpc.parent is None


def test_one_process_endpoint_serves_its_own_values():
    """`pitboss serve` alone: the endpoint serves this process's registry, the
    queued updates flushed first and money in currency units (exact Decimal
    sums, six places)."""
    from prometheus_client import generate_latest

    from server.observability import metrics

    stats = metrics.RpcStats("/test.v1.T/Once")
    for seconds in (0.0004, 0.003, 0.2):
        stats.done("OK", seconds)
    for amount in ("0.000001", "0.1", "0.2"):
        metrics.money_moved("XTS", "DEPOSIT", Decimal(amount))
    text = generate_latest(metrics.registry_for(None)).decode()
    m = {(s.name, frozenset(s.labels.items())): s.value
         for f in text_string_to_metric_families(text) for s in f.samples}
    assert value(m, "pitboss_rpc_calls_total", method="/test.v1.T/Once", code="OK") == 3
    assert value(m, "pitboss_rpc_duration_seconds_bucket", method="/test.v1.T/Once", le="0.0005") == 1
    assert value(m, "pitboss_rpc_duration_seconds_bucket", method="/test.v1.T/Once", le="0.005") == 2
    assert value(m, "pitboss_rpc_duration_seconds_bucket", method="/test.v1.T/Once", le="+Inf") == 3
    assert abs(value(m, "pitboss_rpc_duration_seconds_sum", method="/test.v1.T/Once") - 0.2034) < 1e-9
    assert value(m, "pitboss_wallet_money_total", currency="XTS", type="DEPOSIT") == 0.300001
    assert not any(name.startswith("pitboss_wallet_money_micros") for name, _ in m)


def test_tracing_is_off_unless_an_exporter_is_named():
    from server.observability import tracing

    before = tracing.TRACER  # (another test's in-process server may have installed one)
    assert tracing.setup({}) is False
    assert tracing.setup({"OTEL_TRACES_EXPORTER": "none"}) is False
    assert tracing.setup({"OTEL_TRACES_EXPORTER": "otlp", "OTEL_SDK_DISABLED": "true"}) is False
    assert tracing.TRACER is before


def test_otlp_export_from_the_standard_variables(tmp_path, http):
    """`pitboss up` with OTEL_TRACES_EXPORTER=otlp and OTEL_EXPORTER_OTLP_ENDPOINT:
    the servers post their spans (OTLP/HTTP protobuf) to that collector."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

    from tests.e2e.stack import start_stack, stop_stack

    received: list[ExportTraceServiceRequest] = []

    class Collector(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path == "/v1/traces":
                received.append(ExportTraceServiceRequest.FromString(body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *a):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    s = start_stack(tmp_path, f"sqlite:///{tmp_path / 'p.db'}", {
        "OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{srv.server_address[1]}",
        "OTEL_BSP_SCHEDULE_DELAY": "100", "OTEL_SERVICE_NAME": "pitboss-test"})
    try:
        pid, token = new_player(s.database_url)
        trace_id = secrets.token_hex(16)
        r = http.get(s.url(f"/players/{pid}/balance?provider=evolution"),
                     headers=pam_headers(token, traceparent=f"00-{trace_id}-{secrets.token_hex(8)}-01"))
        assert r.status_code == 200
        server_span = r.headers["traceparent"].split("-")[2]
        deadline = time.monotonic() + 15
        while True:
            spans = [(rs, sp) for req in received for rs in req.resource_spans for ss in rs.scope_spans
                     for sp in ss.spans if sp.trace_id.hex() == trace_id]
            if any(sp.name == PAM + "GetBalance" for _, sp in spans) or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        rpc = [(rs, sp) for rs, sp in spans if sp.name == PAM + "GetBalance"]
        assert rpc, [sp.name for _, sp in spans]
        rs, sp = rpc[0]
        assert sp.span_id.hex() == server_span
        attrs = {a.key: a.value.string_value for a in rs.resource.attributes}
        assert attrs["service.name"] == "pitboss-test"
    finally:
        assert stop_stack(s) == 0
        srv.shutdown()
