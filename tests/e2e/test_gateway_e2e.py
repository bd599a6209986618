"""Player gateway through the real Envoy to the real server: every endpoint
of seeds/004 plus login, logout, registration, message format; each
documented status and body, key for key."""

from __future__ import annotations

import pytest

from tests.e2e.gateway_support import (  # noqa: F401  (fixtures)
    ENDPOINTS,
    INTERNAL,
    INVALID_BRAND,
    INVALID_TOKEN,
    OPEN_ENDPOINTS,
    PASSWORD,
    V,
    ago,
    fill,
    gw,
    smtp,
)

pytestmark = pytest.mark.e2e

DETAILS = f"/gateway/player-personal-details/player/details/{V}/1"
CUSTOM = f"/gateway/player-personal-details/{V}/custom-fields/1"
STATUS = f"/gateway/online-player/{V}/player/1/online/status"
INFO = f"/gateway/online-player/{V}/1/player/info"
INGAME = f"/gateway/online-player/{V}/player/1/online/ingame/status/game-session-1"
INGAME_OF = f"/gateway/online-player/{V}/player/1/online/ingame/status/%s"

# seeds/004 "Status 200" of personal details, as the demo holds it (the phone
# is a real number in place of the placeholder; 2FA is off for the demo login).
SEED_DETAILS = {
    "firstName": "playerName", "lastName": "playerLastname", "birthdate": "1996-11-02 00:00:00", "gender": "F",
    "language": "en", "country": "AD", "city": "playerCity", "address": "playerAddress", "zipPostalCode": "1111",
    "phone": "376-111111", "eMail": {"eMailAdress": "playermael@domain.com", "isVerified": True},
    "optOut": {"chat": False, "sms": False, "email": True, "phone": True}, "is2faRequired": False,
    "mobileVerificationStatus": 0, "mobileVerificationStatusDate": "2022-01-01 00:00:00",
    "mobileVerificationStatusChangedBy": "system", "pendingMobileNumber": "555-111111",
}
SEED_STATUS = {
    "marketingSegmentation": "10", "tag_status": 100, "deposit_count": 1, "vip_level": "Bronze",
    "average_deposit": 44, "billboard": "", "segmentation_id": 1, "maxBalance": 93604, "UT": 1, "decline": "0",
    "VIP_segment": 1, "total_balance": 936.04, "pending_withdrawal": 44, "total_withdrawals": 0,
    "last_bet": "2022-01-01 00:00:01", "last_deposit": "2022-01-01 00:00:01", "last_deposit_amount": 44,
    "rounds_since_login": 0, "balance_since_login": 0, "playerIdLink": "https://cbo2.aaa.com/players/33003139",
    "bonusOptOut": 0, "real_balance": 906.04, "freeTraffic": False, "depositsAmount": 44, "chat_opt_out": False,
    "bonusBalance": 30.0, "maxWin": 12.0, "wageringBalance": 1540.12, "wageringComplete": "",
}
SEED_INGAME = {k: v for k, v in SEED_STATUS.items()
               if k not in ("bonusBalance", "maxWin", "wageringBalance", "wageringComplete")}
SEED_INFO = {
    "playerID": {"username": "itamar1", "ID": 33003139, "brand": 1}, "firstName": "playerName",
    "lastName": "playerLastname", "gender": "F", "email": "playermael@domain.com", "vip_level": 1, "country": "AD",
    "test_account": 0, "currencyName": "EUR", "currencySymbol": "€", "bTag": "PQ4YXsO2q5kWqcfzu",
}
SEED_UPDATE = {
    "lastName": "last", "firstName": "last", "birthdate": "2000-01-01", "gender": "M", "language": "en",
    "country": "IL", "city": "city", "address": "address", "zipPostalCode": "123123123", "phone": "12-1231231",
    "comment": "comment", "operator": "Player", "optOut": "{\"chat\": false}",
}


# ------------------------------------------------------------------ login / logout


def test_login_answers_token_result_and_actions(gw):
    r = gw.login("itamar1")
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"auth_token", "result", "actions"}
    # The menu of what the platform offers (player-gateway.md), docs/protection.md.
    assert body["result"] == "OK" and body["actions"] == ["responsible_gaming", "limits", "timeout", "self_exclusion"]
    assert len(body["auth_token"]) == 64
    # by email too
    r = gw.call("POST", f"/gateway/login/{V}/1/player", body={"email": "PlayerMael@domain.com", "password": PASSWORD})
    assert r.status_code == 200 and r.json()["auth_token"] != body["auth_token"]


def test_wrong_password_and_unknown_user_answer_the_same(gw):
    a = gw.login("brand2player", "Wrong1234", brand=2)
    b = gw.login("nobody-" + "x" * 5, "Wrong1234", brand=2)
    assert a.status_code == b.status_code == 401
    assert a.json() == b.json() == {"errMsg": "invalid input - invalid credentials"}


def test_logout_revokes_the_token(gw):
    t = gw.token("itamar1")
    assert gw.call("GET", INFO, t).status_code == 200
    r = gw.call("POST", f"/gateway/logout/{V}/1/player", t, {})
    assert r.status_code == 200 and r.json() == {"result": "successful logout"}
    for path in (INFO, DETAILS, STATUS):
        r = gw.call("GET", path, t)
        assert r.status_code == 401 and r.json() == INVALID_TOKEN
    assert gw.call("POST", f"/gateway/logout/{V}/1/player", t, {}).status_code == 401


def test_tokens_are_stored_hashed_and_expire(gw):
    t = gw.token("itamar1")
    import hashlib

    rows = gw.sql("SELECT token_hash FROM gateway_session")
    assert (hashlib.sha256(t.encode()).hexdigest(),) in [tuple(r) for r in rows]
    assert all(t not in str(r) for r in gw.sql("SELECT * FROM gateway_session"))
    gw.sql("UPDATE gateway_session SET expires_at = :t WHERE token_hash = :h", t=ago(1),
           h=hashlib.sha256(t.encode()).hexdigest())
    r = gw.call("GET", INFO, t)
    assert r.status_code == 401 and r.json() == INVALID_TOKEN


def test_bad_and_missing_tokens(gw):
    for token in (None, "nonsense", "0" * 64):
        r = gw.call("GET", DETAILS, token)
        assert r.status_code == 401 and r.json() == INVALID_TOKEN


# ------------------------------------------------------------------ personal data


def test_personal_details_of_the_seed(gw):
    r = gw.call("GET", DETAILS, gw.token("itamar1"))
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.json() == SEED_DETAILS


def test_update_with_the_seed_example_then_read_back(gw):
    """The seed's example, phone included, answers the document's 204 on brand
    1 for a player without 2FA (verification is not enabled there): the
    number applies at once and the account's address is told."""
    p = gw.full_player()
    r = gw.call("PUT", DETAILS, p["token"], SEED_UPDATE)
    assert r.status_code == 204 and r.content == b"", r.text
    d = gw.call("GET", DETAILS, p["token"]).json()
    assert {k: d[k] for k in ("lastName", "firstName", "gender", "language", "country", "city", "address",
                              "zipPostalCode", "phone", "pendingMobileNumber")} == {
        "lastName": "last", "firstName": "last", "gender": "M", "language": "en", "country": "IL", "city": "city",
        "address": "address", "zipPostalCode": "123123123", "phone": "12-1231231", "pendingMobileNumber": ""}
    assert d["birthdate"] == "2000-01-01 00:00:00"
    assert d["optOut"]["chat"] is False
    assert gw.outbox(p["id"], "sms") == []  # no code sent
    notice = [m for m in gw.inbox.wait_for(p["email"], 2) if m.subject == "Your mobile number has changed"]
    assert notice and "12-1231231" in notice[-1].body
    # The same body again (the phone is now the current one): 204, nothing sent.
    r = gw.call("PUT", DETAILS, p["token"], SEED_UPDATE)
    assert r.status_code == 204 and r.content == b""
    assert [o[3] for o in gw.outbox(p["id"], "email")].count("phone_changed") == 1


def test_opt_out_as_object_or_as_json_string(gw):
    p = gw.full_player()
    assert gw.call("PUT", DETAILS, p["token"], {"optOut": {"chat": True, "sms": True}}).status_code == 204
    assert gw.call("GET", DETAILS, p["token"]).json()["optOut"] == {"chat": True, "sms": True, "email": False,
                                                                      "phone": False}
    assert gw.call("PUT", DETAILS, p["token"], {"optOut": "{\"chat\": false, \"email\": true}"}).status_code == 204
    assert gw.call("GET", DETAILS, p["token"]).json()["optOut"] == {"chat": False, "sms": True, "email": True,
                                                                      "phone": False}
    for bad in ("{not json", "[1]", {"chat": "yes"}, {"fax": True}, 5):
        r = gw.call("PUT", DETAILS, p["token"], {"optOut": bad})
        assert r.status_code == 400 and r.json() == {"errMsg": "invalid input"}, bad


def test_update_422_lists_every_failing_field(gw):
    p = gw.full_player()
    r = gw.call("PUT", DETAILS, p["token"], {
        "firstName": "", "birthdate": "01/01/2000", "gender": "X", "country": "Italy", "phone": "12345",
        "language": "english", "realityCheckPeriod": "5_min"})
    assert r.status_code == 422
    assert r.json() == {"result": [
        {"field": "firstName", "errorCode": "first_name_invalid"},
        {"field": "birthdate", "errorCode": "birthdate_invalid"},
        {"field": "gender", "errorCode": "gender_invalid"},
        {"field": "country", "errorCode": "country_invalid"},
        {"field": "language", "errorCode": "language_invalid"},
        {"field": "phone", "errorCode": "phone_invalid"},
        {"field": "realityCheckPeriod", "errorCode": "reality_check_period_invalid"},
    ]}
    r = gw.call("PUT", DETAILS, p["token"], {"birthdate": "2020-01-01"})
    assert r.status_code == 422 and r.json() == {"result": [{"field": "birthdate", "errorCode": "underage"}]}


def test_bad_json_and_wrong_types_answer_invalid_input(gw):
    t = gw.token("itamar1")
    for raw in ('{"city":', '{"city": 5}', "[]", '{"optOut": '):
        r = gw.call("PUT", DETAILS, t, raw=raw)
        assert r.status_code == 400 and r.json() == {"errMsg": "invalid input"}, raw
    r = gw.call("POST", f"/gateway/login/{V}/1/player", raw="nope")
    assert r.status_code == 400 and r.json() == {"errMsg": "invalid input"}


def test_unknown_gateway_path_is_json(gw):
    r = gw.call("GET", f"/gateway/no/such/{V}/1")
    assert r.status_code == 404 and r.json() == {"errMsg": "invalid input - unknown path"}


def test_details_and_email_update_404_before_registration_step_two(gw):
    p = gw.register()
    r = gw.call("GET", DETAILS, p["token"])
    assert r.status_code == 404 and r.json() == {"errMsg": "Player Personal Details not found"}
    r = gw.call("PUT", DETAILS, p["token"], {"city": "X"})
    assert r.status_code == 404 and r.json() == {"errMsg": "Player Personal Details not found"}
    r = gw.call("POST", f"/gateway/player-personal-details/player/details/emailUpdate/{V}/1", p["token"],
                {"email": "new-" + p["email"], "comment": "test"})
    assert r.status_code == 404 and r.json() == {"errMsg": "Player Personal Email not found"}


def test_custom_fields_get_and_update(gw):
    r = gw.call("GET", CUSTOM, gw.token("itamar1"))
    assert r.status_code == 200
    assert r.json() == {"strCustomFields": [{"id": "1", "name": "favouriteGame", "value": "blackjack"}],
                        "intCustomFields": [{"id": "2", "name": "loyaltyPoints", "value": 0}]}
    p = gw.full_player()
    assert gw.call("GET", CUSTOM, p["token"]).json() == {"strCustomFields": [], "intCustomFields": []}
    body = {"strCustomFields": [{"id": "string", "name": "string", "value": "string"}],
            "intCustomFields": [{"id": "string", "name": "string", "value": 0}]}
    r = gw.call("PUT", CUSTOM, p["token"], body)
    assert r.status_code == 200 and r.json() == {"result": "success"}
    assert gw.call("GET", CUSTOM, p["token"]).json() == body
    r = gw.call("PUT", CUSTOM, p["token"], {"intCustomFields": [{"id": "string", "name": "string", "value": 7}]})
    assert r.status_code == 200
    assert gw.call("GET", CUSTOM, p["token"]).json()["intCustomFields"] == [{"id": "string", "name": "string",
                                                                             "value": 7}]
    r = gw.call("PUT", CUSTOM, p["token"], {"strCustomFields": [{"id": "", "name": "n", "value": "v"}]})
    assert r.status_code == 400 and r.json() == {"errMsg": "invalid input"}


# ------------------------------------------------------------------ online player


def test_online_status_player_info_and_in_game_status_of_the_seed(gw):
    t = gw.token("itamar1")
    r = gw.call("GET", STATUS, t)
    assert r.status_code == 200 and r.json() == SEED_STATUS
    r = gw.call("GET", INFO, t)
    assert r.status_code == 200 and r.json() == SEED_INFO
    # In-game status answers for a game session the player started (Start Game).
    assert gw.call("GET", INGAME, t).json() == {"errMsg": "invalid input - invalid game session id"}
    started = gw.call("POST", f"/gateway/games/{V}/start-game/1/caleta-slot-1/en", t, {})
    assert started.status_code == 200, started.text
    r = gw.call("GET", INGAME_OF % started.json()["game_session_id"], t)
    assert r.status_code == 200
    body = r.json()
    assert body.pop("game_session")["game_id"] == "caleta-slot-1"
    assert body == SEED_INGAME


def test_reality_check_answers_303_once_the_period_has_passed(gw):
    p = gw.full_player()
    assert gw.call("PUT", DETAILS, p["token"], {"realityCheckPeriod": "15_min"}).status_code == 204
    r = gw.call("GET", f"/gateway/online-player/{V}/player/1/online/status", p["token"])
    assert r.status_code == 200  # the period starts at login
    gw.sql("UPDATE gateway_session SET created_at = :c, reality_checked_at = :r WHERE player_id = :p",
           c=ago(75, 10), r=ago(16), p=p["id"])
    r = gw.call("GET", STATUS, p["token"])
    assert r.status_code == 303
    assert r.json() == {"currency": "EUR", "profit": 0, "total_bets": 0, "total_wins": 0, "total_lossed": 0,
                        "restart_period": "15_min", "time_played": "1 hour 15 minutes", "min": "15", "h": "1"}
    assert gw.call("GET", STATUS, p["token"]).status_code == 200  # the check restarts the period
    gw.sql("UPDATE gateway_session SET reality_checked_at = :r WHERE player_id = :p", r=ago(15, 1), p=p["id"])
    started = gw.call("POST", f"/gateway/games/{V}/start-game/1/caleta-slot-1/en", p["token"], {})
    assert started.status_code == 200, started.text
    r = gw.call("GET", INGAME_OF % started.json()["game_session_id"], p["token"])
    assert r.status_code == 303
    assert r.json() == {"currency": "EUR", "profit": 0, "restart_period": "15_min",
                        "time_played": "1 hour 15 minutes", "min": "15", "h": "1"}
    # no_limit: never
    assert gw.call("PUT", DETAILS, p["token"], {"realityCheckPeriod": "no_limit"}).status_code == 204
    gw.sql("UPDATE gateway_session SET reality_checked_at = :r WHERE player_id = :p", r=ago(600), p=p["id"])
    assert gw.call("GET", STATUS, p["token"]).status_code == 200


def test_in_game_status_needs_a_game_session_id(gw):
    r = gw.call("GET", f"/gateway/online-player/{V}/player/1/online/ingame/status/%20", gw.token("itamar1"))
    assert r.status_code == 400 and r.json() == {"errMsg": "invalid input"}


# ------------------------------------------------------------------ message format


def test_message_format(gw):
    r = gw.call("GET", f"/gateway/site-management/{V}/content/message/format/forgot_email_sent")
    assert r.status_code == 200
    assert set(r.json()) == {"type", "title", "content", "button_1_text", "button_1_link", "button_2_text",
                             "button_2_link"}
    r = gw.call("GET", f"/gateway/site-management/{V}/content/message/format/no_such_tag")
    assert r.status_code == 400 and r.json() == {"errMsg": "Message Not Found according to your search"}


# ------------------------------------------------------------------ brands, 500


@pytest.mark.parametrize("brand", ["9", "0", "abc", "-1", "1.5"])
def test_unknown_brand_answers_400_before_the_token(gw, brand):
    for name, method, path, body in ENDPOINTS + OPEN_ENDPOINTS:
        path, body = fill(path, body, brand)
        r = gw.call(method, path, None, body)
        assert r.status_code == 400, (name, r.text)
        assert r.json() == INVALID_BRAND, name


def test_every_endpoint_answers_401_without_a_valid_token(gw):
    for name, method, path, body in ENDPOINTS:
        path, body = fill(path, body, 1, 33003139)
        for token in (None, "f" * 64):
            r = gw.call(method, path, token, body)
            assert r.status_code == 401 and r.json() == INVALID_TOKEN, name


def test_another_brands_token_is_refused_on_every_endpoint(gw):
    """Brand isolation: a brand-2 token never reaches a brand-1 player."""
    t2 = gw.token("brand2player", brand=2)
    before = gw.call("GET", DETAILS, gw.token("itamar1")).json()
    for name, method, path, body in ENDPOINTS:
        path, body = fill(path, body, 1, 33003139)
        r = gw.call(method, path, t2, body)
        assert r.status_code == 401 and r.json() == INVALID_TOKEN, name
    assert gw.call("GET", DETAILS, gw.token("itamar1")).json() == before
    # The token still works on its own brand.
    r = gw.call("GET", f"/gateway/online-player/{V}/2/player/info", t2)
    assert r.status_code == 200 and r.json()["playerID"]["brand"] == 2
    # Signing with the own brand but another player's id is refused.
    r = gw.call("POST", f"/gateway/player/multi/{V}/sign/tnc", t2,
                {"brand_id": "2", "player_id": "33003139", "language": "en", "type": "tnc"})
    assert r.status_code == 400 and r.json() == {"errMsg": "invalid input"}


def test_open_endpoints_are_brand_scoped(gw):
    # Login: a brand-1 user does not exist on brand 2.
    r = gw.login("itamar1", brand=2)
    assert r.status_code == 401 and r.json() == {"errMsg": "invalid input - invalid credentials"}
    # Registration step two with another brand's token.
    p = gw.register(brand=2)
    r = gw.call("POST", f"/gateway/reg-step-two/{V}/1", body={"auth_token": p["token"], "firstName": "A"})
    assert r.status_code == 401 and r.json() == INVALID_TOKEN
    # Forgot password on brand 2 for a brand-1 address: same answer, no mail.
    r = gw.call("POST", f"/gateway/admission/{V}/forgot/password/2", body={"mail": "playermael@domain.com"})
    assert r.status_code == 201
    assert not [o for o in gw.outbox(33003139) if o[3] == "password_reset"]
    # The same email may exist once per brand.
    q = gw.register(brand=2, email="playermael@domain.com")
    assert q["id"] != 33003139


def test_internal_errors_answer_the_documented_500_without_a_trace(gw):
    t = gw.token("itamar1")
    gw.sql("ALTER TABLE gateway_brand RENAME TO gateway_brand_hidden")
    try:
        for name, method, path, body in ENDPOINTS + OPEN_ENDPOINTS:
            path, body = fill(path, body, 1, 33003139)
            r = gw.call(method, path, t, body)
            assert r.status_code == 500, (name, r.text)
            assert r.json() == INTERNAL, name
    finally:
        gw.sql("ALTER TABLE gateway_brand_hidden RENAME TO gateway_brand")
    assert gw.call("GET", INFO, t).status_code == 200
    log = gw.stack.log_text()
    assert "OperationalError" in log and "gateway_brand_hidden" not in log and t not in log


# ------------------------------------------------------------------ registration


def test_registration_step_one_and_two(gw):
    p = gw.register()
    assert isinstance(p["id"], int) and len(p["token"]) == 64
    r = gw.call("GET", INFO, p["token"])
    assert r.status_code == 401 and r.json() == {"result": "INCOMPLETE_REGISTRATION"}
    r = gw.step_two(p)
    assert r.status_code == 200 and r.json() == {"result": "OK"}
    d = gw.call("GET", DETAILS, p["token"]).json()
    assert (d["firstName"], d["birthdate"], d["phone"], d["eMail"]) == (
        "Ann", "1990-11-02 00:00:00", "356-1234567", {"eMailAdress": p["email"], "isVerified": False})


def test_registration_422_tables(gw):
    r = gw.call("POST", f"/gateway/reg-step-one/{V}/1", body={
        "loginName": "itamar1", "email": "playermael@domain.com", "password": "short", "over18": False,
        "currency": "XXX"})
    assert r.status_code == 422
    assert r.json() == {"result": [
        {"field": "loginName", "errorCode": "login_name_already_exists"},
        {"field": "email", "errorCode": "email_already_exists"},
        {"field": "password", "errorCode": "password_short"},
        {"field": "password", "errorCode": "password_mix_characters"},
        {"field": "over18", "errorCode": "over18_required"},
        {"field": "currency", "errorCode": "currency_invalid"},
    ]}
    r = gw.call("POST", f"/gateway/reg-step-one/{V}/1", body={})
    assert r.status_code == 422
    assert [e["errorCode"] for e in r.json()["result"]] == [
        "login_name_required", "email_required", "password_required", "over18_required"]
    p = gw.register()
    r = gw.step_two(p, firstName="", lastName=" ", birthDate="1990-11-02", gender="x", country="mt",
                    city="", address="", zipCode="", mobileNumber="12345")
    assert r.status_code == 422
    assert r.json() == {"result": [
        {"field": "firstName", "errorCode": "first_name_required"},
        {"field": "lastName", "errorCode": "last_name_required"},
        {"field": "city", "errorCode": "city_required"},
        {"field": "address", "errorCode": "address_required"},
        {"field": "zipCode", "errorCode": "zip_code_required"},
        {"field": "birthDate", "errorCode": "birth_date_invalid"},
        {"field": "gender", "errorCode": "gender_invalid"},
        {"field": "country", "errorCode": "country_invalid"},
        {"field": "mobileNumber", "errorCode": "mobile_number_invalid"},
    ]}
