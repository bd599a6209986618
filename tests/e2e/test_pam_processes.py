"""`pitboss up` with two server processes (PITBOSS_SERVER_PROCESSES=2), on
both backends, through the real Envoy: the invariants that matter under
concurrency hold across processes — one winner for a token refresh, no
overdraft, one booking for concurrent retries, no lost update — and Envoy
spreads the calls over both processes."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest
import requests

from tests.e2e.stack import start_stack, stop_stack
from tests.support.databases import new_database_url
from tests.support.pam_support import API_TOKEN, new_player, tx
from tests.integration.test_pam_concurrency import check_invariants

pytestmark = [pytest.mark.e2e, pytest.mark.storage]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def stack2(request, tmp_path_factory):
    url = new_database_url(request.param, request, tmp_path_factory)
    s = start_stack(tmp_path_factory.mktemp("two"), url, {"PITBOSS_SERVER_PROCESSES": "2"})
    yield s
    assert stop_stack(s) == 0


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(c) for c in (task / "children").read_text().split()]
    return out


def _servers(stack) -> list[int]:
    return [p for p in _children(stack.proc.pid) if b"serve" in Path(f"/proc/{p}/cmdline").read_bytes().split(b"\0")]


def _together(n, fn):
    barrier = threading.Barrier(n)

    def go(i):
        barrier.wait()
        return fn(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(go, range(n)))


def _headers(token: str) -> dict:
    return {"Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": token, "Content-Type": "application/json"}


def _post_tx(stack, pid, token, body):
    r = requests.post(stack.url(f"/players/{pid}/transactions?provider=evolution"), headers=_headers(token),
                      data=json.dumps(body), timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def test_two_processes_serve_and_share_the_load(stack2):
    """The wallet's calls (its own Envoy cluster) are spread over both processes."""
    assert len(_servers(stack2)) == 2
    pid, token = new_player(stack2.database_url)
    with requests.Session() as http:
        for _ in range(40):
            r = http.get(stack2.url(f"/players/{pid}/balance?provider=evolution"), headers=_headers(token), timeout=10)
            assert r.status_code == 200 and r.json()["status"] == "OK"
    admin = f"http://127.0.0.1:{stack2.env['PITBOSS_ADMIN_PORT']}/clusters"
    served = [int(line.rsplit("::", 1)[1]) for line in requests.get(admin, timeout=5).text.splitlines()
              if line.startswith("pitboss_wallet::") and line.endswith(tuple("0123456789"))
              and "::rq_total::" in line]
    assert len(served) == 2 and all(n > 0 for n in served), served


def test_one_metrics_endpoint_counts_every_process(stack2):
    """The supervisor serves the sum of both processes' values (multiprocess
    mode): every call Envoy spread over them is counted once."""
    from tests.e2e.test_observability import quiet, settled, value

    method = "/pitboss.pam.v1.PamService/GetBalance"
    pid, token = new_player(stack2.database_url)
    before = value(quiet(stack2.metrics_url), "pitboss_rpc_calls_total", method=method, code="OK")
    with requests.Session() as http:
        for _ in range(20):
            r = http.get(stack2.url(f"/players/{pid}/balance?provider=evolution"), headers=_headers(token), timeout=10)
            assert r.status_code == 200

    def check(after):
        assert value(after, "pitboss_rpc_calls_total", method=method, code="OK") - before == 20
        assert value(after, "pitboss_rpc_duration_seconds_count", method=method) >= 20

    settled(stack2.metrics_url, check)


def test_refresh_race_has_one_winner(stack2):
    pid, token = new_player(stack2.database_url)
    for _ in range(3):
        def refresh(i):
            r = requests.put(stack2.url("/players/session?provider=evolution"), headers=_headers(token), data="null",
                             timeout=30)
            return r.status_code, r.json()

        results = _together(16, refresh)
        wins = [body for code, body in results if code == 200]
        assert len(wins) == 1, results
        assert all(code == 401 and body["error"]["code"] == "PAM_ERR_SESSION_NOT_FOUND"
                   for code, body in results if code != 200)
        token = wins[0]["session"]["token"]


def test_no_overdraft_and_retries_book_once(stack2, app_factory):
    pid, token = new_player(stack2.database_url, cash="30")

    def bets(i):
        codes = []
        for k in range(6):
            rid = f"{pid[:8]}-{i}-{k}"
            body = tx("WITHDRAW", rid, cash="1.5", round_id=rid)
            first = _post_tx(stack2, pid, token, body)
            again = _post_tx(stack2, pid, token, body)  # a retry, likely on the other process
            assert again["status"] == first["status"]
            if first["status"] == "OK":
                assert again["transactionResult"]["transactionId"] == first["transactionResult"]["transactionId"]
            codes.append(first["status"] if first["status"] == "OK" else first["error"]["code"])
        return codes

    codes = [c for cs in _together(8, bets) for c in cs]
    assert codes.count("OK") == 20 and codes.count("PAM_ERR_CASH_OVERDRAFT") == 28, codes
    assert check_invariants(app_factory(stack2.database_url), pid, Decimal("30")) == Decimal("0")


def test_concurrent_retries_of_one_transaction_book_once(stack2, app_factory):
    pid, token = new_player(stack2.database_url, cash="10")
    body = tx("WITHDRAW", f"{pid[:8]}-same", cash="4", round_id="r-same")
    results = _together(12, lambda i: _post_tx(stack2, pid, token, body))
    assert all(r["status"] == "OK" for r in results), results
    assert len({r["transactionResult"]["transactionId"] for r in results}) == 1
    assert check_invariants(app_factory(stack2.database_url), pid, Decimal("10")) == Decimal("6")


def test_no_lost_update_with_bets_and_wins(stack2, app_factory):
    pid, token = new_player(stack2.database_url, cash="100")

    def play(i):
        for k in range(5):
            rid = f"{pid[:8]}-{i}-{k}"
            assert _post_tx(stack2, pid, token, tx("WITHDRAW", rid + "w", cash="1", round_id=rid))["status"] == "OK"
            won = _post_tx(stack2, pid, token, tx("DEPOSIT", rid + "d", cash="0.5", round_id=rid, over=True))
            assert won["status"] == "OK", won

    _together(8, play)
    assert check_invariants(app_factory(stack2.database_url), pid, Decimal("100")) == Decimal("80")


def test_a_round_closed_while_bets_and_wins_race_on_it_keeps_its_totals(stack2, app_factory):
    """Bets, wins and the round's closing win on one round at the same moment,
    spread over both processes: whatever the order, a round's stake and payout
    are the sums of what the ledger booked on it, nothing lands on a round
    after the transaction that closed it, and a closed round stays closed."""
    from sqlalchemy import text

    from server.storage.types import from_micros

    pid, token = new_player(stack2.database_url, cash="1000")
    rounds = []
    for wave in range(3):
        batch = [f"{pid[:8]}-close-{wave}-{n}" for n in range(8)]
        rounds += batch
        for rid in batch:
            opened = _post_tx(stack2, pid, token, tx("WITHDRAW", rid + "-open", cash="1", round_id=rid))
            assert opened["status"] == "OK", opened

        def play(i, batch=batch):
            rid = batch[i % len(batch)]
            k = i // len(batch)
            if k == 0:
                body = tx("DEPOSIT", f"{rid}-close", cash="0.25", round_id=rid, over=True)
            elif k % 2:
                body = tx("WITHDRAW", f"{rid}-bet-{k}", cash="1", round_id=rid)
            else:
                body = tx("DEPOSIT", f"{rid}-win-{k}", cash="0.5", round_id=rid, over=False)
            r = _post_tx(stack2, pid, token, body)
            return r["status"] if r["status"] == "OK" else r["error"]["code"]

        codes = _together(len(batch) * 6, play)
        assert set(codes) <= {"OK", "PAM_ERR_TRANS_ALREADY_SETTLED"}, codes
    check_invariants(app_factory(stack2.database_url), pid, Decimal("1000"))
    app = app_factory(stack2.database_url)
    with app.db.session() as s:
        for rid in rounds:
            rnd = s.execute(text("SELECT id, stake, payout, ended_at FROM pam_round WHERE player_id = :p"
                                 " AND provider_round_id = :r"), {"p": pid, "r": rid}).one()
            txs = s.execute(text("SELECT id, transaction_type, cash_amount, is_game_over FROM pam_transaction"
                                 " WHERE round_id = :r ORDER BY id"), {"r": rnd[0]}).all()
            stake = sum(from_micros(t[2]) for t in txs if t[1] == "WITHDRAW")
            payout = sum(from_micros(t[2]) for t in txs if t[1] == "DEPOSIT")
            assert (from_micros(rnd[1]), from_micros(rnd[2])) == (stake, payout), (rid, txs)
            closing = [t for t in txs if t[3]]
            assert len(closing) == 1 and rnd[3] is not None, (rid, txs)  # closed once, and stays closed
            assert txs[-1][0] == closing[0][0], (rid, txs)  # nothing booked after the close
