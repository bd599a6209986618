"""Email and phone changes as the vendor documents them (issue 20, item 11),
through the real Envoy and server: the email update's body is {"email",
"comment"}; the new address stays pending until the link mailed to it is
used, and the old address is told (mail read from a real SMTP server); a
phone change stays pending until the SMS code sent to the new number is
entered where verification is enabled (a 2FA player, or a brand with
phone_verification on), and applies at once otherwise; the account's address
is told either way. A brand may also require the current password for both
(off by default; both settings set through the back office)."""

from __future__ import annotations

import json

import grpc
import pytest

from pitboss.backoffice.v1 import backoffice_pb2 as bo
from tests.e2e.gateway_support import HASH_RE, PASSWORD, V, gw, smtp  # noqa: F401  (fixtures)
from tests.e2e.journey_support import Backoffice, Journey, grpc_error, new_brand, reason_of, set_brand

pytestmark = pytest.mark.e2e
C = grpc.StatusCode

DETAILS = f"/gateway/player-personal-details/player/details/{V}/%s"
EMAIL_UPDATE = f"/gateway/player-personal-details/player/details/emailUpdate/{V}/%s"
VALIDATE = f"/gateway/player-data/{V}/validate/code/%s"
VERIFY_EMAIL = f"/gateway/admission/{V}/verify/email/%s"
LOGIN = f"/gateway/login/{V}/%s/player"


def test_email_update_with_the_documents_body(gw):
    p = gw.full_player()
    old, new = p["email"], "moved." + p["email"]
    r = gw.call("POST", EMAIL_UPDATE % 1, p["token"], {"email": new, "comment": "test"})
    assert (r.status_code, r.content) == (204, b""), r.text
    # Pending: the account still has the old address, verified.
    d = gw.call("GET", DETAILS % 1, p["token"]).json()
    assert d["eMail"] == {"eMailAdress": old, "isVerified": True}
    # The new address gets the link; the old one is told, without a link.
    link = gw.inbox.wait_for(new)[-1]
    assert HASH_RE.search(link.body) and link.subject == "Confirm your new email address"
    notice = [m for m in gw.inbox.wait_for(old, 2) if m.subject == "Your email address is changing"]
    assert notice and new in notice[-1].body and "test" in notice[-1].body and not HASH_RE.search(notice[-1].body)
    assert gw.call("POST", LOGIN % 1, body={"email": new, "password": PASSWORD}).status_code == 401

    r = gw.call("GET", VERIFY_EMAIL % 1, params={"hash": HASH_RE.search(link.body).group(1)})
    assert r.status_code == 200, r.text
    d = gw.call("GET", DETAILS % 1, p["token"]).json()
    assert d["eMail"] == {"eMailAdress": new, "isVerified": True}
    assert gw.call("POST", LOGIN % 1, body={"email": new, "password": PASSWORD}).status_code == 200
    assert gw.call("POST", LOGIN % 1, body={"email": old, "password": PASSWORD}).status_code == 401


def test_email_update_without_a_comment_and_with_a_wrong_password(gw):
    p = gw.full_player()
    new = "second." + p["email"]
    assert gw.call("POST", EMAIL_UPDATE % 1, p["token"], {"email": new}).status_code == 204
    notice = [m for m in gw.inbox.wait_for(p["email"], 2) if m.subject == "Your email address is changing"]
    assert "player request" in notice[-1].body  # the document's default comment
    # A password sent is checked even where the brand does not require one.
    r = gw.call("POST", EMAIL_UPDATE % 1, p["token"], {"email": "third." + p["email"], "password": "Wrong1234"})
    assert r.status_code == 422 and r.json() == {"result": [{"field": "password", "errorCode": "wrong_password"}]}


def test_phone_change_waits_for_the_code_on_a_brand_that_verifies_phones(gw):
    brand = new_brand(gw.stack, phone_verification=True)
    p = gw.full_player(brand)  # no 2FA: the brand's setting enables verification
    r = gw.call("PUT", DETAILS % brand, p["token"], {"phone": "44-7000001", "city": "Mdina"})
    assert r.status_code == 403, r.text
    body = r.json()
    assert body["status"] == "mobile_verification_required" and body["data"]["mobile_number"] == "44-7000001"
    d = gw.call("GET", DETAILS % brand, p["token"]).json()
    assert (d["phone"], d["pendingMobileNumber"], d["city"]) == ("356-1234567", "44-7000001", "Mdina")
    assert gw.outbox(p["id"], "sms")[-1][1] == "44-7000001"  # the code goes to the new number
    notice = [m for m in gw.inbox.wait_for(p["email"], 2) if m.subject == "Your mobile number is changing"]
    assert notice and "44-7000001" in notice[-1].body
    first = {"2fa-auth-token": body["data"]["2fa_auth_token"]}
    first_code = gw.last_sms_code(p["id"])

    # A newer request replaces the pending number; the older code no longer works.
    r = gw.call("PUT", DETAILS % brand, p["token"], {"phone": "44-7000002"})
    assert r.status_code == 403
    second = {"2fa-auth-token": r.json()["data"]["2fa_auth_token"]}
    r = gw.call("PUT", VALIDATE % brand, body={"sms_code": first_code}, headers=first)
    assert r.status_code == 401
    r = gw.call("PUT", VALIDATE % brand, body={"sms_code": gw.last_sms_code(p["id"])}, headers=second)
    assert r.status_code == 200, r.text
    d = gw.call("GET", DETAILS % brand, p["token"]).json()
    assert (d["phone"], d["pendingMobileNumber"], d["mobileVerificationStatus"],
            d["mobileVerificationStatusChangedBy"]) == ("44-7000002", "", 1, "player")
    # The same number again changes nothing and sends nothing.
    sent = len(gw.outbox(p["id"], "sms"))
    assert gw.call("PUT", DETAILS % brand, p["token"], {"phone": "44-7000002"}).status_code == 204
    assert len(gw.outbox(p["id"], "sms")) == sent


def test_phone_change_applies_at_once_where_verification_is_not_enabled(gw):
    """The vendor's behaviour for a player without 2FA (brand 1, and any
    brand by default): 204, the number is the new one, no code is sent, and
    the account's address is told. A number still pending from when the
    brand verified phones is dropped, and its code stops working."""
    p = gw.full_player()
    r = gw.call("PUT", DETAILS % 1, p["token"], {"phone": "44-7000005", "city": "Sliema"})
    assert (r.status_code, r.content) == (204, b""), r.text
    d = gw.call("GET", DETAILS % 1, p["token"]).json()
    assert (d["phone"], d["pendingMobileNumber"], d["city"]) == ("44-7000005", "", "Sliema")
    assert gw.outbox(p["id"], "sms") == []
    notice = [m for m in gw.inbox.wait_for(p["email"], 2) if m.subject == "Your mobile number has changed"]
    assert notice and "44-7000005" in notice[-1].body
    assert gw.outbox(p["id"], "email")[-1][3] == "phone_changed"

    brand = new_brand(gw.stack, phone_verification=True)
    q = gw.full_player(brand)
    r = gw.call("PUT", DETAILS % brand, q["token"], {"phone": "44-7000006"})
    assert r.status_code == 403, r.text
    pending = {"2fa-auth-token": r.json()["data"]["2fa_auth_token"]}
    code = gw.last_sms_code(q["id"])
    set_brand(gw.stack, brand, phone_verification=False)
    assert gw.call("PUT", DETAILS % brand, q["token"], {"phone": "44-7000007"}).status_code == 204
    d = gw.call("GET", DETAILS % brand, q["token"]).json()
    assert (d["phone"], d["pendingMobileNumber"]) == ("44-7000007", "")
    assert gw.call("PUT", VALIDATE % brand, body={"sms_code": code}, headers=pending).status_code == 401
    assert gw.call("GET", DETAILS % brand, q["token"]).json()["phone"] == "44-7000007"


def test_a_2fa_player_waits_for_the_code_where_the_brand_does_not_verify_phones(gw):
    p = gw.full_player()
    gw.sql("UPDATE gateway_player SET is_2fa_required = :t WHERE id = :p", t=True, p=p["id"])
    r = gw.call("PUT", DETAILS % 1, p["token"], {"phone": "44-7000008"})
    assert r.status_code == 403 and r.json()["data"]["mobile_number"] == "44-7000008", r.text
    d = gw.call("GET", DETAILS % 1, p["token"]).json()
    assert (d["phone"], d["pendingMobileNumber"]) == ("356-1234567", "44-7000008")
    assert gw.outbox(p["id"], "sms")[-1][1] == "44-7000008"


# Every brand setting is in the audit record; the contact settings are read here.
CONTACT = ("contact_change_reauth", "phone_verification")


def _contact(settings_json: str) -> dict:
    return {k: json.loads(settings_json)[k] for k in CONTACT}


def test_a_brand_can_verify_every_phone_change(gw):
    office = Backoffice(gw.stack)
    try:
        assert office.GetBrandSettings(bo.GetBrandSettingsRequest(brand_id=1)).settings.phone_verification is False
        brand = new_brand(gw.stack, phone_verification=True)
        got = office.GetBrandSettings(bo.GetBrandSettingsRequest(brand_id=brand)).settings
        assert (got.brand_id, got.contact_change_reauth, got.phone_verification) == (brand, False, True)
        entry = office.ListAuditLog(bo.ListAuditLogRequest(subject_type="brand", subject_id=str(brand))).entries[0]
        assert (entry.action, entry.actor) == ("brand.settings", "erin@security")
        assert _contact(entry.before_json) == {"contact_change_reauth": False, "phone_verification": False}
        assert _contact(entry.after_json) == {"contact_change_reauth": False, "phone_verification": True}
        # Unset fields stay as they are; the same value again writes no audit record.
        got = office.UpdateBrandSettings(bo.UpdateBrandSettingsRequest(
            brand_id=brand, contact_change_reauth=True, reason="both")).settings
        assert (got.contact_change_reauth, got.phone_verification) == (True, True)
        office.UpdateBrandSettings(bo.UpdateBrandSettingsRequest(brand_id=brand, phone_verification=True,
                                                                 reason="again"))
        entries = office.ListAuditLog(bo.ListAuditLogRequest(subject_type="brand", subject_id=str(brand))).entries
        assert [e.reason for e in entries] == ["both", "stricter than the vendor"]
        c, s = grpc_error(lambda: office.UpdateBrandSettings(bo.UpdateBrandSettingsRequest(
            brand_id=404404404, phone_verification=True, reason="x")))
        assert (c, reason_of(s)) == (C.NOT_FOUND, "UNKNOWN_BRAND")
    finally:
        office.close()


def test_a_brand_can_require_the_current_password(gw):
    office = Backoffice(gw.stack)
    try:
        assert office.GetBrandSettings(bo.GetBrandSettingsRequest(brand_id=1)).settings.contact_change_reauth is False
        brand = new_brand(gw.stack, reauth=True)
        got = office.GetBrandSettings(bo.GetBrandSettingsRequest(brand_id=brand)).settings
        assert (got.brand_id, got.contact_change_reauth) == (brand, True)
        entry = office.ListAuditLog(bo.ListAuditLogRequest(subject_type="brand", subject_id=str(brand))).entries[0]
        assert (entry.action, entry.actor, entry.reason) == ("brand.settings", "erin@security",
                                                             "stricter than the vendor")
        assert _contact(entry.before_json) == {"contact_change_reauth": False, "phone_verification": False}
        assert _contact(entry.after_json) == {"contact_change_reauth": True, "phone_verification": False}
        c, s = grpc_error(lambda: office.UpdateBrandSettings(bo.UpdateBrandSettingsRequest(
            brand_id=404404404, contact_change_reauth=True, reason="x")))
        assert (c, reason_of(s)) == (C.NOT_FOUND, "UNKNOWN_BRAND")
        c, _ = grpc_error(lambda: office.UpdateBrandSettings(bo.UpdateBrandSettingsRequest(
            brand_id=brand, contact_change_reauth=False)))
        assert c == C.INVALID_ARGUMENT  # no reason
    finally:
        office.close()

    p = gw.full_player(brand)
    new = "strict." + p["email"]
    for body, code in (({"email": new, "comment": "test"}, "password_required"),
                       ({"email": new, "password": "Wrong1234"}, "wrong_password")):
        r = gw.call("POST", EMAIL_UPDATE % brand, p["token"], body)
        assert r.status_code == 422 and r.json() == {"result": [{"field": "password", "errorCode": code}]}, r.text
    assert not gw.inbox.to(new)
    r = gw.call("POST", EMAIL_UPDATE % brand, p["token"], {"email": new, "comment": "test", "password": PASSWORD})
    assert r.status_code == 204, r.text
    assert HASH_RE.search(gw.inbox.wait_for(new)[-1].body)

    for body, code in (({"phone": "44-7000003"}, "password_required"),
                       ({"phone": "44-7000003", "password": "Wrong1234"}, "wrong_password")):
        r = gw.call("PUT", DETAILS % brand, p["token"], body)
        assert r.status_code == 422 and r.json() == {"result": [{"field": "password", "errorCode": code}]}, r.text
    assert gw.call("GET", DETAILS % brand, p["token"]).json()["pendingMobileNumber"] == ""
    r = gw.call("PUT", DETAILS % brand, p["token"], {"phone": "44-7000003", "password": PASSWORD})
    assert r.status_code == 204, r.text  # the brand does not verify phones: applied at once
    assert gw.call("GET", DETAILS % brand, p["token"]).json()["phone"] == "44-7000003"
    # Other fields need no password.
    assert gw.call("PUT", DETAILS % brand, p["token"], {"city": "Rabat"}).status_code == 204


@pytest.fixture(params=["sqlite", "postgresql"])
def any_stack(request):
    return request.getfixturevalue("stack" if request.param == "sqlite" else "pg_stack")


def test_pending_contact_changes_and_the_brand_settings_on_both_backends(any_stack, http):
    """The same rules on SQLite and PostgreSQL (mail read from the outbox)."""
    j = Journey(any_stack, http)
    for brand in (1, new_brand(any_stack, reauth=True)):
        p = j.player(brand=brand)
        proof = {"password": PASSWORD} if brand != 1 else {}
        if brand != 1:
            r = j.call("POST", EMAIL_UPDATE % brand, p["token"], {"email": "x." + p["name"] + "@example.com"})
            assert r.status_code == 422 and r.json()["result"][0]["errorCode"] == "password_required"
        new = "new." + p["name"] + "@example.com"
        r = j.call("POST", EMAIL_UPDATE % brand, p["token"], {"email": new, "comment": "moving", **proof})
        assert r.status_code == 204, r.text
        d = j.call("GET", DETAILS % brand, p["token"]).json()
        assert d["eMail"]["eMailAdress"] == p["name"] + "@example.com"
        r = j.call("GET", VERIFY_EMAIL % brand, params={"hash": j.outbox_hashes(p["id"])[-1]})
        assert r.status_code == 200, r.text
        assert j.call("GET", DETAILS % brand, p["token"]).json()["eMail"] == {"eMailAdress": new, "isVerified": True}

        # Verification is not enabled (no 2FA, the brand's default): at once.
        r = j.call("PUT", DETAILS % brand, p["token"], {"phone": "44-7100000", **proof})
        assert r.status_code == 204, r.text
        d = j.call("GET", DETAILS % brand, p["token"]).json()
        assert (d["phone"], d["pendingMobileNumber"]) == ("44-7100000", "")
        assert j.sql("SELECT kind FROM gateway_outbox WHERE player_id = :p ORDER BY id", p=p["id"])[-1][0] == (
            "phone_changed")

    # Verification enabled, by the brand's setting or by the player's 2FA:
    # the new number waits for its code.
    brand = new_brand(any_stack, phone_verification=True)
    two_fa = j.player()
    j.sql("UPDATE gateway_player SET is_2fa_required = :t WHERE id = :p", t=True, p=two_fa["id"])
    for p in (j.player(brand=brand), two_fa):
        r = j.call("PUT", DETAILS % p["brand"], p["token"], {"phone": "44-7100001"})
        assert r.status_code == 403 and r.json()["data"]["mobile_number"] == "44-7100001", r.text
        d = j.call("GET", DETAILS % p["brand"], p["token"]).json()
        assert (d["phone"], d["pendingMobileNumber"]) == ("356-1234567", "44-7100001")
        sent = j.sql("SELECT channel, recipient, kind FROM gateway_outbox WHERE player_id = :p ORDER BY id",
                     p=p["id"])
        assert {("sms", "44-7100001", "sms_code"), ("email", d["eMail"]["eMailAdress"], "phone_changed")} <= set(
            map(tuple, sent))
