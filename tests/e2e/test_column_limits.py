"""What validation accepts, storage holds (issue 20): the longest accepted
value of every text field a partner sends is stored whole through the real
Envoy on SQLite and PostgreSQL, and one character more is refused with the
family's documented error.

Generated from one table, ``server.domain.limits`` (which the checks and the
columns also read): FIELDS below says, for each of its keys, how a valid text
of a given length looks and which columns hold it, and a test fails when a
limit has no row here or a column is shorter than its limit.
"""

from __future__ import annotations

import copy
import secrets
from datetime import datetime, timezone

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

import server.storage.models  # noqa: F401  (registers the tables)
from server.domain import limits as L
from tests.support.tokens import vip_token
from tests.support.mts_helpers import BASE as MTS_BASE
from tests.support.mts_helpers import PATH as MTS_PATH
from tests.support.mts_helpers import TOKEN as MTS_TOKEN
from tests.support.pam_support import API_TOKEN, new_player, tx

V = "1.30.00"


# ------------------------------------------------------------------ the table

def plain(n: int) -> str:
    return "".join(secrets.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(n))


def capitals(n: int) -> str:
    """``n`` characters once upper-cased, half of them "ß" (which becomes "SS")."""
    return "ß" * (n // 2) + "a" * (n % 2)


def email(n: int) -> str:
    return plain(n - len("@example.com")) + "@example.com"


def url(n: int) -> str:
    return "https://op.example/" + plain(n - len("https://op.example/"))


def digits(n: int) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(n))


# (limits table, key) -> (a valid text of n characters, the columns that hold it).
FIELDS = {
    ("VIP", "patronId"): (plain, ["vip_session.operator_patron_id"]),
    ("VIP", "transactionId"): (plain, ["vip_session.transaction_id", "vip_transaction.transaction_id",
                                       "wallet_movement.idempotency_key"]),
    ("VIP", "firstName"): (capitals, ["vip_patron.first_name"]),
    ("VIP", "middleInitial"): (capitals, ["vip_patron.middle_initial"]),
    ("VIP", "lastName"): (capitals, ["vip_patron.last_name"]),
    ("VIP", "streetName"): (capitals, ["vip_patron.address"]),
    ("VIP", "city"): (capitals, ["vip_patron.city"]),
    ("VIP", "email"): (email, ["vip_patron.email"]),
    ("VIP", "idNumber"): (digits, []),  # encrypted and keyed-hashed; its last four in clear
    ("VIP", "returnUrl"): (url, ["vip_session.return_url"]),
    ("VIP", "cancelRedirectUrl"): (url, ["vip_session.cancel_redirect_url"]),
    ("GATEWAY", "firstName"): (plain, ["gateway_player_details.first_name"]),
    ("GATEWAY", "lastName"): (plain, ["gateway_player_details.last_name"]),
    ("GATEWAY", "city"): (plain, ["gateway_player_details.city"]),
    ("GATEWAY", "address"): (plain, ["gateway_player_details.address"]),
    ("GATEWAY", "zipCode"): (plain, ["gateway_player_details.zip_postal_code"]),
    ("GATEWAY", "btag"): (plain, ["gateway_player.btag"]),
    ("GATEWAY", "bonusCode"): (plain, ["gateway_player.bonus_code"]),
    ("GATEWAY", "comment"): (plain, ["gateway_player_details.last_comment"]),
    ("GATEWAY", "operator"): (plain, ["gateway_player_details.last_operator"]),
    ("GATEWAY", "customFieldId"): (plain, ["gateway_custom_field.field_id"]),
    ("GATEWAY", "customFieldName"): (plain, ["gateway_custom_field.name"]),
    ("GATEWAY", "customFieldValue"): (plain, ["gateway_custom_field.str_value"]),
    ("PAM_ID", None): (plain, ["pam_transaction.provider_transaction_id", "pam_transaction.provider_bet_ref",
                               "pam_transaction.provider_game_id", "pam_transaction.provider_round_id",
                               "pam_round.provider_round_id", "pam_round.provider_game_id"]),
    ("MTS_ID", None): (plain, ["mts_report.correlation_id", "mts_report.report_id", "mts_session.session_id",
                               "mts_session.wallet_id", "mts_session.provider", "mts_session.game_id"]),
    ("MTS_END_CUSTOMER_ID", None): (plain, ["mts_session.end_customer_id"]),
}
UNBOUNDED = ["pam_transaction.bet_code", "pam_transaction.extras"]  # stored whole (docs/pam.md)


def limit(table: str, key: str | None) -> int:
    v = getattr(L, table)
    return v if key is None else v[key]


def value(table: str, key: str | None, extra: int = 0) -> str:
    return FIELDS[(table, key)][0](limit(table, key) + extra)


def test_every_limit_has_its_row_and_its_columns_hold_it():
    rows = {(t, k) for t in ("VIP", "GATEWAY") for k in getattr(L, t)}
    rows |= {("PAM_ID", None), ("MTS_ID", None), ("MTS_END_CUSTOMER_ID", None)}
    assert rows == set(FIELDS)
    tables = SQLModel.metadata.tables
    for (table, key), (make, columns) in FIELDS.items():
        n = limit(table, key)
        assert len(make(n).upper() if make is capitals else make(n)) == n, (table, key)
        for c in columns:
            t, col = c.split(".")
            length = tables[t].c[col].type.length
            assert length is not None and length >= n, (table, key, c, length)
    for c in UNBOUNDED:
        t, col = c.split(".")
        assert tables[t].c[col].type.length is None, c


@pytest.mark.storage
def test_migrated_postgresql_columns_hold_every_limit(postgres, app_factory):
    """The database as migrated, not only the models (a change of length is
    invisible to the models-against-migrations comparison)."""
    app = app_factory(postgres.create())
    found = {t: {c["name"]: c["type"] for c in inspect(app.db.engine).get_columns(t)}
             for t in {c.split(".")[0] for _, cols in FIELDS.values() for c in cols} | {"pam_transaction"}}
    for (table, key), (_, columns) in FIELDS.items():
        for c in columns:
            t, col = c.split(".")
            assert getattr(found[t][col], "length", None) >= limit(table, key), (c, found[t][col])
    for c in UNBOUNDED:
        t, col = c.split(".")
        assert getattr(found[t][col], "length", None) is None, (c, found[t][col])


@pytest.mark.storage
def test_instants_at_the_ends_of_the_calendar_read_back_whatever_the_server_time_zone(postgres, app_factory):
    """PostgreSQL hands timestamptz values over in the session's time zone: in
    a zone west of UTC, 0001-01-01T00:00:00Z is a year-0 time Python cannot
    hold (east of UTC 9999-12-31T23:59:59Z is in year 10000). The server's
    connections use UTC whatever the database's TimeZone setting."""
    url = postgres.create()
    with postgres.engine.connect() as c:
        c.execute(text(f'ALTER DATABASE "{make_url(url).database}" SET timezone TO \'America/New_York\''))
    app = app_factory(url)
    ends = [datetime(1, 1, 1, tzinfo=timezone.utc), datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc)]
    sql = app.db.sql()
    assert sql.one("SHOW timezone")[0] == "UTC"
    for t in ends:
        got = sql.one("SELECT CAST(:t AS timestamptz)", {"t": sql.time(t)})[0]
        assert sql.read_time(got) == t
    with app.db.engine.connect() as c:
        assert c.execute(text("SHOW timezone")).scalar() == "UTC"
        assert [c.execute(text("SELECT CAST(:t AS timestamptz)"), {"t": t}).scalar() for t in ends] == ends


# ------------------------------------------------------------------ through Envoy


@pytest.fixture(params=["sqlite", "postgresql"])
def any_stack(request):
    return request.getfixturevalue("stack" if request.param == "sqlite" else "pg_stack")


def _db(stack):
    return create_engine(stack.database_url)


def _row(stack, sql: str, **params):
    engine = _db(stack)
    try:
        with engine.connect() as c:
            return c.execute(text(sql), params).one()
    finally:
        engine.dispose()


@pytest.mark.e2e
def test_pam_longest_ids_and_a_long_bet_code_are_stored_whole(any_stack, http):
    pid, token = new_player(any_stack.database_url, cash="100", game_id=None)
    h = {"Authorization": f"Bearer {API_TOKEN}", "X-Player-Token": token, "X-Correlation-ID": "-"}
    base = any_stack.url(f"/players/{pid}/transactions?provider=evolution")
    ids = {k: value("PAM_ID", None) for k in ("providerTransactionId", "providerBetRef", "providerRoundId")}
    # The aggregator's document sets no maximum for betCode: stored whole
    # (bounded by the request body limit), like promos and jackpots.
    bet_code = plain(5000)
    body = {**tx("WITHDRAW", ids["providerTransactionId"], cash="1", round_id=ids["providerRoundId"],
                 bet_ref=ids["providerBetRef"]), "betCode": bet_code}
    r = http.post(base, json=body, headers=h)
    assert r.status_code == 200 and r.json()["status"] == "OK", r.text
    got = http.get(any_stack.url(f"/players/{pid}/transactions"), headers=h,
                   params={"provider": "evolution", "providerBetRef": ids["providerBetRef"]}).json()
    t = got["transactions"][0]
    assert {k: t[k] for k in ids} == ids and t["betCode"] == bet_code
    r = http.get(any_stack.url(f"/players/{pid}/gamerounds/{ids['providerRoundId']}?provider=evolution"), headers=h)
    assert r.json()["gameround"]["providerRoundId"] == ids["providerRoundId"], r.text
    for key in ("providerTransactionId", "providerBetRef", "providerGameId", "providerRoundId"):
        over = {**tx("WITHDRAW", "lim-" + secrets.token_hex(4), cash="1"), key: value("PAM_ID", None, 1)}
        r = http.post(base, json=over, headers=h)
        assert r.status_code == 400 and key in r.json()["error"]["message"], (key, r.text)


def _vip_new(**fields) -> dict:
    body = {
        "patronId": "p-" + secrets.token_hex(4), "firstName": "Nina", "middleInitial": "Q", "lastName": "Newman",
        "dateOfBirth": "06/07/1988", "email": "nina@example.com", "mobilePhone": "7025550199",
        "streetName": "5 New Street", "city": "Reno", "state": "NV", "zip": "89501", "country": "US",
        "idType": "DL", "idNumber": "N" + digits(8), "idState": "NV", "ssn": "6" + digits(8),
        "routingNumber": "122105278", "accountNumber": "123456789012", "walletBalance": 100,
        "remainingDailyDeposit": 500, "transactionId": "t-" + secrets.token_hex(6), "transactionAmount": 25,
        "transactionType": "deposit", "returnUrl": "https://op.example/ok",
        "cancelRedirectUrl": "https://op.example/cancel", "productType": "preferred", "oneClickDiscountApplied": False,
    }
    body.update(fields)
    return body


@pytest.mark.e2e
def test_vip_new_stores_the_longest_value_of_every_field(any_stack, http):
    auth = {"Authorization": f"Bearer {vip_token()}"}
    longest = {k: value("VIP", k) for k in L.VIP}
    r = http.post(any_stack.url("/api/patronsession/new"), json=_vip_new(**longest), headers=auth)
    assert r.status_code == 200 and r.json()["sessionId"], r.text
    row = _row(any_stack, "SELECT first_name, middle_initial, last_name, address, city, email FROM vip_patron"
                          " WHERE email = :e", e=longest["email"])
    assert list(row) == [longest[k].upper() for k in ("firstName", "middleInitial", "lastName", "streetName", "city")
                         ] + [longest["email"]]
    row = _row(any_stack, "SELECT operator_patron_id, transaction_id, return_url, cancel_redirect_url"
                          " FROM vip_session WHERE id = :i", i=r.json()["sessionId"])
    assert list(row) == [longest[k] for k in ("patronId", "transactionId", "returnUrl", "cancelRedirectUrl")]
    for key in L.VIP:
        r = http.post(any_stack.url("/api/patronsession/new"), json=_vip_new(**{key: value("VIP", key, 1)}),
                      headers=auth)
        assert r.status_code == 400, (key, r.text)
        message = r.json()["operatorErrorMessage"]
        assert message.startswith(f"Validation failed: {key[0].upper()}{key[1:]}:"), (key, message)


def _mts(**at) -> dict:
    env = copy.deepcopy(MTS_BASE)
    env["correlationId"] = at.get("correlationId", "lim-" + secrets.token_hex(6))
    c = env["content"]
    s = c["sessions"][0]
    c["reportId"] = at.get("reportId", c["reportId"])
    s["id"] = at.get("sessionId", s["id"])
    s["game"]["provider"] = at.get("provider", s["game"]["provider"])
    s["game"]["id"] = at.get("gameId", s["game"]["id"])
    c["context"]["walletId"] = at.get("walletId", c["context"]["walletId"])
    c["context"]["endCustomer"]["id"] = at.get("endCustomer", c["context"]["endCustomer"]["id"])
    return env


MTS_KEYS = {"correlationId": "MTS_ID", "reportId": "MTS_ID", "sessionId": "MTS_ID", "provider": "MTS_ID",
            "gameId": "MTS_ID", "walletId": "MTS_ID", "endCustomer": "MTS_END_CUSTOMER_ID"}


@pytest.mark.e2e
def test_mts_stores_the_longest_value_of_every_field(any_stack, http):
    auth = {"Authorization": f"Bearer {MTS_TOKEN}"}
    longest = {k: value(t, None) for k, t in MTS_KEYS.items()}
    r = http.post(any_stack.url(MTS_PATH), json=_mts(**longest), headers=auth)
    assert r.status_code == 200 and r.json()["content"]["code"] == 0, r.text
    row = _row(any_stack, "SELECT r.correlation_id, r.report_id, s.session_id, s.provider, s.game_id, s.wallet_id,"
                          " s.end_customer_id FROM mts_report r JOIN mts_session s ON s.report_pk = r.id"
                          " WHERE r.correlation_id = :c", c=longest["correlationId"])
    assert list(row) == [longest[k] for k in MTS_KEYS]
    for key, table in MTS_KEYS.items():
        r = http.post(any_stack.url(MTS_PATH), json=_mts(**{key: value(table, None, 1)}), headers=auth)
        assert r.status_code == 200 and r.json()["content"]["code"] in (-106, -107), (key, r.text)


def _gw(http, stack, method, path, token=None, body=None):
    h = {"x-auth-token": token} if token else {}
    return http.request(method, stack.url(path), json=body, headers=h)


@pytest.mark.e2e
def test_gateway_stores_the_longest_value_of_every_field(any_stack, http):
    s = any_stack
    g = {k: value("GATEWAY", k) for k in L.GATEWAY}
    name = "lim" + secrets.token_hex(4)
    one = {"loginName": name, "email": f"{name}@example.com", "password": "Secret123", "over18": True,
           "signTNC": True, "language": "en", "currency": "EUR"}
    for key in ("btag", "bonusCode"):
        r = _gw(http, s, "POST", f"/gateway/reg-step-one/{V}/1", body={**one, key: value("GATEWAY", key, 1)})
        assert r.status_code == 422 and r.json()["result"] == [{"field": key, "errorCode": _code(key) + "_long"}], \
            (key, r.text)
    r = _gw(http, s, "POST", f"/gateway/reg-step-one/{V}/1", body={**one, "btag": g["btag"], "bonusCode": g["bonusCode"]})
    assert r.status_code == 200, r.text
    token, player = r.json()["auth_token"], r.json()["player_id"]
    two = {"auth_token": token, "birthDate": "02/11/1990", "gender": "F", "language": "en", "country": "MT",
           "mobileNumber": "356-1234567", "firstName": "Ann", "lastName": "Lee", "city": "Valletta",
           "address": "1 Road", "zipCode": "VLT1"}
    for key in ("firstName", "lastName", "city", "address", "zipCode"):
        r = _gw(http, s, "POST", f"/gateway/reg-step-two/{V}/1", body={**two, key: value("GATEWAY", key, 1)})
        assert r.status_code == 422 and r.json()["result"] == [{"field": key, "errorCode": _code(key) + "_long"}], \
            (key, r.text)
    r = _gw(http, s, "POST", f"/gateway/reg-step-two/{V}/1",
            body={**two, **{k: g[k] for k in ("firstName", "lastName", "city", "address", "zipCode")}})
    assert r.status_code == 200, r.text
    row = _row(s, "SELECT d.first_name, d.last_name, d.city, d.address, d.zip_postal_code, p.btag, p.bonus_code"
                  " FROM gateway_player p JOIN gateway_player_details d ON d.player_id = p.id WHERE p.id = :p",
               p=int(player))
    assert list(row) == [g[k] for k in ("firstName", "lastName", "city", "address", "zipCode", "btag", "bonusCode")]

    details = f"/gateway/player-personal-details/player/details/{V}/1"
    fresh = {"firstName": value("GATEWAY", "firstName"), "lastName": value("GATEWAY", "lastName"),
             "city": value("GATEWAY", "city"), "address": value("GATEWAY", "address"),
             "zipPostalCode": value("GATEWAY", "zipCode"), "comment": value("GATEWAY", "comment", 10),
             "operator": value("GATEWAY", "operator", 10)}
    r = _gw(http, s, "PUT", details, token, fresh)
    assert r.status_code == 204, r.text
    row = _row(s, "SELECT first_name, last_name, city, address, zip_postal_code, last_comment, last_operator"
                  " FROM gateway_player_details WHERE player_id = :p", p=int(player))
    # comment and operator are kept to their length (docs/gateway.md).
    assert list(row) == [fresh[k] for k in ("firstName", "lastName", "city", "address", "zipPostalCode")] + [
        fresh["comment"][:L.GATEWAY["comment"]], fresh["operator"][:L.GATEWAY["operator"]]]

    custom = f"/gateway/player-personal-details/{V}/custom-fields/1"
    field = {"id": g["customFieldId"], "name": g["customFieldName"], "value": g["customFieldValue"]}
    r = _gw(http, s, "PUT", custom, token, {"strCustomFields": [field], "intCustomFields": []})
    assert r.status_code in (200, 204), r.text
    assert _gw(http, s, "GET", custom, token).json()["strCustomFields"] == [field]
    for key, k in (("customFieldId", "id"), ("customFieldValue", "value")):
        r = _gw(http, s, "PUT", custom, token, {"strCustomFields": [{**field, k: value("GATEWAY", key, 1)}]})
        assert (r.status_code, r.json()) == (400, {"errMsg": "invalid input"}), (key, r.text)


def _code(key: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in key)
