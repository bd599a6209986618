"""The back office (pitboss.backoffice.v1) over gRPC against the real server:
its credential and acting user, players, balances and the paged ledger,
credits and debits (idempotent, never below zero, audited), the catalogue,
the audit log, the `pitboss admin` CLI, and that Envoy never routes it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import grpc
import pytest

from tests.support import ROOT
from tests.e2e.journey_support import Backoffice, Journey, bo, grpc_error, reason_of

C = grpc.StatusCode


@pytest.fixture
def office(stack):
    o = Backoffice(stack)
    yield o
    o.close()


@pytest.mark.e2e
def test_credential_and_acting_user(stack):
    req = bo.GetPlayerRequest(player_id="33003139")
    cases = {
        "no credential": ([("x-acting-user", "alice")], C.UNAUTHENTICATED),
        "wrong secret": ([("authorization", "Bearer nope"), ("x-acting-user", "alice")], C.UNAUTHENTICATED),
        "other internal secret": ([("authorization", "Bearer mts-reports-demo-token"), ("x-acting-user", "a")],
                                  C.UNAUTHENTICATED),
        "no acting user": ([("authorization", "Bearer backoffice-demo-token")], C.INVALID_ARGUMENT),
        "blank acting user": ([("authorization", "Bearer backoffice-demo-token"), ("x-acting-user", "  ")],
                              C.INVALID_ARGUMENT),
        "long acting user": ([("authorization", "Bearer backoffice-demo-token"), ("x-acting-user", "a" * 129)],
                             C.INVALID_ARGUMENT),
    }
    o = Backoffice(stack)
    try:
        for name, (md, code) in cases.items():
            got, _ = grpc_error(lambda: o.GetPlayer(req, metadata=md))
            assert got == code, name
        assert o.GetPlayer(req).player.user_name == "itamar1"
    finally:
        o.close()


@pytest.mark.e2e
def test_envoy_never_routes_the_back_office(stack, http):
    for path in ("/pitboss.backoffice.v1.BackofficeService/GetPlayer",
                 "/pitboss.backoffice.v1.ProtectionBackofficeService/Anything"):
        r = http.post(stack.url(path), data=json.dumps({"player_id": "33003139"}),
                      headers={"Content-Type": "application/json", "Authorization": "Bearer backoffice-demo-token",
                               "x-acting-user": "a"})
        assert r.status_code == 404, r.text
        assert "itamar1" not in r.text


@pytest.mark.e2e
def test_find_and_read_players(office):
    for q in ("33003139", "itamar1", "PLAYERMAEL@domain.com"):
        found = office.FindPlayers(bo.FindPlayersRequest(query=q)).players
        assert [(p.player_id, p.brand_id, p.user_name) for p in found] == [("33003139", 1, "itamar1")], q
    assert not office.FindPlayers(bo.FindPlayersRequest(query="itamar1", brand_id=2)).players
    p = office.GetPlayer(bo.GetPlayerRequest(player_id="33003139"))
    assert (p.profile.first_name, p.profile.country, p.status.registration_complete, p.status.has_wallet) == (
        "playerName", "AD", True, True)
    assert p.balances.currency == "EUR"
    # A PAM player without a gateway account, by its PAM id.
    pam = office.GetPlayer(bo.GetPlayerRequest(player_id="73619e57b3bc4b4e9014132be3bd12a9"))
    assert pam.balances.currency == "USD" and pam.player.brand_id == 0
    code, st = grpc_error(lambda: office.GetPlayer(bo.GetPlayerRequest(player_id="404404404")))
    assert code == C.NOT_FOUND and reason_of(st) == "UNKNOWN_PLAYER"
    code, _ = grpc_error(lambda: office.FindPlayers(bo.FindPlayersRequest(query="")))
    assert code == C.INVALID_ARGUMENT


def _player(stack, http) -> str:
    return str(Journey(stack, http).player()["id"])


@pytest.mark.e2e
def test_credit_debit_idempotent_never_below_zero(stack, http, office):
    pid = _player(stack, http)

    def adjust(direction, amount, key, balance=bo.BALANCE_KIND_CASH, reason="goodwill"):
        return office.AdjustBalance(bo.AdjustBalanceRequest(player_id=pid, direction=direction, balance=balance,
                                                            amount=amount, reason=reason, idempotency_key=key))

    # A gateway player without a wallet yet cannot be adjusted.
    code, st = grpc_error(lambda: adjust(bo.DIRECTION_CREDIT, "10", "k0"))
    assert code == C.NOT_FOUND and reason_of(st) == "NO_WALLET"
    Journey(stack, http)  # the wallet opens with a game start or a block; block/unblock here
    office.BlockPlayer(bo.BlockPlayerRequest(player_id=pid, reason="open the wallet"))
    office.UnblockPlayer(bo.UnblockPlayerRequest(player_id=pid, reason="open the wallet"))

    first = adjust(bo.DIRECTION_CREDIT, "12.345678", "k1")
    assert (first.balances.cash, first.replayed) == ("12.345678", False)
    again = adjust(bo.DIRECTION_CREDIT, "12.345678", "k1")
    assert (again.ledger_id, again.replayed, again.balances.cash) == (first.ledger_id, True, "12.345678")
    code, st = grpc_error(lambda: adjust(bo.DIRECTION_CREDIT, "5", "k1"))
    assert code == C.ALREADY_EXISTS and reason_of(st) == "KEY_REUSED"
    code, st = grpc_error(lambda: adjust(bo.DIRECTION_DEBIT, "12.345679", "k2"))
    assert code == C.FAILED_PRECONDITION and reason_of(st) == "INSUFFICIENT_FUNDS"
    assert adjust(bo.DIRECTION_DEBIT, "12.345678", "k2").balances.cash == "0.000000"
    assert adjust(bo.DIRECTION_CREDIT, "3", "k3", balance=bo.BALANCE_KIND_BONUS).balances.bonus == "3.000000"
    for bad in ("0", "-1", "1.0000001", "abc", "", "NaN", "1e3", "1000000000"):
        code, st = grpc_error(lambda: adjust(bo.DIRECTION_CREDIT, bad, "k-bad"))
        assert code == C.INVALID_ARGUMENT, bad
    code, _ = grpc_error(lambda: adjust(bo.DIRECTION_UNSPECIFIED, "1", "k4"))
    assert code == C.INVALID_ARGUMENT
    code, _ = grpc_error(lambda: adjust(bo.DIRECTION_CREDIT, "1", "k5", reason=""))
    assert code == C.INVALID_ARGUMENT
    code, _ = grpc_error(lambda: adjust(bo.DIRECTION_CREDIT, "1", ""))
    assert code == C.INVALID_ARGUMENT

    ledger = office.ListLedger(bo.ListLedgerRequest(player_id=pid, page_size=2))
    assert [(e.kind, e.transaction_type, e.bonus_delta, e.reason, e.actor) for e in ledger.entries] == [
        ("ADJUSTMENT", "CREDIT", "3.000000", "goodwill", "alice@support"),
        ("ADJUSTMENT", "DEBIT", "0.000000", "goodwill", "alice@support")]
    rest = office.ListLedger(bo.ListLedgerRequest(player_id=pid, page_size=2, page_token=ledger.next_page_token))
    assert [e.cash_delta for e in rest.entries] == ["12.345678"] and rest.next_page_token == ""
    code, _ = grpc_error(lambda: office.ListLedger(bo.ListLedgerRequest(player_id=pid, page_token="garbage!")))
    assert code == C.INVALID_ARGUMENT
    code, _ = grpc_error(lambda: office.ListLedger(bo.ListLedgerRequest(player_id=pid, page_size=500)))
    assert code == C.INVALID_ARGUMENT

    log = office.ListAuditLog(bo.ListAuditLogRequest(subject_type="player", subject_id=pid)).entries
    assert [e.action for e in log] == ["balance.credit", "balance.debit", "balance.credit", "player.unblock",
                                       "player.block"]
    before, after = json.loads(log[1].before_json), json.loads(log[1].after_json)
    assert (before["cash"], after["cash"], after["idempotency_key"]) == ("12.345678", "0.000000", "k2")


@pytest.mark.e2e
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_concurrent_debits_never_overdraw(backend, request, http):
    stack = request.getfixturevalue("stack" if backend == "sqlite" else "pg_stack")
    o = Backoffice(stack)
    try:
        pid = _player(stack, http)
        o.BlockPlayer(bo.BlockPlayerRequest(player_id=pid, reason="open the wallet"))
        o.AdjustBalance(bo.AdjustBalanceRequest(player_id=pid, direction=bo.DIRECTION_CREDIT, amount="10",
                                                reason="seed", idempotency_key="seed"))

        def debit(i):
            try:
                o.AdjustBalance(bo.AdjustBalanceRequest(player_id=pid, direction=bo.DIRECTION_DEBIT, amount="1",
                                                        reason="race", idempotency_key=f"d{i}"))
                return "ok"
            except grpc.RpcError as e:
                return e.code().name

        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(debit, range(20)))
        assert results.count("ok") == 10 and results.count("FAILED_PRECONDITION") == 10, results
        assert o.GetPlayer(bo.GetPlayerRequest(player_id=pid)).balances.cash == "0.000000"
    finally:
        o.close()


@pytest.mark.e2e
def test_catalogue_management(office):
    games = office.ListCatalogue(bo.ListCatalogueRequest(brand_id=1))
    assert {g.game_id: g.provider for g in games.games if g.game_id in ("ecf559b11f0", "gonzos-quest-megaways",
                                                                         "caleta-slot-1")} == {
        "ecf559b11f0": "evolution", "gonzos-quest-megaways": "redtiger", "caleta-slot-1": "caleta"}
    assert set(games.launch_templates) >= {"evolution", "redtiger", "caleta"}
    put = office.PutCatalogueGame(bo.PutCatalogueGameRequest(game=bo.CatalogueGame(
        brand_id=2, game_id="b2-slot", provider="RedTiger", name="Brand two slot", restricted_countries=["gb", "US"],
        enabled=True), reason="launch on brand 2")).game
    assert (put.provider, list(put.restricted_countries)) == ("redtiger", ["GB", "US"])
    bad = [
        bo.CatalogueGame(brand_id=2, game_id="x", provider="nobody", enabled=True),
        bo.CatalogueGame(brand_id=2, game_id="", provider="redtiger"),
        bo.CatalogueGame(brand_id=2, game_id="x", provider="redtiger", restricted_countries=["Britain"]),
    ]
    for g in bad:
        code, _ = grpc_error(lambda: office.PutCatalogueGame(bo.PutCatalogueGameRequest(game=g, reason="r")))
        assert code == C.INVALID_ARGUMENT, g
    code, st = grpc_error(lambda: office.ListCatalogue(bo.ListCatalogueRequest(brand_id=77)))
    assert code == C.NOT_FOUND
    t = office.PutLaunchTemplate(bo.PutLaunchTemplateRequest(brand_id=2, provider="redtiger",
                                                            url_template="https://b2.redtiger.example/{game_id}?l={lang}",
                                                            reason="brand 2 launch"))
    assert t.url_template.startswith("https://b2.redtiger.example/")
    code, _ = grpc_error(lambda: office.PutLaunchTemplate(bo.PutLaunchTemplateRequest(
        brand_id=2, provider="redtiger", url_template="javascript:alert(1)", reason="x")))
    assert code == C.INVALID_ARGUMENT
    log = office.ListAuditLog(bo.ListAuditLogRequest(subject_type="game", subject_id="2/b2-slot")).entries
    assert log[0].action == "catalogue.put" and json.loads(log[0].after_json)["restricted_countries"] == ["GB", "US"]


@pytest.mark.e2e
def test_admin_cli(stack):
    env = dict(os.environ, PITBOSS_GRPC_PORT=stack.grpc.rsplit(":", 1)[1], PITBOSS_DEMO="1",
               PITBOSS_ACTING_USER="carol@ops", PITBOSS_DATABASE_URL=stack.database_url)
    out = subprocess.run([sys.executable, "-m", "server.cli", "admin", "player", "33003139"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["player"]["user_name"] == "itamar1" and "entries" in got and "sessions" in got
    bad = subprocess.run([sys.executable, "-m", "server.cli", "admin", "player", "404404404"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and "NOT_FOUND" in bad.stderr


@pytest.mark.e2e
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_adjustments_and_bets_race_on_one_wallet(backend, request, http):
    """Back-office debits and the aggregator's bets on one wallet at once: no
    overdraft, and the ledger's deltas add up to the balance."""
    from decimal import Decimal

    from tests.e2e.journey_support import launch
    from tests.support.pam_support import Pam, tx

    stack = request.getfixturevalue("stack" if backend == "sqlite" else "pg_stack")
    j = Journey(stack, http)
    p = j.player()
    pid = str(p["id"])
    j.deposit(p, 30.0)
    token, _ = launch(j.start(p, "caleta-slot-1").json()["game_url"])
    pam = Pam(http.__class__(), stack.http, provider="caleta")
    o = Backoffice(stack)
    try:
        def work(i):
            if i % 2:
                r = pam.add(pid, token, tx("WITHDRAW", f"race-w{i}", cash="1", round_id=f"race{i}", currency="EUR",
                                           game="caleta-slot-1", provider="caleta")).json()
                return "bet-ok" if r["status"] == "OK" else r["error"]["code"]
            try:
                o.AdjustBalance(bo.AdjustBalanceRequest(player_id=pid, direction=bo.DIRECTION_DEBIT, amount="1",
                                                        reason="race", idempotency_key=f"race-{i}"))
                return "debit-ok"
            except grpc.RpcError as e:
                return e.code().name

        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(work, range(40)))
        assert results.count("bet-ok") + results.count("debit-ok") == 30, results
        assert set(results) <= {"bet-ok", "debit-ok", "PAM_ERR_CASH_OVERDRAFT", "FAILED_PRECONDITION"}, results
        assert o.GetPlayer(bo.GetPlayerRequest(player_id=pid)).balances.cash == "0.000000"
        entries, token_ = [], ""
        while True:
            page = o.ListLedger(bo.ListLedgerRequest(player_id=pid, page_size=200, page_token=token_))
            entries += page.entries
            token_ = page.next_page_token
            if not token_:
                break
        assert sum(Decimal(e.cash_delta) for e in entries) == 0 and len(entries) == 31
    finally:
        o.close()


@pytest.mark.e2e
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_one_idempotency_key_sent_at_the_same_moment_is_booked_once(backend, request, http):
    """One idempotency key in several AdjustBalance calls arriving together,
    for one player (retries) and for another (a reused key): one booking;
    every retry answers it, with the first answer's ledger id and balances;
    the other player's calls are refused as a reused key. Never a 500."""
    import threading

    stack = request.getfixturevalue("stack" if backend == "sqlite" else "pg_stack")
    o = Backoffice(stack)
    try:
        players = [_player(stack, http), _player(stack, http)]
        for pid in players:
            o.BlockPlayer(bo.BlockPlayerRequest(player_id=pid, reason="open the wallet"))
        for round_ in range(6):
            barrier = threading.Barrier(8)

            def credit(i):
                pid = players[i % 2]
                barrier.wait()
                try:
                    r = o.AdjustBalance(bo.AdjustBalanceRequest(
                        player_id=pid, direction=bo.DIRECTION_CREDIT, amount="2.5", reason="retry",
                        idempotency_key=f"same-{round_}"))
                    return pid, (r.ledger_id, r.balances.cash, r.replayed)
                except grpc.RpcError as e:
                    return pid, e.code().name

            with ThreadPoolExecutor(8) as pool:
                results = list(pool.map(credit, range(8)))
            booked = [(pid, r) for pid, r in results if isinstance(r, tuple)]
            assert booked and len({pid for pid, _ in booked}) == 1, results
            winner = booked[0][0]
            assert len(booked) == 4 and [r[2] for _, r in booked].count(False) == 1, results
            assert len({(r[0], r[1]) for _, r in booked}) == 1, results  # the first answer, every time
            assert all(r == "ALREADY_EXISTS" for pid, r in results if pid != winner), results
        total = sum(Decimal(o.GetPlayer(bo.GetPlayerRequest(player_id=pid)).balances.cash) for pid in players)
        assert total == Decimal("15")
    finally:
        o.close()


def test_dead_letters_listed_and_redriven_over_grpc_and_the_cli(stack):
    """A dead letter of each outbox (written as the workers leave one): the
    back office lists it (mail recipients masked), re-drives it (audited),
    and refuses a missing outbox, a reason-less re-drive and an unknown id."""
    from sqlalchemy import create_engine, text

    eng = create_engine(stack.database_url)
    with eng.begin() as c:
        c.execute(text("INSERT INTO vip_outbox (operator_id, event, url, payload, attempts, next_attempt_at,"
                       " created_at, last_status, last_error, failing_since, dead_at) VALUES ('operator-2', 'deposit',"
                       " 'http://127.0.0.1:9/never', '{}', 100, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 503, 'HTTP 503',"
                       " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
        vip_id = c.execute(text("SELECT max(id) FROM vip_outbox")).scalar()
        c.execute(text("INSERT INTO gateway_outbox (brand_id, channel, kind, recipient, subject, body_enc, created_at,"
                       " attempts, last_error, failing_since, dead_at) VALUES (2, 'email', 'activation',"
                       " 'secret.person@example.com', 's', 'x', CURRENT_TIMESTAMP, 60, 'ConnectionRefusedError',"
                       " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
        mail_id = c.execute(text("SELECT max(id) FROM gateway_outbox")).scalar()
    eng.dispose()
    o = Backoffice(stack, actor="dora@ops")
    try:
        got, _ = grpc_error(lambda: o.ListDeadLetters(bo.ListDeadLettersRequest()))
        assert got == C.INVALID_ARGUMENT
        vip = o.ListDeadLetters(bo.ListDeadLettersRequest(outbox=bo.OUTBOX_VIP_NOTIFICATIONS,
                                                          operator_id="operator-2")).dead_letters
        assert [(d.id, d.attempts, d.last_error, d.kind) for d in vip] == [(vip_id, 100, "HTTP 503", "deposit")]
        mail = o.ListDeadLetters(bo.ListDeadLettersRequest(outbox=bo.OUTBOX_MAIL, brand_id=2)).dead_letters
        assert [(d.id, d.destination) for d in mail] == [(mail_id, "s***@example.com")]
        got, _ = grpc_error(lambda: o.RedriveDeadLetters(bo.RedriveDeadLettersRequest(outbox=bo.OUTBOX_MAIL,
                                                                                      id=mail_id)))
        assert got == C.INVALID_ARGUMENT  # no reason
        got, _ = grpc_error(lambda: o.RedriveDeadLetters(bo.RedriveDeadLettersRequest(
            outbox=bo.OUTBOX_MAIL, id=10**9, reason="r")))
        assert got == C.NOT_FOUND
    finally:
        o.close()
    env = dict(os.environ, PITBOSS_GRPC_PORT=stack.grpc.rsplit(":", 1)[1], PITBOSS_DEMO="1",
               PITBOSS_ACTING_USER="dora@ops", PITBOSS_DATABASE_URL=stack.database_url)

    def admin(*args):
        out = subprocess.run([sys.executable, "-m", "server.cli", "admin", *args], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    assert [d["id"] for d in admin("dead-letters", "mail", "--brand", "2")["dead_letters"]] == [str(mail_id)]
    assert admin("redrive", "mail", "--id", str(mail_id), "--reason", "smtp fixed")["redriven"] == 1
    assert admin("dead-letters", "mail", "--brand", "2")["dead_letters"] == []
    o = Backoffice(stack)
    try:
        log = o.ListAuditLog(bo.ListAuditLogRequest(subject_type="outbox", subject_id=f"mail/{mail_id}")).entries
        assert [(e.action, e.actor, e.reason) for e in log] == [("outbox.redrive", "dora@ops", "smtp fixed")]
    finally:
        o.close()
