"""Helpers for the national self-exclusion register and dormancy tests:
brands of their own (register settings, dormancy period) on a stack, a
launchable game, and players registered through the documented JSON/HTTP."""

from __future__ import annotations

import secrets

from pitboss.backoffice.v1 import backoffice_pb2 as bo
from tests.e2e.journey_support import PASSWORD, V, Backoffice, Journey
from tests.support import free_port
from tests.support.pam_support import db

ELLEN = {"firstName": "Ellen", "lastName": "Exclusion", "birthDate": "29/02/1980"}
ANN = {"firstName": "Ann", "lastName": "Lee", "birthDate": "02/11/1990"}
GAME = "register-roulette"
LISTED = {"result": "self_excluded_register"}
UNAVAILABLE = {"result": "register_unavailable"}


def closed_url() -> str:
    """A loopback URL nothing listens on (the register is down)."""
    return f"http://127.0.0.1:{free_port()}/v1/check"


def new_brand(stack, **settings) -> int:
    """A brand of its own with a launchable game; ``settings``: its columns
    (default: the simulator's register, closed policies)."""
    from server.storage.models import GatewayBrand

    brand = 100 + secrets.randbelow(10**8)
    values = {"register_vendor": "simulator", **settings}
    with db(stack.database_url).session(write=True) as s:
        s.add(GatewayBrand(id=brand, name=f"Licensed casino {brand}", currency="EUR", **values))
    office = Backoffice(stack)
    try:
        office.PutLaunchTemplate(bo.PutLaunchTemplateRequest(
            brand_id=brand, provider="evolution", url_template="https://games.evolution.example/{game_id}?lang={lang}",
            reason="test brand"))
        office.PutCatalogueGame(bo.PutCatalogueGameRequest(game=bo.CatalogueGame(
            brand_id=brand, game_id=GAME, provider="evolution", name="Roulette", enabled=True), reason="test brand"))
    finally:
        office.close()
    return brand


def set_brand(j: Journey, brand: int, **columns) -> None:
    sets = ", ".join(f"{k} = :{k}" for k in columns)
    j.sql(f"UPDATE gateway_brand SET {sets} WHERE id = :brand", brand=brand, **columns)


def step_one(j: Journey, brand: int) -> dict:
    name = "r" + secrets.token_hex(5)
    r = j.call("POST", f"/gateway/reg-step-one/{V}/{brand}", body={
        "loginName": name, "email": f"{name}@example.com", "password": PASSWORD, "over18": True,
        "signTNC": True, "signPrivacy": True, "language": "en", "btag": "", "bonusCode": "", "currency": "EUR"})
    assert r.status_code == 200, r.text
    return {"id": r.json()["player_id"], "token": r.json()["auth_token"], "name": name, "brand": brand}


def step_two(j: Journey, p: dict, who: dict):
    return j.call("POST", f"/gateway/reg-step-two/{V}/{p['brand']}", body={
        "auth_token": p["token"], **who, "gender": "F", "language": "en", "country": "GB", "city": "London",
        "address": "1 Road", "zipCode": "N1 1AA", "mobileNumber": "44-1234567"})


def login(j: Journey, p: dict):
    return j.call("POST", f"/gateway/login/{V}/{p['brand']}/player",
                  body={"user_name": p["name"], "password": PASSWORD, "language": "en"})


def ready_player(j: Journey, brand: int, who: dict = ANN) -> dict:
    """Registered (both steps), email verified, logged in."""
    p = step_one(j, brand)
    r = step_two(j, p, who)
    assert r.status_code == 200, r.text
    r = j.call("GET", f"/gateway/admission/{V}/verify/email/{brand}", params={"hash": j.outbox_hashes(p["id"])[-1]})
    assert r.status_code == 200, r.text
    r = login(j, p)
    assert r.status_code == 200, r.text
    return {**p, "token": r.json()["auth_token"]}


def become(j: Journey, p: dict, who: dict, stale: bool = False) -> None:
    """The register now lists (or not) the person of ``p``: her details are
    ``who``'s; ``stale``: her last answer is older than 24 hours."""
    d, m, y = who["birthDate"].split("/")
    j.sql("UPDATE gateway_player_details SET first_name = :f, last_name = :l, birthdate = :b WHERE player_id = :p",
          f=who["firstName"], l=who["lastName"], b=f"{y}-{m}-{d}", p=p["id"])
    if stale:
        j.sql("UPDATE gateway_player SET register_checked_at = NULL WHERE id = :p", p=p["id"])


def events(j: Journey, p: dict) -> list[tuple]:
    return [tuple(r) for r in j.sql("SELECT door, answer, outcome FROM gateway_register_event WHERE player_id = :p"
                                    " ORDER BY id", p=p["id"])]
